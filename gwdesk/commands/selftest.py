"""`gwdesk selftest`: store, main window (offscreen), both document renderers and the preview, checked end to end."""

from __future__ import annotations

import os
import tempfile
import time
import types
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("selftest", help="自检：临时数据目录中打开数据库、构建主窗口、生成并检查 DOCX 和 PDF")
    p.set_defaults(func=run)


def selftest() -> list[str]:
    """Returns the problems found (empty when all is well)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gwdesk import paths
    from gwdesk.context import AppContext
    from gwdesk.core import demo, units
    from gwdesk.render.docx import render_docx
    from gwdesk.render.pdf import render_pdf
    from gwdesk.render.sample import check_docx, check_pdf, sample_document
    from gwdesk.store.db import open_store

    problems: list[str] = []
    previous = paths.data_dir_override()
    with tempfile.TemporaryDirectory(prefix="gwdesk-selftest-") as tmp:
        paths.set_data_dir(tmp)
        try:
            store = open_store(paths.db_path(), backup_dir=paths.backup_dir())
            try:
                ctx = AppContext(store=store, data_dir=Path(tmp))
                units.save(demo.DEMO_PROFILE)
                from gwdesk.app import make_application
                from gwdesk.ui.main_window import MainWindow
                from gwdesk.ui.sections import SECTIONS
                app = make_application()
                window = MainWindow(ctx)
                for s in SECTIONS:
                    window.open_section(s.key)
                app.processEvents()
                if window.grab().isNull():
                    problems.append("主窗口无法绘制")
                from gwdesk.ui.icu_check import icu_problems
                problems += icu_problems()
                window.close()
            finally:
                store.close()
            doc = sample_document()
            out = Path(tmp)
            render_docx(doc, out / "sample.docx")
            render_pdf(doc, out / "sample.pdf")
            problems += check_docx(out / "sample.docx", doc)
            problems += check_pdf(out / "sample.pdf", doc)
            from gwdesk.ui.review.preview import open_pdf, page_image  # the preview's PDFium library loads
            pdf = open_pdf(out / "sample.pdf")
            try:
                if page_image(pdf[0], 0.5).isNull():
                    problems.append("打印预览无法显示 PDF 页面（PDFium）")
            finally:
                pdf.close()
            from reportlab.lib import rl_accel
            if not isinstance(rl_accel.fp_str, types.BuiltinFunctionType):
                problems.append("reportlab 未加载 C 加速模块 _rl_accel（来自 rl_accel 包）：能打印，但批量打印会慢")
        finally:
            paths.set_data_dir(previous)
    return problems


def server_check(url) -> tuple[list[str], str]:
    """The shared database checked here, and again the way a window on the SQLite file checks it (测试连接 in a
    fresh process of this program: in the bundle its own executable, see store/drivers.py)."""
    from gwdesk.store import credentials, drivers, server
    problems, checked = server.check(url)
    if not problems:
        fresh, _, auth = drivers.check_server(url.url(), password=credentials.known(url))
        problems += [f"另起进程测试连接时：{p}" for p in fresh if not auth]
    return problems, checked


def run(args) -> int:
    from gwdesk.store import dburl
    start = time.perf_counter()
    problems = selftest()
    shared = ""
    url = dburl.current()
    if url is not None:
        found, shared = server_check(url)
        problems += found
    took = time.perf_counter() - start
    if problems:
        print("自检失败：" + "；".join(problems))
        return 1
    print(f"自检通过：数据库、主窗口、DOCX、PDF 和打印预览均正常{('，' + shared + '可读写') if shared else ''}"
          f"（{took:.1f} 秒）")
    return 0
