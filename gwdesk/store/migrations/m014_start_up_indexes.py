"""Schema 14: two partial indexes of rows that are normally none, for questions 今日提醒 asks at each start (issue 25).

- `ix_application_unreadable`: the applications whose stored 收到日期 no date parser reads. 今日提醒 names each
  (the ledger's lists leave such rows out, so this is where the clerk learns of them); asked of 100,000 rows it
  read every row's date (15 ms, 70 ms with a cold disk cache). Its condition is the one the query asks
  (gwdesk.store.dialect.not_a_date), in each engine's words.
- `ix_task_milestones_unread`: the tasks whose milestones are not yet worked out (NULL: rows stored before
  schema 12), which core/tasks/tracking.fill_milestones fills before 今日提醒 reads them (a scan of every task).

Indexes on `id` alone: the models declare none for them (it is each table's key).
"""

SQL = """
CREATE INDEX ix_application_unreadable ON application(id) WHERE date(received) IS NULL;
CREATE INDEX ix_task_milestones_unread ON task(id) WHERE milestones IS NULL;
"""

# dialect.not_a_date("received") on PostgreSQL, word for word as it stands with this step (its planner uses a
# partial index only for a query whose condition implies the index's, which it proves for the same expression;
# tests/store/test_store_dialect.py holds the two together)
_MONTH_DAYS = ", ".join(f"'{m:02d}-{d:02d}'" for m in range(1, 13) for d in range(1, 32))
NOT_A_DATE_POSTGRES = ("(received IS NULL OR NOT (received LIKE '____-__-__%'"
                       " AND translate(left(received, 4), '0123456789', '') = ''"
                       f" AND substr(received, 6, 5) IN ({_MONTH_DAYS})"
                       " AND (length(received) = 10 OR substr(received, 11, 1) IN (' ', 'T'))))")
SQL_POSTGRES = [  # run without parameters: the LIKE's % stays single
    f"CREATE INDEX ix_application_unreadable ON application(id) WHERE {NOT_A_DATE_POSTGRES}",
    "CREATE INDEX ix_task_milestones_unread ON task(id) WHERE milestones IS NULL",
]


def up(conn) -> None:
    conn.executescript(SQL)


def up_postgres(conn) -> None:
    """The same on a 单位共享数据库."""
    for sql in SQL_POSTGRES:
        conn.execute(sql)
