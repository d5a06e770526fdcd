"""The few places raw SQL differs between SQLite and PostgreSQL, as small helpers the raw queries go through.

The raw queries are written once, in SQLite's words (`?` placeholders, the unary-plus planner hints of schema
m006); `q()` turns such a text into PostgreSQL's (`%s`, a literal `%` doubled, the hints dropped: PostgreSQL's
planner needs none; likewise `INDEXED BY`). What has no common spelling is asked here: `count_true`, `agg_ids`, `ids_in`,
`ids_count`, `is_iso_date`.
"""

from __future__ import annotations

import re

import peewee

from gwdesk.store.base import db

# a unary plus before a column name: after `(`, a blank or the start, not after an operand (`a + b`)
_HINT = re.compile(r"(?:(?<=[\s(])|^)\+(?=[a-z_])")


def is_pg(database=None) -> bool:
    """True when `database` (default: the one the models are bound to) is PostgreSQL."""
    d = database if database is not None else db.obj
    if isinstance(d, peewee.DatabaseProxy):
        d = d.obj
    return isinstance(d, peewee.PostgresqlDatabase)


# a named parameter (:first), not a cast (::json) nor a time inside a literal ('12:30')
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


# SQLite's `INDEXED BY name` after a table: a partial index its planner would not pick without statistics
_INDEXED_BY = re.compile(r"\s+INDEXED BY \w+")


def q(sql: str, database=None) -> str:
    """`sql` as written for SQLite, in the bound engine's spelling (`?` and `:name` parameters both; the planner
    hints, unary plus and INDEXED BY, dropped)."""
    if not is_pg(database):
        return sql
    sql = _INDEXED_BY.sub("", sql)
    return _NAMED.sub(r"%(\1)s", _HINT.sub("", sql.replace("%", "%%")).replace("?", "%s"))


def run(sql: str, params=(), database=None):
    """execute_sql of `sql` (SQLite spelling) on the bound database (or `database`), in its own spelling."""
    d = database if database is not None else db
    return d.execute_sql(q(sql, database if database is not None else db.obj), params)


def executemany(sql: str, rows, database=None) -> None:
    """One prepared statement for many rows (a raw cursor: the speed of 500-row imports), either engine."""
    d = database if database is not None else db
    d.cursor().executemany(q(sql, database if database is not None else db.obj), rows)


def count_true(condition: str) -> str:
    """SQL counting the rows where `condition` holds (SQLite's TOTAL of a truth value; PostgreSQL's booleans
    have no SUM)."""
    if is_pg():
        return f"COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)"
    return f"TOTAL({condition})"


def agg_ids(column: str) -> str:
    """SQL joining a column's values into one comma-separated text (NULL when there are none)."""
    if is_pg():
        return f"string_agg(({column})::text, ',')"
    return f"group_concat({column})"


def ids_in(column: str = "id") -> str:
    """`column IN` the ids of one parameter holding a JSON array (`[1,2,3]`)."""
    if is_pg():
        return f"{column} IN (SELECT json_array_elements_text(?::json)::bigint)"
    return f"{column} IN (SELECT value FROM json_each(?))"


def ids_count() -> str:
    """A query counting the ids of one parameter holding a JSON array."""
    return "SELECT json_array_length(?::json)" if is_pg() else "SELECT json_array_length(?)"


# every month-day an ISO date may carry, MM 01–12 and DD 01–31 (what SQLite's date() reads as its own text)
_MONTH_DAYS = ", ".join(f"'{m:02d}-{d:02d}'" for m in range(1, 13) for d in range(1, 32))
DATE_SHAPE = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([ T].*){0,1}$"  # what not_a_date refuses


def not_a_date(column: str) -> str:
    """SQL true when `column` holds no ISO date (SQLite's date() answers NULL for such text). PostgreSQL: text
    not of DATE_SHAPE, tested without a regular expression (the regex took 85–150 ms over 100,000 rows, this
    30–40): the shape, four digits, then the month-day in a hashed list, then nothing or a blank or T. Written
    with no ? (a placeholder); run it through dialect.run (its LIKE's % is doubled there)."""
    if is_pg():
        return (f"({column} IS NULL OR NOT ({column} LIKE '____-__-__%'"
                f" AND translate(left({column}, 4), '0123456789', '') = ''"
                f" AND substr({column}, 6, 5) IN ({_MONTH_DAYS})"
                f" AND (length({column}) = 10 OR substr({column}, 11, 1) IN (' ', 'T'))))")
    return f"date({column}) IS NULL"
