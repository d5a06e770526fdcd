"""A populated gwdesk data dir for the benchmarks: 10,000 tasks, 100,000 applications, 2,000 review forms.

    python bench/populate.py DIR   — builds DIR/gwdesk.db (about 20 s); bench/run.py calls build().
Everything goes in with insert_many inside one transaction per table; the values are the demo unit's.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TASKS, APPLICATIONS, FORMS = 10_000, 100_000, 2_000


def _tasks(n: int, rng: random.Random, today: dt.date) -> None:
    from gwdesk.core import units
    from gwdesk.core.tasks import sample
    from gwdesk.core.tasks.matching import Matcher
    from gwdesk.store.base import db
    from gwdesk.store.tasks_models import Task, TaskList

    rows = sample.task_rows()
    matcher = Matcher.for_profile(units.load())
    now = dt.datetime.now().isoformat(timespec="seconds")
    statuses = ["未启动", "推进中", "已完成"]
    fields = [Task.list, Task.position, Task.source_row, Task.seq, Task.category, Task.task, Task.measure,
              Task.lead_units, Task.resp_units, Task.deadline_text, Task.deadline_kind, Task.due_date,
              Task.auto_role, Task.role_reason, Task.status, Task.created_at, Task.updated_at]
    per_list = 2_500
    with db.atomic():
        for k in range(0, n, per_list):
            year = 2023 + k // per_list
            tl = TaskList.create(issuer=f"青川县人民政府办公室（第{k // per_list + 1}批）", year=year,
                                 title=f"{year}年政务公开工作任务分解表", file_name=f"任务清单{year}.xlsx",
                                 sheet="任务清单", labels={}, imported_at=now)
            batch = []
            for i in range(min(per_list, n - k)):
                _, task, measure, lead, resp, deadline = rows[i % len(rows)]
                lead_units = [u for u in (lead or "县政府办公室").split("、") if u]
                resp_units = [u for u in (resp or "县级各部门").split("、") if u]
                m = matcher.match(lead_units, resp_units)
                due = today + dt.timedelta(days=rng.randrange(-200, 200))
                batch.append((tl.id, i + 1, i + 3, str(i + 1), f"{i // 25 + 1}、重点任务", task or "任务",
                              f"{measure}（第{i + 1}项）", lead_units, resp_units, deadline or "年底前", "date", due,
                              m.role, m.reason, rng.choice(statuses), now, now))
            for s in range(0, len(batch), 500):
                Task.insert_many(batch[s:s + 500], fields=fields).execute()


def _forms(n: int, today: dt.date) -> None:
    from gwdesk.core import formdef
    from gwdesk.core.review import demo, forms, validate
    from gwdesk.store.base import db
    from gwdesk.store.review_models import ReviewForm

    definition = formdef.load()
    specs = demo._SPECS
    now = dt.datetime.now().isoformat(timespec="seconds")
    out, seq = [], {}
    for i in range(n):
        spec = specs[i % len(specs)]
        made = today - dt.timedelta(days=spec[3] + (i // len(specs)) % 300)
        values = validate.normalise(definition, demo._values(i % len(specs), spec, today))
        year = made.year
        seq[year] = seq.get(year, 0) + 1
        number = f"{year}-{seq[year]:03d}"
        values["number"] = number
        status = {"逾期": "已审定", "退回": "草稿"}.get(spec[8], spec[8])
        signoffs = demo._signoffs(spec[2], made, spec[5]) if status in ("已审定", "已公开") else {}
        out.append(dict(year=year, seq=seq[year], number=number, status=status,
                        data=json.dumps({"values": values, "signoffs": signoffs}, ensure_ascii=False),
                        created_at=now, updated_at=now, **forms._columns(definition, values)))
    with db.atomic():
        for s in range(0, len(out), 200):
            ReviewForm.insert_many(out[s:s + 200]).execute()


def build(data_dir: Path, *, tasks: int = TASKS, applications: int = APPLICATIONS, forms: int = FORMS,
          today: dt.date | None = None, log=print) -> Path:
    """Create data_dir/gwdesk.db with the demo profile and the given record counts; returns the db path."""
    import bench_applications

    from gwdesk import paths
    from gwdesk.core import demo, units
    from gwdesk.store.base import db
    from gwdesk.store.db import open_store

    today = today or dt.date.today()
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    paths.set_data_dir(data_dir)
    store = open_store(paths.db_path())
    try:
        units.save(demo.DEMO_PROFILE)
        t = time.perf_counter()
        _tasks(tasks, random.Random(1), today)
        _forms(forms, today)
        if applications:
            old = bench_applications.N
            bench_applications.N = applications
            try:
                bench_applications.fill(random.Random(5))
            finally:
                bench_applications.N = old
        db.execute_sql("ANALYZE")
        log(f"populated {tasks} tasks, {applications} applications, {forms} review forms "
            f"in {time.perf_counter() - t:.1f} s")
    finally:
        store.close()
        paths.set_data_dir(None)
    return data_dir / "gwdesk.db"


if __name__ == "__main__":
    build(Path(sys.argv[1]))
