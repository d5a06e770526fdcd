"""Autosaved drafts of the editor's unsaved typing, so a crash or a closed window loses nothing.

The editor calls `autosave` every few seconds and on close; an explicit save calls `discard`.
On reopening a form (or the screen, for a never-saved new form) `pending` offers the draft back.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from gwdesk.store.review_models import ReviewDraft


@dataclass
class Draft:
    key: str
    form_id: int | None
    values: dict[str, Any]
    signoffs: dict[str, dict]
    saved_at: str


def key_for(form_id: int | None, token: str = "") -> str:
    return f"form:{form_id}" if form_id is not None else f"new:{token or 'default'}"


def autosave(key: str, values: dict[str, Any], signoffs: dict | None = None, form_id: int | None = None) -> None:
    ReviewDraft.insert(key=key, form_id=form_id,
                       data=json.dumps({"values": values, "signoffs": signoffs or {}}, ensure_ascii=False,
                                       default=str),
                       saved_at=dt.datetime.now().isoformat(timespec="seconds")).on_conflict_replace().execute()


def _to_draft(row: ReviewDraft) -> Draft:
    data = json.loads(row.data)
    return Draft(row.key, row.form_id, data.get("values", {}), data.get("signoffs", {}), row.saved_at)


def pending(key: str) -> Draft | None:
    row = ReviewDraft.get_or_none(ReviewDraft.key == key)
    return _to_draft(row) if row else None


def pending_all() -> list[Draft]:
    """Every draft waiting to be recovered, newest first."""
    return [_to_draft(r) for r in ReviewDraft.select().order_by(ReviewDraft.saved_at.desc())]


def discard(key: str) -> None:
    ReviewDraft.delete().where(ReviewDraft.key == key).execute()
