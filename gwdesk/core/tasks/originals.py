"""The office's own file of each imported task list, kept so the unit can report back in it (填回原表).

A copy of the file a list was imported from is kept in the data folder's evidence/lists/<list id>/ (one file, its
own name), so every backup and restore carries it with the evidence (store/archive.py packs evidence/ whole). A
revision's import replaces it: the stored tasks' rows are then that file's rows. A list imported before copies were
kept has none; fill-back asks the clerk for the file, checks it is the same list, and keeps it then.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from gwdesk import paths
from gwdesk.errors import os_error_text
from gwdesk.core.tasks.tracking import safe_name
from gwdesk.store.archive import name_max, shorten

log = logging.getLogger(__name__)

SUFFIXES = (".xlsx", ".docx")


def folder(list_id: int) -> Path:
    return paths.evidence_dir() / "lists" / str(int(list_id))


def stored(list_id: int) -> Path | None:
    """The kept copy of list `list_id`'s file, or None (imported before copies were kept, or not a table file)."""
    d = folder(list_id)
    if not d.is_dir():
        return None
    found = sorted(p for p in d.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    return found[0] if found else None


def keep(list_id: int, source: Path) -> Path:
    """Copy `source` in as list `list_id`'s original (written under a temporary name, then put in place; an
    earlier copy is removed only once the new one is there). OSError when it cannot be written."""
    source = Path(source)
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
    for p in d.iterdir():
        if p != target and p.is_file():
            p.unlink()
    return target


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
    return ""
