"""Schema 4: 依申请公开台账 (issue 5) tables (filled in by that feature)."""


def up(conn):
    pass
