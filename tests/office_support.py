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


def make_inbox(base: dict, folder: Path, *, units: int = 3) -> Path:
    """`units` simulated units (the third sends late), one file for another year's list, one damaged file."""
    folder.mkdir(parents=True, exist_ok=True)
    names = ["梁平区财政局", "梁平区民政局", "梁平区教育委员会", "梁平区卫生健康委", "梁平区司法局", "梁平区商务委员会",
             "梁平区发展改革委", "梁平区规划自然资源局"] + [f"梁平区第{i}乡镇" for i in range(units)]
    for i in range(units):
        late = i == 2
        unit_file(base, folder, names[i], as_of=dt.date(2021, 7, 9) if late else dt.date(2021, 6, 30), shift=i,
                  aliases=("区教委",) if names[i] == "梁平区教育委员会" else ())
    unit_file(dict(base, list=dict(base["list"], year=2020)), folder, "梁平区城管局", as_of=dt.date(2021, 6, 30),
              file="城管局_2020.json")
    (folder / "损坏.json").write_text('{"schema": "gwdesk.task-progress/1", "unit": {"na', encoding="utf-8")
    return folder
