"""Simulated units' progress files on one list, for the office roll-up tests (and the bench's shape)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

STATUS_CYCLE = ["已完成", "推进中", "未启动", "已完成", "不适用"]


def unit_file(base: dict, folder: Path, name: str, *, as_of: dt.date, shift: int = 0, file: str | None = None,
              level: str = "县级部门", aliases: tuple[str, ...] = ()) -> Path:
    """`base` (a real unit's gwdesk.task-progress/1 dict) retold as unit `name`, statuses varied by `shift`."""
    d = copy.deepcopy(base)
    d["unit"] = {"name": name, "level": level, "supervisor": "梁平区人民政府", "aliases": list(aliases)}
    d["as_of"] = as_of.isoformat()
    for i, t in enumerate(d["tasks"]):
        t["status"] = STATUS_CYCLE[(i + shift) % len(STATUS_CYCLE)]
        t["done_on"] = as_of.isoformat() if t["status"] == "已完成" else None
        t["role"] = "牵头" if (i + shift) % 7 == 0 else "责任"
        t["notes"] = [{"date": as_of.isoformat(), "text": f"{name}已按要求推进第{t['seq']}项"}]
    p = folder / (file or f"{name}.json")
    p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return p
