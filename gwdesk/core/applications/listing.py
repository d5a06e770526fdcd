"""The ledger as a filtered, sorted list read a window at a time in SQL: FTS5 search, stored due dates.

Searches of 3+ characters go through the FTS5 trigram index (schema 6; pg_trgm on PostgreSQL); shorter ones
scan a narrow table of each row's searchable text (schema 7). A short search matching many rows can leave its
counts for later (`lazy`, `finish`), on both engines: its first rows are found after a few steps along an
index, the count needs every row.

Each application keeps its due date and state (schema 6) as of the calendar and rules they were computed
with; `refresh` computes the stale ones (new or changed rows, changed steps or holidays, a 征求意见 period
that ran out), so filters on 逾期 / 即将到期 and sorting by 期限 are plain SQL.
"""

from __future__ import annotations

import datetime as dt
import string
from collections import namedtuple
from dataclasses import dataclass

import chinese_calendar

from gwdesk.core import workdays as wd
from gwdesk.core.applications import THIRD_PARTY_DAYS, deadlines
from gwdesk.store import dialect
from gwdesk.store.base import db
from gwdesk.store.dialect import run

RULES = "1"  # raise when deadlines.compute changes, so every stored due date is computed again
OVERDUE, DUE_SOON = "逾期", "即将到期"
STATES = ["全部", "未办结", OVERDUE, DUE_SOON, deadlines.OPEN, deadlines.WAIT_BUZHENG, deadlines.WAIT_THIRD,
          deadlines.WAIT_PAY, deadlines.CLOSED, deadlines.VOIDED]
# a voided row (schema m008) keeps due NULL and due_state VOIDED: no due filter meets it, the open counts skip it
def _live() -> str:
    # SQLite's IS NOT compares with a value as PostgreSQL's IS DISTINCT FROM does (NULL is no VOIDED)
    return f"due_state {'IS DISTINCT FROM' if dialect.is_pg() else 'IS NOT'} '{deadlines.VOIDED}'"
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
    # (through the index of just these: SQLite's planner, without statistics, would read all 100,000 rows)
    fresh = run("SELECT id, received, closed, voided FROM application INDEXED BY ix_application_stale"
                " WHERE due_stamp IS NULL").fetchall()
    voided = [i for i, _, _, v in fresh if v is not None]
    closed = [i for i, _, c, v in fresh if c is not None and v is None]
    stale = {i: _App(i, _date(r), None) for i, r, c, v in fresh if c is None and v is None}
    if voided:
        with db.atomic():
            run("UPDATE application SET due = NULL, due_state = ?, due_until = NULL, due_stamp = ?"
                " WHERE due_stamp IS NULL AND voided IS NOT NULL", (deadlines.VOIDED, st))
    for i, r in run("SELECT id, received FROM application WHERE +closed IS NULL"
                               " AND (due_stamp != ? OR due_until < ?)", (st, iso)):
        stale[i] = _App(i, _date(r), None)
    if closed:  # nothing to compute; written only when there are some, so a read-only store still reads
        with db.atomic():
            run("UPDATE application SET due = NULL, due_state = ?, due_until = NULL, due_stamp = ?"
                           " WHERE due_stamp IS NULL AND closed IS NOT NULL", (deadlines.CLOSED, st))
    stale = list(stale.values())
    if not stale:
        return len(closed) + len(voided)
    open_ids = [a.id for a in stale]
    steps: dict[int, list[_Step]] = {}
    for k in range(0, len(open_ids), 500):
        part = open_ids[k:k + 500]
        for row in run(
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
        dialect.executemany(
            "UPDATE application SET due = ?, due_state = ?, due_until = ?, due_stamp = ? WHERE id = ?", updates)
    return len(closed) + len(voided) + len(updates)


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


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_SHORT = "SELECT id FROM application_search WHERE instr(text, ?)"  # schema m007
_IDS = "id IN (SELECT value FROM json_each(?))"  # the matches' ids, read once (a JSON array)
TERMS, GRAM_ROWS = 400, 20_000  # a short needle's trigrams searched as one OR query: so many, in so many rows
DENSE = 20_000  # an indexed search matching up to so many rows keeps their ids
FEW = 2000  # a short search with at most this many matches keeps their ids from its one scan
# PostgreSQL (a 单位共享数据库): one LIKE on the narrow table, which pg_trgm's GIN index answers for 3+ characters
_PG_SEARCH = "SELECT id FROM application_search WHERE text LIKE lower(?)"
_PG_SHORT = "SELECT id FROM application_search WHERE strpos(text, lower(?)) > 0"


def like_pattern(needle: str) -> str:
    """`%needle%` for LIKE, its own %, _ and \\ taken literally."""
    return "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _grams(needle: str) -> str | None:
    """An FTS5 query for a 1–2 character needle (as LIKE compared it: ASCII case folded): every trigram that
    starts with it (schema 7 makes each character start one), or None when they are too many or too common."""
    if not needle:
        return None
    key = needle.translate(_ASCII_LOWER)
    grams = run("SELECT term, doc FROM application_search_vocab WHERE term >= ? AND term < ? LIMIT ?",
                           (key, key + "\U0010ffff", TERMS + 1)).fetchall()
    if len(grams) > TERMS or sum(d for _, d in grams) > GRAM_ROWS:
        return None
    return " OR ".join('"' + t.replace('"', '""') + '"' for t, _ in grams) or '""'  # "": matches nothing


class Listing:
    """One filtered, sorted view of the ledger on `today`: its size, its counts and any window of its rows."""

    def __init__(self, today: dt.date, flt: Filter = Filter(), sort: tuple[int, bool] | None = None, *,
                 lazy: bool = False):
        """`lazy`: a search matching more than FEW rows without a trigram list to read them from (a short needle;
        on PostgreSQL any needle) leaves its counts to finish() (`exact` False, `count` a lower bound meanwhile)."""
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
            where.append(f"+closed IS NULL AND {_live()}")  # the open rows' index (see schema m006)
        elif flt.state == OVERDUE:
            where.append("+closed IS NULL AND due < ?")
            params.append(t)
        elif flt.state == DUE_SOON:
            where.append("+closed IS NULL AND due >= ? AND due < ?")
            params += [t, soon]
        elif flt.state == deadlines.CLOSED:
            where.append(f"closed IS NOT NULL AND {_live()}")
        elif flt.state == deadlines.VOIDED:
            where.append("voided IS NOT NULL")  # its own small index (schema m008)
        elif flt.state != "全部":
            where.append(f"+closed IS NULL AND ({state}) = ?")
            params.append(flt.state)
        # the search, two ways: `_in` collects the matches first (few matches: sort them), `_walk` tests each
        # row met along an index (many matches: a window is found after a few rows, in the index's order)
        needle = flt.search.strip()
        self._needle: tuple[str, ...] = ()
        dense = False
        fts = query = None
        if needle and dialect.is_pg():  # pg_trgm: the narrow table's GIN index answers LIKE (see pg_baseline)
            if len(needle) >= SEARCH_MIN:
                search, self._needle = _PG_SEARCH, (like_pattern(needle),)
            else:  # no trigram to look up: a scan of the narrow rows (strpos: half LIKE's time), as on SQLite
                search, self._needle = _PG_SHORT, (needle,)
            # up to FEW matches: their ids, found once, serve the counts and every window (the search run again
            # for each would cost more, and the planner, misjudging how many rows match, may walk the date index
            # testing every row: 0.8 s for a needle of 1,000 rows in 100,000). More matches: the search itself
            # (a longer list of ids costs more to pass and test than the search)
            ids = run(f"SELECT {dialect.agg_ids('id')} FROM ({search} LIMIT ?) AS found",
                      (*self._needle, FEW + 1)).fetchone()[0]
            if ids is None or ids.count(",") < FEW:
                self._needle = (f"[{ids or ''}]",)
                self._in = self._walk = self._open = dialect.ids_in()
                alone = dialect.ids_count()
            else:  # many: the open and the voided rows (each their own index) and a window met along the date
                # index are tested row by row against their search text, as on SQLite; the count alone searches
                self._in = f"id IN ({search})"
                alone = f"SELECT COUNT(*) FROM ({search}) AS found"
                own = "(SELECT text FROM application_search s WHERE s.id = application.id)"
                self._walk = self._open = (f"strpos({own}, lower(?)) > 0" if search == _PG_SHORT
                                           else f"{own} LIKE lower(?)")
                # its count may wait (lazy): counting thousands of matches takes longer than the first rows
                # (a 3-character needle matching 10,000 of 100,000 rows: 31 ms of counts before any row showed)
                dense = True
        elif len(needle) >= SEARCH_MIN:
            fts, query = "application_fts", '"' + needle.replace('"', '""') + '"'
        elif (query := _grams(needle)) is not None:  # under 3 characters: the trigrams starting with it
            fts = "application_search_fts"
        if fts:
            match = f"SELECT rowid FROM {fts} WHERE {fts} MATCH ?"
            # up to DENSE matches: their ids, read once, serve the counts and every window
            ids = run(f"SELECT group_concat(rowid) FROM ({match} LIMIT ?)", (query, DENSE + 1)).fetchone()[0]
            if ids is None or ids.count(",") < DENSE:
                self._needle = (f"[{ids or ''}]",)
                self._in, self._walk, alone = _IDS, "+" + _IDS, "SELECT json_array_length(?)"
            else:
                self._needle = (query,)
                self._in, self._walk, alone = f"id IN ({match})", f"+id IN ({match})", \
                    f"SELECT COUNT(*) FROM {fts} WHERE {fts} MATCH ?"
            self._open = self._in
        elif needle and not dialect.is_pg():  # too common for a list of trigrams: a scan of the narrow rows
            key = needle.translate(_ASCII_LOWER)
            # the first FEW+1 matches' ids as one text (SQLite joins them: no Python object per row)
            ids = run(f"SELECT group_concat(id) FROM ({_SHORT} LIMIT ?)", (key, FEW + 1)).fetchone()[0]
            if ids is None or ids.count(",") < FEW:  # the scan found every match: the listing works on these ids
                self._needle = (f"[{ids or ''}]",)
                self._in, self._walk, alone = _IDS, "+" + _IDS, "SELECT json_array_length(?)"
                self._open = self._in
            else:  # many: a window is met after a few rows of the index walk (see _search_form)
                self._needle = (key,)
                self._in = f"id IN ({_SHORT})"
                self._walk = self._open = \
                    "instr((SELECT text FROM application_search s WHERE s.id = application.id), ?)"
                alone = "SELECT COUNT(*) FROM application_search WHERE instr(text, ?)"
                dense = True
        self._filters, self._params, self._state = where, params, state
        order = _DEFAULT_ORDER
        self._indexed = sort is None or sort[0] in (0, 1)  # number and received have an index to walk
        if sort is not None:
            key = SORT_KEYS[sort[0]].replace("state", state) if sort[0] == 6 else SORT_KEYS[sort[0]]
            order = f"{key} {'DESC' if sort[1] else 'ASC'}, {_DEFAULT_ORDER}"
        self._order = order
        self._alone = alone if self._needle and not where else None
        self.count = self.open = self.overdue = self.soon = self.voided = 0
        self.exact = True
        if dense and lazy:  # a short search matching many rows: do the filters leave more than FEW of them?
            n = FEW + 1 if not where else run(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM application{self._where(self._walk)} LIMIT ?) AS found",
                [*params, *self._needle, FEW + 1]).fetchone()[0]
            if n > FEW:
                self.count, self.exact = n, False  # a lower bound until finish()
                return
        self.finish()

    def finish(self) -> None:
        """Count the listing exactly: its rows, and the open, overdue and due-soon ones among them."""
        t, soon = self.today.isoformat(), self.soon_limit.isoformat()
        if not self._needle:
            sql = f"SELECT COUNT(*) FROM application{self._where()}"
        elif self._alone:  # the search alone: counted in its own table, without touching the ledger rows
            sql = self._alone
        else:
            sql = f"SELECT COUNT(*) FROM application{self._where(self._in)}"
        self.count = run(sql, [*self._params, *self._needle]).fetchone()[0]
        # the open rows' index counts the rest, each open row tested against the search
        open_n, overdue, soon_n = run(
            f"SELECT {dialect.count_true(_live())}, {dialect.count_true('due < ?')},"
            f" {dialect.count_true('due >= ? AND due < ?')} FROM application"
            f"{self._where(self._open if self._needle else None, '+closed IS NULL')}",
            [t, t, soon, *self._params, *self._needle]).fetchone()
        self.open, self.overdue, self.soon = int(open_n), int(overdue), int(soon_n)
        # the voided rows among them: their own small index drives, each tested against the search (the walk form)
        self.voided = run(
            f"SELECT COUNT(*) FROM application{self._where(self._walk if self._needle else None, 'voided IS NOT NULL')}",
            [*self._params, *self._needle]).fetchone()[0]
        self.exact = True

    def _where(self, search: str | None = None, first: str | None = None) -> str:
        parts = ([first] if first else []) + self._filters + ([search] if search else [])
        return (" WHERE " + " AND ".join(parts)) if parts else ""

    def _search_form(self, offset: int, limit: int) -> str:
        """Walk the order's index when matches are dense enough that the window is met early, else sort them."""
        if not self._indexed:
            return self._in
        if not self.exact:  # many matches (see __init__)
            return self._walk
        # walking tests about (offset+limit)·size/count rows; collecting tests every row once, then sorts
        size = run("SELECT MAX(id) FROM application").fetchone()[0] or 0  # about the ledger's size
        return self._walk if self.count * self.count > (offset + limit) * size else self._in

    def window(self, offset: int, limit: int) -> list[Row]:
        """Rows offset … offset+limit-1 of the list, in its order."""
        # ids first (an index answers the order and the skipping), then those rows' columns
        if not self.count:
            return []
        where = self._where(self._search_form(offset, limit) if self._needle else None)
        ids = [i for (i,) in run(f"SELECT id FROM application{where} ORDER BY {self._order}"
                                            " LIMIT ? OFFSET ?", [*self._params, *self._needle, limit, offset])]
        if not ids:
            return []
        cur = run(
            "SELECT id, number, received, channel, applicant_type, applicant_name, content, closed, outcome, due,"
            f" {self._state} FROM application WHERE id IN ({','.join('?' * len(ids))})", ids)
        rows = {r[0]: Row._make(r) for r in cur}
        return [rows[i] for i in ids]

    def position(self, app_id: int) -> int | None:
        """Where the application stands in this list, in its order (0 first), or None when the filters and the
        search leave it out: 今日提醒 shows that row. One ranking of the matching rows (both engines have
        window functions), asked when a clerk opens a reminder, never per row."""
        where = self._where(self._in if self._needle else None)
        found = run(f"SELECT rn FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY {self._order}) AS rn FROM application"
                    f"{where}) AS ranked WHERE id = ?", [*self._params, *self._needle, app_id]).fetchone()
        return None if found is None else int(found[0]) - 1

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


def due_soon(today: dt.date):
    """A condition on application.id: the open applications overdue, due within 3 working days or with a date no
    deadline can come from, by their stored due dates (refresh first); a subquery, not an IN list of thousands
    of ids built by peewee (今日提醒, issue 25)."""
    import peewee
    limit = wd.add_workdays(today, 4).isoformat()
    return peewee.SQL(dialect.q("id IN (SELECT id FROM application WHERE +closed IS NULL"
                                " AND (due < ? OR due_state = ?))"), (limit, deadlines.BAD_DATE))


def years() -> list[int]:
    """收到年度 present in the ledger, newest first (one index probe per year, not a pass over every row)."""
    lo, hi = run("SELECT MIN(received), MAX(received) FROM application").fetchone()
    if not (lo and hi and lo[:4].isdigit() and hi[:4].isdigit()):
        return []
    return [y for y in range(int(hi[:4]), int(lo[:4]) - 1, -1) if run(
        "SELECT 1 FROM application WHERE received BETWEEN ? AND ? LIMIT 1",
        (f"{y:04d}-01-01", f"{y:04d}-12-31")).fetchone()]
