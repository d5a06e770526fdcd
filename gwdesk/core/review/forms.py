"""Storing and finding 公文公开发布意见单: create (编号 per year), save, get, list, counts."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import peewee

from gwdesk.core import formdef, inputs
from gwdesk.core.formdef import FormDef
from gwdesk.core.review import validate
from gwdesk.core.review.last_step import PUBLISHED, REGISTERED
from gwdesk.errors import ConflictError, GwdeskError, ValidationFailed
from gwdesk.store import concurrency
from gwdesk.store.base import db
from gwdesk.store.review_models import ReviewForm, ReviewStatusLog

DRAFT, PENDING, APPROVED, VOID = "草稿", "待审核", "已审定", "作废"
# 已公开 after 登记公开, 已登记 after the 登记 of a 依申请公开 or 不予公开 document (gwdesk.core.review.last_step)
STATUSES = [DRAFT, PENDING, APPROVED, PUBLISHED, REGISTERED, VOID]
SIGNED = (APPROVED, PUBLISHED, REGISTERED)  # signed off: issued, in the registers
FINAL = (PUBLISHED, REGISTERED, VOID)  # nothing more to do
# The stage a form in each status must satisfy (see validate.check); saving keeps it satisfied.
STATUS_STAGE = {PENDING: "submit", APPROVED: "approve", PUBLISHED: "publish", REGISTERED: "publish"}


@dataclass
class Form:
    """One opinion form; `values` by field key, `signoffs` by sign-off role key."""

    id: int | None = None
    number: str = ""
    year: int = 0
    seq: int = 0
    status: str = DRAFT
    values: dict[str, Any] = field(default_factory=dict)
    signoffs: dict[str, dict] = field(default_factory=dict)
    created_at: str = ""
    updated_at: str = ""
    version: int | None = None  # the stored version this copy was read at (None: not read from the store)

    def get(self, key: str, default: Any = None) -> Any:
        if key == "number":
            return self.number or default
        v = self.values.get(key)
        return default if v is None else v

    @property
    def title(self) -> str:
        return self.values.get("title") or ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Form":
        """A form from exported JSON: {"number", "status", "values", "signoffs"} or a bare values dict."""
        if not isinstance(data, dict):
            raise GwdeskError("意见单数据应为 JSON 对象")
        if "values" in data:
            values = data.get("values") or {}
            signoffs = data.get("signoffs") or {}
        else:
            values = {k: v for k, v in data.items() if k not in ("number", "status", "signoffs")}
            signoffs = data.get("signoffs") or {}
        if not isinstance(values, dict) or not isinstance(signoffs, dict):
            raise GwdeskError("意见单数据中的 values 和 signoffs 应为 JSON 对象")
        problems = [p for k, v in values.items() for p in _value_problems(k, v)]
        problems += [p for k, v in signoffs.items() for p in _signoff_problems(k, v)]
        if problems:
            raise GwdeskError("意见单数据有误：" + "；".join(problems[:8]) + ("等" if len(problems) > 8 else ""))
        values = {k: _clean(v) for k, v in values.items()}
        signoffs = {k: _clean(v) for k, v in signoffs.items()}
        number = inputs.clean_text(data.get("number") or values.get("number") or "", multiline=False)
        return cls(number=number, status=str(data.get("status") or DRAFT), values=values, signoffs=signoffs)


SIGNOFF_TEXTS = ("choice", "opinion", "signer", "date", "reason")


def _value_problems(key: str, v: Any) -> list[str]:
    """A field's value as JSON may hold: text, a number, true/false, a list of texts, or null."""
    if v is None or isinstance(v, (str, bool, int, float)):
        return []
    if isinstance(v, list) and all(isinstance(x, (str, int, float)) for x in v):
        return []
    kind = "对象" if isinstance(v, dict) else "列表（含非文本项）" if isinstance(v, list) else type(v).__name__
    return [f"字段“{key}”的值是{kind}，应为文本、数字、true/false 或文本列表"]


def _signoff_problems(role: str, v: Any) -> list[str]:
    """A sign-off is an object such as {"choice": "同意", "opinion": "", "signer": "王建华", "date": "2026-11-10"}."""
    if v is None:
        return []
    if not isinstance(v, dict):
        shown = f"“{v}”" if isinstance(v, str) else json.dumps(v, ensure_ascii=False)[:40]
        return [f"签署“{role}”应为对象（如 {{\"choice\": \"同意\", \"signer\": \"…\", \"date\": \"2026-11-10\"}}），"
                f"现为{shown}"]
    out = []
    for name in SIGNOFF_TEXTS:
        x = v.get(name)
        if x is not None and not isinstance(x, str):
            out.append(f"签署“{role}”的 {name} 应为文本，现为 {json.dumps(x, ensure_ascii=False)[:40]}")
    date = v.get("date")
    if isinstance(date, str) and date.strip():
        day = validate.parse_date(date)
        if day is None:
            out.append(f"签署“{role}”的日期“{date[:20]}”不是有效日期（应为 2026-11-10 这样的日期）")
        elif not inputs.date_ok(day):
            out.append(f"签署“{role}”的{inputs.date_problem(day, '日期')}")
    return out


def _clean(v: Any) -> Any:
    """Text inside a form's JSON with Word's control characters normalised (lists and boxes too)."""
    if isinstance(v, str):
        return inputs.clean_text(v)
    if isinstance(v, list):
        return [_clean(x) for x in v]
    if isinstance(v, dict):
        return {k: _clean(x) for k, x in v.items()}
    return v


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _row_to_form(row: ReviewForm) -> Form:
    data = json.loads(row.data or "{}")
    return Form(id=row.id, number=row.number, year=row.year, seq=row.seq, status=row.status,
                values=data.get("values", {}), signoffs=data.get("signoffs", {}),
                created_at=row.created_at, updated_at=row.updated_at, version=row.version)


def _answer(value: Any) -> bool | None:
    """A 是/否 question as stored: True, False, or None when not answered (规范性文件, schema 15)."""
    return None if value is None else bool(value)


def _columns(definition: FormDef, values: dict[str, Any]) -> dict[str, Any]:
    """The indexed columns kept beside the JSON."""
    def s(key: str) -> str:
        v = values.get(key)
        return "" if v is None else str(v)

    def d(key: str) -> str | None:
        parsed = validate.parse_date(values.get(key))
        return parsed.isoformat() if parsed else None

    return dict(title=s("title"), doc_number=s("doc_number"), dept=s("dept"), drafter=s("drafter"),
                attribute=s("attribute"), normative=_answer(values.get("normative")),
                doc_date=d("doc_date"), planned_date=d("planned_date"), published_date=d("published_date"))


def next_number(year: int) -> tuple[int, str]:
    """The year's next 编号, taken from its counter: call inside the transaction that saves the form (two
    clerks saving at once get two numbers, and an aborted save gives its number back)."""
    def taken() -> int:
        return ReviewForm.select(peewee.fn.MAX(ReviewForm.seq)).where(ReviewForm.year == year).scalar() or 0
    seq = concurrency.next_value(f"review_form:{year}", taken)
    return seq, f"{year}-{seq:03d}"


def create(ctx, values: dict[str, Any] | None = None, signoffs: dict | None = None,
           definition: FormDef | None = None, year: int | None = None) -> Form:
    """A new 草稿 with the next 编号 of the year (ctx.today()'s year unless given)."""
    definition = definition or formdef.load()
    values = validate.normalise(definition, values or {})
    year = year or ctx.today().year
    now = _now()
    with db.atomic():
        seq, number = next_number(year)
        values["number"] = number
        row = ReviewForm.create(year=year, seq=seq, number=number, status=DRAFT,
                                data=json.dumps({"values": values, "signoffs": _clean(signoffs or {})}, ensure_ascii=False),
                                created_at=now, updated_at=now, **_columns(definition, values))
    return _row_to_form(row)


def get(form_id: int) -> Form:
    row = ReviewForm.get_or_none(ReviewForm.id == form_id)
    if row is None:
        raise GwdeskError(f"找不到意见单（id={form_id}），可能已被删除")
    return _row_to_form(row)


def save(ctx, form: Form, definition: FormDef | None = None) -> Form:
    """Store the form's values and sign-offs. A form past 草稿 must still satisfy its status."""
    definition = definition or formdef.load()
    if form.id is None:
        return create(ctx, form.values, form.signoffs, definition)
    current = get(form.id)
    if current.status == VOID:
        raise GwdeskError("已作废的意见单不能修改")
    values = validate.normalise(definition, form.values)
    values["number"] = current.number
    stage = STATUS_STAGE.get(current.status)
    if stage:
        rep = validate.check(definition, values, form.signoffs, stage, validate.stored_context())
        if not rep.ok:
            raise ValidationFailed(f"意见单处于“{current.status}”状态，修改后缺项或有误，未保存",
                                   rep.problem_texts())
    now = _now()
    what = f"意见单 {current.number}"
    if form.version is not None and form.version != current.version:
        theirs = current
        raise ConflictError(f"{what}已被其他同事修改（您打开时是第 {form.version} 版，现在是第 {theirs.version} 版），"
                            "您的修改尚未保存。", current=theirs,
                            differences=differences(definition, form, theirs))
    data = json.dumps({"values": values, "signoffs": _clean(form.signoffs)}, ensure_ascii=False)
    try:
        version = concurrency.checked_update(ReviewForm, form.id, form.version, what, data=data, updated_at=now,
                                             **_columns(definition, values))
    except ConflictError as e:  # saved by another clerk between the read above and this write
        theirs = get(form.id)
        raise ConflictError(e.message, current=theirs, differences=differences(definition, form, theirs)) from None
    if form.version is None:  # written over whatever was there (以我的为准): read back what is stored now
        return get(form.id)
    # written at the version `current` was read at (every status move changes the version): the stored form is
    # `current` with what was written, no need to read it back (one round trip less on a 单位共享数据库)
    stored = json.loads(data)
    return Form(id=form.id, number=current.number, year=current.year, seq=current.seq, status=current.status,
                values=stored.get("values", {}), signoffs=stored.get("signoffs", {}), created_at=current.created_at,
                updated_at=now, version=version)


def differences(definition: FormDef, mine: Form, theirs: Form) -> list[tuple[str, str, str]]:
    """(field label, my value, their value) for each field and sign-off that differs, in the form's order."""
    def show(v: Any) -> str:
        if v is None or v == "" or v == []:
            return "（空）"
        if isinstance(v, bool):
            return "是" if v else "否"
        if isinstance(v, list):
            return "、".join(str(x) for x in v)
        if isinstance(v, dict):
            return "；".join(f"{k}：{show(x)}" for k, x in v.items() if x not in (None, "", []))
        return str(v)

    out = []
    labels = {f.key: f.label for f in definition.fields}
    roles = {r.key: r.role for r in definition.signoffs}
    for key in list(dict.fromkeys([*labels, *mine.values, *theirs.values])):
        if key == "number":
            continue
        a, b = mine.values.get(key), theirs.values.get(key)
        if (a or None) != (b or None):
            out.append((labels.get(key, key), show(a), show(b)))
    for key in dict.fromkeys([*mine.signoffs, *theirs.signoffs]):
        a, b = mine.signoffs.get(key) or {}, theirs.signoffs.get(key) or {}
        if a != b:
            out.append((f"{roles.get(key, key)}意见", show(a), show(b)))
    if mine.status != theirs.status:
        out.append(("状态", mine.status, theirs.status))
    return out


def delete(form_id: int) -> None:
    """Only a 草稿 may be deleted; anything further along is 作废 instead (kept for the record)."""
    form = get(form_id)
    if form.status != DRAFT:
        raise GwdeskError("只有草稿可以删除；已送审的意见单请作废")
    with db.atomic():
        if ReviewForm.delete().where((ReviewForm.id == form_id) & (ReviewForm.status == DRAFT)).execute():
            # the year's last number, deleted, is given again (as before the counter); any other stays a gap
            concurrency.give_back(f"review_form:{form.year}", form.seq)


@dataclass(slots=True)
class ListRow:
    """One line of the list, read from the indexed columns only (slots: 2,000 of them on the first screen)."""

    id: int
    number: str
    year: int
    title: str
    doc_number: str
    dept: str
    drafter: str
    status: str
    attribute: str
    normative: bool | None  # None: not answered (未填)
    doc_date: str | None
    planned_date: str | None
    published_date: str | None
    updated_at: str
    draft_key: str = ""  # a new form never saved, listed from its autosaved draft (id is None then)


def list_forms(year: int | None = None, status: str | None = None, attribute: str | None = None,
               dept: str | None = None, search: str = "") -> list[ListRow]:
    q = ReviewForm.select(ReviewForm.id, ReviewForm.number, ReviewForm.year, ReviewForm.title,
                          ReviewForm.doc_number, ReviewForm.dept, ReviewForm.drafter, ReviewForm.status,
                          ReviewForm.attribute, ReviewForm.normative, ReviewForm.doc_date,
                          ReviewForm.planned_date, ReviewForm.published_date, ReviewForm.updated_at)
    if year:
        q = q.where(ReviewForm.year == year)
    if status:
        q = q.where(ReviewForm.status == status)
    if attribute:
        q = q.where(ReviewForm.attribute == attribute)
    if dept:
        q = q.where(ReviewForm.dept == dept)
    for word in search.split():
        q = q.where(ReviewForm.title.contains(word) | ReviewForm.doc_number.contains(word)
                    | ReviewForm.drafter.contains(word) | ReviewForm.number.contains(word))
    q = q.order_by(ReviewForm.year.desc(), ReviewForm.seq.desc())
    # the driver's rows as they come (every column here is text, but the year and 规范性文件): thousands of forms
    # without peewee's per-value conversion (issue 25: the first screen's list)
    return [ListRow(i, number, int(year), title, doc_number, dept, drafter, status, attribute, _answer(normative),
                    doc_date, planned, published, updated)
            for (i, number, year, title, doc_number, dept, drafter, status, attribute, normative, doc_date, planned,
                 published, updated) in db.execute(q)]


def planned_dates_to_publish(year: int | None = None) -> list[str | None]:
    """拟公开日期 as stored of the 已审定 forms meant for publication (主动公开、删减后公开), of one year or all: what
    the list's 逾期未公开 count reads (not every column of every such form)."""
    q = ReviewForm.select(ReviewForm.planned_date).where(
        (ReviewForm.status == APPROVED) & ReviewForm.attribute.in_(["主动公开", "删减后公开"]))
    if year:
        q = q.where(ReviewForm.year == year)
    return [p for (p,) in db.execute(q)]


def counts_by_status(year: int | None = None) -> dict[str, int]:
    """{status: count} over one year (or all), by SQL GROUP BY; every status present."""
    q = ReviewForm.select(ReviewForm.status, peewee.fn.COUNT(ReviewForm.id).alias("n"))
    if year:
        q = q.where(ReviewForm.year == year)
    found = {r["status"]: r["n"] for r in q.group_by(ReviewForm.status).dicts()}
    return {s: found.get(s, 0) for s in STATUSES}


def years() -> list[int]:
    return [r.year for r in ReviewForm.select(ReviewForm.year).distinct().order_by(ReviewForm.year.desc())]


def departments() -> list[str]:
    q = ReviewForm.select(ReviewForm.dept).where(ReviewForm.dept != "").distinct().order_by(ReviewForm.dept)
    return [r.dept for r in q]


def doc_number_users(doc_number: str | None, exclude_id: int | None = None) -> list[str]:
    """编号 of the unit's other forms (not 作废) that already carry this 发文字号."""
    number = validate.normalise_doc_number(doc_number or "")
    if not number:
        return []
    q = ReviewForm.select(ReviewForm.number).where((ReviewForm.doc_number == number) & (ReviewForm.status != VOID))
    if exclude_id is not None:
        q = q.where(ReviewForm.id != exclude_id)
    return [r.number for r in q.order_by(ReviewForm.year, ReviewForm.seq)]


def history(form_id: int) -> list[ReviewStatusLog]:
    return list(ReviewStatusLog.select().where(ReviewStatusLog.form == form_id).order_by(ReviewStatusLog.id))
