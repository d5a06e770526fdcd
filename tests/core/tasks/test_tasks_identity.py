"""Issue 26.1: a second list of the same issuer and year is its own list; a revision is recognised by its title
without version words; nothing with progress or evidence is removed without the clerk being asked."""

from locations import TESTS

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from gwdesk import cli
from gwdesk.core.tasks import demo as tasks_demo
from gwdesk.core.tasks import identity, sample, service, tracking
from gwdesk.errors import ImportRejected
from gwdesk.store.tasks_models import Task, TaskList

YEAR = 2026
ZWGK = f"青川县{YEAR}年政务公开任务清单"
MSSS = f"青川县{YEAR}年民生实事任务清单"
FIXTURES = TESTS / "fixtures" / "db"

# a 民生实事 list: other rows than the 政务公开 one
MSSS_ROWS = [
    ("一", "一、教育民生"),
    ("1", "新建公办幼儿园", "新建公办幼儿园2所，新增学位540个。", "县教育局", "县教育局、县住房城乡建设局", "2026年12月底前"),
    ("2", "城乡低保提标", "城乡低保标准分别提高到每人每月820元、560元。", "县民政局", "县民政局、县财政局", "2026年6月底前"),
    ("二", "二、城乡建设"),
    ("3", "老旧小区改造", "改造城镇老旧小区12个，惠及居民1860户。", "县住房城乡建设局", "县住房城乡建设局", "2026年11月底前"),
]


def _parsed(rows, title):
    return sample.parsed_list(rows, title=title, year=YEAR, issued_on=dt.date(YEAR, 3, 15))


def _zwgk_rows(drop=()):
    return [r for r in tasks_demo._localised(YEAR) if not (len(r) == 6 and r[0] in drop)]


def _import(rows, title, **kw):
    return service.import_parsed(_parsed(rows, title), issuer="青川县", year=YEAR, **kw)


@pytest.mark.parametrize("title", [
    f"{ZWGK}（修订版）", f"{ZWGK}(修订稿)", f"调整后的{ZWGK}", f"{ZWGK}第二版", f"{ZWGK}（2026年5月修订）",
    f"{ZWGK} 修订", f"附件1：{ZWGK}", f"“{ZWGK}”（更新）", f"{ZWGK}（调整后）", f"{ZWGK}V2",
])
def test_version_words_do_not_change_a_lists_identity(title):
    assert identity.same_list(title, ZWGK)


@pytest.mark.parametrize("a,b,could", [
    (ZWGK, MSSS, False),  # about different things: two lists
    (ZWGK, f"青川县{YEAR}年政府工作报告重点工作任务分解", False),
    (ZWGK, f"青川县{YEAR}年政务公开工作要点任务分解表", True),  # reworded list words: either, so asked
    (ZWGK, "", True),  # unknown title: asked
    (f"{YEAR}年政务公开工作要点", f"{YEAR}年政务公开工作要点分工方案", True),
])
def test_titles_that_could_be_one_list_renamed(a, b, could):
    assert identity.could_be_same(a, b, "青川县") is could
    assert not identity.same_list(a, b)


def test_identity_keeps_words_that_are_no_version():
    assert identity.identity("产业结构调整任务清单") == "产业结构调整任务清单"
    assert not identity.same_list("产业结构调整任务清单", "产业结构任务清单")


def _progress_on_first(list_id, today):
    by_seq = {t.seq: t for t in Task.select().where(Task.list == list_id)}
    t17 = by_seq["17"]
    tracking.set_status(t17.id, "推进中", today=today)
    tracking.add_note(t17.id, "已组织全县政务公开培训一次。", noted_on=dt.date(YEAR, 4, 2), today=today)
    return t17


def test_a_second_list_of_the_same_issuer_and_year_is_its_own_list(ctx, profile):
    first = _import(_zwgk_rows(), ZWGK)
    t17 = _progress_on_first(first.list_id, ctx.today())
    before = {t.id: (t.status, t.removed_at) for t in Task.select()}
    second = _import(MSSS_ROWS, MSSS)
    assert second.created and second.list_id != first.list_id and second.gone == []
    assert TaskList.select().count() == 2 and TaskList.get_by_id(first.list_id).revision == 1
    assert {t.id: (t.status, t.removed_at) for t in Task.select().where(Task.list == first.list_id)} == before
    assert len(tracking.notes(t17.id)) == 1
    # re-importing the first list revises the first one only; the second keeps its three tasks
    again = _import(_zwgk_rows(), ZWGK)
    assert not again.created and again.list_id == first.list_id and again.gone == []
    assert len(tracking.tasks(second.list_id)) == 3
    # a revised 民生实事 list, titled as revised, goes to the 民生实事 list
    rev = _import(MSSS_ROWS[:3] + MSSS_ROWS[3:], f"{MSSS}（修订版）")
    assert not rev.created and rev.list_id == second.list_id


def test_a_revision_removing_a_task_with_progress_asks_first(ctx, profile):
    first = _import(_zwgk_rows(), ZWGK)
    t17 = _progress_on_first(first.list_id, ctx.today())
    parsed = _parsed(_zwgk_rows(drop=("17", "18")), f"{ZWGK}（修订版）")
    target = service.plan(parsed, issuer="青川县", year=YEAR)
    assert target.kind == service.ASK and target.list_id == first.list_id
    removed = {r.label: r.progress for r in target.candidate(first.list_id).removals}
    assert removed["17 政务公开培训"] == "推进中，1条进展" and list(removed.values()).count("") == 1
    with pytest.raises(service.ListChoiceNeeded) as e:
        service.import_parsed(parsed, issuer="青川县", year=YEAR)
    assert "17 政务公开培训（推进中，1条进展）" in e.value.message and "删除2项" in e.value.message
    assert Task.get_by_id(t17.id).removed_at is None and TaskList.select().count() == 1
    # the clerk answered: a new version of that list
    r = service.import_parsed(parsed, issuer="青川县", year=YEAR, revision_of=first.list_id)
    assert r.list_id == first.list_id and "17 政务公开培训" in r.gone
    assert Task.get_by_id(t17.id).status == "推进中"  # marked removed, kept with its progress


def test_a_revision_removing_only_untouched_tasks_goes_ahead(ctx, profile):
    first = _import(_zwgk_rows(), ZWGK)
    r = _import(_zwgk_rows(drop=("18",)), f"{ZWGK}（修订版）")
    assert r.list_id == first.list_id and len(r.gone) == 1


def test_an_untitled_file_beside_a_stored_list_asks_and_as_new_keeps_both(ctx, profile):
    first = _import(_zwgk_rows(), ZWGK)
    parsed = _parsed(MSSS_ROWS, MSSS)
    parsed.title = ""
    with pytest.raises(service.ListChoiceNeeded):
        service.import_parsed(parsed, issuer="青川县", year=YEAR)
    r = service.import_parsed(parsed, issuer="青川县", year=YEAR, as_new=True)
    assert r.created and len(tracking.tasks(first.list_id)) == 18
    with pytest.raises(ImportRejected, match="只能选一个"):
        service.import_parsed(parsed, issuer="青川县", year=YEAR, as_new=True, revision_of=first.list_id)
    with pytest.raises(ImportRejected, match="没有编号为 999"):
        service.import_parsed(parsed, issuer="青川县", year=YEAR, revision_of=999)


def _cli(data, *args):
    return cli.main(["--data-dir", str(data), "tasks", "import", *map(str, args), "--unit", "青川县民政局"])


def test_cli_says_which_and_refuses_without_the_answer(tmp_path, capsys):
    data = tmp_path / "d"
    zwgk, msss, rev = tmp_path / "政务公开.xlsx", tmp_path / "民生实事.xlsx", tmp_path / "修订.xlsx"
    sample.write_xlsx(zwgk, _zwgk_rows(), title=ZWGK, subtitle=f"（{YEAR}年3月15日印发）")
    sample.write_xlsx(msss, MSSS_ROWS, title=MSSS, subtitle=f"（{YEAR}年3月20日印发）")
    sample.write_xlsx(rev, _zwgk_rows(drop=("17",)), title=f"{ZWGK}（修订版）", subtitle=f"（{YEAR}年5月6日印发）")
    assert _cli(data, zwgk) == 0
    capsys.readouterr()
    first = json.loads(_json(data, zwgk, capsys))["target"]
    assert first["decision"] == "revision" and first["candidates"][0]["would_remove"] == []
    doc = json.loads(_json(data, msss, capsys))
    assert doc["target"]["decision"] == "new" and doc["target"]["list_id"] is None
    assert _cli(data, msss) == 0 and "已导入3项任务" in capsys.readouterr().out
    # progress on 17, then the revision without it: asked, with the task named; nothing changed
    _cli_progress(data)
    doc = json.loads(_json(data, rev, capsys))["target"]
    assert doc["decision"] == "ask"
    zw = next(c for c in doc["candidates"] if c["same_title"])
    assert zw["would_remove"] == [{"task": "17 政务公开培训", "progress": "推进中"}]
    assert _cli(data, rev) == 2
    err = capsys.readouterr().err
    assert "17 政务公开培训（推进中）" in err and "--as-new" in err and f"--as-revision-of {zw['id']}" in err
    assert _cli(data, rev, "--as-revision-of", zw["id"]) == 0
    assert "删除：17 政务公开培训" in capsys.readouterr().out


def _json(data, path, capsys):
    assert _cli(data, path, "--dry-run", "--json") == 0
    return capsys.readouterr().out


def _cli_progress(data):
    from gwdesk.session import open_session
    with open_session(data, daily_backup=False) as ctx:
        t = Task.get((Task.seq == "17") & (Task.list == TaskList.get(TaskList.title == ZWGK).id))
        tracking.set_status(t.id, "推进中", today=ctx.today())


def test_schema_7_database_upgrades_and_takes_two_lists(tmp_path):
    from gwdesk.store.db import open_store
    db_path = tmp_path / "gwdesk.db"
    shutil.copyfile(FIXTURES / "schema-v7.db", db_path)
    c = sqlite3.connect(db_path)
    c.execute("INSERT INTO task_list (id, issuer, year, title, imported_at) VALUES (4, '青川县', 2026, ?, 'x')",
              (ZWGK,))
    c.execute("INSERT INTO task (list_id, position, task, created_at, updated_at) VALUES (4, 1, '培训', 'x', 'x')")
    c.commit()
    with pytest.raises(sqlite3.IntegrityError):  # what schema 7 did
        c.execute("INSERT INTO task_list (issuer, year, title, imported_at) VALUES ('青川县', 2026, ?, 'x')", (MSSS,))
    c.close()
    store = open_store(db_path, backup_dir=tmp_path / "b")
    try:
        assert TaskList.get_by_id(4).title == ZWGK and Task.get().list_id == 4
        TaskList.create(issuer="青川县", year=2026, title=MSSS, imported_at="y")
        assert TaskList.select().where(TaskList.year == 2026).count() == 2
        assert store.db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        store.close()
