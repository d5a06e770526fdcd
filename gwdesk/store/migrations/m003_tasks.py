"""Schema 3: 任务台账 (issue 4): imported task lists, their tasks, progress notes and evidence."""

SQL = """
CREATE TABLE task_list (
    id           INTEGER PRIMARY KEY,
    issuer       TEXT NOT NULL,                     -- 下发单位 / 地区, e.g. 梁平区
    year         INTEGER NOT NULL,
    title        TEXT NOT NULL DEFAULT '',
    file_name    TEXT NOT NULL DEFAULT '',
    sheet        TEXT NOT NULL DEFAULT '',
    issued_on    TEXT,                              -- ISO date the list was issued (for “N个月内”)
    labels       TEXT NOT NULL DEFAULT '{}',        -- field → the issuer's column header
    imported_at  TEXT NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (issuer, year)
);
CREATE TABLE task (
    id             INTEGER PRIMARY KEY,
    list_id        INTEGER NOT NULL REFERENCES task_list(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    source_row     INTEGER NOT NULL DEFAULT 0,
    seq            TEXT NOT NULL DEFAULT '',
    category       TEXT NOT NULL DEFAULT '',
    subcategory    TEXT NOT NULL DEFAULT '',
    task           TEXT NOT NULL DEFAULT '',
    measure        TEXT NOT NULL DEFAULT '',
    lead_units     TEXT NOT NULL DEFAULT '[]',
    resp_units     TEXT NOT NULL DEFAULT '[]',
    deadline_text  TEXT NOT NULL DEFAULT '',
    deadline_kind  TEXT NOT NULL DEFAULT 'none'
                   CHECK (deadline_kind IN ('date', 'recurring', 'ongoing', 'text', 'none')),
    due_date       TEXT,                            -- parsed due date (ISO)
    due_override   TEXT,                            -- date set by the clerk
    recurrence     TEXT NOT NULL DEFAULT '',
    publish_path   TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    auto_role      TEXT NOT NULL DEFAULT '不涉及' CHECK (auto_role IN ('牵头', '责任', '可能涉及', '不涉及')),
    role_reason    TEXT NOT NULL DEFAULT '',
    role_override  TEXT CHECK (role_override IS NULL OR role_override IN ('牵头', '责任', '可能涉及', '不涉及')),
    status         TEXT NOT NULL DEFAULT '未启动' CHECK (status IN ('未启动', '推进中', '已完成', '不适用')),
    done_on        TEXT,                            -- 完成日期
    removed_at     TEXT,                            -- dropped by a revised list, kept with its progress
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX task_list_position ON task(list_id, position);
CREATE INDEX task_status_due ON task(status, due_date);
CREATE INDEX task_category ON task(list_id, category);
CREATE TABLE task_note (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    noted_on    TEXT NOT NULL,                      -- the date the progress happened (推进落实情况)
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX task_note_task ON task_note(task_id, noted_on);
CREATE TABLE task_evidence (
    id            INTEGER PRIMARY KEY,
    task_id       INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('网址', '公开路径', '文件')),
    value         TEXT NOT NULL,                    -- URL, portal path, or file path inside the evidence dir
    original_name TEXT NOT NULL DEFAULT '',
    sha256        TEXT NOT NULL DEFAULT '',
    size          INTEGER NOT NULL DEFAULT 0,
    added_at      TEXT NOT NULL
);
CREATE INDEX task_evidence_task ON task_evidence(task_id);
"""


def up(conn):
    for statement in SQL.split(";"):
        if statement.strip():
            conn.execute(statement)
