"""The office's own 意见单 definition (自定义公文公开发布意见单): put in place, shown, removed.

SQLite mode: the data folder's forms/ (a copy dropped there by hand works as before). On a 单位共享数据库 it is
kept in the database (store/files.py), the same for every clerk, and only a 管理员 changes it.
"""

from __future__ import annotations

from pathlib import Path

from gwdesk import paths
from gwdesk.core import formdef, users
from gwdesk.store import files
from gwdesk.store.base import db

NAME = "publication_review.toml"


def install(source: Path, name: str = NAME) -> formdef.FormDef:
    """Check `source` (FormDefError naming file and line when it is wrong; nothing changes) and make it the form
    in use."""
    source = Path(source)
    users.require("settings")
    files.check_size(source, "意见单定义")
    definition = formdef.parse_file(source)
    data = source.read_bytes()
    target = paths.user_forms_dir() / name
    tmp = target.with_name(target.name + ".part")
    tmp.write_bytes(data)
    try:
        if files.shared():
            with db.atomic():
                files.put(f"forms/{name}", tmp, name=source.name)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return definition


def remove(name: str = NAME) -> bool:
    """Back to the bundled definition; False when none of the office's own was in use."""
    users.require("settings")
    target = paths.user_forms_dir() / name
    had = target.is_file()
    if files.shared():
        had = bool(files.local(f"forms/{name}"))
        with db.atomic():
            files.drop(f"forms/{name}")
    target.unlink(missing_ok=True)
    return had
