"""Schema 3: 任务台账 (issue 4) tables (filled in by that feature)."""


def up(conn):
    pass
