"""Schema 5: 年度报告 (issue 6) tables (filled in by that feature)."""


def up(conn):
    pass
