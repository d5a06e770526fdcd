"""任务台账's 导出进展报送文件: the unit's gwdesk.task-progress/1 file for the office that issued the list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton

from gwdesk.core.office import gather
from gwdesk.errors import GwdeskError
from gwdesk.io import progress_json
from gwdesk.io.xlsx_safe import safe_filename
from gwdesk.store.tasks_models import TaskList
from gwdesk.ui.common import files
from gwdesk.ui.common import alerts


def ask_path(page, suggested: str) -> str:
    """Where to save; tests replace this."""
    return files.save_file(page, "progress_export", page.tr("导出进展报送文件"), suggested,
                           page.tr("任务进展报送文件 (*.json)"))


def export_progress(page, path: str | Path | None = None) -> Path | None:
    """Write the current list's progress as of today; says what was written or why not."""
    lid = page.current_list_id()
    if lid is None:
        alerts.warn(page, page.tr("导出进展报送文件"), page.tr("还没有导入任务清单。"))
        return None
    profile = page.ctx.profile()
    if path is None:
        tl = TaskList.get_by_id(lid)
        unit = profile.name if profile else ""
        name = safe_filename(f"{unit}_{tl.title or tl.issuer}_进展_{page.ctx.today():%Y%m%d}.json")
        path = ask_path(page, name)
        if not path:
            return None
    try:
        p = gather.progress(lid, profile, as_of=page.ctx.today())
        out = progress_json.write(p, path)
    except GwdeskError as e:
        alerts.error(page, page.tr("导出进展报送文件"), e.message)
        return None
    done = sum(1 for t in p.tasks if t.status == "已完成")
    alerts.info(page, page.tr("导出进展报送文件"), page.tr(
        "已导出本单位%1项任务的进展（已完成%2项），截至%3。\n请将此文件报送%4：\n%5")
        .replace("%1", str(len(p.tasks))).replace("%2", str(done)).replace("%3", f"{p.as_of:%Y-%m-%d}")
        .replace("%4", p.list.issuer or page.tr("下发清单的单位")).replace("%5", str(out)))
    return out


def install(page, bar) -> QPushButton:
    """Add the button to the 任务台账 toolbar `bar` of `page` (which offers current_list_id() and ctx)."""
    button = QPushButton(page.tr("导出进展报送文件…"))
    button.setToolTip(page.tr("生成报送主管单位的任务进展文件（JSON），对方用 gwdesk 的“汇总”一次汇总各单位进展"))
    button.clicked.connect(lambda: export_progress(page))
    bar.addWidget(button)
    page.progress_button = button
    return button
