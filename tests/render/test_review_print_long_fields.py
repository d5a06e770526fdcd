"""Issue 26.8: any field of any length prints on the 意见单 PDF. A 4,000-character 文件标题 once made the header
repeated on every page taller than a page (LayoutError); a long 发文字号 or 联系电话 hit a cell reportlab could not
split ('blPara')."""

from __future__ import annotations

from locations import ROOT

import json
import re
from pathlib import Path

import pypdfium2 as pdfium

from gwdesk import cli
from gwdesk.core import formdef

ROOT = ROOT
SAMPLE = json.loads((ROOT / "tests/fixtures/review/sample_form.json").read_text(encoding="utf-8"))
FIELDS = {f.key: f for s in formdef.parse_file(ROOT / "forms/publication_review.toml").sections
          for f in s.fields if f.type in ("text", "textarea")}
TEXT_FIELDS = list(FIELDS)


def _text(pdf: Path) -> str:
    """The PDF's text, page after page (PDFium reads it ten times faster than pypdf, the same characters)."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "".join(page.get_textpage().get_text_bounded() for page in doc)
    finally:
        doc.close()


def test_every_text_field_of_4000_characters_prints(tmp_path, capsys):
    assert "title" in TEXT_FIELDS and len(TEXT_FIELDS) >= 10
    checked = []
    for key in TEXT_FIELDS:
        data = json.loads(json.dumps(SAMPLE))
        value = "".join(f"第{i}句城乡居民最低生活保障。" for i in range(400))[:4000]
        data["values"][key] = value
        src, out = tmp_path / f"{key}.json", tmp_path / f"{key}.pdf"
        src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        rc = cli.main(["review", "render", "--data", str(src), "--format", "pdf", "--out", str(out)])
        err = capsys.readouterr().err
        assert rc == 0, f"{key}: {err}"
        text = re.sub(r"\s+", "", _text(out))
        label = re.sub(r"\s+", "", FIELDS[key].print_label or FIELDS[key].label)
        if label in text:  # a field this form prints (some only on another kind of form, e.g. 修改/撤销)
            assert value[-20:] in text, key  # the value's end is printed, not cut
            checked.append(key)
    assert len(checked) >= 10 and "title" in checked, checked

