"""Child process for the kill tests: repeat one domain operation forever, printing after each one commits.

    python tests/kill_child.py tasks|review|review_new|backup DATA_DIR
    python tests/kill_child.py progress DATA_DIR START
    python tests/kill_child.py migrate DB_PATH BACKUP_DIR
The parent SIGKILLs it at a random moment and checks the database holds the old or the new state.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TASK_FILES = [ROOT / "tests/fixtures/tasks/lp2021.xlsx", ROOT / "tests/fixtures/tasks/lp2021_revised.xlsx"]
ISSUER, YEAR = "青川县人民政府办公室", 2021


def _ctx(data_dir: str):
    from gwdesk import paths
    from gwdesk.context import AppContext
    from gwdesk.store.db import open_store
    paths.set_data_dir(data_dir)
    store = open_store(paths.db_path(), backup_dir=paths.backup_dir())
    return AppContext(store, Path(data_dir), lambda: dt.date(2026, 11, 20))


def tasks(data_dir: str) -> None:
    """Import the list, then its revision, then the list again…: revision r holds file (r - 1) % 2."""
    from gwdesk.core import units
    from gwdesk.core.tasks import service
    from gwdesk.io import tasklist
    from gwdesk.store.tasks_models import TaskList
    _ctx(data_dir)  # opens the store
    profile = units.load()
    parsed = [tasklist.read(f) for f in TASK_FILES]
    tl = TaskList.get_or_none(TaskList.issuer == ISSUER)
    k = tl.revision if tl else 0
    print("ready", flush=True)
    while True:
        service.import_parsed(parsed[k % 2], profile=profile, issuer=ISSUER, year=YEAR)
        k += 1
        print(k, flush=True)


def review_values(k: int) -> dict:
    return {"title": f"关于第{k}次修改的通知", "doc_type": "通知", "dept": "办公室", "drafter": f"拟稿人{k}",
            "phone": "0839-7202315", "attribute": "主动公开", "summary": f"第{k}次修改的内容概要",
            "doc_number": f"青民发〔2026〕{k}号"}


def review(data_dir: str) -> None:
    from gwdesk.core.review import forms
    from gwdesk.store.review_models import ReviewForm
    ctx = _ctx(data_dir)
    row = ReviewForm.select().first()
    form = forms.get(row.id) if row else forms.create(ctx, review_values(0))
    k = int(form.values["drafter"].removeprefix("拟稿人") or 0)
    print("ready", flush=True)
    while True:
        k += 1
        form.values = review_values(k)
        form = forms.save(ctx, form)
        print(k, flush=True)


def review_new(data_dir: str) -> None:
    """Type a new form (its draft autosaved), then save it: form k and the end of its draft commit together."""
    from gwdesk.core import formdef
    from gwdesk.core.review import drafts
    from gwdesk.core.review.forms import Form
    from gwdesk.store.review_models import ReviewForm
    ctx = _ctx(data_dir)
    definition = formdef.load()
    k = ReviewForm.select().count()
    print("ready", flush=True)
    while True:
        k += 1
        drafts.autosave(drafts.key_for(None), review_values(k))
        drafts.save_form(ctx, Form(values=review_values(k)), definition, drafts.key_for(None))
        print(k, flush=True)


def progress(data_dir: str, start: str) -> None:
    """Reset the first task to 未启动 without notes, type a 进展 (draft), add it: round k's note is “进展k”."""
    from gwdesk.core import drafts
    from gwdesk.core.tasks import tracking
    from gwdesk.store.base import db
    from gwdesk.store.tasks_models import Task, TaskNote
    _ctx(data_dir)
    task_id = Task.select(Task.id).order_by(Task.id).first().id
    k = int(start)
    print("ready", flush=True)
    while True:
        k += 1
        with db.atomic():
            TaskNote.delete().where(TaskNote.task == task_id).execute()
            Task.update(status="未启动").where(Task.id == task_id).execute()
        drafts.save("task_note", task_id, {"text": f"进展{k}"})
        with drafts.settling("task_note", task_id):
            tracking.add_progress(task_id, f"进展{k}", noted_on=dt.date(2026, 11, 20), today=dt.date(2026, 11, 20))
        print(k, flush=True)


def backup(data_dir: str) -> None:
    from gwdesk import paths
    from gwdesk.store import backup as b
    ctx = _ctx(data_dir)
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        b.backup_now(ctx.store, paths.backup_dir(), reason="manual", when=dt.datetime(2026, 11, 20, 9, 0, 0))
        print(n, flush=True)


def migrate(db_path: str, backup_dir: str) -> None:
    from gwdesk.store.db import open_store
    print("ready", flush=True)
    open_store(db_path, backup_dir=backup_dir).close()
    print("done", flush=True)


if __name__ == "__main__":
    op = sys.argv[1]
    {"tasks": tasks, "review": review, "review_new": review_new, "progress": progress, "backup": backup,
     "migrate": migrate}[op](*sys.argv[2:])
