"""行政复议 and 行政诉讼 cases: entered with or without an application, given their result when decided,
corrected, voided with a reason. Nothing is deleted: every change and void is kept in the history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gwdesk.core import inputs
from gwdesk.core.applications import CASE_KINDS, CASE_RESULTS, aggregate, history
from gwdesk.core.applications.happened import future_problem
from gwdesk.errors import ValidationFailed
from gwdesk.store.applications_models import AppealCase, Application

PENDING = "尚未审结"
FIELDS = ("kind", "filed", "result", "decided", "case_number", "note")
LABELS = {"kind": "类型", "filed": "申请/起诉日期", "result": "结果", "decided": "审结日期",
          "case_number": "案号", "note": "备注"}


def problems(kind: Any, filed: Any, result: Any, decided: Any, today: dt.date | None) -> list[str]:
    """What stops a case as entered, each naming its field (Chinese)."""
    p = [e for e in (inputs.date_problem(filed, "申请/起诉日期"), inputs.date_problem(decided, "审结日期")) if e]
    if kind not in CASE_KINDS:
        p.append(f"类型：应为{'、'.join(CASE_KINDS)}之一")
    if not isinstance(filed, dt.date):
        p.append("申请/起诉日期：不能为空")
    if result not in CASE_RESULTS:
        p.append(f"结果：应为{'、'.join(CASE_RESULTS)}之一")
    elif result == PENDING and decided is not None:
        p.append("审结日期：结果为“尚未审结”的案件不能有审结日期（已审结的请选择结果维持、结果纠正或其他结果）")
    elif result != PENDING and decided is None:
        p.append(f"审结日期：结果为“{result}”的案件须填写审结日期")
    if isinstance(decided, dt.date) and isinstance(filed, dt.date) and decided < filed:
        p.append(f"审结日期：{decided.isoformat()}早于申请/起诉日期{filed.isoformat()}")
    for value, label in ((filed, "申请/起诉日期"), (decided, "审结日期")):
        future = future_problem(value, label, today)
        if future:
            p.append(future)
    return p


def add(app: Application | None, kind: str, filed: dt.date, result: str = PENDING, decided: dt.date | None = None,
        case_number: str = "", note: str = "", *, today: dt.date | None = None, confirm: bool = False) -> AppealCase:
    """A new case; `app` None for one not tied to an application in this ledger (a 复议 about 主动公开, say).

    Like update and void: aggregate.MovesLockedYear (nothing saved) when a locked year's 表四 would move,
    unless `confirm`."""
    case_number, note = inputs.clean_text(case_number, multiline=False), inputs.clean_text(note)
    p = problems(kind, filed, result, decided, today)
    if app is not None and getattr(app, "voided", None):
        p.append("申请：该申请已作废，不能再挂案件")
    if p:
        raise ValidationFailed("复议诉讼信息有误：" + "；".join(p), p)
    return aggregate.guarded(lambda: AppealCase.create(
        application=app, kind=kind, filed=filed, result=result, decided=decided, case_number=case_number.strip(),
        note=note.strip()), confirm=confirm, what=f"添加{kind}案件{case_number}".rstrip())


def _shown(field: str, value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value not in (None, "") else "（空）"


def update(case: AppealCase, *, today: dt.date | None = None, confirm: bool = False, **fields: Any) -> list[str]:
    """Correct a case or record its result: the changes in words (also written to its history)."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown case fields {sorted(unknown)}")
    case = AppealCase.get_by_id(case.id)  # the caller's copy stays as stored if this is refused or rolled back
    if case.voided:
        raise ValidationFailed("该案件已作废，不能修改", ["案件：已作废"])
    for key in ("case_number", "note"):
        if key in fields:
            fields[key] = inputs.clean_text(fields[key] or "", multiline=key == "note").strip()
    merged = {k: getattr(case, k) for k in FIELDS} | fields
    p = problems(merged["kind"], merged["filed"], merged["result"], merged["decided"], today)
    if p:
        raise ValidationFailed("复议诉讼信息有误：" + "；".join(p), p)
    changes = [f"{LABELS[k]} {_shown(k, getattr(case, k))} → {_shown(k, v)}"
               for k, v in fields.items() if getattr(case, k) != v]
    if not changes:
        return []
    decided_now = case.result == PENDING and merged["result"] != PENDING

    def change():
        for k, v in fields.items():
            setattr(case, k, v)
        case.save()
        history.record("审结" if decided_now else "修改案件", "；".join(changes), case=case,
                       app=case.application_id)

    aggregate.guarded(change, confirm=confirm, what=f"修改{case.kind}案件{case.case_number}".rstrip())
    return changes


def void(case: AppealCase, reason: str, *, confirm: bool = False) -> None:
    """A case entered by mistake or twice: kept, shown as 已作废, no longer counted in 表四."""
    reason = inputs.clean_text(reason or "").strip()
    case = AppealCase.get_by_id(case.id)
    if case.voided:
        raise ValidationFailed("该案件已经作废", ["案件：已作废"])
    if not reason:
        raise ValidationFailed("作废原因：不能为空（写明为何作废，例如重复登记）", ["作废原因：不能为空"])

    def change():
        case.voided, case.void_reason = history.now(), reason
        case.save()
        history.record("作废案件", f"{case.kind} {_shown('filed', case.filed)} {case.case_number}".rstrip()
                       + f"，原因：{reason}", case=case, app=case.application_id)

    aggregate.guarded(change, confirm=confirm, what=f"作废{case.kind}案件{case.case_number}".rstrip())


def listed(app: Application | None = None, *, include_voided: bool = True) -> list[AppealCase]:
    """One application's cases, or (app None) every case, newest first."""
    q = AppealCase.select()
    if app is not None:
        q = q.where(AppealCase.application == app)
    if not include_voided:
        q = q.where(AppealCase.voided.is_null())
    return list(q.order_by(AppealCase.filed.desc(), AppealCase.id.desc()))


def state(case: AppealCase) -> str:
    return f"已作废（{case.void_reason}）" if case.voided else case.result
