"""Every answer an application got, with its date. The first (答复) is its 办结 and counts in that year's 表三;
a 重新答复 (after a 复议 decision corrected the answer, say) is recorded beside it, not counted again."""

from __future__ import annotations

import datetime as dt

from gwdesk.core import inputs
from gwdesk.core.applications import history, outcome_short
from gwdesk.core.applications.ledger import reply_problems
from gwdesk.errors import ValidationFailed
from gwdesk.store.applications_models import Application, Reply
from gwdesk.store.base import db

RE_REPLY = "重新答复"


def listed(app: Application) -> list[Reply]:
    """The application's answers, oldest first (an application answered before schema 8 shows its one answer)."""
    rows = list(Reply.select().where(Reply.application == app).order_by(Reply.date, Reply.id))
    if app.closed is not None and not any(r.kind == "答复" for r in rows):
        rows.insert(0, Reply(application=app, kind="答复", date=app.closed, outcome=app.outcome,
                             reply_number=app.reply_number, reason=app.reason))
    return rows


def re_reply(app: Application, date: dt.date, outcome: str, reply_number: str = "", reason: str = "",
             today: dt.date | None = None) -> Reply:
    """Record a 重新答复: the first answer (and 表三) stay as they were."""
    app = Application.get_by_id(app.id)
    reply_number, reason = inputs.clean_text(reply_number, multiline=False).strip(), inputs.clean_text(reason).strip()
    p: list[str] = []
    if app.voided:
        p.append("该申请已作废，不能再答复")
    if app.closed is None:
        p.append("答复：该申请尚未答复，请先“保存答复并办结”；重新答复是在已有答复之后")
    p += reply_problems(app, date, outcome, reply_number, reason, list(app.steps), today, label="重新答复日期")
    replies = listed(app)
    last = max((r.date for r in replies), default=None)
    if last and isinstance(date, dt.date) and date < last:
        p.append(f"重新答复日期：{date.isoformat()}早于上一次答复（{last.isoformat()}）")
    latest = replies[-1] if replies else None
    if latest is not None and (latest.date, latest.outcome, latest.reply_number or "") == (date, outcome, reply_number):
        # 记录重新答复 pressed with the fields still showing the answer already given: nothing new to record
        p.append(f"重新答复：与上一次答复相同（{date.isoformat()}，{outcome_short(outcome)}"
                 f"{'，' + reply_number if reply_number else ''}），请填写重新答复的日期、结果和答复书编号")
    if p:
        raise ValidationFailed("重新答复信息有误：" + "；".join(p), p)
    with db.atomic():
        r = Reply.create(application=app, kind=RE_REPLY, date=date, outcome=outcome, reply_number=reply_number,
                         reason=reason, recorded_at=history.now())
        history.record(RE_REPLY, f"{date.isoformat()} {outcome_short(outcome)} {reply_number}".rstrip()
                       + f"（首次答复{app.closed.isoformat()}仍计入{app.closed.year}年表三）", app=app)
    return r
