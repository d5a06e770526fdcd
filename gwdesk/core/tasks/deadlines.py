"""完成时限 phrases → a due date, a recurrence or “ongoing”; what cannot be read stays text.

Handles what task lists really write, in a 完成时限 cell or inside the measure text:
2021年6月底前 · 6月底前 (year of the list) · 年底前 · 2020年年底前 (its own year wins) · 到2023年 ·
2022年1月5日前 · 6月10日前 · 三季度末 · 上半年 · 3个月内 (counted from the list's issue date) · 每月月底 · 每月8日前 · 每季度 ·
长期坚持 · 持续推进 · 全年 / 年内 (the year's last day). 6月10日至7月10日 (a range) and 1个工作日内 (relative)
stay text, flagged. 2021年8月前 / 8月份前 (no 底/末) is read as before August begins (07-31: early, never late) and
flagged for the clerk to check. Several dates: the last closes the task, the earlier ones are its milestones.

The words (前/底/末/以前, 季度 and 半年, 长期/持续/全年, range separators, recurring phrases…) are the vocabulary's
(core/tasks/vocabulary.py, “deadlines”); the patterns here are built from them, so a new wording is a word there.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from gwdesk.core import inputs, lazy_re
from gwdesk.core.tasks.vocabulary import (
    BEFORE_WORDS,
    BY_QUARTER_WORDS,
    BY_YEAR_WORDS,
    CN_DIGITS,
    CN_NUMBERS,
    DAY_WORDS,
    EVERY_HALF_YEAR_WORDS,
    EVERY_MONTH_WORDS,
    EVERY_QUARTER_WORDS,
    EVERY_YEAR_END_WORDS,
    EVERY_YEAR_WORDS,
    HALF_YEARS,
    IN_YEAR_WORDS,
    ISO_DATE_SEPARATORS,
    MONTH_DONE_VERBS,
    MONTHS_WITHIN_WORDS,
    ONGOING_SET_APART_WORDS,
    ONGOING_WORDS,
    PERIOD_END_WORDS,
    QUARTER_DAY_ANCHORS,
    QUARTER_NUMBERS,
    QUARTER_WORDS,
    RANGE_SEPARATORS,
    RECURRING_BEFORE_WORDS,
    RELATIVE_DAY_UNITS,
    TEXT_YEAR_WORDS,
    UNTIL_WORDS,
    WHOLE_YEAR_WORDS,
    WITHIN_WORDS,
    WITHIN_YEAR_WORDS,
    YEAR_END_WORDS,
    alternation,
)

Kind = Literal["date", "recurring", "ongoing", "text", "none"]

def _any_of(*groups) -> str:
    """A non-capturing group matching any word of `groups` (vocabulary tuples / dict keys), longest first."""
    return f"(?:{alternation(*groups)})"


# the patterns below are built from the vocabulary's words (core/tasks/vocabulary.py): a new wording of a 时限 is
# a word added there plus a test; the shapes (year, month, day in digits) stay here
_Y = r"(\d{4})\s*年"  # 2021年 (its year a group)
_N = r"(\d{1,2})"  # a month's or a day's number (a group)
_D = _any_of(DAY_WORDS)  # 日 / 号
_END = _any_of(PERIOD_END_WORDS)  # 底 / 末
_PRE = _any_of(BEFORE_WORDS)  # 前 / 之前 / 以前
_RPRE = _any_of(RECURRING_BEFORE_WORDS)
_MON = r"月(?:份)?"  # 8月 / 8月份

_FULL_DATE = lazy_re.compile(rf"{_Y}\s*{_N}\s*月\s*{_N}\s*{_D}{_any_of(BEFORE_WORDS, UNTIL_WORDS)}?")
# “2021年8月前” / “8月份前” (no 底/末): before August begins — offices also write it meaning “by August”, so the
# earlier reading (07-31) is taken and flagged: a reminder a month early, never one too late
_FULL_MONTH_BEFORE = lazy_re.compile(rf"{_Y}\s*{_N}\s*{_MON}{_PRE}")
_MONTH_BEFORE = lazy_re.compile(rf"(?<![\d年每]){_N}\s*{_MON}{_PRE}")
_FULL_MONTH_END = lazy_re.compile(rf"{_Y}\s*{_N}\s*月{_any_of(PERIOD_END_WORDS, ('份',))}?{_PRE}?")
_FULL_YEAR_END = lazy_re.compile(rf"{_Y}(?:年)?{_END}{_PRE}?")
# “到2023年” / “2023年内”: the whole year (not “2023年5月…”, read above)
_BY_YEAR = lazy_re.compile(rf"{_any_of(BY_YEAR_WORDS)}\s*{_Y}{_any_of(IN_YEAR_WORDS)}?{_PRE}?|{_Y}{_any_of(IN_YEAR_WORDS)}")
_DAY = rf"\d{{1,2}}\s*{_D}"
_RANGE = lazy_re.compile(rf"(?:\d{{4}}\s*年\s*)?\d{{1,2}}\s*月(?:\s*{_DAY})?\s*{_any_of(RANGE_SEPARATORS)}+\s*"
                         rf"(?:\d{{4}}\s*年\s*)?\d{{1,2}}\s*月(?:\s*{_DAY}|{_END})?")
_RELATIVE = lazy_re.compile(rf"(\d{{1,3}}|[{CN_DIGITS}]{{1,3}})\s*个?\s*({alternation(RELATIVE_DAY_UNITS)})"
                            rf"{_any_of(WITHIN_WORDS)}")
_ISO_SEP = "[" + re.escape("".join(ISO_DATE_SEPARATORS)) + "]"
_ISO = lazy_re.compile(rf"(\d{{4}}){_ISO_SEP}{_N}{_ISO_SEP}{_N}")
_EVERY_MONTH = _any_of(EVERY_MONTH_WORDS)
_EVERY_QUARTER_ = _any_of(EVERY_QUARTER_WORDS)
_EVERY_MONTH_END = lazy_re.compile(rf"{_EVERY_MONTH}(?:月)?{_END}{_RPRE}?")
_EVERY_MONTH_DAY = lazy_re.compile(rf"{_EVERY_MONTH}{_N}\s*{_D}{_PRE}?")
_EVERY_QUARTER_DAY = lazy_re.compile(rf"{_EVERY_QUARTER_}{_any_of(QUARTER_DAY_ANCHORS)}?{_N}\s*{_D}{_PRE}?")
_EVERY_QUARTER = lazy_re.compile(rf"{_EVERY_QUARTER_}{_END}?|{alternation(BY_QUARTER_WORDS)}")
_EVERY_HALF = lazy_re.compile(alternation(EVERY_HALF_YEAR_WORDS))
_EVERY_YEAR_END = lazy_re.compile(rf"{_any_of(EVERY_YEAR_WORDS)}(?:年)?{_any_of(EVERY_YEAR_END_WORDS)}{_RPRE}?")
_MONTH_DAY = lazy_re.compile(rf"(?<![\d年]){_N}\s*月\s*{_N}\s*{_D}{_PRE}?")
_MONTH_END = lazy_re.compile(rf"(?<![\d年每]){_N}\s*月{_END}{_PRE}?")
# “9月投入使用”, “6月完成”, “3月份开工” in a 时限 cell: done within that month
_MONTH_DONE = lazy_re.compile(rf"(?<![\d年每]){_N}\s*{_MON}(?={alternation(MONTH_DONE_VERBS)})")
_YEAR_END = lazy_re.compile(rf"(?<!\d){_any_of(YEAR_END_WORDS)}{_PRE}?|{alternation(WITHIN_YEAR_WORDS)}")
_WHOLE_YEAR = lazy_re.compile(rf"(?<![\d每]){_any_of(WHOLE_YEAR_WORDS)}")  # “全年持续” stays ongoing (see _dates)
_WITHIN = lazy_re.compile(rf"(\d{{1,2}}|[{CN_DIGITS}]{{1,2}})\s*{_any_of(MONTHS_WITHIN_WORDS)}")
_ONGOING = lazy_re.compile(alternation(ONGOING_WORDS))
# “三季度末前”, “第一季度”, “2022年二季度”, “上半年完成”: the quarter's or half-year's last day. “三季度前” (before
# the quarter, or before its end?) and “上半年前” are not read: they stay text for the clerk.
_BEFORE = rf"(?:{_END}{_PRE}?|(?!{_PRE}))"
_QUARTER = lazy_re.compile(rf"(?:{_Y}\s*)?(?<!每)第?({alternation(QUARTER_NUMBERS)}){_any_of(QUARTER_WORDS)}{_BEFORE}")
_HALF = lazy_re.compile(rf"(?:{_Y}\s*)?({alternation(HALF_YEARS)}){_BEFORE}")

# One pattern for spotting deadline phrases inside a longer measure text.
_ANY = lazy_re.compile("|".join(p.pattern for p in (
    _FULL_DATE, _FULL_YEAR_END, _FULL_MONTH_END, _EVERY_MONTH_END, _EVERY_MONTH_DAY, _EVERY_QUARTER_DAY,
    _EVERY_QUARTER, _MONTH_DAY, _MONTH_END, _WITHIN)) + "|" + alternation(TEXT_YEAR_WORDS))


@dataclass(frozen=True)
class Deadline:
    text: str
    kind: Kind
    due: dt.date | None = None
    recurrence: str = ""  # monthly:end · monthly:8 · quarterly · quarterly:25 · half-yearly · yearly:end
    note: str = ""  # why a phrase stayed text (e.g. 3个月内 without an issue date), or what to check in a date
    flag: str = ""  # range (6月10日至7月10日) · relative (1个工作日内): text the clerk should turn into a date;
    # before-month (8月前 read as 07-31): a date the clerk should check
    milestones: tuple[dt.date, ...] = ()  # earlier dates in the same cell (2月公布预算，8月公布决算), ascending

    @property
    def label(self) -> str:
        """Short Chinese label for lists: 2021-06-30 / 每月8日前 / 长期 / the text itself."""
        if self.kind == "date" and self.due:
            return self.due.isoformat()
        if self.kind == "recurring":
            return recurrence_label(self.recurrence)
        if self.kind == "ongoing":
            return "长期"
        return self.text


def recurrence_label(rec: str) -> str:
    kind, _, day = rec.partition(":")
    if kind == "monthly":
        return "每月月底" if day == "end" else f"每月{day}日前"
    if kind == "quarterly":
        return f"每季度末月{day}日前" if day else "每季度"
    if kind == "half-yearly":
        return "每半年"
    if kind == "yearly":
        return "每年年底"
    return rec


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _safe_month_end(y: int, m: int) -> dt.date | None:
    return month_end(y, m) if 1 <= m <= 12 and 1 <= y <= 9999 else None


def _cn_int(s: str) -> int | None:
    return int(s) if s.isdigit() else CN_NUMBERS.get(s)


def _before_month(y: int, m: int) -> dt.date | None:
    return dt.date(y, m, 1) - dt.timedelta(days=1) if 1 <= m <= 12 and 1 < y <= 9999 else None


def _dates(text: str, year: int | None, issued_on: dt.date | None) -> tuple[list[dt.date], str, list[str]]:
    """Every explicit or year-relative date in `text`, consuming the longer phrases first; and the phrases read
    as “before the month begins”."""
    found: list[dt.date] = []
    note = ""
    before: list[str] = []

    def before_month(m: re.Match, y: int | None) -> dt.date | None:
        d = _before_month(y, int(m[2] if m.re.pattern == _FULL_MONTH_BEFORE.pattern else m[1])) if y else None
        if d is not None:
            before.append(m.group(0))
        return d

    def take(pattern: re.Pattern, fn) -> None:
        nonlocal text
        def repl(m):
            nonlocal note
            d = fn(m)
            if d is not None and inputs.date_ok(d):
                found.append(d)
            elif d is not None:
                note = f"“{m.group(0)}”超出可登记的日期范围（{inputs.RANGE_TEXT}），未作为期限"
            return "\0" * len(m.group(0))
        text = pattern.sub(repl, text)

    take(_FULL_DATE, lambda m: _safe_date(int(m[1]), int(m[2]), int(m[3])))
    take(_ISO, lambda m: _safe_date(int(m[1]), int(m[2]), int(m[3])))
    take(_FULL_YEAR_END, lambda m: _safe_date(int(m[1]), 12, 31))
    take(_FULL_MONTH_BEFORE, lambda m: before_month(m, int(m[1])))
    take(_FULL_MONTH_END, lambda m: _safe_month_end(int(m[1]), int(m[2])))
    take(_BY_YEAR, lambda m: dt.date(int(m[1] or m[2]), 12, 31))
    # recurring phrases are not dates; blank them so 每月8日前 is not read as “8日”
    for p in (_EVERY_MONTH_END, _EVERY_MONTH_DAY, _EVERY_QUARTER_DAY, _EVERY_QUARTER, _EVERY_YEAR_END):
        text = p.sub(lambda m: "\0" * len(m.group(0)), text)
    for pattern, month in ((_QUARTER, lambda m: 3 * QUARTER_NUMBERS[m[2]]), (_HALF, lambda m: HALF_YEARS[m[2]])):
        take(pattern, lambda m, month=month: _safe_month_end(int(m[1]) if m[1] else year, month(m))
             if (m[1] or year) else None)
    if year:
        take(_MONTH_DAY, lambda m: _safe_date(year, int(m[1]), int(m[2])))
        take(_MONTH_END, lambda m: _safe_month_end(year, int(m[1])))
        take(_MONTH_BEFORE, lambda m: before_month(m, year))
        take(_MONTH_DONE, lambda m: _safe_month_end(year, int(m[1])))
        take(_YEAR_END, lambda m: dt.date(year, 12, 31))
        if not _ONGOING.search(text):
            take(_WHOLE_YEAR, lambda m: dt.date(year, 12, 31))
    for m in _WITHIN.finditer(text):
        n = _cn_int(m[1])
        if n and issued_on and inputs.date_ok(issued_on) and n <= 120:
            found.append(add_months(issued_on, n))
        elif n:
            note = f"“{m[0]}”需要印发日期才能推算"
    return found, note, before


def parse(text: str | None, *, year: int | None = None, issued_on: dt.date | None = None) -> Deadline:
    """Read a 完成时限 phrase. `year` is the list's year; `issued_on` its issue date (for N个月内)."""
    raw = (text or "").strip()
    if not raw:
        return Deadline("", "none")
    if year is None and issued_on is not None:
        year = issued_on.year
    m = _RANGE.search(raw)
    if m:
        return Deadline(raw, "text", note=f"“{m[0]}”是一个时间段，请设定计划完成日期", flag="range")
    dates, note, before = _dates(raw, year, issued_on)
    if dates:
        due = max(dates)  # several dates: the last one closes the task, the earlier ones are milestones
        milestones = tuple(sorted({d for d in dates if d < due}))
        if before:
            return Deadline(raw, "date", due, milestones=milestones, flag="before-month",
                            note="、".join(f"“{b}”" for b in before) + "按该月开始之前理解（上月最后一天），"
                                 "如指该月底前请改计划完成日期")
        return Deadline(raw, "date", due, milestones=milestones)
    m = _EVERY_MONTH_DAY.search(raw)
    if m and 1 <= int(m[1]) <= 31:
        return Deadline(raw, "recurring", recurrence=f"monthly:{int(m[1])}")
    if _EVERY_MONTH_END.search(raw):
        return Deadline(raw, "recurring", recurrence="monthly:end")
    m = _EVERY_QUARTER_DAY.search(raw)
    if m and 1 <= int(m[1]) <= 31:
        return Deadline(raw, "recurring", recurrence=f"quarterly:{int(m[1])}")
    if _EVERY_QUARTER.search(raw):
        return Deadline(raw, "recurring", recurrence="quarterly")
    if _EVERY_HALF.search(raw):
        return Deadline(raw, "recurring", recurrence="half-yearly")
    if _EVERY_YEAR_END.search(raw):
        return Deadline(raw, "recurring", recurrence="yearly:end")
    m = _RELATIVE.search(raw)
    if m:
        return Deadline(raw, "text", note=f"“{m[0]}”从事项发生之日起算，每次另计", flag="relative")
    if _ONGOING.search(raw):
        return Deadline(raw, "ongoing")
    return Deadline(raw, "text", note=note)


_ONGOING_SET_APART = lazy_re.compile(rf"({alternation(ONGOING_SET_APART_WORDS)})(?=[)）]|[。；;，,.\s]*$)")


def find_in_text(text: str) -> str:
    """The deadline phrases written inside a measure, joined with “；” (empty if none)."""
    seen: list[str] = []
    for m in _ANY.finditer(text or ""):
        phrase = m.group(0).strip()
        if phrase and phrase not in seen:
            seen.append(phrase)
    if not seen:
        # 长期坚持/持续推进 as a time limit closes the text or stands in brackets (“…解读形式（持续推进）”);
        # at a sentence's head it is the verb of the work (“持续推进学前教育普及普惠…”)
        m = _ONGOING_SET_APART.search(text or "")
        if m:
            seen.append(m.group(1))
    return "；".join(seen)


def next_due(recurrence: str, today: dt.date) -> dt.date | None:
    """The next date a recurring task falls due, on or after `today`."""
    kind, _, day = recurrence.partition(":")
    if kind == "monthly":
        if day == "end":
            return month_end(today.year, today.month)
        d = int(day)
        this = dt.date(today.year, today.month, min(d, calendar.monthrange(today.year, today.month)[1]))
        if this >= today:
            return this
        nxt = add_months(dt.date(today.year, today.month, 1), 1)
        return dt.date(nxt.year, nxt.month, min(d, calendar.monthrange(nxt.year, nxt.month)[1]))
    if kind == "quarterly":
        last_month = ((today.month - 1) // 3 + 1) * 3
        if day:
            this = dt.date(today.year, last_month, min(int(day), calendar.monthrange(today.year, last_month)[1]))
            if this >= today:
                return this
            nxt = add_months(dt.date(today.year, last_month, 1), 3)
            return dt.date(nxt.year, nxt.month, min(int(day), calendar.monthrange(nxt.year, nxt.month)[1]))
        return month_end(today.year, last_month)
    if kind == "half-yearly":
        return month_end(today.year, 6 if today.month <= 6 else 12)
    if kind == "yearly":
        return dt.date(today.year, 12, 31)
    return None


def milestones_text(milestones: tuple[dt.date, ...]) -> str:
    """How a task keeps its milestones (schema 12): ISO dates joined by commas, ascending; '' for none."""
    return ",".join(d.isoformat() for d in milestones)


def milestones_from_text(text: str) -> tuple[dt.date, ...]:
    """The milestones `milestones_text` wrote; a part that is no date is left out (a hand-edited database)."""
    out = []
    for part in text.split(","):
        try:
            out.append(dt.date.fromisoformat(part.strip()))
        except ValueError:
            continue
    return tuple(out)
