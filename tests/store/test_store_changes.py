"""A 单位共享数据库 tells the other clerks' windows what changed (LISTEN/NOTIFY): a colleague's committed write
to a table a screen shows reaches a listener at once; this clerk's own writes, a rolled-back transaction, a
statement that changed nothing and each clerk's drafts are not announced."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from clerks_support import as_colleague
from gwdesk.core import drafts
from gwdesk.core.applications import ledger
from gwdesk.store import changes
from gwdesk.store.applications_models import Application
from gwdesk.store.base import db

on_server = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)  # notifications are PostgreSQL's


def _register(name="李四"):
    return ledger.create(dict(received=dt.date(2026, 11, 2), channel="网络", applicant_type="自然人",
                              applicant_name=name, content="预算"), auto_number=True)


@pytest.fixture
def listener(store):
    it = changes.Listener(store.url)
    yield it
    it.close()


def _heard(listener, wait=2.0) -> set[str]:
    """What arrived within `wait` seconds (stops once something did and nothing more came for 0.1 s)."""
    got: set[str] = set()
    end = time.monotonic() + wait
    while time.monotonic() < end:
        more = listener.take({changes.own_pid()})
        got |= more
        if got and not more:
            break
        time.sleep(0.1)
    return got


@on_server
def test_a_colleagues_registration_is_heard_and_my_own_is_not(ctx, listener):
    as_colleague(_register)
    assert _heard(listener) == {"application"}
    _register("王五")  # this clerk's own: its screens already show it
    assert _heard(listener, wait=0.5) == set()


@on_server
def test_a_rolled_back_save_a_no_op_and_drafts_are_silent(ctx, listener):
    def rolled_back():
        with pytest.raises(RuntimeError), db.atomic():
            _register()
            raise RuntimeError("network cut")

    def nothing_changed():
        Application.update(content="x").where(Application.id == -1).execute()
        drafts.save("task_note", 1, {"text": "进展"})

    as_colleague(rolled_back)
    as_colleague(nothing_changed)
    assert _heard(listener, wait=0.5) == set()
    assert Application.select().count() == 0


@on_server
def test_one_transaction_writing_several_tables_is_heard_once_per_table(ctx, profile, listener):
    from gwdesk.core.tasks import demo as tasks_demo
    as_colleague(lambda: tasks_demo.load(ctx))
    heard = _heard(listener)
    assert {"task_list", "task"} <= heard and not heard & changes.QUIET


def test_the_written_table_is_read_from_either_spelling():
    assert changes.written_table('INSERT INTO "task_note" ("task_id") VALUES (%s)') == "task_note"
    assert changes.written_table("UPDATE application SET due = %s") == "application"
    assert changes.written_table('  DELETE FROM "review_form" WHERE id = 1') == "review_form"
    assert changes.written_table("SELECT * FROM application") is None


@on_server
def test_a_change_is_heard_with_its_commit_not_before(ctx, listener):
    import threading
    written, go_on = threading.Event(), threading.Event()

    def colleague():
        with db.atomic():
            _register()
            written.set()
            assert go_on.wait(10)

    import concurrent.futures
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        done = pool.submit(lambda: as_colleague(colleague))
        assert written.wait(10)
        assert _heard(listener, wait=0.5) == set()  # written, not yet committed: nothing to see
        go_on.set()
        done.result(10)
    assert _heard(listener) == {"application"}
