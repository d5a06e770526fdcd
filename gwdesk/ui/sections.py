"""The sidebar's sections and where each screen lives; screens are imported when first opened.

A screen module defines `class Page(QWidget)` taking `(ctx: AppContext, parent=None)`. A section
whose module is not built yet shows `placeholder`, saying what it will hold.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    module: str
    placeholder: str


SECTIONS = [
    Section("review", "公开审查", "gwdesk.ui.review.page",
            "公文公开发布意见单：填写、校验、逐级审核签字并打印。"),
    Section("tasks", "任务台账", "gwdesk.ui.tasks.page",
            "导入上级下发的政务公开任务清单，跟踪本单位任务的进度、时限和佐证材料，导出台账与进展报告。"),
    Section("applications", "依申请公开", "gwdesk.ui.applications.page",
            "依申请公开登记台账：法定答复期限（工作日）、补正、征求意见、延期、收费、答复结果与复议诉讼。"),
    Section("report", "年度报告", "gwdesk.ui.report.page",
            "政府信息公开工作年度报告：从台账取数、逐项校验，生成国家统一格式的 DOCX 和 PDF。"),
    Section("office", "汇总", "gwdesk.ui.office.page",
            "主管单位用：汇总各单位报送的任务落实情况和年度报告，看谁完成、谁逾期、谁未报送。"),
    Section("settings", "设置", "gwdesk.ui.settings.page",
            "单位信息、数据备份与恢复。"),
]

# Start-up reminders: "module:function" taking ctx and returning a list of
# gwdesk.core.reminders.Reminder; a module not built yet is skipped.
REMINDER_PROVIDERS = [
    "gwdesk.core.tasks.reminders:collect",
    "gwdesk.core.applications.reminders:collect",
    "gwdesk.core.review.reminders:collect",
    "gwdesk.core.annual_report.reminders:collect",
]
