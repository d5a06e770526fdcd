"""Schema 2: 公文公开发布意见单 (issue 3) tables (filled in by that feature)."""


def up(conn):
    pass
