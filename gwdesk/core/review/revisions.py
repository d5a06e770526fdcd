"""修改 or 撤销 of a published item: a new form with its own chain, the original keeping its history.

A definition turns it on by carrying the fields revision_kind (修改/撤销), revision_of and revision_note (情况说明);
without them the actions are not offered. The new form copies the original's values, starts as 草稿 and goes
through 送审 → 审定 → 登记公开 like any other; the original stays 已公开 and its history records the request.
"""

from __future__ import annotations

import datetime as dt

from gwdesk.core import formdef
from gwdesk.core.formdef import FormDef
from gwdesk.core.review import forms
from gwdesk.core.review.forms import PUBLISHED, Form
from gwdesk.errors import GwdeskError, ValidationFailed
from gwdesk.store import audit
from gwdesk.store.base import db
from gwdesk.store.review_models import ReviewStatusLog

KINDS = {"revise": "修改", "withdraw": "撤销"}
FIELDS = ("revision_kind", "revision_of", "revision_note")
# what the new form does not take over: it is signed again, published again (or withdrawn) on its own dates
FRESH = ("number", "published_date", "url", "interp_published", "secrecy_referred_to", "secrecy_answer",
         "secrecy_answer_date", "secrecy_extended")


def offered(definition: FormDef) -> bool:
    return all(definition.has(k) for k in FIELDS)


def start(ctx, form_id: int, action: str, note: str, definition: FormDef | None = None) -> Form:
    """The new 草稿 for 修改 (action "revise") or 撤销 ("withdraw") of the published form `form_id`."""
    definition = definition or formdef.load()
    kind = KINDS.get(action)
    if kind is None:
        raise GwdeskError(f"未知操作：{action}")
    if not offered(definition):
        raise GwdeskError("当前意见单定义没有修改/撤销的字段（revision_kind、revision_of、revision_note）")
    original = forms.get(form_id)
    if original.status != PUBLISHED:
        raise GwdeskError(f"意见单 {original.number} 处于“{original.status}”状态；只有已公开的信息才能{kind}")
    note = (note or "").strip()
    if not note:
        raise ValidationFailed(f"{kind}已公开信息须写情况说明", ["缺少：情况说明"])
    values = {k: v for k, v in original.values.items() if k not in FRESH}
    values.update(revision_kind=kind, revision_of=original.number, revision_note=note)
    now = dt.datetime.now().isoformat(timespec="seconds")
    with db.atomic():
        new = forms.create(ctx, values, None, definition)
        ReviewStatusLog.create(form=form_id, from_status=PUBLISHED, to_status=PUBLISHED, action=action,
                               reason=f"提出{kind}，见意见单 {new.number}：{note}", at=now, by_user=audit.actor())
    return new
