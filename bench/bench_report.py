"""Annual report build times: layout+DOCX and layout+PDF for a realistic report, beside LibreOffice DOCX→PDF.

Run: python bench/bench_report.py [--runs N]   (target: ≤ 0.5 s per format)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gwdesk.io import report_json
from gwdesk.render.layouts import annual_report

FIXTURE = ROOT / "tests" / "fixtures" / "report" / "qc_minzheng_2025.json"


def timed(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times[0], statistics.median(times[1:] or times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    from gwdesk.render.docx import render_docx
    from gwdesk.render.pdf import render_pdf

    data, _ = report_json.read(FIXTURE)
    out = Path(tempfile.mkdtemp(prefix="gwdesk-bench-"))
    docx_path, pdf_path = out / "report.docx", out / "report.pdf"
    first_d, med_d = timed(lambda: render_docx(annual_report.build(data), docx_path), args.runs)
    first_p, med_p = timed(lambda: render_pdf(annual_report.build(data), pdf_path), args.runs)
    print(f"report: {FIXTURE.name}, {args.runs} runs (first run includes imports/font loading)")
    print(f"DOCX build   first {first_d:6.3f} s   median {med_d:6.3f} s   {docx_path.stat().st_size // 1024} KiB")
    print(f"PDF  build   first {first_p:6.3f} s   median {med_p:6.3f} s   {pdf_path.stat().st_size // 1024} KiB")
    lo = shutil.which("libreoffice") or shutil.which("soffice")
    if not lo:
        print("LibreOffice not found: no conversion time")
        return 0
    lo_times = []
    for _ in range(3):
        home = tempfile.mkdtemp(prefix="lo-home-")
        t = time.perf_counter()
        subprocess.run([lo, "--headless", "--convert-to", "pdf", "--outdir", str(out / "lo"), str(docx_path)],
                       check=True, capture_output=True, env={**os.environ, "HOME": home})
        lo_times.append(time.perf_counter() - t)
        shutil.rmtree(home, ignore_errors=True)
    lo_med = statistics.median(lo_times)
    print(f"LibreOffice DOCX→PDF   median {lo_med:6.3f} s  (3 runs, fresh profile each)")
    print(f"ratio: LibreOffice / gwdesk PDF = {lo_med / med_p:5.1f}×; target ≤ 0.5 s each: "
          f"DOCX {'OK' if med_d <= 0.5 else 'SLOW'}, PDF {'OK' if med_p <= 0.5 else 'SLOW'}")
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
