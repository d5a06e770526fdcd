"""Read and write `gwdesk.annual-report/1` JSON files; the codec itself is core's (`annual_report.codec`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gwdesk.core.annual_report.codec import TOP_KEYS, dumps, from_dict, loads, to_dict  # noqa: F401 (the file API)
from gwdesk.core.annual_report.findings import Finding
from gwdesk.core.annual_report.spec import ReportData
from gwdesk.errors import ImportRejected, os_error_text


def read(path: str | Path, *, lenient: bool = False) -> tuple[ReportData, list[Finding]]:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ImportRejected(f"无法读取文件 {p.name}：{os_error_text(e)}", file=p.name) from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ImportRejected(f"{p.name} 不是 UTF-8 编码的文本文件", file=p.name) from e
    return loads(text, lenient=lenient, file=p.name)



def write(data: ReportData, path: str | Path, *, as_of: dt.date | None = None) -> Path:
    """Save atomically; `as_of` (the day it is sent) goes into the file for the office's roll-up."""
    if as_of is not None:
        data = data.copy()
        data.as_of = as_of
    p = Path(path)
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(dumps(data), encoding="utf-8")
    tmp.replace(p)
    return p
