"""Schema 7: one narrow row of searchable text per application, for ledger searches under 3 characters (issue 16)."""

import sqlite3

# text: number, applicant_name, content, reply_number in ASCII lower case (as LIKE compares), each ended by
# char(31) so a needle never spans two fields. A 1–2 character search scans this table (instr) instead of
# the wide application rows: FTS5's trigram index cannot answer it.
_TEXT = ("lower(COALESCE({p}.number, '') || char(31) || COALESCE({p}.applicant_name, '') || char(31) ||"
         " COALESCE({p}.content, '') || char(31) || COALESCE({p}.reply_number, '') || char(31))")
SQL = f"""
CREATE TABLE application_search (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
INSERT INTO application_search(id, text) SELECT id, {_TEXT.format(p='application')} FROM application;
CREATE TRIGGER application_search_insert AFTER INSERT ON application BEGIN
    INSERT INTO application_search(id, text) VALUES (new.id, {_TEXT.format(p='new')});
END;
CREATE TRIGGER application_search_delete AFTER DELETE ON application BEGIN
    DELETE FROM application_search WHERE id = old.id;
END;
CREATE TRIGGER application_search_update AFTER UPDATE OF id, number, applicant_name, content, reply_number
ON application BEGIN
    DELETE FROM application_search WHERE id = old.id;
    INSERT INTO application_search(id, text) VALUES (new.id, {_TEXT.format(p='new')});
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
