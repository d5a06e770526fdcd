"""The ledger as a filtered, sorted list read a window at a time in SQL: FTS5 search, stored due dates.

Each application keeps its due date and state (schema 6) as of the calendar and rules they were computed
with; `refresh` computes the stale ones (new or changed rows, changed steps or holidays, a 征求意见 period
that ran out), so filters on 逾期 / 即将到期 and sorting by 期限 are plain SQL.
"""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from dataclasses import dataclass

import chinese_calendar

from gwdesk.core import workdays as wd
from gwdesk.core.applications import THIRD_PARTY_DAYS, deadlines
from gwdesk.store.base import db

RULES = "1"  # raise when deadlines.compute changes, so every stored due date is computed again
OVERDUE, DUE_SOON = "逾期", "即将到期"
STATES = ["全部", "未办结", OVERDUE, DUE_SOON, deadlines.OPEN, deadlines.WAIT_BUZHENG, deadlines.WAIT_THIRD,
          deadlines.WAIT_PAY, deadlines.CLOSED]
SEARCH_MIN = 3  # the trigram index answers needles of 3 characters or more; shorter ones scan the table

_App = namedtuple("_App", "id received closed")
_Step = namedtuple("_Step", "id application_id kind started ended deadline days")


def stamp() -> str:
    return f"{chinese_calendar.__version__}/{RULES}"


def _date(s: str | None) -> dt.date | str | None:
    """The stored ISO date, or the text as stored when it is no date (deadlines.compute marks it BAD_DATE)."""
    try:
        return dt.date.fromisoformat(s) if s else None
    except ValueError:
        return s


def _valid_until(steps: list[_Step], today: dt.date) -> dt.date | None:
    """The last day the state computed on `today` holds: a 征求意见 period still running ends then."""
    caps = [wd.add_workdays(s.started, THIRD_PARTY_DAYS) for s in steps
            if s.kind == "征求第三方意见" and s.ended is None]
    caps = [c for c in caps if c >= today]
    return min(caps) if caps else None


def refresh(today: dt.date) -> int:
    """Compute the stored due date and state of every application whose stored ones are stale; returns how many."""
    st, iso = stamp(), today.isoformat()
    # new or changed rows (an index holds just these), then open rows computed with another calendar or
    # whose 征求意见 period has ended since (the open rows' index holds what this asks)
    fresh = db.execute_sql("SELECT id, received, closed FROM application WHERE due_stamp IS NULL").fetchall()
    closed = [i for i, _, c in fresh if c is not None]
    stale = {i: _App(i, _date(r), None) for i, r, c in fresh if c is None}
    for i, r in db.execute_sql("SELECT id, received FROM application WHERE +closed IS NULL"
                               " AND (due_stamp != ? OR due_until < ?)", (st, iso)):
        stale[i] = _App(i, _date(r), None)
    if closed:  # nothing to compute; written only when there are some, so a read-only store still reads
        with db.atomic():
            db.execute_sql("UPDATE application SET due = NULL, due_state = ?, due_until = NULL, due_stamp = ?"
                           " WHERE due_stamp IS NULL AND closed IS NOT NULL", (deadlines.CLOSED, st))
    stale = list(stale.values())
    if not stale:
        return len(closed)
    open_ids = [a.id for a in stale]
    steps: dict[int, list[_Step]] = {}
    for k in range(0, len(open_ids), 500):
        part = open_ids[k:k + 500]
        for row in db.execute_sql(
                "SELECT id, application_id, kind, started, ended, deadline, days FROM application_step"
                f" WHERE application_id IN ({','.join('?' * len(part))})", part):
            s = _Step(row[0], row[1], row[2], _date(row[3]), _date(row[4]), _date(row[5]), row[6])
            steps.setdefault(s.application_id, []).append(s)
    updates = []
    for a in stale:
        own = steps.get(a.id, [])
        info = deadlines.compute(a, today, own)
        until = None if info.state == deadlines.BAD_DATE else _valid_until(own, today)
        updates.append((info.due and info.due.isoformat(), info.state, until and until.isoformat(), st, a.id))
    with db.atomic():
        db.cursor().executemany(
            "UPDATE application SET due = ?, due_state = ?, due_until = ?, due_stamp = ? WHERE id = ?", updates)
    return len(closed) + len(updates)


@dataclass(frozen=True)
class Filter:
    year: int | None = None
    applicant_type: str | None = None
    state: str = "全部"
    search: str = ""


# sort keys by column of the ledger table; every order ends on the default one (newest first)
SORT_KEYS = ["number", "received", "channel", "applicant_type", "applicant_name", "content", "state",
             "COALESCE(due, '9999-12-31')", "CASE WHEN closed IS NULL AND due IS NOT NULL THEN due ELSE '9999-12-31' END",
             "COALESCE(closed, '')", "COALESCE(outcome, '')"]
_DEFAULT_ORDER = "received DESC, id DESC"

Row = namedtuple("Row", "id number received channel applicant_type applicant_name content closed outcome due state")


def _like(needle: str) -> str:
    return "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class Listing:
    """One filtered, sorted view of the ledger on `today`: its size, its counts and any window of its rows."""

    def __init__(self, today: dt.date, flt: Filter = Filter(), sort: tuple[int, bool] | None = None):
        self.today = today
        self.soon_limit = wd.add_workdays(today, 4)  # due before it: within 3 working days
        t, soon = today.isoformat(), self.soon_limit.isoformat()
        # the state shown: a 征求意见 whose period ran out since it was stored reads as 办理中 (refresh fixes it)
        state = (f"CASE WHEN due_state = '{deadlines.WAIT_THIRD}' AND due_until < '{t}'"
                 f" THEN '{deadlines.OPEN}' ELSE due_state END")
        where, params = [], []
        if flt.year:
            where.append("received BETWEEN ? AND ?")
            params += [f"{flt.year:04d}-01-01", f"{flt.year:04d}-12-31"]
        if flt.applicant_type:
            where.append("applicant_type = ?")
            params.append(flt.applicant_type)
        if flt.state == "未办结":
            where.append("+closed IS NULL")  # the open rows' index (see schema m006)
        elif flt.state == OVERDUE:
            where.append("+closed IS NULL AND due < ?")
            params.append(t)
        elif flt.state == DUE_SOON:
            where.append("+closed IS NULL AND due >= ? AND due < ?")
            params += [t, soon]
        elif flt.state == deadlines.CLOSED:
            where.append("closed IS NOT NULL")
        elif flt.state != "全部":
            where.append(f"+closed IS NULL AND ({state}) = ?")
            params.append(flt.state)
        needle = flt.search.strip()
        if len(needle) >= SEARCH_MIN:
            where.append("id IN (SELECT rowid FROM application_fts WHERE application_fts MATCH ?)")
            params.append('"' + needle.replace('"', '""') + '"')
        elif needle:
            where.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in
                                           ("number", "applicant_name", "content", "reply_number")) + ")")
            params += [_like(needle)] * 4
        self._where = (" WHERE " + " AND ".join(where)) if where else ""
        self._params = params
        self._state = state
        order = _DEFAULT_ORDER
        if sort is not None:
            key = SORT_KEYS[sort[0]].replace("state", state) if sort[0] == 6 else SORT_KEYS[sort[0]]
            order = f"{key} {'DESC' if sort[1] else 'ASC'}, {_DEFAULT_ORDER}"
        self._order = order
        if needle:  # the search decides which rows: one pass counts everything
            n, open_n, overdue, soon_n = db.execute_sql(
                "SELECT COUNT(*), TOTAL(closed IS NULL), TOTAL(closed IS NULL AND due < ?),"
                f" TOTAL(closed IS NULL AND due >= ? AND due < ?) FROM application{self._where}",
                [t, t, soon, *params]).fetchone()
        else:  # an index counts the rows, the open rows' index the rest
            n = db.execute_sql(f"SELECT COUNT(*) FROM application{self._where}", params).fetchone()[0]
            open_where = self._where.replace(" WHERE ", " WHERE +closed IS NULL AND ", 1) if where else \
                " WHERE +closed IS NULL"
            open_n, overdue, soon_n = db.execute_sql(
                f"SELECT COUNT(*), TOTAL(due < ?), TOTAL(due >= ? AND due < ?) FROM application{open_where}",
                [t, t, soon, *params]).fetchone()
        self.count, self.open, self.overdue, self.soon = n, int(open_n), int(overdue), int(soon_n)

    def window(self, offset: int, limit: int) -> list[Row]:
        """Rows offset … offset+limit-1 of the list, in its order."""
        # ids first (an index answers the order and the skipping), then those rows' columns
        ids = [i for (i,) in db.execute_sql(f"SELECT id FROM application{self._where} ORDER BY {self._order}"
                                            " LIMIT ? OFFSET ?", [*self._params, limit, offset])]
        if not ids:
            return []
        cur = db.execute_sql(
            "SELECT id, number, received, channel, applicant_type, applicant_name, content, closed, outcome, due,"
            f" {self._state} FROM application WHERE id IN ({','.join('?' * len(ids))})", ids)
        rows = {r[0]: Row._make(r) for r in cur}
        return [rows[i] for i in ids]

    def tone(self, row: Row) -> str | None:
        """'overdue', 'today' or 'soon' (within 3 working days), as deadlines.tone says, else None."""
        if row.closed is not None or row.due is None:
            return None
        t = self.today.isoformat()
        if row.due < t:
            return "overdue"
        if row.due == t:
            return "today"
        return "soon" if row.due < self.soon_limit.isoformat() else None


def due_soon_ids(today: dt.date) -> list[int]:
    """Open applications overdue, due within 3 working days or with a date no deadline can come from, by their
    stored due dates (refresh first)."""
    limit = wd.add_workdays(today, 4).isoformat()
    return [i for (i,) in db.execute_sql("SELECT id FROM application WHERE +closed IS NULL"
                                         " AND (due < ? OR due_state = ?)", (limit, deadlines.BAD_DATE))]


def years() -> list[int]:
    """收到年度 present in the ledger, newest first (one index probe per year, not a pass over every row)."""
    lo, hi = db.execute_sql("SELECT MIN(received), MAX(received) FROM application").fetchone()
    if not (lo and hi and lo[:4].isdigit() and hi[:4].isdigit()):
        return []
    return [y for y in range(int(hi[:4]), int(lo[:4]) - 1, -1) if db.execute_sql(
        "SELECT 1 FROM application WHERE received BETWEEN ? AND ? LIMIT 1",
        (f"{y:04d}-01-01", f"{y:04d}-12-31")).fetchone()]
