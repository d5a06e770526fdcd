"""Voiding an application registered twice or by mistake: kept with its reason and shown as 已作废, counted in no
table, never deleted; restoring it is as visible. A locked year's figures move only once the clerk confirms
which cells (aggregate.guarded)."""

from __future__ import annotations

from gwdesk.core import inputs
from gwdesk.core.applications import aggregate, history
from gwdesk.errors import ValidationFailed
from gwdesk.store import concurrency
from gwdesk.store.applications_models import AppealCase, Application
from gwdesk.store.base import db


def void(app: Application, reason: str, *, confirm: bool = False) -> Application:
    """Void `app` (returns the stored record); MovesLockedYear when a locked year would change unless `confirm`."""
    reason = inputs.clean_text(reason or "").strip()
    app = Application.get_by_id(app.id)
    p = []
    if app.voided:
        p.append(f"该申请已于{app.voided[:10]}作废")
    if not reason:
        p.append("作废原因：不能为空（写明为何作废，例如“与2026-012重复登记”）")
    live = AppealCase.select().where(AppealCase.application == app, AppealCase.voided.is_null()).count()
    if live:
        p.append(f"复议诉讼：该申请有{live}件复议或诉讼案件，请先在“复议诉讼”页作废这些案件，或确认申请无误")
    if p:
        raise ValidationFailed("无法作废：" + "；".join(p), p)

    def change():
        app.voided, app.void_reason = history.now(), reason
        app.version = concurrency.checked_update(Application, app.id, app.version, f"依申请公开件 {app.number}",
                                                 voided=app.voided, void_reason=reason)
        was = f"{app.number}（收到{app.received.isoformat()}" + (
            f"，{app.closed.isoformat()}答复 {app.outcome}）" if app.closed else "，未办结）")
        history.record("作废", f"{was}，原因：{reason}", app=app)

    try:
        aggregate.guarded(change, confirm=confirm, what=f"作废申请{app.number}")
    except aggregate.MovesLockedYear:
        app.voided, app.void_reason = None, ""
        raise
    return Application.get_by_id(app.id)


def restore(app: Application, *, confirm: bool = False) -> Application:
    """Undo a void: the application counts again (its history keeps both steps)."""
    app = Application.get_by_id(app.id)
    if not app.voided:
        raise ValidationFailed("该申请没有作废", ["作废：该申请没有作废"])
    was = app.void_reason

    def change():
        app.voided, app.void_reason = None, ""
        app.version = concurrency.checked_update(Application, app.id, app.version, f"依申请公开件 {app.number}",
                                                 voided=None, void_reason="")
        history.record("恢复", f"撤销作废（原作废原因：{was}）", app=app)

    with db.atomic():
        aggregate.guarded(change, confirm=confirm, what=f"恢复申请{app.number}")
    return Application.get_by_id(app.id)
