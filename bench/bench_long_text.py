"""PDF time against text length (issue 26.9): an annual report whose 一、总体情况 is N characters, and a 意见单
whose 内容概述 has N lines — the renderer as it is, and the old way (the recursive opener rule, every page
breaking the rest of a split paragraph again, a cell's lines as one paragraph) for the sizes it finishes.

Run: python bench/bench_long_text.py [--old-up-to N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gwdesk.io import report_json  # noqa: E402
from gwdesk.render import pdf  # noqa: E402
from gwdesk.render.layouts import annual_report  # noqa: E402

SENTENCE = "本机关严格落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息一百二十条，办理依申请公开十二件。"


@contextlib.contextmanager
def old_way():
    saved = (pdf.SPLIT_KEEPS_LINES, pdf.LINES_AS_PARAGRAPHS, pdf._rl_textsplit.dumbSplit)
    pdf.SPLIT_KEEPS_LINES, pdf.LINES_AS_PARAGRAPHS = False, 10 ** 9
    pdf._rl_textsplit.dumbSplit = pdf._split_keeping_openers_recursive
    try:
        yield
    finally:
        pdf.SPLIT_KEEPS_LINES, pdf.LINES_AS_PARAGRAPHS, pdf._rl_textsplit.dumbSplit = saved


def report_seconds(n: int, out: Path) -> float:
    data, _ = report_json.read(ROOT / "tests/fixtures/report/qc_minzheng_2025.json")
    data.text["overview"] = (SENTENCE * (n // len(SENTENCE) + 1))[:n]
    t = time.perf_counter()
    pdf.render_pdf(annual_report.build(data), out / f"report-{n}.pdf")
    return time.perf_counter() - t


def form_seconds(lines: int, out: Path) -> float:
    from gwdesk import cli
    d = json.loads((ROOT / "tests/fixtures/review/sample_form.json").read_text(encoding="utf-8"))
    d["values"]["summary"] = "\n".join(f"第{i}条：城乡低保标准调整为每人每月{600 + i % 300}元" for i in range(lines))
    src = out / f"form-{lines}.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    t = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        cli.main(["review", "render", "--data", str(src), "--format", "pdf", "--out", str(out / f"form-{lines}.pdf")])
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--old-up-to", type=int, default=20_000, help="largest size measured the old way (it is slow)")
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="gwdesk-bench-long-"))
    report_seconds(1000, out)  # fonts and imports
    print("| 总体情况 characters | now (s) | old way (s) | ratio |")
    print("|---|---|---|---|")
    for n in (5_000, 10_000, 20_000, 50_000, 100_000):
        now = report_seconds(n, out)
        old = None
        if n <= args.old_up_to:
            with old_way():
                old = report_seconds(n, out)
        print(f"| {n:,} | {now:.2f} | {f'{old:.2f}' if old else '—'} | {f'{old / now:.0f}×' if old else ''} |")
    print()
    print("| 内容概述 lines | now (s) | old way (s) | ratio |")
    print("|---|---|---|---|")
    for lines in (250, 500, 1000, 3000, 6000):
        now = form_seconds(lines, out)
        old = None
        if lines * 15 <= args.old_up_to:
            with old_way():
                old = form_seconds(lines, out)
        print(f"| {lines:,} | {now:.2f} | {f'{old:.2f}' if old else '—'} | {f'{old / now:.0f}×' if old else ''} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
