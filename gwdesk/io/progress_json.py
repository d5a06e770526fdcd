"""Read and write `gwdesk.task-progress/1` (docs/task-progress-1.md): a strict reader naming the field it rejects."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from gwdesk.core.office.progress import (
    EVIDENCE_KINDS,
    ROLES,
    SCHEMA,
    STATUSES,
    Evidence,
    ListIdentity,
    Note,
    Progress,
    TaskProgress,
    UnitInfo,
    identity,
)
from gwdesk.core.office.rollup import Received, Row
from gwdesk.errors import ImportRejected, os_error_text
from gwdesk.io.report_rollup import json_files

MAX_BYTES = 50 * 1024 * 1024
TOP = {"schema", "as_of", "generator", "unit", "list", "tasks"}
UNIT = {"name", "level", "supervisor", "aliases"}
LIST = {"issuer", "year", "title", "rows", "fingerprint"}
TASK = {"position", "seq", "task", "measure", "category", "lead_units", "resp_units", "role", "status",
        "deadline", "due", "done_on", "notes", "evidence"}
NOTE = {"date", "text"}
EVID = {"kind", "value", "sha256"}


def _day(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def to_dict(p: Progress) -> dict:
    return {
        "schema": SCHEMA,
        "as_of": p.as_of.isoformat(),
        "generator": p.generator,
        "unit": {"name": p.unit.name, "level": p.unit.level, "supervisor": p.unit.supervisor,
                 "aliases": p.unit.aliases},
        "list": {"issuer": p.list.issuer, "year": p.list.year, "title": p.list.title, "rows": p.list.rows,
                 "fingerprint": p.list.fingerprint},
        "tasks": [{
            "position": t.position, "seq": t.seq, "task": t.task, "measure": t.measure, "category": t.category,
            "lead_units": t.lead_units, "resp_units": t.resp_units, "role": t.role, "status": t.status,
            "deadline": t.deadline, "due": _day(t.due), "done_on": _day(t.done_on),
            "notes": [{"date": n.on.isoformat(), "text": n.text} for n in t.notes],
            "evidence": [{"kind": e.kind, "value": e.value, **({"sha256": e.sha256} if e.sha256 else {})}
                         for e in t.evidence],
        } for t in p.tasks],
    }


def dumps(p: Progress) -> str:
    return json.dumps(to_dict(p), ensure_ascii=False, indent=1) + "\n"


def write(p: Progress, path: str | Path) -> Path:
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(dumps(p), encoding="utf-8")
        tmp.replace(path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ImportRejected(f"无法保存 {path.name}：{os_error_text(e)}", file=path.name) from e
    return path


class _Bad(Exception):
    def __init__(self, key: str, problem: str):
        super().__init__(key)
        self.key, self.problem = key, problem


def _obj(v: Any, key: str, allowed: set[str], required: set[str]) -> dict:
    if not isinstance(v, dict):
        raise _Bad(key, "应为对象 {…}")
    for k in v:
        if k not in allowed:
            raise _Bad(f"{key}.{k}" if key else k, "未知的字段（请检查拼写或 gwdesk 版本）")
    for k in sorted(required - v.keys()):
        raise _Bad(f"{key}.{k}" if key else k, "缺少此字段")
    return v


def _text(v: Any, key: str, *, empty: bool = True) -> str:
    if not isinstance(v, str):
        raise _Bad(key, "应为文字")
    if not empty and not v.strip():
        raise _Bad(key, "不能为空")
    if "\x00" in v or not v.isprintable() and not _encodable(v):
        raise _Bad(key, "含有无法识别的字符")
    return v


def _encodable(v: str) -> bool:
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate such as \ud800
        return False
    return "\x00" not in v


def _int(v: Any, key: str, lo: int, hi: int) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
        raise _Bad(key, f"应为 {lo}–{hi} 之间的整数")
    return v


def _date(v: Any, key: str, *, null: bool = False) -> dt.date | None:
    if v is None and null:
        return None
    if isinstance(v, str) and len(v) == 10:
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            pass
    raise _Bad(key, f"应为日期 YYYY-MM-DD{'（或 null）' if null else ''}，现为 {json.dumps(v, ensure_ascii=False)[:40]}")


def _choice(v: Any, key: str, options: tuple[str, ...]) -> str:
    if v not in options:
        raise _Bad(key, f"只能是 {'、'.join(options)}，现为 {json.dumps(v, ensure_ascii=False)[:40]}")
    return v


def _names(v: Any, key: str) -> list[str]:
    if not isinstance(v, list):
        raise _Bad(key, "应为文字列表 […]")
    return [_text(x, f"{key}[{i}]") for i, x in enumerate(v)]


_TASK_REQUIRED = frozenset({"position", "seq", "task", "measure", "role", "status"})
_ROLES, _STATUSES, _KINDS = frozenset(ROLES), frozenset(STATUSES), frozenset(EVIDENCE_KINDS)
_date_from = dt.date.fromisoformat


def _clean(v: Any) -> bool:
    return type(v) is str and (v.isprintable() or _encodable(v))


def _day_or_none(v: Any) -> dt.date | None:
    """A YYYY-MM-DD date; raises ValueError/TypeError for anything else (the slow path then names it)."""
    if v is None:
        return None
    if len(v) != 10:
        raise ValueError(v)
    return _date_from(v)


def _task_fast(o: Any) -> TaskProgress | None:
    """The common, well-formed task in one pass (500 units × 50 tasks in well under a second);
    None on anything unusual, and `_task` then finds and names the problem."""
    try:
        if type(o) is not dict or not o.keys() <= TASK or not _TASK_REQUIRED <= o.keys():
            return None
        pos, seq, task, measure = o["position"], o["seq"], o["task"], o["measure"]
        cat, deadline = o.get("category", ""), o.get("deadline", "")
        lead, resp = o.get("lead_units", []), o.get("resp_units", [])
        if (type(pos) is not int or not 1 <= pos <= 100_000 or o["role"] not in _ROLES
                or o["status"] not in _STATUSES or not (_clean(seq) and _clean(task) and _clean(measure)
                                                        and _clean(cat) and _clean(deadline))
                or type(lead) is not list or type(resp) is not list
                or not all(_clean(x) for x in lead) or not all(_clean(x) for x in resp)):
            return None
        due, done = _day_or_none(o.get("due")), _day_or_none(o.get("done_on"))
        if o["status"] == "已完成" and done is None:
            return None
        notes = []
        for n in o.get("notes", ()):
            if type(n) is not dict or n.keys() != NOTE or not _clean(n["text"]) or len(n["date"]) != 10:
                return None
            notes.append(Note(_date_from(n["date"]), n["text"]))
        evidence = []
        for e in o.get("evidence", ()):
            if (type(e) is not dict or not e.keys() <= EVID or e.get("kind") not in _KINDS
                    or not _clean(e.get("value")) or not _clean(e.get("sha256", ""))):
                return None
            evidence.append(Evidence(e["kind"], e["value"], e.get("sha256", "")))
    except (TypeError, ValueError, KeyError):
        return None
    return TaskProgress(pos, seq, task, measure, o["role"], o["status"], cat, lead, resp, deadline, due, done,
                        notes, evidence)


def _task(v: Any, key: str) -> TaskProgress:
    o = _obj(v, key, TASK, {"position", "seq", "task", "measure", "role", "status"})
    t = TaskProgress(
        _int(o["position"], f"{key}.position", 1, 100_000), _text(o["seq"], f"{key}.seq"),
        _text(o["task"], f"{key}.task"), _text(o["measure"], f"{key}.measure"),
        _choice(o["role"], f"{key}.role", ROLES), _choice(o["status"], f"{key}.status", STATUSES),
        _text(o.get("category", ""), f"{key}.category"), _names(o.get("lead_units", []), f"{key}.lead_units"),
        _names(o.get("resp_units", []), f"{key}.resp_units"), _text(o.get("deadline", ""), f"{key}.deadline"),
        _date(o.get("due"), f"{key}.due", null=True), _date(o.get("done_on"), f"{key}.done_on", null=True))
    if t.status == "已完成" and t.done_on is None:
        raise _Bad(f"{key}.done_on", "状态为已完成时应写明完成日期")
    notes = o.get("notes", [])
    if not isinstance(notes, list):
        raise _Bad(f"{key}.notes", "应为列表 […]")
    for i, n in enumerate(notes):
        nk = f"{key}.notes[{i}]"
        n = _obj(n, nk, NOTE, NOTE)
        t.notes.append(Note(_date(n["date"], f"{nk}.date"), _text(n["text"], f"{nk}.text")))
    ev = o.get("evidence", [])
    if not isinstance(ev, list):
        raise _Bad(f"{key}.evidence", "应为列表 […]")
    for i, e in enumerate(ev):
        ek = f"{key}.evidence[{i}]"
        e = _obj(e, ek, EVID, {"kind", "value"})
        t.evidence.append(Evidence(_choice(e["kind"], f"{ek}.kind", EVIDENCE_KINDS), _text(e["value"], f"{ek}.value"),
                                   _text(e.get("sha256", ""), f"{ek}.sha256")))
    return t


def from_dict(obj: Any, *, file: str = "") -> Progress:
    """The Progress in `obj`; anything off raises ImportRejected naming the file and the field."""
    name = file or "文件"
    try:
        if not isinstance(obj, dict) or obj.get("schema") != SCHEMA:
            got = obj.get("schema") if isinstance(obj, dict) else None
            raise _Bad("schema", f"不是任务进展报送文件（应为 {SCHEMA}，现为 {json.dumps(got, ensure_ascii=False)[:60]}）")
        o = _obj(obj, "", TOP, TOP - {"generator"})
        u = _obj(o["unit"], "unit", UNIT, {"name"})
        unit = UnitInfo(_text(u["name"], "unit.name", empty=False).strip(), _text(u.get("level", ""), "unit.level"),
                        _text(u.get("supervisor", ""), "unit.supervisor"), _names(u.get("aliases", []), "unit.aliases"))
        lo = _obj(o["list"], "list", LIST, LIST)
        fp = _text(lo["fingerprint"], "list.fingerprint")
        if len(fp) != 64 or any(c not in "0123456789abcdef" for c in fp):
            raise _Bad("list.fingerprint", "应为 64 位十六进制 SHA-256")
        ident = ListIdentity(_text(lo["issuer"], "list.issuer"), _int(lo["year"], "list.year", 2000, 2100),
                             _text(lo["title"], "list.title"), _int(lo["rows"], "list.rows", 0, 100_000), fp)
        if not isinstance(o["tasks"], list):
            raise _Bad("tasks", "应为列表 […]")
        tasks = [_task_fast(t) or _task(t, f"tasks[{i}]") for i, t in enumerate(o["tasks"])]
        seen: set[int] = set()
        for i, t in enumerate(tasks):
            if t.position > ident.rows:
                raise _Bad(f"tasks[{i}].position", f"超出清单行数 {ident.rows}")
            if t.position in seen:
                raise _Bad(f"tasks[{i}].position", f"第 {t.position} 行重复出现")
            seen.add(t.position)
        return Progress(unit, ident, _date(o["as_of"], "as_of"), tasks, _text(o.get("generator", ""), "generator"))
    except _Bad as e:
        raise ImportRejected(f"{name}：字段“{e.key}”{e.problem}", file=file, field=e.key) from None


def loads(text: str, *, file: str = "") -> Progress:
    try:
        obj = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as e:
        where = f"（第 {e.lineno} 行第 {e.colno} 列）" if isinstance(e, json.JSONDecodeError) else ""
        raise ImportRejected(f"{file or '文件'}：不是完整的 JSON{where}，文件可能已损坏或未传完", file=file) from None
    return from_dict(obj, file=file)


def read(path: str | Path) -> Progress:
    p = Path(path)
    try:
        if p.stat().st_size > MAX_BYTES:
            raise ImportRejected(f"{p.name}：文件过大（超过 50 MB），不是任务进展报送文件", file=p.name)
        raw = p.read_bytes()
    except OSError as e:
        raise ImportRejected(f"无法读取 {p.name}：{os_error_text(e)}", file=p.name) from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(f"{p.name}：不是 UTF-8 编码的文本，文件可能已损坏", file=p.name) from None
    return loads(text, file=p.name)


def read_many(inputs: list[str | Path]) -> list[Received]:
    """Every *.json named or in the folders named; a damaged file carries its problem instead of progress."""
    out = []
    for path in json_files(inputs):
        try:
            out.append(Received(path.name, read(path)))
        except ImportRejected as e:
            out.append(Received(path.name, problem=e.message))
    return out


def list_from_file(path: str | Path, sheet: str | None = None) -> tuple[ListIdentity, list[Row]]:
    """The identity and rows of the task list the office sent (xlsx/docx, read as units read it)."""
    from gwdesk.io import tasklist

    parsed = tasklist.read(Path(path), sheet)
    if not parsed.tasks:
        raise ImportRejected(f"{Path(path).name}：没有读到任务行", file=Path(path).name)
    rows = [Row(i, t.seq or str(i), t.task, t.measure, t.category, list(t.lead_units), list(t.resp_units),
                t.deadline_text) for i, t in enumerate(parsed.tasks, start=1)]
    return identity(parsed.issuer, parsed.year or 0, parsed.title, [(t.seq, t.task, t.measure) for t in parsed.tasks]), rows
