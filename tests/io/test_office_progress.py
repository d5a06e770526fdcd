"""gwdesk.task-progress/1: the unit's file round-trips, the strict reader names the field, the office rolls up."""

from locations import TESTS

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from office_support import unit_file

from gwdesk.core.office import gather, rollup
from gwdesk.core.tasks import service, tracking
from gwdesk.errors import ImportRejected
from gwdesk.io import progress_json, tasklist
from gwdesk.store.tasks_models import Task

F = TESTS / "fixtures" / "tasks"
TODAY = dt.date(2021, 7, 1)


@pytest.fixture
def listed(ctx, profile):
    r = service.import_parsed(tasklist.read(F / "lp2021.xlsx"), profile=profile)
    t15 = Task.get(Task.seq == "15")
    tracking.add_note(t15.id, "已公开民政领域8家单位基本信息", noted_on=dt.date(2021, 6, 21), today=TODAY)
    tracking.set_status(t15.id, "已完成", done_on=dt.date(2021, 6, 21), today=TODAY)
    tracking.add_url(t15.id, "http://www.lp.gov.cn/zwgk/mz/0621.html")
    tracking.add_portal_path(t15.id, "政府网站>政府信息公开>民政")
    return r.list_id


def test_unit_file_round_trips(listed, profile, tmp_path):
    p = gather.progress(listed, profile, as_of=TODAY)
    assert p.unit.name == "青川县民政局" and p.unit.level == profile.level
    assert p.list.year == 2021 and p.list.rows == Task.select().where(Task.list == listed).count()
    assert len(p.tasks) == 14 and all(t.role in ("牵头", "责任", "可能涉及") for t in p.tasks)
    t15 = next(t for t in p.tasks if t.seq == "15")
    assert t15.status == "已完成" and t15.done_on == dt.date(2021, 6, 21)
    assert [(e.kind, e.value) for e in t15.evidence] == [("网址", "http://www.lp.gov.cn/zwgk/mz/0621.html"),
                                                         ("公开路径", "政府网站>政府信息公开>民政")]
    assert t15.notes[0].text == "已公开民政领域8家单位基本信息"
    out = progress_json.write(p, tmp_path / "进展.json")
    back = progress_json.read(out)
    assert back == p
    assert progress_json.dumps(back) == out.read_text(encoding="utf-8")


def test_status_as_of_an_earlier_day(listed, profile):
    p = gather.progress(listed, profile, as_of=dt.date(2021, 6, 1))
    t15 = next(t for t in p.tasks if t.seq == "15")
    assert t15.status == "推进中" and t15.done_on is None and t15.notes == []  # finished and noted later


def test_office_fingerprint_from_the_list_file_matches_the_units(listed, profile):
    ident, rows = progress_json.list_from_file(F / "lp2021.xlsx")
    assert ident == gather.progress(listed, profile, as_of=TODAY).list
    assert ident == gather.list_rows(listed)[0] and len(rows) == ident.rows


BAD = [
    (lambda d: d.update(schema="gwdesk.annual-report/1"), "schema"),
    (lambda d: d.pop("as_of"), "as_of"),
    (lambda d: d.update(as_of="2021-13-01"), "as_of"),
    (lambda d: d["unit"].update(name=" "), "unit.name"),
    (lambda d: d["list"].update(fingerprint="abc"), "list.fingerprint"),
    (lambda d: d["list"].update(year="2021"), "list.year"),
    (lambda d: d["tasks"][2].update(status="完成"), "tasks[2].status"),
    (lambda d: d["tasks"][1].update(role="不涉及"), "tasks[1].role"),
    (lambda d: d["tasks"][0].update(position=999), "tasks[0].position"),
    (lambda d: d["tasks"][3].update(colour="red"), "tasks[3].colour"),
    (lambda d: d["tasks"][0]["notes"].append({"date": "2021/6/1", "text": "x"}), "tasks[0].notes[0].date"),
    (lambda d: d["tasks"][0].update(evidence=[{"kind": "附件", "value": "a.pdf"}]), "tasks[0].evidence[0].kind"),
    (lambda d: d["tasks"][0].update(task="\ud800"), "tasks[0].task"),
    (lambda d: d["tasks"][0].update(status="已完成", done_on=None), "tasks[0].done_on"),
]


@pytest.mark.parametrize("mutate,key", BAD, ids=[k for _, k in BAD])
def test_strict_reader_names_the_field(listed, profile, mutate, key):
    d = progress_json.to_dict(gather.progress(listed, profile, as_of=TODAY))
    mutate(d)
    with pytest.raises(ImportRejected) as e:
        progress_json.from_dict(d, file="民政局.json")
    assert e.value.field == key and f"“{key}”" in e.value.message and "民政局.json" in e.value.message


def test_damaged_bytes_are_named(tmp_path):
    for name, raw in [("cut.json", b'{"schema": "gwdesk.task-progress/1", "as_'), ("gbk.json", "任务".encode("gbk")),
                      ("list.json", b"[1, 2]")]:
        (tmp_path / name).write_bytes(raw)
        with pytest.raises(ImportRejected, match=name.replace(".", r"\.")):
            progress_json.read(tmp_path / name)


@pytest.fixture
def inbox(listed, profile, tmp_path):
    """Five units' files in one folder (two of them from 民政局), one for another list, one damaged."""
    base = progress_json.to_dict(gather.progress(listed, profile, as_of=TODAY))
    folder = tmp_path / "收到的报送"
    folder.mkdir()
    progress_json.write(gather.progress(listed, profile, as_of=dt.date(2021, 6, 25)), folder / "a_民政局_新.json")
    unit_file(base, folder, "青川县民政局", as_of=dt.date(2021, 6, 1), file="z_民政局_旧.json")  # older: loses
    unit_file(base, folder, "梁平区财政局", as_of=dt.date(2021, 6, 30), shift=1)
    unit_file(base, folder, "梁平区教育委员会", as_of=dt.date(2021, 7, 8), shift=2, aliases=("区教委",))  # late
    other = dict(base, list=dict(base["list"], year=2020))
    unit_file(other, folder, "梁平区商务委员会", as_of=dt.date(2021, 6, 30), file="商务委.json")
    (folder / "损坏.json").write_text('{"schema": "gwdesk.task-progress/1", "unit": {"na', encoding="utf-8")
    # every file freshly copied: modification times say nothing
    for p in folder.iterdir():
        os.utime(p, (dt.datetime(2027, 1, 1).timestamp(),) * 2)
    return folder


def test_office_rollup(inbox, listed):
    ident, rows = gather.list_rows(listed)
    r = rollup.collect(progress_json.read_many([inbox]), today=dt.date(2021, 7, 10), reference=ident, rows=rows,
                       deadline=dt.date(2021, 7, 5))
    assert [(u.name, u.days_late) for u in r.late] == [("梁平区教育委员会", 3)]  # by its as_of, not the copy's mtime
    by_file = {f.file: f for f in r.files}
    assert by_file["损坏.json"].status == rollup.DAMAGED and "JSON" in by_file["损坏.json"].problem
    assert by_file["商务委.json"].status == rollup.OTHER_LIST and "2020年" in by_file["商务委.json"].problem
    assert by_file["z_民政局_旧.json"].status == rollup.OLDER and "a_民政局_新.json" in by_file["z_民政局_旧.json"].problem
    assert [u.name for u in r.units] == ["梁平区教育委员会", "梁平区财政局", "青川县民政局"]
    mz = next(u for u in r.units if u.name == "青川县民政局")
    assert mz.as_of == dt.date(2021, 6, 25) and mz.count("已完成") == 1
    assert mz.cells[Task.get(Task.seq == "1").position].status == "逾期"  # 2021年6月底前, open on 7月10日
    fin = next(u for u in r.units if u.name == "梁平区财政局")
    assert fin.lead > 0 and 0 < fin.rate < 1
    assert "区民政局" not in r.missing and "区财政局" not in r.missing and "区教委" not in r.missing
    assert "区发展改革委" in r.missing
    assert len(r.rows) == ident.rows


def test_without_a_list_the_most_answered_one_is_used(inbox):
    r = rollup.collect(progress_json.read_many([inbox]), today=dt.date(2021, 7, 10))
    assert r.identity.year == 2021 and len(r.units) == 3
    assert sum(1 for f in r.files if f.status == rollup.OTHER_LIST) == 1


def test_a_revised_list_is_another_version(inbox, listed, tmp_path):
    ident, rows = gather.list_rows(listed)
    revised = rollup.ListIdentity(ident.issuer, ident.year, ident.title, ident.rows + 1, "0" * 64)
    r = rollup.collect(progress_json.read_many([inbox]), today=TODAY, reference=revised)
    assert not r.units and all("版本不同" in f.problem for f in r.files if f.status == rollup.OTHER_LIST
                               and f.unit != "梁平区商务委员会")


def test_fast_reader_equals_the_strict_one(listed, profile):
    d = progress_json.to_dict(gather.progress(listed, profile, as_of=TODAY))
    d["tasks"][0]["notes"].append({"date": "2021-06-02", "text": "第一行\n第二行\t制表"})
    d["tasks"][0]["evidence"].append({"kind": "文件", "value": "照片.pdf", "sha256": "ab" * 32})
    for i, t in enumerate(d["tasks"]):
        fast = progress_json._task_fast(t)
        assert fast is not None and fast == progress_json._task(t, f"tasks[{i}]")
    for mutate, key in BAD:
        if key.startswith("tasks["):
            bad = json.loads(json.dumps(d, ensure_ascii=False).replace("\\ud800", "x"))
            try:
                mutate(bad)
            except (IndexError, KeyError):
                continue
            i = int(key[6:key.index("]")])
            if key != "tasks[0].position":  # a position beyond the rows is the file-level check's
                assert progress_json._task_fast(bad["tasks"][i]) is None, key
