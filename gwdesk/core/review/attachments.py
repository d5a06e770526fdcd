"""The item itself, kept with its 意见单: for a website post with no 发文稿纸, the text or files that travel with the
form (a field of type "files"). Each file is copied into the data folder's evidence/review/ under its SHA-256, so
it is backed up with the rest and a later change to the clerk's own copy changes nothing here. On a 单位共享数据库
its bytes are kept in the database (store/files.py), so the colleague who approves the form opens it too."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from gwdesk import paths
from gwdesk.core.tasks.tracking import file_sha256, safe_name
from gwdesk.errors import ValidationFailed
from gwdesk.store import files
from gwdesk.store.base import db

FOLDER = "review"


def attach(source: Path) -> dict[str, Any]:
    """Copy `source` into evidence/review/ and return the entry a files field stores."""
    source = Path(source)
    if not source.is_file():
        raise ValidationFailed(f"找不到文件“{source.name}”", [f"找不到文件：{source}"])
    size = files.check_size(source, "附件")
    digest = file_sha256(source)
    folder = paths.evidence_dir() / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{digest[:12]}_{safe_name(source.name)}"
    if not target.exists():
        tmp = target.with_name(target.name + ".part")
        shutil.copyfile(source, tmp)
        tmp.replace(target)
    rel = target.relative_to(paths.evidence_dir()).as_posix()
    if files.shared():
        with db.atomic():
            files.put(f"evidence/{rel}", target, name=source.name)
    return {"name": source.name, "file": rel, "sha256": digest, "size": size}


def path_of(entry: dict) -> Path:
    """The kept copy on this computer (on a server: read from the database into this computer's copy)."""
    rel = str(entry.get("file") or "")
    if rel and files.shared():
        found = files.local(f"evidence/{rel}", expect_sha256=str(entry.get("sha256") or ""))
        if found is not None:
            return found
    return paths.evidence_dir() / rel


def intact(entry: dict) -> bool:
    """The kept copy is there and still has the hash recorded when it was attached."""
    p = path_of(entry)
    return bool(entry.get("file")) and p.is_file() and file_sha256(p) == entry.get("sha256")


def listing(entries: list[dict]) -> str:
    """“1. 冬春救助政策问答.docx；2. …” for the printout and the registers."""
    return "；".join(f"{i}. {e.get('name') or ''}" for i, e in enumerate(entries or [], 1))
