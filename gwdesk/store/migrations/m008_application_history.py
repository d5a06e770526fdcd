"""Schema 8: the whole life of an application and its 复议/诉讼 cases (issue 28).

- application.voided / void_reason and appeal_case.voided / void_reason: a duplicate or mistyped record is
  voided with a reason, kept (never deleted), left out of 表三/表四 and shown as 已作废 in the ledger;
- application_reply: every answer with its date: the first (答复) is the one application.closed/outcome
  hold and 表三 counts; a later 重新答复 (after a 复议 correction, say) is recorded, not counted again;
- application_history: what was changed, voided or answered again, when, with the old values in words.
"""

import sqlite3

SQL = """
ALTER TABLE application ADD COLUMN voided TEXT;                      -- when it was voided (ISO time), NULL: valid
ALTER TABLE application ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE appeal_case ADD COLUMN voided TEXT;
ALTER TABLE appeal_case ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
CREATE TABLE application_reply (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('答复', '重新答复')),
    date           TEXT NOT NULL,                   -- ISO date of the answer
    outcome        TEXT NOT NULL,                   -- table-三 row id 3.1 … 3.6.3
    reply_number   TEXT NOT NULL DEFAULT '',
    reason         TEXT NOT NULL DEFAULT '',
    recorded_at    TEXT NOT NULL DEFAULT ''
);
INSERT INTO application_reply(application_id, kind, date, outcome, reply_number, reason, recorded_at)
    SELECT id, '答复', closed, outcome, reply_number, reason, updated_at FROM application WHERE closed IS NOT NULL;
CREATE TABLE application_history (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER REFERENCES application(id) ON DELETE CASCADE,
    case_id        INTEGER REFERENCES appeal_case(id) ON DELETE CASCADE,
    at             TEXT NOT NULL,                   -- ISO time
    action         TEXT NOT NULL,                   -- 作废 / 修改案件 / 作废案件 / 重新答复 / 撤销办结 / …
    detail         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_reply_application ON application_reply(application_id, date);
CREATE INDEX ix_history_application ON application_history(application_id);
CREATE INDEX ix_history_case ON application_history(case_id);
-- the voided rows alone (few): 表三 subtracts them, the ledger counts them
CREATE INDEX ix_application_voided ON application(received, closed, applicant_type, outcome) WHERE voided IS NOT NULL;
CREATE TRIGGER application_void_update AFTER UPDATE OF voided ON application BEGIN
    UPDATE application SET due_stamp = NULL WHERE id = new.id;
END;
"""


def up(conn):
    buf = ""
    for line in SQL.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip().strip(";").strip():
                conn.execute(buf)
            buf = ""
