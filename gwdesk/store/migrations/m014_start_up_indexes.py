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

# dialect.not_a_date("received") on PostgreSQL, word for word: its planner uses a partial index only for a query
# whose condition implies the index's, which it proves for the same expression
SQL_POSTGRES = [
    "CREATE INDEX ix_application_unreadable ON application(id) WHERE (received IS NULL OR received !~ "
    "'^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([ T].*){0,1}$')",
    "CREATE INDEX ix_task_milestones_unread ON task(id) WHERE milestones IS NULL",
]


def up(conn) -> None:
    conn.executescript(SQL)


def up_postgres(conn) -> None:
    """The same on a 单位共享数据库."""
    for sql in SQL_POSTGRES:
        conn.execute(sql)
