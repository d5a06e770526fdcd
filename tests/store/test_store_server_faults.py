"""Faults of a 单位共享数据库 (issue 24, point 8), each on a real server: the network cut in the middle of a save
(the session killed with pg_terminate_backend), the server shut down while a clerk works and started again, a
colleague's newer gwdesk upgrading the database under an open window, a wrong password, a database that is not
gwdesk's. Each gives a plain Chinese message, leaves nothing half-written, and the clerk's draft stays; once the
server is back the next save goes through without restarting gwdesk."""

from __future__ import annotations

import pytest

from gwdesk.context import AppContext
from gwdesk.core.review import drafts, forms
from gwdesk.errors import StorageError
from gwdesk.store import audit, dburl, migrations, server
from gwdesk.store.db import open_store

from conftest import TODAY


def kill_my_session(cluster, database) -> None:
    """What a network cut does to the session: the server ends it (the client finds out at its next statement)."""
    pid = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    with cluster.admin() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


@pytest.fixture
def shared(pg_url, data_dir):
    s = open_store(dburl.parse(pg_url))
    yield AppContext(store=s, data_dir=data_dir, today=lambda: TODAY)
    s.close()


@pytest.mark.allow_log_warnings  # "connection was lost; connecting again"
def test_a_save_cut_off_midway_keeps_nothing_of_it_and_the_next_save_goes_through(shared, pg_cluster, monkeypatch):
    ctx = shared
    f = forms.create(ctx, {"title": "关于冬季救助的通知", "drafter": "张三"})
    key = drafts.key_for(f.id)
    edited = forms.get(f.id)
    edited.values["title"] = "关于做好冬季救助工作的通知"
    drafts.autosave(key, edited.values, {}, f.id)  # what the editor autosaved while the clerk typed
    record = audit.record
    cut = []

    def cut_once(*args, **kwargs):  # inside the save's transaction, after the form's row was updated
        if not cut:
            cut.append(True)
            kill_my_session(pg_cluster, ctx.db)
        return record(*args, **kwargs)
    monkeypatch.setattr(audit, "record", cut_once)
    with pytest.raises(server.ConnectionLost) as e:
        drafts.save_form(ctx, edited, None, key)
    assert "连接中断" in e.value.message and "没有保存" in e.value.message and "再保存一次" in e.value.message
    # connected again by itself: the form is as it was, its draft still there, no audit line of the cut save
    stored = forms.get(f.id)
    assert stored.values["title"] == "关于冬季救助的通知" and stored.version == f.version
    assert drafts.pending(key).values["title"] == "关于做好冬季救助工作的通知"
    assert not ctx.db.execute_sql("SELECT count(*) FROM change_log WHERE tbl = 'review_form' AND action = '修改'"
                                  ).fetchone()[0]
    again = drafts.save_form(ctx, edited, None, key)
    assert forms.get(f.id).values["title"] == "关于做好冬季救助工作的通知" and again.version == f.version + 1
    assert drafts.pending(key) is None


@pytest.mark.allow_log_warnings
def test_the_server_down_while_a_clerk_works_then_back(data_dir):
    """Shut down as an administrator would, on a cluster of this test's own (the session's cluster serves the
    others meanwhile)."""
    import pg_support
    cluster = pg_support.Cluster()
    try:
        s = open_store(dburl.parse(cluster.create_database("down_and_up")))
        ctx = AppContext(store=s, data_dir=data_dir, today=lambda: TODAY)
        f = forms.create(ctx, {"title": "停机前保存的"})
        cluster.halt()
        with pytest.raises(StorageError) as e:
            forms.create(ctx, {"title": "停机时保存的"})
        assert "连接" in e.value.message and "没有保存" in e.value.message
        with pytest.raises(StorageError) as e:  # still down: told again, plainly, not a crash
            forms.get(f.id)
        assert "无法重新连接" in e.value.message
        cluster.resume()
        assert forms.get(f.id).values["title"] == "停机前保存的"  # connected again by itself
        forms.create(ctx, {"title": "恢复后保存的"})
        titles = [r[0] for r in ctx.db.execute_sql("SELECT title FROM review_form ORDER BY id").fetchall()]
        assert titles == ["停机前保存的", "恢复后保存的"]  # nothing of the save tried while it was down
        s.close()
    finally:
        cluster.stop()


@pytest.mark.allow_log_warnings
def test_a_commit_lost_with_the_connection_says_it_cannot_tell(shared, pg_cluster):
    from gwdesk.store.models import Setting
    with pytest.raises(server.ConnectionLost) as e:
        with shared.db.atomic():
            Setting.set_value("marker", "提交时断网")
            kill_my_session(pg_cluster, shared.db)
    assert "无法确认" in e.value.message and "核对" in e.value.message
    assert Setting.get_value("marker") is None  # here the COMMIT never reached the server: nothing kept


def _newer_gwdesk_upgrades(cluster, dbname: str) -> None:
    """What a later gwdesk's migration might do while this one is open: a column this version does not fill."""
    import psycopg
    with psycopg.connect(host=str(cluster.socket), port=5432, user="postgres", dbname=dbname, autocommit=True) as c:
        c.execute("ALTER TABLE review_form ADD COLUMN later_field TEXT NOT NULL DEFAULT ''")
        c.execute("ALTER TABLE review_form ALTER COLUMN later_field DROP DEFAULT")
        c.execute("UPDATE gwdesk_meta SET value = %s WHERE key = %s",
                  (str(migrations.latest_version() + 1), server.VERSION_KEY))


def test_a_newer_gwdesk_upgrading_the_database_under_an_open_window(shared, pg_cluster):
    ctx = shared
    before = forms.create(ctx, {"title": "升级前的"})
    _newer_gwdesk_upgrades(pg_cluster, ctx.db.database)
    with pytest.raises(StorageError) as e:
        forms.create(ctx, {"title": "升级后的"})
    assert "更新版本的 gwdesk" in e.value.message and "升级本机" in e.value.message
    assert ctx.db.execute_sql("SELECT count(*) FROM review_form").fetchone()[0] == 1  # nothing half-written
    assert forms.get(before.id).values["title"] == "升级前的"  # reading goes on
    ctx.store.close()
    with pytest.raises(StorageError, match="更新版本"):  # and the next start is refused untouched
        open_store(ctx.store.url)


def test_an_ordinary_database_error_is_not_taken_for_a_newer_version(shared):
    import peewee
    with pytest.raises(peewee.IntegrityError):  # a bug or a real constraint: not dressed up as something else
        shared.db.execute_sql("INSERT INTO review_form (id) VALUES (NULL)")
