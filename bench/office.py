"""The office's roll-up: 500 units × 50 tasks of gwdesk.task-progress/1 files, beside plain json reading.

    python bench/office.py [--units 500] [--tasks 50] [--runs 5] [--markdown]
Writes the files into a temp dir (removed afterwards); times read + strict check + match + roll-up, the
same files through json.load alone, and painting the 汇总 matrix (offscreen) scrolled across all units.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gwdesk.core.office import progress as pg  # noqa: E402
from gwdesk.core.office import rollup  # noqa: E402
from gwdesk.io import progress_json  # noqa: E402

STATUSES = ["已完成", "推进中", "未启动", "不适用"]


def make(folder: Path, units: int, tasks: int) -> pg.ListIdentity:
    rows = [(str(i), f"第{i}项工作任务：做好政务公开有关工作", "按要求公开相关信息" * 6) for i in range(1, tasks + 1)]
    ident = pg.identity("梁平区", 2021, "梁平区2021年政务公开任务清单", rows)
    for u in range(units):
        items = []
        for i, (seq, task, measure) in enumerate(rows, start=1):
            status = STATUSES[(u + i) % 4]
            items.append(pg.TaskProgress(
                i, seq, task, measure, "牵头" if (u + i) % 9 == 0 else "责任", status, f"{'一二三四五'[i % 5]}、类别",
                ["区政府办公室"], [f"区第{u}局", "各乡镇(街道)"], "2021年6月底前", dt.date(2021, 6, 30),
                dt.date(2021, 6, 20) if status == "已完成" else None,
                [pg.Note(dt.date(2021, 6, 1 + k), "已在政府网站公开相关信息，并同步更新政策解读。") for k in range(3)],
                [pg.Evidence("网址", f"http://www.lp.gov.cn/zwgk/{u}/{i}.html")]))
        p = pg.Progress(pg.UnitInfo(f"梁平区第{u}局", "县级部门", "梁平区人民政府"), ident, dt.date(2021, 7, 1), items)
        progress_json.write(p, folder / f"unit{u:04d}.json")
    return ident


def timed(fn, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds per run (on a shared machine the CPU figure is the steadier one)."""
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return wall, cpu


def paint_matrix(r: rollup.OfficeRollup) -> tuple[float, float]:
    """(first show, slowest repaint while scrolling right across every unit column) in seconds."""
    from PySide6.QtWidgets import QApplication, QTableView

    from gwdesk.ui.office.matrix_model import MatrixModel
    app = QApplication.instance() or QApplication([])
    m = MatrixModel()
    view = QTableView()
    view.setModel(m)
    view.resize(1200, 500)
    t = time.perf_counter()
    m.set_view(r, r.rows, r.units)
    view.show()
    view.grab()
    first = time.perf_counter() - t
    bar = view.horizontalScrollBar()
    worst = 0.0
    for v in range(0, bar.maximum() + 1, max(1, bar.maximum() // 40)):
        t = time.perf_counter()
        bar.setValue(v)
        view.viewport().repaint()  # paint now, as the screen would
        worst = max(worst, time.perf_counter() - t)
    view.close()
    return first, worst


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=500)
    ap.add_argument("--tasks", type=int, default=50)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--markdown", action="store_true")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ident = make(folder, a.units, a.tasks)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        files = sorted(folder.iterdir())

        def ours():
            return rollup.collect(progress_json.read_many([folder]), today=dt.date(2021, 7, 10), reference=ident)

        def plain():
            return [json.loads(p.read_bytes()) for p in files]

        ours()  # warm the file cache for both
        t_ours = timed(ours, a.runs)
        t_plain = timed(plain, a.runs)
        r = ours()
        assert len(r.units) == a.units and len(r.rows) == a.tasks
        first, worst = paint_matrix(r)
    med, base = statistics.median(t_ours[0]), statistics.median(t_plain[0])
    cmed, cbase = statistics.median(t_ours[1]), statistics.median(t_plain[1])
    rows = [
        (f"office roll-up, {a.units} units × {a.tasks} tasks ({size:.0f} MB of JSON): read, strict check, "
         "match to the list, matrix — wall", "≤ 2 s", f"{med * 1000:.0f} ms {'✓' if med <= 2 else '✗'}",
         f"json.loads of the same files {base * 1000:.0f} ms", f"{med / base:.2f}×"),
        ("… the same, CPU time of the process", "≤ 2 s", f"{cmed * 1000:.0f} ms {'✓' if cmed <= 2 else '✗'}",
         f"json.loads {cbase * 1000:.0f} ms", f"{cmed / cbase:.2f}×"),
        (f"汇总 matrix view ({a.units} unit columns): first paint", "—", f"{first * 1000:.0f} ms", "", ""),
        ("… slowest repaint while scrolling across all units", "≤ 50 ms", f"{worst * 1000:.0f} ms "
         f"{'✓' if worst <= 0.05 else '✗'}", "", ""),
    ]
    cmd = "python bench/office.py"
    if a.markdown:
        print("| figure | target | result | alternative (same run) | ratio | command |")
        print("|---|---|---|---|---|---|")
        for fig, tgt, res, alt, ratio in rows:
            print(f"| {fig} | {tgt} | {res} | {alt} | {ratio} | `{cmd}` |")
    else:
        for fig, tgt, res, alt, ratio in rows:
            print(f"{fig}\n    target {tgt}: {res}   {alt}   {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
