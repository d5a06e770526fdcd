"""Build tests/fixtures/db/schema-v{N}.db: the migration chain applied up to N, with a few realistic rows.

Run `python tools/make_fixture_dbs.py` when a new schema version is released (never rewrite the file of a
released version afterwards: it stands for the databases clerks already have). Sample rows go only into
the foundation tables (unit_profile, setting), so the script works whatever later steps contain.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gwdesk.store import migrations  # noqa: E402
from gwdesk.store.db import migrate  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "db"

# Invented but realistic; deliberately not the demo unit, so tests can tell fixture data from demo data.
UNIT = {
    "id": 1,
    "name": "剑阁县自然资源局",
    "level": "县级部门",
    "supervisor": "剑阁县人民政府办公室",
    "contact": "王建国",
    "phone": "0839-6622087",
    "departments": ["办公室", "国土空间规划股", "耕地保护股", "不动产登记中心", "执法监察大队"],
    "groups": ["县政府各部门", "县直各单位"],
    "aliases": ["县自然资源局", "剑阁县自然资源局（县林业局）"],
    "updated_at": "2025-03-14T09:26:41",
}
SETTINGS = {
    "first_run_done": True,
    "review.default_reviewer": "王建国",
    "export.last_dir": "D:\\政务公开\\2025年",
}


def insert_samples(conn: sqlite3.Connection) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "unit_profile" in tables:
        u = dict(UNIT)
        for key in ("departments", "groups", "aliases"):
            u[key] = json.dumps(u[key], ensure_ascii=False)
        cols = ", ".join(u)
        marks = ", ".join("?" * len(u))
        conn.execute(f"INSERT INTO unit_profile ({cols}) VALUES ({marks})", list(u.values()))
    if "setting" in tables:
        conn.executemany("INSERT INTO setting (key, value) VALUES (?, ?)",
                         [(k, json.dumps(v, ensure_ascii=False)) for k, v in SETTINGS.items()])


def build(path: Path, version: int) -> Path:
    """Write a schema-`version` database with the sample rows to `path` (replacing it)."""
    path.unlink(missing_ok=True)
    reached = migrate(path, 0, None, True, target=version)
    assert reached == version, (reached, version)
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("BEGIN")
        insert_samples(conn)
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file in git
        conn.execute("VACUUM")
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        assert ok == "ok", ok
    finally:
        conn.close()
    return path


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for number, _ in migrations.steps():
        p = build(OUT / f"schema-v{number}.db", number)
        print(f"{p.relative_to(ROOT)}  ({p.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
