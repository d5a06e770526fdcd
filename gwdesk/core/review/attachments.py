"""The item itself, kept with its 意见单: for a website post with no 发文稿纸, the text or files that travel with the
form (a field of type "files"). Each file is copied into the data folder's evidence/review/ under its SHA-256, so
it is backed up with the rest and a later change to the clerk's own copy changes nothing here."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from gwdesk import paths
from gwdesk.core.tasks.tracking import file_sha256, safe_name
from gwdesk.errors import ValidationFailed

FOLDER = "review"


def attach(source: Path) -> dict[str, Any]:
    """Copy `source` into evidence/review/ and return the entry a files field stores."""
    source = Path(source)
    if not source.is_file():
        raise ValidationFailed(f"找不到文件“{source.name}”", [f"找不到文件：{source}"])
    digest = file_sha256(source)
    folder = paths.evidence_dir() / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{digest[:12]}_{safe_name(source.name)}"
    if not target.exists():
        tmp = target.with_name(target.name + ".part")
        shutil.copyfile(source, tmp)
        tmp.replace(target)
    return {"name": source.name, "file": target.relative_to(paths.evidence_dir()).as_posix(), "sha256": digest,
            "size": source.stat().st_size}


def path_of(entry: dict) -> Path:
    return paths.evidence_dir() / str(entry.get("file") or "")


def intact(entry: dict) -> bool:
    """The kept copy is there and still has the hash recorded when it was attached."""
    p = path_of(entry)
    return bool(entry.get("file")) and p.is_file() and file_sha256(p) == entry.get("sha256")


def listing(entries: list[dict]) -> str:
    """“1. 冬春救助政策问答.docx；2. …” for the printout and the registers."""
    return "；".join(f"{i}. {e.get('name') or ''}" for i, e in enumerate(entries or [], 1))
