"""Issue 26 (proof): a hostile family of backup archives — tampered bytes, re-zipped, encrypted or Deflate64
members, manifests edited by hand, long and clashing names, expansion bombs, extra schema objects — fed to
restore. Every one ends in a Chinese refusal or a clean restore; no crash, and a refused archive changes
nothing of the live data (database content and evidence files), nor leaves a staging folder.

The everyday run takes a fifth of the archives (fuzz_support.fuzz_n); CI's robustness stage (GWDESK_FUZZ_FULL=1)
all 240.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import sqlite3
import struct
import zipfile
from pathlib import Path

from fuzz_support import SEED, Tally, attempt, fuzz_n, mutate_bytes

from gwdesk import paths
from gwdesk.store import archive, backup
from gwdesk.store.restore import restore

FULL = 240
LONG = "关于印发青川县政务公开工作要点暨基层政务公开标准化规范化建设任务分解方案的通知附件材料汇编"
SCHEMA_EXTRAS = [
    "CREATE TRIGGER t_{n} AFTER INSERT ON task_note BEGIN DELETE FROM task; END",
    "CREATE TRIGGER t_{n} BEFORE UPDATE ON setting BEGIN SELECT RAISE(IGNORE); END",
    "CREATE TABLE extra_{n} (x)",
    "CREATE INDEX idx_{n} ON task(note)",
    "CREATE VIEW v_{n} AS SELECT * FROM task",
    "ALTER TABLE task ADD COLUMN extra_{n} TEXT",
    "DROP INDEX task_category",
    "DROP TRIGGER application_search_insert",
]


def _members(data: bytes) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        raw = json.loads(zf.read(archive.MANIFEST))
        return raw, {i.filename: zf.read(i.filename) for i in zf.infolist() if i.filename != archive.MANIFEST}


def _zip(manifest: dict, members: dict[str, bytes], *, fix_manifest: bool = True,
         method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    if fix_manifest:
        manifest = dict(manifest, files=[{"path": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
                                         for n, b in members.items()])
    with zipfile.ZipFile(out, "w", method) as zf:
        for n, b in members.items():
            zf.writestr(n, b)
        zf.writestr(archive.MANIFEST, json.dumps(manifest, ensure_ascii=False))
    return out.getvalue()


def _patch(data: bytes, member: str, *, method: int | None = None, flag: int = 0) -> bytes:
    raw = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(member)
    cd, name = raw.find(b"PK\x01\x02"), member.encode()
    while cd != -1 and raw[cd + 46:cd + 46 + struct.unpack_from("<H", raw, cd + 28)[0]] != name:
        cd = raw.find(b"PK\x01\x02", cd + 4)
    for off, flag_at, method_at in ((info.header_offset, 6, 8), (cd, 8, 10)):
        if method is not None:
            struct.pack_into("<H", raw, off + method_at, method)
        struct.pack_into("<H", raw, off + flag_at, struct.unpack_from("<H", raw, off + flag_at)[0] | flag)
    return bytes(raw)


def _with_schema_change(db: bytes, sql: str, scratch: Path) -> bytes:
    scratch.write_bytes(db)
    c = sqlite3.connect(scratch)
    try:
        c.execute(sql)
        c.commit()
    finally:
        c.close()
    return scratch.read_bytes()


def mutate_archive(good: bytes, rng: random.Random, scratch: Path) -> tuple[bytes, str]:
    raw, members = _members(good)
    names = list(members)
    family = rng.randrange(8)
    if family == 0:
        return mutate_bytes(good, rng)
    if family == 1:  # re-zipped with a member changed but the manifest left as it was
        name = rng.choice(names)
        op = rng.randrange(4)
        m = dict(members)
        if op == 0:
            del m[name]
        elif op == 1:
            m[name] = b""
        elif op == 2:
            m[name] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))
        else:
            m[name] = m[name] + b"\0"
        return _zip(raw, m, fix_manifest=False), f"rezip: member {name} op {op}"
    if family == 2:  # encrypted or an unreadable compression method, as 7-Zip / Windows write them
        name = rng.choice(names)
        if rng.random() < 0.5:
            return _patch(good, name, flag=0x1), f"encrypted {name}"
        method = rng.choice([9, 99, 6, 98, 93])
        return _patch(good, name, method=method), f"method {method} on {name}"
    if family == 3:  # the manifest edited by hand
        key = rng.choice(["format_version", "schema_version", "created_at", "files", "format", "records"])
        value = rng.choice(["1a", -1, 1.5, None, [], {}, "", 10 ** 30, True, "2026-13-45", [{"path": 1}]])
        return _zip(dict(raw, **{key: value}), members, fix_manifest=False), f"manifest {key}={value!r}"
    if family == 4:  # names: too long, clashing with a folder, unsafe, case twins
        m = dict(members)
        op = rng.randrange(6)
        if op == 0:
            m[f"evidence/tasks/1/{LONG * rng.randint(2, 4)}.pdf"] = b"%PDF long"
        elif op == 1:
            m[f"forms/{LONG * 3}.toml"] = b"#"
        elif op == 2:
            m[rng.choice(["evidence", "forms"])] = b"x"
        elif op == 3:
            m[rng.choice(["../evil.txt", "/etc/x", "evidence/../../x", "C:\\x", "evidence/./a", "other/x"])] = b"x"
        elif op == 4:
            m["evidence/tasks/1/A.pdf"], m["evidence/tasks/1/a.pdf"] = b"1", b"2"
        else:
            m["evidence/tasks"] = b"file where a folder is"
        return _zip(raw, m), f"names op {op}"
    if family == 5:  # an expansion bomb, its manifest consistent
        m = dict(members)
        m[f"evidence/bomb{rng.randrange(100)}.bin"] = b"\0" * rng.choice([9, 12, 16]) * 1024 * 1024
        return _zip(raw, m), "bomb"
    if family == 6:  # extra (or missing) schema objects, the manifest consistent
        sql = rng.choice(SCHEMA_EXTRAS).format(n=rng.randrange(1000))
        m = dict(members)
        m[archive.DB_NAME] = _with_schema_change(m[archive.DB_NAME], sql, scratch)
        return _zip(raw, m), f"schema: {sql[:40]}"
    # re-zipped faithfully (a clerk's zip tool): must restore cleanly
    return _zip(raw, dict(members), fix_manifest=False, method=rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED,
                                                                          zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])), \
        "faithful rezip"


def _live() -> str:
    """The live data as the clerk has it: every row of every table, and every evidence file's bytes."""
    h = hashlib.sha256()
    c = sqlite3.connect(f"file:{paths.db_path().as_posix()}?mode=ro", uri=True)
    try:
        for line in c.iterdump():
            h.update(line.encode("utf-8", "surrogatepass"))
    finally:
        c.close()
    ev = paths.data_dir() / "evidence"
    for p in sorted(ev.rglob("*")) if ev.is_dir() else []:
        if p.is_file():
            h.update(p.relative_to(ev).as_posix().encode() + p.read_bytes())
    return h.hexdigest()


def test_hostile_backup_archives(ctx, profile, tmp_path):
    from test_hostile_restore import _workspace
    _workspace(ctx, profile, tmp_path)
    good_path = backup.backup_now(ctx.store, paths.backup_dir(), "manual")
    good = good_path.read_bytes()
    ctx.store.close()
    baseline = _live()
    rng = random.Random(SEED + 26)
    tally = Tally("backup archives")
    n = fuzz_n(FULL)
    for k in range(n):
        data, how = mutate_archive(good, rng, tmp_path / "scratch.db")
        path = tmp_path / f"hostile-{k:03d}.zip"
        path.write_bytes(data)
        result = attempt(tally, f"#{k} {how}", lambda: restore(paths.db_path(), path, paths.backup_dir()),
                         keep=tmp_path / "kept", payload=data, suffix=".zip")
        if list(paths.data_dir().glob(".restore-*")):
            tally.crashes.append(f"#{k} {how}: a staging folder was left behind")
        now = _live()
        if result is None and now != baseline:
            tally.crashes.append(f"#{k} {how}: refused, yet the live data changed")
        if result is not None and now != baseline:  # restored something else: put the live data back
            restore(paths.db_path(), good_path, paths.backup_dir())
            baseline = _live()
        path.unlink()
    print(tally.summary())
    assert tally.rejected + tally.imported == n and tally.rejected >= n // 2
    assert not tally.crashes, "\n".join(tally.crashes[:20])
