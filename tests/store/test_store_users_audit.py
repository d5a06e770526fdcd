"""Users, roles and the audit trail (issue 24): on a 单位共享数据库 each clerk works as their own login and the
role is checked in core, whatever the screen shows; every edit is recorded with who, when, before and after.
SQLite mode: one implicit user who may do everything, as before."""

from __future__ import annotations

import json

import pytest

from gwdesk.core import users, workdays
from gwdesk.core.review import forms, workflow
from gwdesk.store import audit, dburl
from gwdesk.store.db import open_store
from gwdesk.store.review_models import ReviewForm, ReviewStatusLog

pytestmark = pytest.mark.both_engines


def test_sqlite_has_one_implicit_user_who_may_do_everything(ctx, engine):
    if engine != "sqlite":
        pytest.skip("the implicit user is SQLite mode's")
    assert users.current().role == users.ADMIN
    f = forms.create(ctx, {"title": "关于冬季救助的通知"})
    ReviewForm.update(status=forms.PENDING).where(ReviewForm.id == f.id).execute()
    workflow.transition(f.id, "return", "请补充", seen_status=forms.PENDING)
    assert ReviewStatusLog.get(ReviewStatusLog.form == f.id).by_user == audit.who()


def test_every_edit_is_in_the_trail_with_who_before_and_after(ctx, engine):
    f = forms.create(ctx, {"title": "原标题"})
    mine = forms.get(f.id)
    mine.values["title"] = "新标题"
    forms.save(ctx, mine)
    (at, by, table, row_id, action, before, after), = audit.entries("review_form", f.id)
    assert (table, row_id, action) == ("review_form", str(f.id), "修改") and by == audit.actor()
    assert json.loads(before)["title"] == "原标题" and json.loads(after)["title"] == "新标题"
    assert "原标题" in json.loads(before)["data"] and "新标题" in json.loads(after)["data"]
    if engine == "postgresql":  # the trigger's copy, which no client can skip
        rows = ctx.store.db.execute_sql("SELECT by_user, action FROM change_log WHERE tbl = 'review_form'"
                                        " AND action = 'UPDATE'").fetchall()
        assert rows == [("postgres", "UPDATE")]


@pytest.fixture
def second_clerk(ctx, engine, pg_cluster):
    """A second login on the same server (the first to open it, postgres, became its 管理员)."""
    if engine != "postgresql":
        pytest.skip("logins and roles are the shared database's")
    assert users.current() == users.User("postgres", "postgres", users.ADMIN)
    url = ctx.store.url
    db_ = ctx.store.db
    db_.execute_sql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zhang') THEN"
                    " CREATE ROLE zhang LOGIN; END IF; END $$")
    db_.execute_sql("GRANT ALL ON ALL TABLES IN SCHEMA public TO zhang")
    db_.execute_sql("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO zhang")
    return dburl.ServerUrl("zhang", url.host, url.port, url.dbname)


def _as(url, job):
    """Run `job` as another clerk (their own connection and login), then give the store back."""
    from gwdesk.store import base
    previous = base.db.obj
    s = open_store(url)
    try:
        return job()
    finally:
        s.close()
        base.db.initialize(previous)


def test_a_clerk_submits_but_may_not_approve_until_made_a_reviewer(ctx, second_clerk):
    f = forms.create(ctx, {"title": "关于冬季救助的通知"})
    ReviewForm.update(status=forms.PENDING).where(ReviewForm.id == f.id).execute()

    def approve():
        return workflow.transition(f.id, "return", "请补充依据", seen_status=forms.PENDING)

    with pytest.raises(users.PermissionDenied) as e:
        _as(second_clerk, approve)
    assert e.value.message == "您的角色是“科员”：审定、退回、登记或作废意见单须由审核人或管理员操作。"
    assert forms.get(f.id).status == forms.PENDING  # nothing done
    with pytest.raises(users.PermissionDenied):
        _as(second_clerk, lambda: workdays.set_holiday(__import__("datetime").date(2026, 12, 31), "休"))
    users.set_role("zhang", users.REVIEWER, name="张审核")  # the 管理员 (postgres) decides
    assert _as(second_clerk, approve).status == forms.DRAFT
    log = ReviewStatusLog.get(ReviewStatusLog.form == f.id)
    assert log.by_user == "zhang"  # the real user of the step
    assert {u.login: u.role for u in users.all_users()} == {"postgres": users.ADMIN, "zhang": users.REVIEWER}
    with pytest.raises(users.PermissionDenied):  # a 审核人 keeps no user list
        _as(second_clerk, lambda: users.set_role("zhang", users.ADMIN))


def test_the_last_admin_stays(ctx, second_clerk):
    _as(second_clerk, users.current)  # zhang is seen: 科员
    with pytest.raises(Exception, match="至少要保留一位在用的管理员"):
        users.set_role("postgres", users.CLERK)
    assert users.current().role == users.ADMIN


def test_the_trail_is_listed_and_exported_from_the_command_line(ctx, engine, tmp_path, capsys):
    from openpyxl import load_workbook

    from gwdesk import cli
    f = forms.create(ctx, {"title": "原标题"})
    mine = forms.get(f.id)
    mine.values["title"] = "新标题"
    forms.save(ctx, mine)
    ctx.store.close()  # the command opens the data (or the server) itself
    args = ["--data-dir", str(ctx.data_dir)] + (["--db", ctx.store.url.url()] if engine == "postgresql" else [])
    assert cli.main([*args, "audit", "--table", "review_form"]) == 0
    out = capsys.readouterr().out
    assert "review_form#1  修改" in out and "新标题" in out
    assert cli.main([*args, "audit", "--out", str(tmp_path / "修改记录.xlsx")]) == 0
    ws = load_workbook(tmp_path / "修改记录.xlsx")["修改记录"]
    assert [c.value for c in ws[1]] == ["时间", "用户", "记录类型", "记录编号", "操作", "修改前", "修改后"]
    assert ws["C2"].value == "意见单" and "原标题" in ws["F2"].value and "新标题" in ws["G2"].value


def test_users_from_the_command_line(ctx, engine, capsys):
    from gwdesk import cli
    ctx.store.close()
    if engine == "sqlite":
        assert cli.main(["--data-dir", str(ctx.data_dir), "users"]) == 2
        assert "只用于单位共享数据库" in capsys.readouterr().err
        return
    url = ctx.store.url.url()
    assert cli.main(["--db", url, "users", "--set", "li", "审核人", "--name", "李四"]) == 0
    out = capsys.readouterr().out
    assert "已把用户“li”设为审核人" in out and "postgres  postgres  管理员  ← 您" in out and "li  李四  审核人" in out
    assert cli.main(["--db", url, "users", "--set", "li", "组长"]) == 2
    assert "角色只能是：科员、审核人、管理员" in capsys.readouterr().err
