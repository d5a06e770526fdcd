"""Autosaved drafts of any editor's unsaved typing, keyed by (kind, record), so a crash loses nothing.

Editors write their typing here on a debounce timer and on focus-out; a real save clears the draft in
the same transaction as the record (`settling`), so a kill between the two neither loses the typing nor
leaves behind a draft of what is already saved. The next start lists what is left (`pending_all`).
The rows live in the `review_draft` table of schema 2 (its text key is "<kind>:<record>"). On a 单位共享数据库
each clerk's drafts are their own: the stored key ends in "|<login@computer>", so two clerks typing in the
same record autosave side by side, and each start offers a clerk only their own typing back.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from gwdesk.store.base import db
from gwdesk.store.concurrency import who
from gwdesk.store.dialect import is_pg
from gwdesk.store.review_models import ReviewDraft

NEW = "new"
# what each kind is called when the next start offers it back
KIND_NAMES = {"form": "意见单", "new": "新意见单", "application": "依申请公开申请",
              "task_note": "任务进展", "profile": "单位信息"}


@dataclass
class Draft:
    kind: str
    record: str  # the record's id as text, or NEW (or a token) for one never saved
    data: dict[str, Any]
    saved_at: str

    @property
    def key(self) -> str:
        return key(self.kind, self.record)

    @property
    def record_id(self) -> int | None:
        return int(self.record) if self.record.isdigit() else None

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)


def key(kind: str, record: int | str | None) -> str:
    return f"{kind}:{NEW if record is None else record}"


def _owner() -> str:
    """The suffix that makes a stored key this clerk's: empty on SQLite (one clerk per data folder)."""
    return f"|{who()}" if is_pg() else ""


def _stored(kind: str, record: int | str | None) -> str:
    return key(kind, record) + _owner()


def save(kind: str, record: int | str | None, data: dict[str, Any], form_id: int | None = None) -> None:
    """Write (or replace) the draft; `form_id` only for 意见单 drafts, whose rows go with their form."""
    ReviewDraft.insert(key=_stored(kind, record), form_id=form_id,
                       data=json.dumps(data, ensure_ascii=False, default=str),
                       saved_at=dt.datetime.now().isoformat(timespec="seconds")).on_conflict(
        conflict_target=[ReviewDraft.key],
        preserve=[ReviewDraft.form_id, ReviewDraft.data, ReviewDraft.saved_at]).execute()


def _to_draft(row: ReviewDraft) -> Draft:
    kind, _, record = row.key.split("|", 1)[0].partition(":")
    try:
        data = json.loads(row.data)
    except ValueError:
        data = {}
    return Draft(kind, record, data if isinstance(data, dict) else {}, row.saved_at)


def get(kind: str, record: int | str | None) -> Draft | None:
    row = ReviewDraft.get_or_none(ReviewDraft.key == _stored(kind, record))
    return _to_draft(row) if row else None


def pending_all(kinds: tuple[str, ...] | None = None) -> list[Draft]:
    """Every draft waiting to be recovered (of `kinds`, or all), newest first."""
    rows = ReviewDraft.select().order_by(ReviewDraft.saved_at.desc(), ReviewDraft.key)
    owner = _owner()
    found = [_to_draft(r) for r in rows if (r.key.endswith(owner) if owner else "|" not in r.key)]
    return [d for d in found if kinds is None or d.kind in kinds]


def discard(kind: str, record: int | str | None) -> None:
    ReviewDraft.delete().where(ReviewDraft.key == _stored(kind, record)).execute()


@contextmanager
def settling(kind: str, record: int | str | None) -> Iterator[None]:
    """Run a real save and drop the draft in one transaction: both happen, or neither."""
    with db.atomic():
        yield
        discard(kind, record)
