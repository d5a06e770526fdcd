"""Schema 2: 公文公开发布意见单 (issue 3): the forms, their status history and autosaved drafts.

A form's field values live as JSON in `data` ({"values": {...}, "signoffs": {...}}); the columns
beside it repeat what lists, searches, registers and the annual report need, kept in step on save.
"""

SQL = """
CREATE TABLE review_form (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    number          TEXT NOT NULL UNIQUE,          -- 编号, e.g. 2026-007
    title           TEXT NOT NULL DEFAULT '',
    doc_number      TEXT NOT NULL DEFAULT '',      -- 发文字号
    dept            TEXT NOT NULL DEFAULT '',      -- 拟稿科室
    drafter         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT '草稿',
    attribute       TEXT NOT NULL DEFAULT '',      -- 公开属性
    normative       INTEGER NOT NULL DEFAULT 0,    -- 是否行政规范性文件
    doc_date        TEXT,                          -- 拟发文日期 (ISO)
    planned_date    TEXT,                          -- 拟公开日期
    published_date  TEXT,                          -- 实际公开日期
    data            TEXT NOT NULL DEFAULT '{}',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX review_form_year_status ON review_form (year, status);
CREATE INDEX review_form_attribute ON review_form (attribute);
CREATE INDEX review_form_dept ON review_form (dept);
CREATE INDEX review_form_doc_date ON review_form (doc_date);
CREATE INDEX review_form_title ON review_form (title);
CREATE INDEX review_form_doc_number ON review_form (doc_number);
CREATE INDEX review_form_drafter ON review_form (drafter);

CREATE TABLE review_status_log (
    id          INTEGER PRIMARY KEY,
    form_id     INTEGER NOT NULL REFERENCES review_form (id) ON DELETE CASCADE,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    action      TEXT NOT NULL,                     -- submit / approve / publish / return / void
    reason      TEXT NOT NULL DEFAULT '',          -- 退回修改、作废 的原因
    at          TEXT NOT NULL
);
CREATE INDEX review_status_log_form ON review_status_log (form_id);

CREATE TABLE review_draft (
    key      TEXT PRIMARY KEY,                     -- "form:<id>" or "new:<token>"
    form_id  INTEGER REFERENCES review_form (id) ON DELETE CASCADE,
    data     TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
"""


def up(conn):
    for statement in SQL.split(";"):
        if statement.strip():
            conn.execute(statement)
