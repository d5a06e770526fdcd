"""gwdesk's measured figures, each beside the alternative measured in the same run, as one table.

    python bench/run.py [--quick] [--only KEY[,KEY…]] [--markdown]
KEYs: startup, import, aggregate, filter, shared, report, forms, soak, bundle. Builds its own data in a temp dir (a populated
database: 10,000 tasks, 100,000 applications, 2,000 review forms) and removes it afterwards. `bundle` measures
dist/gwdesk as built by `pyinstaller build.spec` (it does not build it). `shared` (bench/bench_shared.py) starts its
own PostgreSQL cluster: the ledger screen at 100,000 applications and 20 simulated clerks (each its own process)
on it, beside the same on SQLite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

KEYS = ["startup", "import", "aggregate", "filter", "shared", "workdays", "report", "forms", "soak", "bundle"]


@dataclass
class Row:
    figure: str
    target: str
    result: str
    alternative: str
    ratio: str
    command: str
    ok: bool | None  # None: no target


def _cmd(key: str) -> str:
    return f"python bench/run.py --only {key}"


def _median(xs: list[float]) -> float:
    return statistics.median(xs)


def _timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def _ms(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 10 else f"{s:.1f} s"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "—"


# ---- 单位共享数据库 (PostgreSQL) ---------------------------------------------------------------------

def bench_shared(runs: int, quick: bool) -> list[Row]:
    import bench_shared
    return [Row(f, t, r, a, q, _cmd("shared"), ok)
            for f, t, r, a, q, ok in bench_shared.table_rows(runs=runs, seconds=20 if quick else 60)]


# ---- start-up -----------------------------------------------------------------------------------

def _child(args: list[str]) -> dict:
    """Run startup_child.py: wall seconds from spawn to “shown” (and to the 今日提醒 dialog that follows the window,
    gwdesk only), the child's CPU seconds at both, and its own peak RSS in MiB."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    # as installed (pip and the bundle compile every module): the warm-up start writes the bytecode the
    # measured ones load, rather than each start compiling gwdesk's sources again
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(BENCH / "startup_child.py"), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    out: dict = {}
    for raw in proc.stdout:
        word, *rest = raw.decode().split()
        if word in ("shown", "reminders"):
            out[word] = time.perf_counter() - t
            out[word + "_cpu"] = float(rest[1])
        elif word == "peak":
            out["peak"] = int(rest[0]) // 1024
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if "shown" not in out:
        raise RuntimeError(f"start-up child failed ({proc.returncode})")
    out.setdefault("peak", usage.ru_maxrss // 1024)
    return out


def _peewee_import(block: bool) -> tuple[float, int]:
    """Seconds and peak MiB of a fresh interpreter importing peewee, with the server drivers kept out or not."""
    code = ("import sys\nfrom gwdesk.store import drivers\n" + ("drivers.sqlite_only()\n" if block else "")
            + "import peewee\n"  # its own peak (VmHWM): the parent's ru_maxrss would count the bench process too
            + "print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])\n")
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return time.perf_counter() - t, int(out.split()[-1]) // 1024


def bench_drivers(runs: int) -> Row:
    """A window on the SQLite file loads peewee without psycopg; before this round the bundle's window did not
    (its 测试连接 needed them in-process): what each start of the bundle saves, measured from source."""
    free = [_peewee_import(False) for _ in range(runs)]
    kept = [_peewee_import(True) for _ in range(runs)]
    ft, fm = _median([x[0] for x in free]), max(x[1] for x in free)
    kt, km = _median([x[0] for x in kept]), max(x[1] for x in kept)
    return Row("peewee's import in a window on the SQLite file: the server drivers kept out (now the bundle too)", "—",
               f"{_ms(kt)}, {km} MB", f"with psycopg loaded (the bundle before) {_ms(ft)}, {fm} MB",
               f"{_ratio(kt, ft)}, {_ratio(km, fm)}", _cmd("startup"), None)


def bench_startup(data_dir: Path, runs: int) -> list[Row]:
    """Issue 25's targets, each against an empty Qt window timed in the same run: the window shown in ≤ 2× its
    time (wall and CPU), 今日提醒 ≤ 0.2 s after the window, the peak memory ≤ 1.3× the empty window's."""
    _child(["gwdesk", str(data_dir)])  # the day's first start takes the daily backup; measure the usual one
    gw = [_child(["gwdesk", str(data_dir)]) for _ in range(runs)]
    bare = [_child(["bare"]) for _ in range(runs)]
    text = [_child(["bare-text"]) for _ in range(runs)]  # context: what one line of Chinese costs an empty window
    t, cpu = _median([x["shown"] for x in gw]), _median([x["shown_cpu"] for x in gw])
    bt, bcpu = _median([x["shown"] for x in bare]), _median([x["shown_cpu"] for x in bare])
    floor = [_child(["bare-text-store"]) for _ in range(runs)]  # and peewee with SQLite: before any gwdesk code
    tt, tmem = _median([x["shown"] for x in text]), max(x["peak"] for x in text)
    ft, fmem = _median([x["shown"] for x in floor]), max(x["peak"] for x in floor)
    code = [_child(["bare-text-modules"]) for _ in range(runs)]  # … and gwdesk's start-path modules, only imported
    ct, cmem = _median([x["shown"] for x in code]), max(x["peak"] for x in code)
    mem, bmem = max(x["peak"] for x in gw), max(x["peak"] for x in bare)
    after = [x for x in gw if "reminders" in x]
    rt = _median([x["reminders"] - x["shown"] for x in after] or [float("nan")])
    rcpu = _median([x["reminders_cpu"] - x["shown_cpu"] for x in after] or [float("nan")])
    return [
        Row("start-up to main window shown (10k tasks, 100k applications, 2k forms; offscreen)", "≤ 2× empty",
            f"{_ms(t)} (CPU {_ms(cpu)})", f"empty Qt window {_ms(bt)} (CPU {_ms(bcpu)})",
            f"{_ratio(t, bt)} (CPU {_ratio(cpu, bcpu)})", _cmd("startup"), t <= 2 * bt),
        Row("… and the 今日提醒 dialog that follows it (every ledger read), after the window", "≤ 0.2 s",
            f"{_ms(rt)} (CPU {_ms(rcpu)})", "", "", _cmd("startup"), rt <= 0.2),
        Row("peak memory of that start-up (the child's own VmHWM)", "≤ 1.3× empty", f"{mem} MB",
            f"empty Qt window {bmem} MB", _ratio(mem, bmem), _cmd("startup"), mem <= 1.3 * bmem),
        Row("context: the empty window showing one line of Chinese (font database, a CJK face)", "—",
            f"{_ms(tt)}, {tmem} MB", f"empty Qt window {_ms(bt)}, {bmem} MB",
            f"{_ratio(tt, bt)}, {_ratio(tmem, bmem)}", _cmd("startup"), None),
        Row("context: … and peewee with SQLite loaded (the store layer; no gwdesk code yet)", "—",
            f"{_ms(ft)}, {fmem} MB", f"empty Qt window {_ms(bt)}, {bmem} MB",
            f"{_ratio(ft, bt)}, {_ratio(fmem, bmem)}", _cmd("startup"), None),
        Row("context: … and the gwdesk modules the window and 今日提醒 import, only imported (no data, no screen)", "—",
            f"{_ms(ct)}, {cmem} MB", f"empty Qt window {_ms(bt)}, {bmem} MB",
            f"{_ratio(ct, bt)}, {_ratio(cmem, bmem)}", _cmd("startup"), None),
        bench_drivers(runs),
    ]


# ---- task-list import ---------------------------------------------------------------------------

def bench_import(tmp: Path, runs: int) -> list[Row]:
    import bench_tasks_import
    import openpyxl

    from gwdesk import paths
    from gwdesk.core import demo, units
    from gwdesk.core.tasks import service
    from gwdesk.io import tasklist
    from gwdesk.store.db import open_store
    from gwdesk.store.tasks_models import Task

    xlsx = tmp / "tasks5000.xlsx"
    bench_tasks_import._fixture_module().make_big_xlsx(xlsx, 5000)
    loads, imports, load_cpu, import_cpu = [], [], [], []
    for i in range(runs):
        c = time.process_time()
        loads += _timed(lambda: openpyxl.load_workbook(xlsx, data_only=True).close(), 1)
        load_cpu.append(time.process_time() - c)
        data = tmp / f"import{i}"
        paths.set_data_dir(data)
        store = open_store(paths.db_path())
        try:
            units.save(demo.DEMO_PROFILE)
            profile = units.load()
            t, c = time.perf_counter(), time.process_time()
            result = service.import_parsed(tasklist.read(xlsx), profile=profile)
            imports.append(time.perf_counter() - t)
            import_cpu.append(time.process_time() - c)
            assert result.total == 5000 == Task.select().count()
        finally:
            store.close()
            paths.set_data_dir(None)
    t, lt = _median(imports), _median(loads)
    cpu, lcpu = _median(import_cpu), _median(load_cpu)
    # the ratio is the figure (issue 12/16/22): each import is timed right after a load of the same file, and the
    # median of those pairs' ratios is shown — on a host shared with other work the load drifts between runs, which
    # a ratio of the two medians would take in; the CPU time this process spent is shown beside the wall time
    ratio = _median([i / lo for i, lo in zip(imports, loads)])
    cpu_ratio = _median([i / lo for i, lo in zip(import_cpu, load_cpu)])
    return [Row("task-list import, 5,000-row xlsx (read + deadlines + matching + save)", "≤ 1.2× load",
                f"{_ms(t)} (CPU {_ms(cpu)})", f"openpyxl.load_workbook {_ms(lt)} (CPU {_ms(lcpu)})",
                f"{ratio:.2f}× (CPU {cpu_ratio:.2f}×)", _cmd("import"), ratio <= 1.2)]


# ---- table 三/四 ---------------------------------------------------------------------------------

def _python_table3(year: int) -> dict[str, int]:
    """The alternative: fetch every application and count in Python (rows 1, 2 and 4, all types)."""
    from gwdesk.store.base import db
    first, last = f"{year}-01-01", f"{year}-12-31"
    out = {"1": 0, "2": 0, "4": 0}
    for received, closed in db.execute_sql("SELECT received, closed FROM application"):
        if first <= received <= last:
            out["1"] += 1
        if received < first and (closed is None or closed >= first):
            out["2"] += 1
        if received <= last and (closed is None or closed > last):
            out["4"] += 1
    return out


def bench_aggregate(runs: int) -> list[Row]:
    from gwdesk.core.applications import aggregate
    year = 2024
    sql = _timed(lambda: (aggregate.live_table3(year), aggregate.live_table4(year)), runs * 3)
    py = _timed(lambda: _python_table3(year), max(3, runs))
    t3 = aggregate.live_table3(year)
    assert [t3[k][6] for k in ("1", "2", "4")] == list(_python_table3(year).values()), "table 三 disagrees"
    t, pt = _median(sql), _median(py)
    return [Row("table 三 + 四 aggregation over 100,000 applications (SQL)", "≤ 50 ms", _ms(t),
                f"fetch rows + count in Python {_ms(pt)}", _ratio(t, pt), _cmd("aggregate"), t <= 0.05)]


# ---- ledger search/filter -----------------------------------------------------------------------

def bench_filter(ctx, runs: int) -> list[Row]:
    import bench_applications  # the ledger screen's figures live beside its other benchmarks
    return [Row(f, t, r, a, q, _cmd("filter"), ok) for f, t, r, a, q, ok in bench_applications.ledger_figures(ctx, runs)]


# ---- working days --------------------------------------------------------------------------------

def bench_workdays(runs: int) -> list[Row]:
    """The start-up reminders' deadline arithmetic: running totals per year against a walk over the days."""
    import datetime as dt

    import chinese_calendar

    from gwdesk.core import workdays as wd
    a, b = dt.date(2019, 1, 2), dt.date(2026, 11, 20)
    wd.workdays_between(a, b)  # the year tables, once

    def walk():
        n, d = 0, a
        while d < b:
            d += dt.timedelta(days=1)
            n += chinese_calendar.is_workday(d)
        return n
    assert walk() == wd.workdays_between(a, b), "working days disagree"
    fast = _median(_timed(lambda: [wd.workdays_between(a, b) for _ in range(2000)], runs))
    slow = _median(_timed(walk, max(3, runs // 2))) * 2000
    return [Row("2,000 working-day counts years apart (start-up reminders of long-overdue cases)", "≤ 0.5 s",
                _ms(fast), f"day-by-day walk ×2,000 {_ms(slow)}", _ratio(fast, slow), _cmd("workdays"), fast <= 0.5)]


# ---- the bundle ---------------------------------------------------------------------------------

def bench_bundle(runs: int) -> list[Row]:
    dist = ROOT / "dist" / "gwdesk"
    cli = dist / ("gwdesk-cli.exe" if os.name == "nt" else "gwdesk-cli")
    if not cli.exists():
        return [Row("one-folder bundle (dist/gwdesk)", "≤ 150 MB", "not built: pyinstaller build.spec", "", "",
                    _cmd("bundle"), None)]
    sys.path.insert(0, str(ROOT / "tools"))
    import bundle_size  # the same count as CI's size check (a link, gwdesk-cli → gwdesk, takes no room)

    size = bundle_size.size_mib(dist)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

    def selftest(cmd: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=ROOT, timeout=300)
        return time.perf_counter() - t

    frozen = _median([selftest([str(cli), "selftest"]) for _ in range(max(1, runs // 2))])
    source = _median([selftest([sys.executable, "main.py", "selftest"]) for _ in range(max(1, runs // 2))])
    return [
        Row("one-folder bundle size (dist/gwdesk)", "≤ 150 MB", f"{size:.0f} MB", "before: 234 MB, then 157 MB", "",
            _cmd("bundle"), size <= bundle_size.LIMIT_MIB),
        Row("bundle start-up and selftest (`gwdesk-cli selftest`, offscreen)", "—", _ms(frozen),
            f"same from source {_ms(source)}", _ratio(frozen, source), _cmd("bundle"), None),
    ]


# ---- documents ----------------------------------------------------------------------------------

def _libreoffice(docx: Path, out: Path) -> float | None:
    lo = shutil.which("libreoffice") or shutil.which("soffice")
    if not lo:
        return None
    home = tempfile.mkdtemp(prefix="lo-home-")
    try:
        t = time.perf_counter()
        subprocess.run([lo, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx)], check=True,
                       capture_output=True, env={**os.environ, "HOME": home}, timeout=300)
        return time.perf_counter() - t
    finally:
        shutil.rmtree(home, ignore_errors=True)


def bench_report(tmp: Path, runs: int) -> list[Row]:
    import bench_report

    from gwdesk.io import report_json
    from gwdesk.render.docx import render_docx
    from gwdesk.render.layouts import annual_report
    from gwdesk.render.pdf import render_pdf

    data, _ = report_json.read(bench_report.FIXTURE)
    docx, pdf = tmp / "report.docx", tmp / "report.pdf"
    first_d, med_d = bench_report.timed(lambda: render_docx(annual_report.build(data), docx), runs + 1)
    first_p, med_p = bench_report.timed(lambda: render_pdf(annual_report.build(data), pdf), runs + 1)
    lo = _libreoffice(docx, tmp / "lo")
    alt = f"LibreOffice DOCX→PDF {_ms(lo)}" if lo else "LibreOffice not installed"
    return [
        Row("annual report → DOCX (layout + write)", "≤ 0.5 s", f"{_ms(med_d)} (first {_ms(first_d)})", alt,
            _ratio(med_d, lo) if lo else "", _cmd("report"), med_d <= 0.5),
        Row("annual report → PDF (layout + write)", "≤ 0.5 s", f"{_ms(med_p)} (first {_ms(first_p)})", alt,
            _ratio(med_p, lo) if lo else "", _cmd("report"), med_p <= 0.5),
    ]


def bench_forms(ctx, tmp: Path, runs: int) -> list[Row]:
    from gwdesk.core import formdef
    from gwdesk.core.review import forms
    from gwdesk.render.docx import render_docx
    from gwdesk.render.layouts import review_form
    from gwdesk.render.pdf import render_pdf, render_pdf_many
    from gwdesk.store.review_models import ReviewForm

    definition = formdef.load()
    profile = ctx.profile()
    ids = [i for (i,) in ReviewForm.select(ReviewForm.id).where(ReviewForm.status == "已公开")
           .order_by(ReviewForm.id).limit(100).tuples()]
    items = [forms.get(i) for i in ids]
    one = items[0]

    def build(f):
        return review_form.build(f, definition, profile, ctx.today())

    def timed(fn, n: int) -> tuple[list[float], list[float]]:  # wall and CPU seconds (the machine is shared)
        walls, cpus = [], []
        for _ in range(n):
            c = time.process_time()
            walls += _timed(fn, 1)
            cpus.append(time.process_time() - c)
        return walls, cpus

    # the process's first form loads the fonts (the bundled serif is 14 MB, ~0.4 s): shown apart, as “first”
    single, single_cpu = timed(lambda: render_pdf(build(one), tmp / "form.pdf"), runs + 1)
    many, many_cpu = timed(lambda: render_pdf_many([build(f) for f in items], tmp / "forms100.pdf"),
                           max(3, runs // 2 + 1))
    render_docx(build(one), tmp / "form.docx")
    lo = _libreoffice(tmp / "form.docx", tmp / "lo")
    t1, t100 = _median(single[1:]), _median(many[1:])
    return [
        Row("one review form → PDF", "≤ 0.5 s",
            f"{_ms(t1)} (CPU {_ms(_median(single_cpu[1:]))}; first, loading the fonts, {_ms(single[0])})",
            f"LibreOffice DOCX→PDF {_ms(lo)}" if lo else "LibreOffice not installed",
            _ratio(t1, lo) if lo else "", _cmd("forms"), t1 <= 0.5),
        Row(f"{len(items)} review forms → one PDF (fonts loaded)", "≤ 0.5 s",
            f"{_ms(t100)} (CPU {_ms(_median(many_cpu[1:]))}; first batch {_ms(many[0])})",
            f"{len(items)} × one form {_ms(t1 * len(items))}", _ratio(t100, t1 * len(items)), _cmd("forms"),
            t100 <= 0.5),
    ]


# ---- soak: a long typing session (issue 11) -------------------------------------------------------

def bench_soak(keys: int = 5000) -> list[Row]:
    """bench/soak.py in a child process: it must live through the keys; its memory and None's refcount."""
    import json
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, str(BENCH / "soak.py"), "--keys", str(keys), "--json"],
                          capture_output=True, env=env, cwd=ROOT, timeout=1800)
    out = proc.stdout.decode().strip().splitlines()
    if proc.returncode != 0 or not out:
        return [Row(f"{keys} key events into the 意见单 editor", "process lives", f"died (exit {proc.returncode})",
                    proc.stderr.decode().strip().splitlines()[-1:][0] if proc.stderr.strip() else "", "",
                    _cmd("soak"), False)]
    r = json.loads(out[-1])
    growth = r["rss_after"] - r["rss_before"]
    return [
        Row(f"{keys} key events into the 意见单 editor", "process lives",
            f"lived, {r['seconds']:.1f} s", f"{r['seconds'] / keys * 1000:.2f} ms per key; saves {r['saves']}",
            "", _cmd("soak"), True),
        Row("  its memory growth (RSS)", "≤ 5 MiB", f"{growth:+.1f} MiB",
            f"{r['rss_before']:.0f} → {r['rss_after']:.0f} MiB", "", _cmd("soak"), growth <= 5),
        Row("  None refcount drift", "≥ 0 (a loss aborts)", f"{r['none_drift']:+d}",
            f"PySide6 {r['pyside']}, Python {r['python']}", "", _cmd("soak"), r["none_drift"] >= 0),
        Row(f"{r['focus_moves']} focus moves through the editors (each a focus-out draft write)", "process lives",
            f"lived, {r['focus_writes']} drafts written",
            f"{r['focus_seconds'] / r['focus_moves'] * 1000:.2f} ms per move; RSS "
            f"{r['focus_rss_after'] - r['focus_rss_before']:+.1f} MiB; None drift {r['focus_none_drift']:+d}",
            "", _cmd("soak"), r["focus_none_drift"] >= 0 and r["focus_rss_after"] - r["focus_rss_before"] <= 5),
    ]


# ---- the table ----------------------------------------------------------------------------------

def table(rows: list[Row], markdown: bool) -> str:
    head = ["figure", "target", "result", "alternative (same run)", "ratio", "command"]
    body = [[r.figure, r.target, r.result + ("" if r.ok is None else (" ✓" if r.ok else " ✗")), r.alternative,
             r.ratio, r.command] for r in rows]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in b[:-1]) + f" | `{b[-1]}` |" for b in body]
        return "\n".join(lines)
    widths = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]
    fmt = "  ".join(f"{{:{w}}}" for w in widths)
    return "\n".join([fmt.format(*head), fmt.format(*("-" * w for w in widths))] + [fmt.format(*b) for b in body])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{dt.date.today().isoformat()} · {cpu} · {os.cpu_count()} cores · {platform.system()} "
            f"{platform.release()} · Python {platform.python_version()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats (same data sizes)")
    ap.add_argument("--only", default=",".join(KEYS), help="comma-separated: " + ", ".join(KEYS))
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown (for the README)")
    args = ap.parse_args(argv)
    only = [k.strip() for k in args.only.split(",") if k.strip()]
    unknown = set(only) - set(KEYS)
    if unknown:
        ap.error(f"unknown: {', '.join(sorted(unknown))}")
    runs = 3 if args.quick else 7
    rows: list[Row] = []
    tmp = Path(tempfile.mkdtemp(prefix="gwdesk-bench-"))
    try:
        needs_db = {"startup", "aggregate", "filter", "forms"} & set(only)
        data_dir = tmp / "data"
        if needs_db:
            import populate
            populate.build(data_dir, log=lambda m: print(m, file=sys.stderr))
        if "startup" in only:
            rows += bench_startup(data_dir, 3 if args.quick else 5)
        if "import" in only:
            rows += bench_import(tmp, runs)
        if needs_db - {"startup"}:
            from gwdesk import paths
            from gwdesk.session import open_session
            paths.set_data_dir(data_dir)
            with open_session(data_dir, daily_backup=False) as ctx:
                if "aggregate" in only:
                    rows += bench_aggregate(runs)
                if "filter" in only:
                    rows += bench_filter(ctx, runs)
                if "forms" in only:
                    rows += bench_forms(ctx, tmp, runs)
        if "shared" in only:
            rows += bench_shared(max(3, runs // 2), args.quick)
        if "workdays" in only:
            rows += bench_workdays(runs)
        if "report" in only:
            rows += bench_report(tmp, runs)
        if "soak" in only:
            rows += bench_soak()
        if "bundle" in only:
            rows += bench_bundle(runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    order = {k: i for i, k in enumerate(KEYS)}
    rows.sort(key=lambda r: order[r.command.rsplit(" ", 1)[-1]])
    print(f"gwdesk bench · {machine()}")
    print(table(rows, args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
