"""The 意见单 editor's drafts, on the common draft store (gwdesk.core.drafts).

A saved form's draft is kind "form" with its id; a never-saved new form's is kind "new" with a token.
An explicit save goes through `save_form`, which stores the form and drops its drafts in one transaction:
a kill in between can no longer leave the draft behind to become a second form with a new 编号.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from gwdesk.core import drafts as store
from gwdesk.core.formdef import FormDef
from gwdesk.core.review import forms
from gwdesk.core.review.forms import Form

KINDS = ("form", "new")


@dataclass
class Draft:
    key: str
    form_id: int | None
    values: dict[str, Any]
    signoffs: dict[str, dict]
    saved_at: str


def key_for(form_id: int | None, token: str = "") -> str:
    return store.key("form", form_id) if form_id is not None else store.key("new", token or "default")


def new_key() -> str:
    """A draft key of its own for a new form: two new forms never share (and overwrite) one draft."""
    return key_for(None, uuid.uuid4().hex[:12])


def _split(key: str) -> tuple[str, str]:
    kind, _, record = key.partition(":")
    return kind, record


def autosave(key: str, values: dict[str, Any], signoffs: dict | None = None, form_id: int | None = None) -> None:
    kind, record = _split(key)
    store.save(kind, record, {"values": values, "signoffs": signoffs or {}}, form_id=form_id)


def _from(d: store.Draft) -> Draft:
    return Draft(d.key, d.record_id if d.kind == "form" else None, d.data.get("values", {}),
                 d.data.get("signoffs", {}), d.saved_at)


def pending(key: str) -> Draft | None:
    d = store.get(*_split(key))
    return _from(d) if d else None


def pending_all() -> list[Draft]:
    """Every 意见单 draft waiting to be recovered, newest first."""
    return [_from(d) for d in store.pending_all(KINDS)]


def unsaved_new_rows(search: str = "") -> list[forms.ListRow]:
    """The new forms that exist only as autosaved drafts (never saved), as list rows the clerk can open."""
    out = []
    for d in store.pending_all(("new",)):
        values = d.data.get("values", {}) if isinstance(d.data.get("values"), dict) else {}
        title = str(values.get("title") or "")
        hay = " ".join(str(values.get(k) or "") for k in ("title", "doc_number", "drafter"))
        if any(word not in hay for word in search.split()):
            continue
        out.append(forms.ListRow(
            id=None, number="（新建）", year=0, title=title, doc_number=str(values.get("doc_number") or ""),
            dept=str(values.get("dept") or ""), drafter=str(values.get("drafter") or ""), status="未保存",
            attribute=str(values.get("attribute") or ""),
            normative=None if values.get("normative") is None else bool(values.get("normative")),  # None: 未填
            doc_date=values.get("doc_date") or None, planned_date=values.get("planned_date") or None,
            published_date=None, updated_at=d.saved_at, draft_key=d.key))
    return out


def form_ids_with_drafts() -> set[int]:
    """Saved forms that have unsaved typing waiting (autosaved)."""
    return {d.record_id for d in store.pending_all(("form",)) if d.record_id is not None}


def discard(key: str) -> None:
    store.discard(*_split(key))


def save_form(ctx, form: Form, definition: FormDef | None, key: str) -> Form:
    """Store the form and drop its draft (`key`, and the saved form's own) in one transaction."""
    with store.settling(*_split(key)):
        stored = forms.save(ctx, form, definition)
        discard(key_for(stored.id))
    return stored
