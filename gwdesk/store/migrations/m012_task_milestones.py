"""Schema 12: each task keeps the milestones read from its 时限 cell, so 今日提醒 no longer parses every 时限 text.

`milestones` holds the earlier dates of a cell with several (“2月公布预算，8月公布决算” → '2026-02-28'), ISO dates
joined by commas, ascending; '' when the cell has none. The import writes it with the due date it parses
from the same text (core/tasks/service.py). NULL means not yet worked out: the rows of a database upgraded
to this schema, which core/tasks/tracking.py fills the first time it needs them (the parser is core's, and a
migration uses plain SQL only).
"""

SQL = """
ALTER TABLE task ADD COLUMN milestones TEXT;
"""


def up(conn) -> None:
    conn.executescript(SQL)


def up_postgres(conn) -> None:
    """The same on a 单位共享数据库."""
    conn.execute("ALTER TABLE task ADD COLUMN milestones TEXT")
