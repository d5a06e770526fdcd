"""Schema 6: the 依申请公开 ledger searched through FTS5 (trigram) and filtered by stored due dates (issue 16)."""

import sqlite3

# due / due_state: DueInfo.due and .state as computed on `today`, valid through due_until (NULL: for good);
# due_stamp: the calendar they were computed with, NULL when a change to the row, its steps or the holiday
# table means they must be computed again (gwdesk.core.applications.listing.refresh does it).
SQL = """
ALTER TABLE application ADD COLUMN due TEXT;
ALTER TABLE application ADD COLUMN due_state TEXT;
ALTER TABLE application ADD COLUMN due_until TEXT;
ALTER TABLE application ADD COLUMN due_stamp TEXT;
-- open rows: queries say `+closed IS NULL` (the unary plus keeps the planner off ix_application_closed, whose
-- statistics put 35 rows behind any one date, NULL included); this index is then the one that fits
CREATE INDEX ix_application_open_due
    ON application(due, due_state, due_until, due_stamp, received, applicant_type, closed) WHERE +closed IS NULL;
CREATE INDEX ix_application_stale ON application(closed, received) WHERE due_stamp IS NULL;
CREATE VIRTUAL TABLE application_fts USING fts5(
    number, applicant_name, content, reply_number,
    content='application', content_rowid='id', tokenize='trigram'
);
INSERT INTO application_fts(application_fts) VALUES ('rebuild');
CREATE TRIGGER application_fts_insert AFTER INSERT ON application BEGIN
    INSERT INTO application_fts(rowid, number, applicant_name, content, reply_number)
    VALUES (new.id, new.number, new.applicant_name, new.content, new.reply_number);
END;
CREATE TRIGGER application_fts_delete AFTER DELETE ON application BEGIN
    INSERT INTO application_fts(application_fts, rowid, number, applicant_name, content, reply_number)
    VALUES ('delete', old.id, old.number, old.applicant_name, old.content, old.reply_number);
END;
CREATE TRIGGER application_fts_update AFTER UPDATE OF number, applicant_name, content, reply_number
ON application BEGIN
    INSERT INTO application_fts(application_fts, rowid, number, applicant_name, content, reply_number)
    VALUES ('delete', old.id, old.number, old.applicant_name, old.content, old.reply_number);
    INSERT INTO application_fts(rowid, number, applicant_name, content, reply_number)
    VALUES (new.id, new.number, new.applicant_name, new.content, new.reply_number);
END;
CREATE TRIGGER application_due_update AFTER UPDATE OF received, closed ON application BEGIN
    UPDATE application SET due_stamp = NULL WHERE id = new.id;
END;
CREATE TRIGGER step_due_insert AFTER INSERT ON application_step BEGIN
    UPDATE application SET due_stamp = NULL WHERE id = new.application_id;
END;
CREATE TRIGGER step_due_update AFTER UPDATE ON application_step BEGIN
    UPDATE application SET due_stamp = NULL WHERE id IN (old.application_id, new.application_id);
END;
CREATE TRIGGER step_due_delete AFTER DELETE ON application_step BEGIN
    UPDATE application SET due_stamp = NULL WHERE id = old.application_id;
END;
CREATE TRIGGER holiday_due_insert AFTER INSERT ON holiday BEGIN
    UPDATE application SET due_stamp = NULL WHERE closed IS NULL AND due_stamp IS NOT NULL;
END;
CREATE TRIGGER holiday_due_update AFTER UPDATE ON holiday BEGIN
    UPDATE application SET due_stamp = NULL WHERE closed IS NULL AND due_stamp IS NOT NULL;
END;
CREATE TRIGGER holiday_due_delete AFTER DELETE ON holiday BEGIN
    UPDATE application SET due_stamp = NULL WHERE closed IS NULL AND due_stamp IS NOT NULL;
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
