"""The office's own file of each imported task list, kept so the unit can report back in it (填回原表).

A copy of the file a list was imported from is kept in the data folder's evidence/lists/<list id>/ (one file, its
own name), so every backup and restore carries it with the evidence (store/archive.py packs evidence/ whole). A
revision's import replaces it: the stored tasks' rows are then that file's rows. A list imported before copies were
kept has none; fill-back asks the clerk for the file, checks it is the same list, and keeps it then.
On a 单位共享数据库 the copy is kept in the database (store/files.py, owner `task_list:<id>`), so any clerk fills back.
"""

from __future__ import annotations

import logging
import shutil

import peewee
from pathlib import Path

from gwdesk import paths
from gwdesk.errors import GwdeskError, os_error_text
from gwdesk.store import files
from gwdesk.store.base import db
from gwdesk.core.tasks.tracking import safe_name
from gwdesk.store.archive import name_max, shorten

log = logging.getLogger(__name__)

SUFFIXES = (".xlsx", ".docx")


def folder(list_id: int) -> Path:
    return paths.evidence_dir() / "lists" / str(int(list_id))


def stored(list_id: int) -> Path | None:
    """The kept copy of list `list_id`'s file, or None (imported before copies were kept, or not a table file)."""
    if files.shared():
        for rel in files.owned(_owner(list_id)):
            if Path(rel).suffix.lower() in SUFFIXES:
                return files.local(rel)
        return None
    d = folder(list_id)
    if not d.is_dir():
        return None
    found = sorted(p for p in d.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    return found[0] if found else None


def keep(list_id: int, source: Path) -> Path:
    """Copy `source` in as list `list_id`'s original (written under a temporary name, then put in place; an
    earlier copy is removed only once the new one is there). OSError when it cannot be written; on a server
    ValidationFailed for a file too big to keep there."""
    source = Path(source)
    files.check_size(source, "原表")
    d = folder(list_id)
    d.mkdir(parents=True, exist_ok=True)
    name = safe_name(source.name)
    target = d / shorten(name, name_max(d) - len(".part"))
    tmp = target.with_name(target.name + ".part")
    try:
        shutil.copyfile(source, tmp)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    if files.shared():
        rel = f"evidence/{target.relative_to(paths.evidence_dir()).as_posix()}"
        with db.atomic():
            files.put(rel, target, name=source.name)
            files.drop_owner(_owner(list_id), keep=rel)
    for p in d.iterdir():
        if p != target and p.is_file():
            p.unlink()
    return target


def _owner(list_id: int) -> str:
    return f"task_list:{int(list_id)}"


def keep_after_import(list_id: int, source: Path) -> str:
    """`keep`, for an import that has already been saved: "" when kept, else a Chinese warning (the list stays
    imported; 填回原表 will ask for the file)."""
    if Path(source).suffix.lower() not in SUFFIXES:
        return ""
    try:
        keep(list_id, source)
    except OSError as e:
        log.warning("could not keep the original of list %s: %s", list_id, e)
        return (f"清单已导入，但未能在数据文件夹中保存原表“{Path(source).name}”的副本（{os_error_text(e)}）；"
                "填回原表时需要再选择这个文件。")
    except (GwdeskError, peewee.PeeweeException) as e:  # too big for a server, or the server failed
        from gwdesk.store.errors_map import describe_storage_error
        known = e if isinstance(e, GwdeskError) else describe_storage_error(e)
        why = known.message if known is not None else "共享数据库未能保存"
        log.warning("could not keep the original of list %s: %s", list_id, e)
        return f"清单已导入，但未能保存原表的副本：{why} 填回原表时需要再选择这个文件。"
    return ""
