"""Schema 7: each application's searchable text in one narrow row, trigram-indexed for 1–2 character searches."""

import sqlite3

# text: number, applicant_name, content, reply_number in ASCII lower case (as LIKE compares), each followed by
# two char(31): a needle (never holding char(31)) cannot span two fields, and each of its characters starts a
# trigram, so a 1–2 character needle is a prefix of the trigrams in application_search_fts (found through
# application_search_vocab). The application_fts index of schema 6 answers 3+ characters; a scan of this
# narrow table stays for needles too common for a list of trigrams.
_TEXT = ("lower(COALESCE({p}.number, '') || char(31, 31) || COALESCE({p}.applicant_name, '') || char(31, 31) ||"
         " COALESCE({p}.content, '') || char(31, 31) || COALESCE({p}.reply_number, '') || char(31, 31))")
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
CREATE VIRTUAL TABLE application_search_fts USING fts5(
    text, content='application_search', content_rowid='id', tokenize='trigram case_sensitive 1', detail='none'
);
INSERT INTO application_search_fts(application_search_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE application_search_vocab USING fts5vocab(application_search_fts, row);
CREATE TRIGGER application_search_fts_insert AFTER INSERT ON application_search BEGIN
    INSERT INTO application_search_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER application_search_fts_delete AFTER DELETE ON application_search BEGIN
    INSERT INTO application_search_fts(application_search_fts, rowid, text) VALUES ('delete', old.id, old.text);
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
