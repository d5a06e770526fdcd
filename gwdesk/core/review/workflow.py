"""The status machine: 草稿 → 待审核 → 已审定 → 已公开, 退回修改 (back to 草稿, reason kept) and 作废."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gwdesk.core import formdef
from gwdesk.core.formdef import FormDef
from gwdesk.core.review import last_step, validate
from gwdesk.core.review import forms, revisions
from gwdesk.core.review.forms import APPROVED, DRAFT, FINAL, PENDING, PUBLISHED, VOID, Form, get
from gwdesk.errors import ConflictError, GwdeskError, ValidationFailed
from gwdesk.core import users
from gwdesk.store import audit, concurrency
from gwdesk.store.base import db
from gwdesk.store.review_models import ReviewForm, ReviewStatusLog


class DuplicateDocNumber(GwdeskError):
    """登记公开 of a form whose 发文字号 another form of the unit already carries; confirm to go on."""

    def __init__(self, doc_number: str, others: list[str]):
        super().__init__(f"发文字号“{doc_number}”已用于本单位的意见单 {'、'.join(others)}。"
                         f"请核对；确属同一文号（如更正重发）的，确认后再登记公开")
        self.doc_number, self.others = doc_number, others


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    sources: tuple[str, ...]
    target: str
    stage: str | None = None  # what validate.check must pass before moving
    needs_reason: bool = False


ACTIONS = {
    "submit": Action("submit", "送审", (DRAFT,), PENDING, "submit"),
    "approve": Action("approve", "审定", (PENDING,), APPROVED, "approve"),
    # the last step: 登记公开 → 已公开, or the 登记 of a 依申请公开/不予公开 document → 已登记 (last_step)
    "publish": Action("publish", "登记公开", (APPROVED,), PUBLISHED, "publish"),
    "return": Action("return", "退回修改", (PENDING, APPROVED), DRAFT, needs_reason=True),
    "void": Action("void", "作废", (DRAFT, PENDING, APPROVED), VOID, needs_reason=True),
    # on a published item: a new form with its own chain (gwdesk.core.review.revisions); the original stays 已公开
    "revise": Action("revise", "修改已公开信息", (PUBLISHED,), DRAFT, needs_reason=True),
    "withdraw": Action("withdraw", "撤销已公开信息", (PUBLISHED,), DRAFT, needs_reason=True),
}
SPAWNING = ("revise", "withdraw")


def allowed_actions(form: Form, definition: FormDef | None = None) -> list[Action]:
    definition = definition or formdef.load()
    out = []
    for a in ACTIONS.values():
        if form.status not in a.sources:
            continue
        if a.key == "publish":
            step = last_step.for_values(definition, validate.normalise(definition, form.values))
            if step is None:
                continue
            a = Action(a.key, step.label, a.sources, step.target, a.stage)
        if a.key in SPAWNING and not revisions.offered(definition):
            continue
        out.append(a)
    return out


def final_step(form: Form, definition: FormDef | None = None) -> last_step.LastStep | None:
    """The form's last step after 审定 by its 公开属性 (登记公开 / 登记依申请公开 / 登记不予公开)."""
    definition = definition or formdef.load()
    return last_step.for_values(definition, validate.normalise(definition, form.values))


def transition(form_id: int, action: str, reason: str = "", definition: FormDef | None = None,
               confirm_duplicate: bool = False, seen_status: str | None = None) -> Form:
    """Move a stored form; refused with ValidationFailed listing exactly what is missing, and at 登记公开
    with DuplicateDocNumber when the 发文字号 is already used by another form, unless confirmed.

    The status changes only from the one the clerk saw (`seen_status`, else the one read here): a form
    another clerk moved meanwhile raises ConflictError and nothing is written or logged."""
    definition = definition or formdef.load()
    a = ACTIONS.get(action)
    if a is None or action in SPAWNING:  # 修改/撤销 make a new form: revisions.start
        raise GwdeskError(f"未知操作：{action}")
    form = get(form_id)
    if seen_status is not None and form.status != seen_status:
        raise ConflictError(f"意见单 {form.number} 已被其他同事处理（您看到的是“{seen_status}”，现为“{form.status}”），"
                            f"本次{a.label}未执行，请刷新后再看。", current=form)
    if form.status not in a.sources:
        raise GwdeskError(f"意见单 {form.number} 处于“{form.status}”状态，不能{a.label}")
    reason = (reason or "").strip()
    if a.needs_reason and not reason:
        raise ValidationFailed(f"{a.label}须填写原因", [f"缺少：{a.label}原因"])
    if a.key != "submit":  # 审定, 退回, 登记, 作废: a 审核人's step, checked here whatever the screen shows
        users.require("review.approve")
    if a.key == "publish":
        step = final_step(form, definition)
        if step is None:
            raise GwdeskError(f"公开属性为“{form.values.get('attribute') or '未填'}”的文件没有可登记的去处")
        a = Action(a.key, step.label, a.sources, step.target, a.stage)
    if a.stage:
        rep = validate.check(definition, form.values, form.signoffs, a.stage, validate.stored_context())
        if not rep.ok:
            raise ValidationFailed(f"不能{a.label}：还有{len(rep.problems)}项缺漏或错误", rep.problem_texts())
    if a.key == "publish" and a.target == PUBLISHED and not confirm_duplicate:
        others = forms.doc_number_users(form.values.get("doc_number"), exclude_id=form_id)
        others = [n for n in others if n != form.values.get("revision_of")]  # a 修改 keeps the original's 文号
        if others:
            raise DuplicateDocNumber(validate.normalise_doc_number(form.values.get("doc_number") or ""), others)
    now = dt.datetime.now().isoformat(timespec="seconds")
    with db.atomic():
        concurrency.moved_from(ReviewForm, form_id, form.status, f"意见单 {form.number}",
                               status=a.target, updated_at=now)
        ReviewStatusLog.create(form=form_id, from_status=form.status, to_status=a.target, action=a.key,
                               reason=reason, at=now, by_user=audit.actor())
    return get(form_id)


def decline_reason(definition: FormDef, form: Form) -> str:
    """The 退回 reason a 不同意 gives: "科室负责人不同意：理由"; empty when nobody declined."""
    return "；".join(f"{role}不同意：{why}" for _k, role, why in validate.declined(definition, form.signoffs) if why)


def return_declined(ctx, form_id: int, definition: FormDef | None = None) -> Form:
    """A 不同意 with its reason returns the form to the drafter (草稿): the reason goes into the history
    and onto the returned form's banner; the refusing boxes are cleared so the chain signs again."""
    definition = definition or formdef.load()
    form = get(form_id)
    reason = decline_reason(definition, form)
    if not reason:
        raise GwdeskError("没有写明理由的“不同意”意见，无法退回拟稿人")
    refused = {k for k, _r, _w in validate.declined(definition, form.signoffs)}
    with db.atomic():
        moved = transition(form_id, "return", reason, definition)
        moved.signoffs = {k: v for k, v in moved.signoffs.items() if k not in refused}
        forms.save(ctx, moved, definition)
    return get(form_id)


def last_return_reason(form_id: int) -> str:
    """The reason of the latest 退回修改, shown on the returned draft."""
    row = (ReviewStatusLog.select().where((ReviewStatusLog.form == form_id) & (ReviewStatusLog.action == "return"))
           .order_by(ReviewStatusLog.id.desc()).first())
    return row.reason if row else ""


def overdue_to_publish(status: str, attribute: str, planned_date: str | None, today: dt.date) -> bool:
    """已审定 (or earlier, still live) and meant to be published, but the planned date has passed."""
    if status in FINAL or attribute not in ("主动公开", "删减后公开"):
        return False
    d = validate.parse_date(planned_date)
    return d is not None and d < today
