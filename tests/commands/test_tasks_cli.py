"""`gwdesk tasks import … --dry-run --json` and the saving import, through the real CLI entry point."""

from locations import TESTS

import json
from pathlib import Path

from gwdesk import cli

F = TESTS / "fixtures" / "tasks"


def test_dry_run_json_prints_tasks_without_saving(tmp_path, capsys):
    data = tmp_path / "d"
    rc = cli.main(["--data-dir", str(data), "tasks", "import", str(F / "lp2021.xlsx"),
                   "--unit", "区民政局", "--dry-run", "--json"])
    assert rc == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["issuer"], doc["year"], doc["sheet"], doc["unit"]) == ("梁平区", 2021, "任务清单", "区民政局")
    assert len(doc["tasks"]) == 18
    t = {x["sequence"]: x for x in doc["tasks"]}
    assert t["15"]["role"] == "牵头" and t["15"]["due_date"] == "2021-06-30"
    assert t["11"]["recurrence"] == "monthly:8" and t["11"]["due_date"] is None
    assert t["6"]["deadline_kind"] == "ongoing"
    assert t["1"]["lead_units"] == ["区发展改革委"]
    assert t["1"]["responsible_units"] == ["区发展改革委", "区政府有关部门"]
    assert t["1"]["category"].startswith("一、") and t["1"]["measure"]
    assert t["3"]["role"] == "不涉及"
    assert not (data / "gwdesk.db").exists()


def test_dry_run_text_and_sheet_choice(tmp_path, capsys):
    rc = cli.main(["--data-dir", str(tmp_path), "tasks", "import", str(F / "multi_sheet.xlsx"), "--dry-run"])
    assert rc == 2
    err = capsys.readouterr().err
    assert "包含多个工作表" in err and "--sheet" in err and "任务清单（" in err
    rc = cli.main(["--data-dir", str(tmp_path), "tasks", "import", str(F / "multi_sheet.xlsx"),
                   "--sheet", "补充任务", "--dry-run"])
    out = capsys.readouterr().out
    assert rc == 0 and "列的对应关系不确定" in out and "共 3 项（未保存）" in out


def test_bad_file_message_and_exit_code(tmp_path, capsys):
    rc = cli.main(["--data-dir", str(tmp_path), "tasks", "import", str(F / "encrypted.xlsx"), "--dry-run"])
    assert rc == 2 and "“encrypted.xlsx”" in capsys.readouterr().err


def test_import_saves_then_reimport_reports_changes(tmp_path, capsys):
    data = tmp_path / "d"
    assert cli.main(["--data-dir", str(data), "tasks", "import", str(F / "lp2021.xlsx"), "--unit", "区民政局"]) == 0
    assert "已导入18项任务" in capsys.readouterr().out
    assert cli.main(["--data-dir", str(data), "tasks", "import", str(F / "lp2021_revised.xlsx"),
                     "--unit", "区民政局", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["created"], doc["new"], doc["gone"]) == (False, ["19 依申请公开规范化"], ["17 政务公开培训"])
    assert cli.main(["--data-dir", str(data), "tasks", "overview"]) == 0
    assert "本单位任务" in capsys.readouterr().out
    out = tmp_path / "台账.xlsx"
    assert cli.main(["--data-dir", str(data), "tasks", "export", str(out)]) == 0
    assert out.is_file()
    rep = tmp_path / "报告.docx"
    assert cli.main(["--data-dir", str(data), "tasks", "report", str(rep), "--from", "2021-01-01",
                     "--to", "2021-12-31"]) == 0
    assert rep.is_file()


def test_unsure_mapping_refused_unless_accepted(tmp_path, capsys):
    data = tmp_path / "d"
    rc = cli.main(["--data-dir", str(data), "tasks", "import", str(F / "multi_sheet.xlsx"), "--sheet", "补充任务",
                   "--issuer", "梁平区", "--year", "2021"])
    assert rc == 2 and "列的对应关系不确定" in capsys.readouterr().err
    rc = cli.main(["--data-dir", str(data), "tasks", "import", str(F / "multi_sheet.xlsx"), "--sheet", "补充任务",
                   "--issuer", "梁平区", "--year", "2021", "--accept-proposed"])
    assert rc == 0 and "已导入3项任务" in capsys.readouterr().out


def test_import_uses_the_mapping_the_clerk_confirmed_for_the_offices_lists_of_that_shape(tmp_path, capsys):
    import openpyxl

    from gwdesk.core.tasks import mappings
    from gwdesk.session import open_session

    def sheet(path, title, rows):
        wb = openpyxl.Workbook()
        wb.active.append([title])
        for r in rows:
            wb.active.append(r)
        wb.save(path)
        return path

    head = ["序号", "工作任务", "承担", "时间"]
    src = sheet(tmp_path / "b.xlsx", "青川县2027年政务公开任务清单", [head, ["1", "救助信息公开", "县民政局", "2027年6月底"]])
    data = tmp_path / "d"
    assert cli.main(["--data-dir", str(data), "tasks", "import", str(src), "--unit", "县民政局"]) == 2
    assert "列的对应关系不确定" in capsys.readouterr().err  # never seen: asked
    with open_session(data, daily_backup=False):
        mappings.remember("青川县", head, {0: "seq", 1: "task", 2: "resp", 3: "deadline"})
    assert cli.main(["--data-dir", str(data), "tasks", "import", str(src), "--unit", "县民政局", "--dry-run",
                     "--json"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert "上次为“青川县”" in captured.err and not doc["needs_mapping"]
    assert doc["tasks"][0]["responsible_units"] == ["县民政局"] and doc["tasks"][0]["role"] == "责任"
