"""The ledger's search finds the same rows on both engines: FTS5 trigram (+ the narrow table for 1–2 characters)
on SQLite, LIKE over pg_trgm's GIN index on PostgreSQL — the same needles give the same applications, and
neither finds a needle across two fields."""

from __future__ import annotations

import datetime as dt

from gwdesk.core.applications import ledger, listing
from gwdesk.store import dburl
from gwdesk.store.db import open_store

D = dt.date
ROWS = [
    ("2026-001", "张三", "申请公开2025年度部门预算执行情况", ""),
    ("2026-002", "李四", "拆迁补偿安置方案及补偿标准", "青民依复〔2026〕1号"),
    ("2026-003", "O'Brien Ltd", "Request for the BUDGET-2025 report", "Fu-2"),
    ("2026-004", "北京某律师事务所", "政府采购合同（编号CG-2024-117）", ""),
    ("2026-005", "王五", "低保名单 100% 公开情况_附表", "复-3"),
    ("2026-006", "赵六", "公租房分配名单", "青民依复〔2026〕9号"),
    ("B0999", "钱七", "budget report 2024", ""),
    ("2025-011", "孙八", "关于\"三供一业\"移交的文件", ""),
]
NEEDLES = ["张", "三", "补偿", "补偿标", "预算执行情况", "部门预算执行", "budget", "BUDGET", "Budget-2025", "b0999",
           "B09", "-20", "2024", "fu-2", "复〔2026〕", "9号", "100%", "%", "_", "附表", "o'b", "\"三供", "名单",
           "三申", "001张", "2026-0", "r", "情况", "年度", "CG-2024-117", "律师", "zzz"]


def _results(target) -> dict[str, list[str]]:
    store = open_store(target)
    try:
        for number, name, content, reply in ROWS:
            a = ledger.create(dict(number=number, received=D(2026, 3, 2), channel="网络", applicant_type="其他",
                                   applicant_name=name, content=content))
            if reply:
                ledger.reply(a, D(2026, 3, 20), "3.1", reply_number=reply)
        today = D(2026, 11, 20)
        listing.refresh(today)
        out = {}
        for needle in NEEDLES:
            lst = listing.Listing(today, listing.Filter(search=needle))
            out[needle] = sorted(r.number for r in lst.window(0, 100))
            assert lst.count == len(out[needle]), needle
        return out
    finally:
        store.close()


def test_same_needles_same_rows_on_sqlite_and_postgresql(tmp_path, pg_url):
    on_sqlite = _results(tmp_path / "gwdesk.db")
    on_server = _results(dburl.parse(pg_url))
    assert on_server == on_sqlite
    # and the answers are the ones a reader expects (not two equally empty lists)
    assert on_sqlite["补偿"] == ["2026-002"]
    assert on_sqlite["BUDGET"] == on_sqlite["budget"] == ["2026-003", "B0999"]
    assert on_sqlite["100%"] == ["2026-005"] and on_sqlite["%"] == ["2026-005"] and on_sqlite["_"] == ["2026-005"]
    assert on_sqlite["三申"] == [] and on_sqlite["001张"] == []  # never across two fields of one row
    assert on_sqlite["zzz"] == []
    assert on_sqlite["-20"] == ["2026-003", "2026-004"]
    assert on_sqlite["r"] == ["2026-003", "B0999"]
