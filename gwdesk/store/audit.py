"""The audit trail (schema 11): who changed what and when, with the values before and after.

The service layer writes it on both engines, through `record` (store/concurrency.py calls it for every checked
update and status move); on PostgreSQL a trigger also copies every UPDATE and DELETE of an edited record (the
copy a client cannot skip). `actor()` is who is working: the database login on a server, else this computer's
login (SQLite: one clerk per data folder).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import socket

from gwdesk.store.base import db
from gwdesk.store.dialect import is_pg, run

_logins: dict[int, str] = {}


def who() -> str:
    """This clerk as the others are told: login and computer."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a service account): the computer alone
        user = "?"
    return f"{user}@{socket.gethostname()}"


def actor() -> str:
    """The user the records are changed by: the server's session_user, or login@computer on SQLite."""
    if is_pg():
        key = id(db.obj)
        if key not in _logins:
            _logins[key] = run("SELECT session_user").fetchone()[0]
        return _logins[key]
    return who()


def _text(v) -> object:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v


def record(table: str, row_id, action: str, before: dict, after: dict) -> None:
    """One entry: the columns that changed, before and after (inside the caller's transaction)."""
    changed = {k for k in after if before.get(k) != after.get(k)}
    run("INSERT INTO change_log(at, by_user, tbl, row_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (dt.datetime.now().isoformat(timespec="seconds"), actor(), table, str(row_id), action,
         json.dumps({k: _text(before.get(k)) for k in sorted(changed)}, ensure_ascii=False, default=str),
         json.dumps({k: _text(after.get(k)) for k in sorted(changed)}, ensure_ascii=False, default=str)))


def entries(table: str | None = None, row_id=None, limit: int = 200) -> list[tuple]:
    """(at, by_user, table, row_id, action, before, after) of the service layer's entries, newest first."""
    where, params = ["action NOT IN ('UPDATE', 'DELETE')"], []
    if table:
        where.append("tbl = ?")
        params.append(table)
    if row_id is not None:
        where.append("row_id = ?")
        params.append(str(row_id))
    return run(f"SELECT at, by_user, tbl, row_id, action, before, after FROM change_log WHERE {' AND '.join(where)}"
               " ORDER BY id DESC LIMIT ?", (*params, limit)).fetchall()
