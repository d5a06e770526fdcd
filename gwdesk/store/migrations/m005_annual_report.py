"""Schema 5: 年度报告 (issue 6): one report per unit and year, its JSON figures and texts, frozen/sent flags."""

SQL = """
CREATE TABLE annual_report (
    id          INTEGER PRIMARY KEY,
    unit        TEXT NOT NULL,                   -- 单位名称 as printed in the title
    year        INTEGER NOT NULL CHECK (year BETWEEN 2008 AND 2100),
    data        TEXT NOT NULL,                   -- gwdesk.annual-report/1 JSON (figures and texts)
    sources     TEXT NOT NULL DEFAULT '{}',      -- JSON: figure key -> 数据来源 text of the last fill
    frozen      INTEGER NOT NULL DEFAULT 0 CHECK (frozen IN (0, 1)),  -- 定稿: no more edits
    sent        INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1)),    -- 已报送 to the supervising office
    sent_on     TEXT NOT NULL DEFAULT '',        -- ISO date it was sent
    updated_at  TEXT NOT NULL DEFAULT '',
    UNIQUE (unit, year)
);
CREATE INDEX annual_report_year ON annual_report(year);
"""


def up(conn):
    for statement in SQL.split(";"):
        if statement.strip():
            conn.execute(statement)
