"""The ledger: register applications, record their steps, replies and 复议/诉讼 cases, list them with due dates."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from gwdesk.core.applications import (APPLICANT_TYPES, CHANNELS, FEE_METHODS, ID_KINDS, MAX_EXTENSION_DAYS,
                                      OUTCOMES, STEP_KINDS, deadlines, fees, history, ids, outcome_short)
from gwdesk.core import inputs, users
from gwdesk.core.applications.happened import future_problem
from gwdesk.errors import ConflictError, ValidationFailed
from gwdesk.store import concurrency, dialect, driver_rows
from gwdesk.store.applications_models import Application, Reply, Step
from gwdesk.store.base import db

log = logging.getLogger(__name__)

FIELDS = ["number", "received", "channel", "applicant_type", "applicant_name", "id_kind", "id_number",
          "contact", "content", "delivery", "note"]
FIELD_LABELS = dict(zip(FIELDS, ["编号", "收到日期", "渠道", "申请人类型", "申请人姓名或名称", "证件类型",
                                 "证件号码", "联系方式", "申请内容", "获取方式", "备注"]))


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _voided_problem(app: Application) -> list[str]:
    return [f"该申请已于{app.voided[:10]}作废（{app.void_reason}），不能再办理"] if getattr(app, "voided", None) else []


def validate(fields: dict[str, Any], *, existing_id: int | None = None, check_unique: bool = True) -> list[str]:
    """Problems with an application's registration fields (Chinese, one per field, “字段：问题”).

    The editor and the xlsx import both come through here; the import checks 编号 against the ledger
    in one query for the whole file (check_unique=False)."""
    p: list[str] = []
    number = str(fields.get("number") or "").strip()
    if not number:
        p.append("编号：不能为空")
    elif check_unique:
        q = Application.select().where(Application.number == number)
        if existing_id is not None:
            q = q.where(Application.id != existing_id)
        if q.exists():
            p.append(f"编号：“{number}”已被另一件申请使用")
    if not isinstance(fields.get("received"), dt.date):
        p.append("收到日期：不能为空")
    elif not inputs.date_ok(fields["received"]):
        p.append(inputs.date_problem(fields["received"], "收到日期"))
    if fields.get("channel") not in CHANNELS:
        p.append(f"渠道：应为{'、'.join(CHANNELS)}之一")
    if fields.get("applicant_type") not in APPLICANT_TYPES:
        p.append(f"申请人类型：应为{'、'.join(APPLICANT_TYPES)}之一")
    if not str(fields.get("applicant_name") or "").strip():
        p.append("申请人姓名或名称：不能为空")
    kind = fields.get("id_kind") or ""
    if kind not in ID_KINDS:
        p.append(f"证件类型：应为{'、'.join(k for k in ID_KINDS if k)}之一")
    problem = ids.check(kind, str(fields.get("id_number") or ""))
    if problem:
        p.append(f"证件号码：{problem}")
    if not str(fields.get("content") or "").strip():
        p.append("申请内容：不能为空")
    return p


_ONE_LINE = ("number", "applicant_name", "id_number", "contact", "reply_number")


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    out = inputs.clean_fields({k: fields[k] for k in FIELDS if k in fields}, single_line=_ONE_LINE)
    for k, v in list(out.items()):
        if isinstance(v, str):
            out[k] = v.strip()
    if out.get("id_number"):
        out["id_number"] = out["id_number"].upper()
    return out


def create(fields: dict[str, Any], *, auto_number: bool = False) -> Application:
    """Register an application. `auto_number`: its 编号 is the year's next one, taken in this saving
    transaction (the number the form suggested may have been taken by another clerk meanwhile)."""
    fields = _clean(fields)
    # auto_number: the 编号 is the counter's, taken below (nothing to check about the one the form suggested)
    problems = validate(fields) if not auto_number else [
        p for p in validate(fields, check_unique=False) if not p.startswith("编号")]
    if problems:
        raise ValidationFailed("申请登记信息有误：" + "；".join(problems), problems)
    with db.atomic():
        if auto_number:
            fields["number"] = take_number(fields["received"].year)
        return Application.create(**fields, updated_at=_now())


def _write(app: Application, what: str = "", **values) -> None:
    """Write `values` to the stored application if no other clerk saved it since `app` was read
    (ConflictError otherwise, nothing written); `app` follows (its fields and version)."""
    values["updated_at"] = _now()
    app.version = concurrency.checked_update(Application, app.id, app.version,
                                             what or f"依申请公开件 {app.number}", **values)
    for k, v in values.items():
        setattr(app, k, v)


def update(app: Application, fields: dict[str, Any]) -> Application:
    fields = _clean(fields)
    merged = {k: getattr(app, k) for k in FIELDS} | fields
    problems = validate(merged, existing_id=app.id)
    if problems:
        raise ValidationFailed("申请登记信息有误：" + "；".join(problems), problems)
    try:
        _write(app, **{k: merged[k] for k in FIELDS})
    except ConflictError as e:
        theirs = e.current
        if theirs is None:
            raise
        diffs = [(FIELD_LABELS[k], _shown(merged[k]), _shown(getattr(theirs, k))) for k in FIELDS
                 if (merged[k] or None) != (getattr(theirs, k) or None)]
        if (app.closed, app.outcome) != (theirs.closed, theirs.outcome):
            diffs.append(("答复", _shown(app.closed) if app.closed else "未答复",
                          f"{_shown(theirs.closed)} 已答复" if theirs.closed else "未答复"))
        raise ConflictError(e.message, current=theirs, differences=diffs) from None
    return app


def _shown(v) -> str:
    if v is None or v == "":
        return "（空）"
    return v.isoformat() if isinstance(v, dt.date) else str(v)


def personal_names() -> frozenset[str]:
    """Every natural person's name in the ledger (a de-identified export masks them wherever they appear)."""
    q = (Application.select(Application.applicant_name).where(Application.applicant_type == "自然人")
         .distinct().tuples())
    return frozenset(n for (n,) in q if n and len(n.strip()) >= 2)


def _last_seq(year: int) -> int:
    prefix = f"{year}-"
    # the year's numbers: LIKE, not ILIKE (digits and “-” have no case: the same rows, and PostgreSQL's ILIKE
    # scanned 100,000 rows in 70 ms, LIKE in 20); on SQLite the range first, which its index on number answers
    # (byte order; a PostgreSQL database's collation may order “-” and “.” otherwise, so there LIKE alone)
    if dialect.is_pg():
        rows = dialect.run("SELECT number FROM application WHERE number LIKE ?", (prefix + "%",))
    else:
        rows = dialect.run("SELECT number FROM application WHERE number >= ? AND number < ? AND number LIKE ?",
                           (prefix, f"{year}.", prefix + "%"))
    seq = 0
    for (num,) in rows:
        tail = num[len(prefix):]
        if tail.isdigit():
            seq = max(seq, int(tail))
    return seq


def next_number(year: int) -> str:
    """The next free 编号 of the form 2026-013 (a suggestion: create(auto_number=True) takes it for good)."""
    return f"{year}-{_last_seq(year) + 1:03d}"


def take_number(year: int) -> str:
    """The year's next 编号 from its counter, inside the saving transaction: two clerks get two numbers."""
    seq = concurrency.next_value(f"application:{year}", lambda: _last_seq(year))
    return f"{year}-{seq:03d}"


# --- steps --------------------------------------------------------------------------------

def month_position(app: Application) -> int:
    """How many 件 the same applicant has filed in this calendar month up to and including `app`."""
    first = app.received.replace(day=1)
    q = Application.select().where(Application.received >= first, Application.received <= app.received,
                                   Application.applicant_type == app.applicant_type)
    q = q.where(Application.voided.is_null() | (Application.id == app.id))  # a voided duplicate is no 件
    if app.id_number:
        q = q.where(Application.id_number == app.id_number)
    else:
        q = q.where(Application.applicant_name == app.applicant_name)
    before = q.where((Application.received < app.received) | (Application.id <= app.id)).count()
    return before


def fee_quote(app: Application, method: str, pages: int = 0) -> fees.Quote:
    """The fee for this application: 按件 counts the applicant's earlier 件 this month; 按量 its pages."""
    if method == "按件":
        return fees.by_items(1, already=month_position(app) - 1)
    if method == "按量":
        return fees.by_pages(pages)
    raise ValidationFailed(f"收费方式应为{'或'.join(FEE_METHODS)}")


def add_step(app: Application, kind: str, started: dt.date, *, ended: dt.date | None = None,
             deadline: dt.date | None = None, days: int = 0, approver: str = "", fee_method: str = "",
             quantity: int = 0, note: str = "", today: dt.date | None = None) -> Step:
    """Record one dated step, enforcing the 条例's once-only and limit rules."""
    p: list[str] = _voided_problem(app)
    existing = list(app.steps)
    if kind not in STEP_KINDS:
        p.append(f"步骤类型应为{'、'.join(STEP_KINDS)}之一")
    approver, note = inputs.clean_text(approver, multiline=False), inputs.clean_text(note)
    p += [e for e in (inputs.date_problem(started, "日期"), inputs.date_problem(ended, "结束日期"),
                      inputs.date_problem(deadline, "补正期限")) if e]
    if not isinstance(started, dt.date):
        p.append("日期：不能为空")
    elif started < app.received:
        p.append(f"日期：{started.isoformat()}早于收到申请日期{app.received.isoformat()}")
    if ended is not None and isinstance(started, dt.date) and ended < started:
        p.append("结束日期不能早于开始日期")
    if app.closed is not None:
        p.append("该申请已办结，请先撤销办结再添加步骤")
    amount = 0
    if kind == "补正":
        if any(s.kind == "补正" for s in existing):
            p.append("补正只能一次性告知，该申请已有补正记录")
        if ended is None and deadline is None:
            p.append("补正期限：尚未补正的，须写明申请人补正的期限（条例第三十条：告知补正事项和合理的补正期限；"
                     "逾期不补正视为放弃申请）")
        if deadline is not None and isinstance(started, dt.date) and deadline < started:
            p.append("补正期限不能早于补正通知日期")
    elif kind == "延期":
        if any(s.kind == "延期" for s in existing):
            p.append("延期只能一次，该申请已延期")
        if not (1 <= int(days or 0) <= MAX_EXTENSION_DAYS):
            p.append(f"延期天数应为1–{MAX_EXTENSION_DAYS}个工作日")
        if not approver.strip():
            p.append("延期须记录批准人（政府信息公开工作机构负责人）")
    elif kind == "收费":
        p += [e for e in (future_problem(started, "收费通知日期", today), future_problem(ended, "缴费日期", today))
              if e]
        if any(s.kind == "收费" for s in existing):
            p.append("一件申请只能发一次收费通知（按件或按量，不能兼用）")
        if fee_method not in FEE_METHODS:
            p.append("收费方式应为按件或按量")
        elif fee_method == "按量" and int(quantity or 0) <= 0:
            p.append("按量收费须填写页数")
        else:
            quote = fee_quote(app, fee_method, int(quantity or 0))
            amount = quote.amount
            if amount == 0:
                p.append("按收费标准本件不收费（免费档内），无需发收费通知")
    if p:
        raise ValidationFailed("步骤信息有误：" + "；".join(p), p)
    with db.atomic():
        step = Step.create(application=app, kind=kind, started=started, ended=ended, deadline=deadline,
                           days=int(days or 0), approver=approver.strip(), fee_method=fee_method,
                           quantity=int(quantity or 0), amount=amount, note=note)
        _write(app)
    return step


def finish_step(step: Step, ended: dt.date, today: dt.date | None = None) -> Step:
    """The awaited event happened: 补正 arrived, third party replied, fee paid."""
    inputs.check_date(ended, "结束日期")
    label = {"补正": "补正到达日期", "征求第三方意见": "第三方答复日期", "收费": "缴费日期"}.get(step.kind, "结束日期")
    problem = future_problem(ended, label, today)
    if problem:
        raise ValidationFailed(problem, [problem])
    if ended < step.started:
        raise ValidationFailed("结束日期不能早于开始日期", ["结束日期不能早于开始日期"])
    step.ended = ended
    with db.atomic():
        step.save()
    return step


def delete_step(step: Step) -> None:
    with db.atomic():
        step.delete_instance()


# --- reply --------------------------------------------------------------------------------

def reply_problems(app: Application, date: Any, outcome: Any, reply_number: str, reason: str,
                   steps: list[Step], today: dt.date | None, label: str = "答复日期") -> list[str]:
    """What stops this answer (the first one or a 重新答复), each naming its field."""
    p: list[str] = []
    if isinstance(date, dt.date) and not inputs.date_ok(date):
        p.append(inputs.date_problem(date, label))
    if outcome not in OUTCOMES:
        p.append("办理结果：应为年度报告表三中3.1至3.6.3的一项")
    if not isinstance(date, dt.date):
        p.append(f"{label}：不能为空")
    else:
        if date < app.received:
            p.append(f"{label}：{date.isoformat()}早于收到申请日期{app.received.isoformat()}")
        future = future_problem(date, label, today)
        if future:
            p.append(future)
    buzheng = [s for s in steps if s.kind == "补正"]
    if outcome == "3.6.1":
        waiting = [s for s in buzheng if s.ended is None]
        if not waiting:
            p.append("办理结果：“逾期不补正”须先有未收到补正的补正通知")
        elif waiting[0].deadline is None:
            p.append("办理结果：补正通知没有记录补正期限，无从判断申请人是否逾期，请先在办理步骤中补录补正期限")
        elif isinstance(date, dt.date) and date <= waiting[0].deadline:
            p.append(f"办理结果：补正期限{waiting[0].deadline.isoformat()}尚未届满（{label}{date.isoformat()}），"
                     "不能按“逾期不补正”终止")
    if outcome == "3.4.3" and not any(s.ended is not None for s in buzheng):
        p.append("办理结果：“补正后申请内容仍不明确”须先有补正步骤并记录补正到达日期"
                 + ("（该申请没有补正步骤）" if not buzheng else "（补正尚未到达）"))
    if outcome == "3.6.2" and not any(s.kind == "收费" and s.ended is None for s in steps):
        p.append("办理结果：“逾期未缴费”须先有未缴费的收费通知")
    if outcome not in ("3.6.1", "3.6.2", "3.6.3", "3.5.1", "3.5.2", "3.5.4") and not reply_number.strip():
        p.append("答复书编号：不能为空")
    if outcome and str(outcome).startswith(("3.3", "3.4", "3.5")) and not reason.strip():
        p.append("理由：不予公开、无法提供、不予处理须写明理由和依据")
    return p


def reply(app: Application, date: dt.date, outcome: str, reply_number: str = "", reason: str = "",
          today: dt.date | None = None) -> None:
    """Close the application with exactly one table-三 outcome (3.1 … 3.6.3): its first answer, the one 表三
    counts. An answered application takes a 重新答复 (answers.re_reply) instead, which overwrites nothing."""
    users.require("applications.reply")
    reply_number, reason = inputs.clean_text(reply_number, multiline=False), inputs.clean_text(reason)
    p = _voided_problem(app)
    if app.closed is not None:
        p.append(f"该申请已于{app.closed.isoformat()}答复；之后的答复请用“记录重新答复”（原答复保留并照旧计入"
                 f"{app.closed.year}年表三），答错了请先撤销办结")
    p += reply_problems(app, date, outcome, reply_number, reason, list(app.steps), today)
    if p:
        raise ValidationFailed("答复信息有误：" + "；".join(p), p)
    with db.atomic():
        _write(app, closed=date, outcome=outcome, reply_number=reply_number.strip(), reason=reason.strip())
        Reply.create(application=app, kind="答复", date=date, outcome=outcome, reply_number=app.reply_number,
                     reason=app.reason, recorded_at=app.updated_at)


def reopen(app: Application) -> None:
    """Withdraw a mistaken 办结: the answer leaves 表三 and is kept in the history (a 重新答复 stays put)."""
    users.require("applications.reply")
    if Reply.select().where(Reply.application == app, Reply.kind == "重新答复").exists():
        raise ValidationFailed("该申请已有重新答复记录，不能撤销办结（原答复计入当年表三，重新答复另有记录）",
                               ["答复：已有重新答复"])
    was = f"原答复 {app.closed.isoformat()} {outcome_short(app.outcome)} {app.reply_number}".rstrip() \
        if app.closed else ""
    with db.atomic():
        _write(app, closed=None, outcome=None)
        Reply.delete().where(Reply.application == app, Reply.kind == "答复").execute()
        history.record("撤销办结", was, app=app)


# --- lists --------------------------------------------------------------------------------

@dataclass
class Row:
    app: Any  # a read-only record with Application's fields (peewee's namedtuples(): no per-field setattr)
    due: deadlines.DueInfo
    tone: str | None


def steps_by_app(app_ids: list[int] | None = None) -> dict[int, list[Any]]:
    """Steps (read-only records with Step's fields) by application id."""
    q = Step.select()
    if app_ids is not None:
        q = q.where(Step.application.in_(app_ids)) if len(app_ids) < 900 else q
    out: dict[int, list[Any]] = {}
    for s in q.namedtuples():
        out.setdefault(s.application, []).append(s)
    return out


def rows(today: dt.date, *, year: int | None = None, state: str | None = None,
         applicant_type: str | None = None, search: str = "", open_only: bool = False,
         closed_detail: bool = True, ids: list[int] | None = None, fields: tuple | None = None,
         where=None) -> list[Row]:
    """Applications with their due info, newest first; filters by 收到年度, state, type and text.

    With closed_detail=False closed applications skip the deadline arithmetic (lists don't show it). `fields`:
    the columns read (default every one; the deadline needs received, closed, voided and void_reason); `where`:
    one more condition (listing.due_soon)."""
    q = Application.select(*(fields or ())).order_by(Application.received.desc(), Application.id.desc())
    if year:
        q = q.where(Application.received.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    if applicant_type:
        q = q.where(Application.applicant_type == applicant_type)
    if open_only:
        q = q.where(Application.closed.is_null() & Application.voided.is_null())
    if ids is not None:
        q = q.where(Application.id.in_(ids))
    if where is not None:
        q = q.where(where)
    if search.strip():
        s = search.strip()
        q = q.where(Application.number.contains(s) | Application.applicant_name.contains(s)
                    | Application.content.contains(s) | Application.reply_number.contains(s))
    # with `fields` (今日提醒: thousands of rows at start-up) the driver's values, only the dates converted
    apps = list(driver_rows.named(q, fields) if fields else q.namedtuples())
    steps = steps_by_app([a.id for a in apps])
    out = []
    for a in apps:
        if not isinstance(a.received, dt.date):  # text no date parser reads: nothing on screen can show it
            log.warning("申请 %s（id %s）的收到日期“%s”无法识别，列表和提醒中略去", a.number, a.id, a.received)
            continue
        if a.voided:
            info = deadlines.DueInfo(deadlines.VOIDED, None, None, a.received, notes=[f"作废原因：{a.void_reason}"])
        elif a.closed is not None and not closed_detail and inputs.date_ok(a.closed):
            info = deadlines.DueInfo(deadlines.CLOSED, None, None, a.received)
        else:
            info = deadlines.compute(a, today, steps.get(a.id, []))
        if state and info.state != state:
            continue
        out.append(Row(a, info, deadlines.tone(info, today)))
    return out


# ---- a ledger imported from a spreadsheet (io.ledger_xlsx parses and checks each row, then hands over) ------

def numbers_in_use(numbers: list[str]) -> set[str]:
    """Those of `numbers` the ledger already holds."""
    if not numbers:
        return set()
    return {n for (n,) in Application.select(Application.number).where(Application.number.in_(numbers)).tuples()}


def add_imported(records: list[dict[str, Any]]) -> int:
    """Store rows already checked by the importer, every one or none (one transaction)."""
    now = dt.datetime.now().isoformat(timespec="seconds")
    with db.atomic():
        for k in range(0, len(records), 500):
            Application.insert_many([dict(r, updated_at=now) for r in records[k:k + 500]]).execute()
    return len(records)
