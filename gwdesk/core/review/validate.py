"""Checking a 公文公开发布意见单 against its definition: what is missing or wrong, and warnings.

Values are a dict keyed by field key: text/textarea/choice/auto → str, date → "YYYY-MM-DD",
multichoice/checklist → list[str], bool → True/False/None. Sign-offs are a dict keyed by the sign-off
role key: {"choice": "同意"|"不同意"|"", "opinion": str, "signer": str, "date": "YYYY-MM-DD"|""}.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from gwdesk.core import dates, inputs, lazy_re
from gwdesk.core.formdef import REASON_SOURCES, Field, FormDef
from gwdesk.core.review import last_step

STAGE_ORDER = {"submit": 0, "approve": 1, "publish": 2}
DEADLINE_WORKDAYS = 20  # 条例第二十六条

_OPEN = "[\\[\\(（【［〔{｛<＜〈《]"
_CLOSE = "[\\]\\)）】］〕}｝>＞〉》]"
_DOC_NO = lazy_re.compile(r"(?P<code>[^〔〕\s]+?)〔(?P<year>\d{4})〕(?P<seq>\d+)号")
_PHONE = lazy_re.compile(r"[0-9\-—+（）() 转]{5,24}")


@dataclass(frozen=True)
class Issue:
    key: str  # field key, or "signoff:<role key>", or "" for the whole form
    text: str


@dataclass
class Report:
    problems: list[Issue] = field(default_factory=list)  # block moving forward
    warnings: list[Issue] = field(default_factory=list)  # shown, do not block

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_texts(self) -> list[str]:
        return [i.text for i in self.problems]

    def warning_texts(self) -> list[str]:
        return [i.text for i in self.warnings]


# --- normalising input -------------------------------------------------------------------------
def normalise_doc_number(text: str) -> str:
    """Full-width, no spaces, and any bracket around the year turned into 〔〕: 青民发[2026]12号 → 青民发〔2026〕12号."""
    s = re.sub(r"[\s\u3000]+", "", text or "")
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return re.sub(_OPEN + r"(\d{2,4})" + _CLOSE, r"〔\1〕", s)


def doc_number_problem(text: str) -> str | None:
    """Why `text` (already normalised) is not 机关代字〔年份〕序号号, or None when it is."""
    m = _DOC_NO.fullmatch(text)
    if not m:
        if re.search(r"〕第\d+号$", text):
            return "发文字号的序号前不加“第”字（如 青民发〔2026〕12号）"
        if re.search(r"〔\d{2}〕", text):
            return "发文字号的年份应标全称（四位数字），如 〔2026〕"
        return "发文字号格式应为“机关代字〔年份〕序号号”，如 青民发〔2026〕12号"
    if m["seq"].startswith("0"):
        return "发文字号的序号不编虚位（1 不编为 01）"
    if not 1949 <= int(m["year"]) <= 2100:
        return "发文字号中的年份不正确"
    return None


# 条例第十四条: only a 法律 or 行政法规 forbids disclosure. A 地方性法规 or 规章 is named after the place or
# the department that made it (《四川省…条例》, 《…市…办法》, 《民政部…规定》).
_LAW_TITLE = lazy_re.compile(r"《([^《》]+)》")
_ARTICLE = lazy_re.compile(r"第[一二三四五六七八九十百零〇两\d]+条")
_PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
              "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
              "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
_LOCAL = lazy_re.compile(rf"^(?:(?:{'|'.join(_PROVINCES)})|[\u4e00-\u9fff]{{2,4}}(?:市|县|自治州|州|盟|旗))")
_RULE_WORDS = lazy_re.compile(r"规章|部令|局令|委令")
_DEPARTMENT = lazy_re.compile(r"^(?!中华人民共和国)[\u4e00-\u9fff]{1,8}?(?:部|委员会|总局|署)[\u4e00-\u9fff]{2,}")


def law_basis_problem(text: str) -> str | None:
    """Why `text` does not name a 法律 or 行政法规 and its article, e.g. 《中华人民共和国统计法》第三十九条."""
    titles = _LAW_TITLE.findall(text)
    if not titles:
        return "请写明禁止公开的法律或行政法规的名称（加书名号），如《中华人民共和国统计法》第三十九条"
    for t in titles:
        if _LOCAL.match(t):
            return (f"《{t}》是地方性法规或地方政府规章，不能作为不予公开的依据（条例第十四条：只有法律、行政法规"
                    f"禁止公开的才不予公开）")
        if _RULE_WORDS.search(text) or _DEPARTMENT.match(t):
            return "规章不能作为不予公开的依据（条例第十四条：只有法律、行政法规禁止公开的才不予公开）"
        if "政府信息公开条例" in t:
            return "此项是条例以外的法律、行政法规；条例本身的理由请在上面勾选"
    if not _ARTICLE.search(text):
        return f"请写明《{titles[0]}》的哪一条（如 第三十九条）"
    return None


def parse_date(value: Any, year: int | None = None) -> dt.date | None:
    """A typed date as gwdesk.core.dates reads it (2026-11-20, 20261120, 2026年11月20日, 11月20日 in `year` …)."""
    return dates.parse(value, year)


def normalise(definition: FormDef, values: dict[str, Any]) -> dict[str, Any]:
    """A cleaned copy: strings stripped, dates as ISO text, 发文字号 brackets fixed, empties as None, a reason
    an older definition named otherwise under its current key."""
    out = dict(values)
    for f in definition.fields:
        v = out.get(f.key)
        if f.type == "files":  # [{"name", "file", "sha256", "size"}] (gwdesk.core.review.attachments)
            out[f.key] = [dict(x) for x in (v or []) if isinstance(x, dict) and x.get("file")] \
                if isinstance(v, list) else []
            continue
        if f.type in ("multichoice", "checklist"):
            if isinstance(v, str):
                v = [v] if v else []
            items = [str(x) for x in (v or []) if str(x).strip()]
            if f.options_from in REASON_SOURCES:
                items = list(dict.fromkeys(definition.reason_key(x) for x in items))
            out[f.key] = items
        elif f.type == "bool":
            if isinstance(v, str):
                v = {"是": True, "否": False, "true": True, "false": False}.get(v.strip().lower(), None)
            out[f.key] = None if v is None else bool(v)
        elif f.type == "date":
            d = parse_date(v)
            out[f.key] = d.isoformat() if d else (str(v).strip() or None if v is not None else None)
        else:
            s = "" if v is None else inputs.clean_text(v, multiline=f.type == "textarea").strip()
            if f.format == "doc_number" and s:
                s = normalise_doc_number(s)
            out[f.key] = s or f.default
    return out


def new_values(definition: FormDef) -> dict[str, Any]:
    """What a new form starts with before the clerk types: the 是/否 answers the definition gives as `default`
    (a choice's default comes through normalise). Any other 是/否 (是否行政规范性文件 in the bundled form) starts
    unanswered (None): no 否 the clerk never chose."""
    return {f.key: f.default for f in definition.fields if f.type == "bool" and f.default is not None}


def _empty(f: Field, v: Any) -> bool:
    if f.type in ("multichoice", "checklist", "files"):
        return not v
    if f.type == "bool":
        return v is None
    return v is None or (isinstance(v, str) and not v.strip())


# --- facts: what the rules may name besides the fields ------------------------------------------
def topic_hits(definition: FormDef, values: dict[str, Any]) -> list[tuple[str, str]]:
    """(topic key, why) for each [[topics]] entry the item falls under: ticked in a field taking its options
    from the topics, or one of its keywords in the 文件标题 or 内容概述 (“标题含“低保””)."""
    ticked = {k for f in definition.fields if f.options_from == "topics" for k in (values.get(f.key) or [])}
    text = f"{values.get('title') or ''}\n{values.get('summary') or ''}"
    out = []
    for t in definition.topics:
        if t.key in ticked:
            out.append((t.key, ""))
            continue
        word = next((w for w in t.keywords if w in text), None)
        if word:
            out.append((t.key, f"标题或概述含“{word}”"))
    return out


def facts(definition: FormDef, values: dict[str, Any], context: dict[str, Any] | None = None,
          signoffs: dict[str, dict] | None = None) -> dict[str, Any]:
    """unit_level from the unit profile (`context`), and art21 / art21_topics: the item falls under a topic
    the unit's level must publish of its own accord (条例第二十一条); signoff_<key>: each step's answer."""
    level = str((context or {}).get("unit_level") or "")
    by_key = {t.key: t for t in definition.topics}
    hits = [(by_key[k], why) for k, why in topic_hits(definition, values) if level in by_key[k].levels]
    out = {"unit_level": level, "art21": bool(hits), "art21_topics": [t.label for t, _ in hits],
           # what a message says: 社会救助（标题或概述含“低保”）, or the topic alone when the clerk ticked it
           "art21_because": [f"{t.label}（{why}）" if why else t.label for t, why in hits],
           "art21_level": any(level in t.levels for t in definition.topics)}
    for role in definition.signoffs:
        out[f"signoff_{role.key}"] = str(((signoffs or {}).get(role.key) or {}).get("choice") or "")
    return out


def unit_context(profile) -> dict[str, Any]:
    """The facts a unit profile (gwdesk.core.units.Profile, or None) gives the rules."""
    return {"unit_level": getattr(profile, "level", "") or ""}


def stored_context() -> dict[str, Any]:
    """unit_context of the unit profile in the open store (for the workflow's own checks)."""
    from gwdesk.core import units  # the store: only when a store is open, never for `review check` on a file
    return unit_context(units.load())


# --- checking ------------------------------------------------------------------------------
def check(definition: FormDef, values: dict[str, Any], signoffs: dict[str, dict] | None = None,
          stage: str = "submit", context: dict[str, Any] | None = None) -> Report:
    """Everything wrong with the form for reaching `stage` (submit / approve / publish). `context` carries
    the unit's level (unit_context) for the rules that depend on it (条例第二十一条)."""
    v = normalise(definition, values)
    v.update(facts(definition, v, context, signoffs))
    signoffs = signoffs or {}
    rep = Report()
    target = STAGE_ORDER[stage]
    publishes = last_step.needs_publication_fields(definition, v)  # 登记 of an unpublished document: no 公开情况
    for f in definition.fields:
        val = v.get(f.key)
        empty = _empty(f, val)
        if f.is_forbidden(v):
            if not empty:
                rep.problems.append(Issue(f.key, f"{_why_forbidden(definition, f, v)}的文件不应填写“{f.label}”"))
            continue
        if empty:
            if f.is_required(v) and STAGE_ORDER[f.stage] <= target and (f.stage != "publish" or publishes):
                rep.problems.append(Issue(f.key, f"缺少：{f.label}"))
            continue
        _check_value(definition, f, val, v, rep)
    for c in definition.constraints:
        if STAGE_ORDER[c.stage] <= target and c.when(v):
            (rep.warnings if c.severity == "warning" else rep.problems).append(Issue(c.field, c.text(v)))
    _check_signoffs(definition, v, signoffs, rep, target)
    return rep


def declined(definition: FormDef, signoffs: dict[str, dict] | None) -> list[tuple[str, str, str]]:
    """(role key, role, reason) for every sign-off that chose the refusing option (不同意)."""
    out = []
    for role in definition.signoffs:
        box = (signoffs or {}).get(role.key) or {}
        if box.get("choice") and box["choice"] in role.options[1:] and box["choice"] not in role.refer:
            out.append((role.key, role.role, str(box.get("opinion") or "").strip()))
    return out


def _why_forbidden(definition: FormDef, f: Field, values: dict[str, Any]) -> str:
    """The value that rules the field out, e.g. 主动公开 (公开属性), 本机关制发 (信息来源), 保密审查为“同意”."""
    names = f.forbidden_when.names if f.forbidden_when is not None else set()
    name = "attribute" if "attribute" in names or not names else sorted(names)[0]
    value = values.get(name)
    role = next((r.role for r in definition.signoffs if f"signoff_{r.key}" == name), None)
    if role:
        return f"{role}为“{value}”" if value else f"{role}未签"
    if isinstance(value, str) and value:
        return value
    if definition.has(name) and definition.field(name).type in ("text", "textarea"):
        return f"未填“{definition.field(name).label}”"
    return "本件"


def _check_value(definition: FormDef, f: Field, val: Any, values: dict[str, Any], rep: Report) -> None:
    if f.type == "date":
        d = parse_date(val)
        if d is None:
            rep.problems.append(Issue(f.key, f"{f.label}不是有效日期（应为 2026-11-20 这样的格式）"))
            return
        if not inputs.date_ok(d):
            rep.problems.append(Issue(f.key, inputs.date_problem(d, f.label)))
            return
        if f.not_before:
            other = parse_date(values.get(f.not_before))
            if other and d < other:
                ref = definition.field(f.not_before).label
                rep.problems.append(Issue(f.key, f"{f.label}（{d.isoformat()}）早于{ref}（{other.isoformat()}）"))
        if f.check == "publish_deadline":
            _check_deadline(definition, f, d, values, rep)
    elif f.type == "choice":
        allowed = [k for k, _ in definition.option_labels(f)]
        if val not in allowed:
            rep.problems.append(Issue(f.key, f"{f.label}的选项“{val}”无效（可选：{'、'.join(allowed)}）"))
    elif f.type == "multichoice":
        allowed = [k for k, _ in definition.option_labels(f)]
        bad = [x for x in val if x not in allowed]
        if bad:
            rep.problems.append(Issue(f.key, f"{f.label}中有无效选项：{'、'.join(bad)}"))
    elif f.type == "files":
        from gwdesk.core.review import attachments  # the data folder: only when a form carries files
        lost = [e.get("name") or e.get("file") for e in val if not attachments.intact(e)]
        if lost:
            rep.problems.append(Issue(f.key, f"{f.label}中的文件在数据文件夹中找不到或已被改动：{'、'.join(lost)}，"
                                             f"请重新添加"))
    elif f.type == "checklist":
        bad = [x for x in val if x not in f.items]
        if bad:
            rep.problems.append(Issue(f.key, f"{f.label}中有无效事项：{'、'.join(bad)}"))
    if f.type == "checklist" and f.is_required(values):
        needed = f.items[: f.required_items] if f.required_items else f.items
        for item in needed:
            if item not in val:
                rep.problems.append(Issue(f.key, f"{f.label}未确认：{item}"))
    if f.type in ("text", "textarea"):
        limit = f.char_limit(values)
        if limit is not None and len(val) > limit:
            rep.problems.append(Issue(f.key, f"{f.label}超过{limit}字（现有{len(val)}字）"))
        if f.format == "doc_number":
            why = doc_number_problem(val)
            if why:
                rep.problems.append(Issue(f.key, why))
        elif f.format == "law_basis":
            why = law_basis_problem(val)
            if why:
                rep.problems.append(Issue(f.key, f"{f.label}：{why}"))
        elif f.format == "phone" and not _PHONE.fullmatch(val):
            rep.problems.append(Issue(f.key, f"{f.label}格式不正确（只能包含数字、空格、括号和连字符）"))


def _check_deadline(definition: FormDef, f: Field, planned: dt.date, values: dict[str, Any],
                    rep: Report) -> None:
    made = parse_date(values.get("doc_date"))
    if made is None:
        return
    try:  # gwdesk.core.workdays needs the store for the user's holiday table; skip the hint without it
        from gwdesk.core.workdays import add_workdays
        limit = add_workdays(made, DEADLINE_WORKDAYS)
    except Exception:  # noqa: BLE001 - a missing calendar only loses a warning
        return
    if planned > limit:
        rep.warnings.append(Issue(
            f.key, f"{f.label}（{planned.isoformat()}）晚于成文后{DEADLINE_WORKDAYS}个工作日"
                   f"（{limit.isoformat()}），不符合条例第二十六条的公开时限"))


def _check_signoffs(definition: FormDef, values: dict[str, Any], signoffs: dict[str, dict],
                    rep: Report, target: int) -> None:
    # a 不同意 needs its reason: it sends the form back to the drafter
    for key, role, reason in declined(definition, signoffs) if STAGE_ORDER["approve"] <= target else []:
        if not reason:
            rep.problems.append(Issue(f"signoff:{key}", f"{role}选择“不同意”，须在意见中写明理由"))
    previous: dt.date | None = None
    for role in definition.signoffs:
        box = signoffs.get(role.key) or {}
        key = f"signoff:{role.key}"
        signed = parse_date(box.get("date"))
        if role.limit_workdays and signed and previous:
            _check_limit(definition, role, values, previous, signed, rep)
        previous = signed or previous
        if STAGE_ORDER[role.stage] > target:
            continue
        if not role.is_required(values) and not box.get("choice"):
            continue
        if not box.get("choice"):
            rep.problems.append(Issue(key, f"缺少签发意见：{role.role}"))
            continue
        if box["choice"] not in role.options:
            rep.problems.append(Issue(key, f"{role.role}的意见“{box['choice']}”无效"))
        elif box["choice"] in role.refer:
            # 条例第十七条: what cannot be settled here goes to the 主管部门 or 保密行政管理部门; the step is done
            # once their answer is recorded
            if _empty(definition.field(role.settled_by), values.get(role.settled_by)):
                rep.problems.append(Issue(key, f"{role.role}为“{box['choice']}”，尚待答复：请记录"
                                               f"“{definition.field(role.settled_by).label}”"))
                continue
        elif box["choice"] != role.options[0]:
            if box.get("opinion"):  # the reason is there: the way on is 退回修改, not a missing item
                rep.problems.append(Issue(key, f"{role.role}意见为“{box['choice']}”（{box['opinion']}），"
                                               f"应退回拟稿人修改"))
            continue
        if not box.get("date"):
            rep.problems.append(Issue(key, f"缺少签发日期：{role.role}"))
        elif not inputs.date_ok(parse_date(box["date"])):
            rep.problems.append(Issue(key, f"{role.role}的签发日期无效（应为{inputs.RANGE_TEXT}的有效日期）"))


def limit_workdays(definition: FormDef, role, values: dict[str, Any]) -> tuple[int, bool]:
    """A step's time limit in working days and whether its extension (extend_workdays) was approved."""
    extended = bool(role.extended_by and not _empty(definition.field(role.extended_by), values.get(role.extended_by)))
    return role.limit_workdays + (role.extend_workdays or 0 if extended else 0), extended


def _check_limit(definition: FormDef, role, values: dict[str, Any], previous: dt.date, signed: dt.date,
                 rep: Report) -> None:
    days, extended = limit_workdays(definition, role, values)
    try:  # as in _check_deadline: the holiday table lives in the store; without it the hint is skipped
        from gwdesk.core.workdays import add_workdays
        limit = add_workdays(previous, days)
    except Exception:  # noqa: BLE001 - a missing calendar only loses a warning
        return
    if signed > limit:
        more = f"（含经批准延长的{role.extend_workdays}个工作日）" if extended else (
            f"；逾期的，可经批准延长{role.extend_workdays}个工作日并在“{definition.field(role.extended_by).label}”中记录"
            if role.extend_workdays else "")
        rep.warnings.append(Issue(f"signoff:{role.key}", f"{role.role}应在{days}个工作日内完成"
                                                         f"（{limit.isoformat()}前），签于{signed.isoformat()}{more}"))


def timed_step(definition: FormDef, signoffs: dict[str, dict] | None) -> tuple | None:
    """(role, the step before it signed on) for the first unsigned step when it has a time limit and the step
    before it is signed; else None. Reads the signatures only: 今日提醒 looks at a form's values (normalised:
    every field) only when this names a step (issue 25)."""
    previous: dt.date | None = None
    for role in definition.signoffs:
        box = (signoffs or {}).get(role.key) or {}
        signed = parse_date(box.get("date"))
        if box.get("choice") or signed:
            previous = signed or previous
            continue
        if role.limit_workdays and previous and role.stage == "approve":
            return role, previous
        return None
    return None


def step_due(definition: FormDef, values: dict[str, Any], signoffs: dict[str, dict] | None) -> list[tuple]:
    """(role, due date, extended) for each unsigned step with a time limit whose step before it is signed:
    what a reminder names while the form waits (the first such step only: the chain is signed in order)."""
    step = timed_step(definition, signoffs)
    if step is None or not step[0].is_required(values):
        return []
    role, previous = step
    days, extended = limit_workdays(definition, role, values)
    from gwdesk.core.workdays import add_workdays
    return [(role, add_workdays(previous, days), extended)]
