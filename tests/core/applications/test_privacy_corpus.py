"""Issue 26.5: the “已去除个人身份信息” ledger export over a corpus of 53 real-shaped register rows
(tests/fixtures/privacy/rows.json): every applicant type's contact, third parties named in the request
(…同志的死亡证明, …之子…的学籍, 代理当事人…), phones written with dots or spaces, ID numbers with spaces,
addresses with 北段/四段 and a trailing room number. Nothing listed as a row's secret leaves in the export;
what is not personal stays."""

from __future__ import annotations

from locations import TESTS

import datetime as dt
import json
import re
from pathlib import Path

import openpyxl
import pytest

from applications_support import actx  # noqa: F401

ROWS = json.loads((TESTS / "fixtures/privacy/rows.json").read_text(encoding="utf-8"))


def _rows():
    from gwdesk.core.applications import ids
    out = []
    for r in ROWS:
        r = dict(r)
        if r["id"]:
            r["id"] = r["id"][:17] + ids.id_card_check_digit(r["id"][:17])
        for key in ("contact", "content", "note", "reason"):
            r[key] = r[key].replace("{id}", r["id"] or "").replace("{name}", r["name"])
        r["secrets"] = r["secrets"] + ([r["id"]] if r["id"] else [])
        out.append(r)
    return out


def test_the_corpus_is_large_and_covers_every_applicant_type():
    from gwdesk.core.applications import APPLICANT_TYPES
    assert len(ROWS) >= 50
    assert set(APPLICANT_TYPES) <= {r["type"] for r in ROWS}


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["name"])
def test_each_rows_free_text_and_contact_are_scrubbed(row):
    from gwdesk.core.applications import masking
    people = frozenset({row["name"]}) if row["type"] == "自然人" else frozenset()
    text = "\n".join([masking.scrub_contact(row["contact"], people)]
                     + [masking.scrub(row[k], people) for k in ("content", "note", "reason")])
    leaks = [s for s in row["secrets"] if s in text or s in re.sub(r"\s+", "", text)]
    assert not leaks, f"{row['name']}: {leaks} in {text!r}"
    for k in row["keep"]:
        if k != row["name"]:
            assert k in text, f"{row['name']}: lost {k!r}"


def test_the_de_identified_export_walks_every_row(actx, tmp_path):
    from gwdesk.core.applications import ledger
    from gwdesk.io import ledger_xlsx
    rows = _rows()
    for i, r in enumerate(rows):
        ledger.create(dict(
            number=f"2026-{500 + i:03d}", received=dt.date(2026, 3, 2) + dt.timedelta(days=i % 20), channel="网络",
            applicant_type=r["type"], applicant_name=r["name"],
            id_kind="居民身份证" if r["id"] else "", id_number=r["id"] or "", contact=r["contact"],
            delivery="电子邮件", content=r["content"], note=r["note"], reason=r["reason"]))
    out = tmp_path / "台账.xlsx"
    assert ledger_xlsx.export_ledger(out, dt.date(2026, 4, 30), year=2026) == len(rows)
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    assert "已去除个人身份信息" in ws.cell(2, 1).value
    text = "\n".join(str(c.value) for row in ws.iter_rows(min_row=4) for c in row if c.value is not None)
    flat = re.sub(r"\s+", "", text)
    leaks = {r["name"]: [s for s in r["secrets"] if s in text or s in flat] for r in rows}
    assert not {k: v for k, v in leaks.items() if v}
    for r in rows:
        if r["type"] != "自然人":
            assert r["name"] in text  # an organisation's name is no personal data
