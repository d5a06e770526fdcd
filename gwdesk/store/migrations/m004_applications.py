"""Schema 4: 依申请公开台账 (issue 5): applications, their steps, 复议/诉讼 cases, frozen years, holidays."""

import sqlite3

SQL = """
CREATE TABLE holiday (
    day   TEXT PRIMARY KEY,                         -- ISO date
    kind  TEXT NOT NULL CHECK (kind IN ('休', '班')),  -- 休 = day off, 班 = working day (调休)
    note  TEXT NOT NULL DEFAULT ''
);
CREATE TABLE application (
    id             INTEGER PRIMARY KEY,
    number         TEXT NOT NULL UNIQUE,            -- 编号
    received       TEXT NOT NULL,                   -- 收到日期 (第三十一条), ISO date
    channel        TEXT NOT NULL CHECK (channel IN ('当面', '邮寄', '网络', '传真', '其他')),
    applicant_type TEXT NOT NULL CHECK (applicant_type IN
                   ('自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他')),
    applicant_name TEXT NOT NULL,
    id_kind        TEXT NOT NULL DEFAULT '',        -- 居民身份证 / 统一社会信用代码 / 其他证件 / ''
    id_number      TEXT NOT NULL DEFAULT '',
    contact        TEXT NOT NULL DEFAULT '',
    content        TEXT NOT NULL DEFAULT '',
    delivery       TEXT NOT NULL DEFAULT '',        -- 获取方式
    closed         TEXT,                            -- 答复/终止 date, NULL while open
    outcome        TEXT,                            -- table-三 row id 3.1 … 3.6.3
    reply_number   TEXT NOT NULL DEFAULT '',        -- 答复书编号
    reason         TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL DEFAULT '',
    CHECK ((closed IS NULL) = (outcome IS NULL))
);
CREATE TABLE application_step (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('补正', '征求第三方意见', '延期', '收费')),
    started        TEXT NOT NULL,                   -- notice / request date
    ended          TEXT,                            -- 补正 arrival, third-party reply, payment date
    deadline       TEXT,                            -- 补正 period given to the applicant
    days           INTEGER NOT NULL DEFAULT 0,      -- 延期 working days
    approver       TEXT NOT NULL DEFAULT '',
    fee_method     TEXT NOT NULL DEFAULT '',        -- 按件 / 按量
    quantity       INTEGER NOT NULL DEFAULT 0,      -- pages for 按量
    amount         INTEGER NOT NULL DEFAULT 0,      -- 元
    note           TEXT NOT NULL DEFAULT ''
);
CREATE TABLE appeal_case (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER REFERENCES application(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('复议', '未经复议直接起诉', '复议后起诉')),
    filed          TEXT NOT NULL,
    result         TEXT NOT NULL DEFAULT '尚未审结'
                   CHECK (result IN ('结果维持', '结果纠正', '其他结果', '尚未审结')),
    decided        TEXT,
    case_number    TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT ''
);
CREATE TABLE application_frozen_year (
    year       INTEGER PRIMARY KEY,
    table3     TEXT NOT NULL,
    table4     TEXT NOT NULL,
    frozen_at  TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_application_received ON application(received, applicant_type, closed);
CREATE INDEX ix_application_closed ON application(closed, applicant_type, received, outcome);
CREATE INDEX ix_application_open ON application(received, applicant_type) WHERE closed IS NULL;
CREATE INDEX ix_application_applicant ON application(id_number, applicant_name);
CREATE INDEX ix_step_application ON application_step(application_id);
CREATE INDEX ix_appeal_filed ON appeal_case(filed, kind, result, decided);
CREATE INDEX ix_appeal_application ON appeal_case(application_id);
"""


def up(conn):
    buf = ""
    for line in SQL.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip().strip(";").strip():
                conn.execute(buf)
            buf = ""
