"""The sidebar's sections and their screens; a screen's module is imported when it is first opened.

A screen module defines `class Page(QWidget)` taking `(ctx: AppContext, parent=None)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from gwdesk.core.office import issuer


def _review():
    from gwdesk.ui.review.page import Page
    return Page


def _tasks():
    from gwdesk.ui.tasks.page import Page
    return Page


def _applications():
    from gwdesk.ui.applications.page import Page
    return Page


def _report():
    from gwdesk.ui.report.page import Page
    return Page


def _office():
    from gwdesk.ui.office.page import Page
    return Page


def _settings():
    from gwdesk.ui.settings.page import Page
    return Page


def _office_shown(ctx) -> bool:
    return issuer.needs_rollup(ctx.profile())


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    page: Callable[[], type]  # imports the screen's module and returns its Page class
    shown: Callable[[object], bool] | None = None  # takes ctx; None: always in the sidebar

    def is_shown(self, ctx) -> bool:
        return self.shown is None or self.shown(ctx)


SECTIONS = [
    Section("review", "公开审查", _review),
    Section("tasks", "任务台账", _tasks),
    Section("applications", "依申请公开", _applications),
    Section("report", "年度报告", _report),
    # only an office that issues task lists collects the units' progress; 设置 turns it on for one that has not yet
    Section("office", "汇总", _office, _office_shown),
    Section("settings", "设置", _settings),
]


def reminder_providers() -> list[Callable]:
    """Start-up reminders: each takes ctx and returns a list of gwdesk.core.reminders.Reminder. Imported when the
    今日提醒 are first gathered, after the window is shown (issue 25: the window imports what its first screen needs)."""
    from gwdesk.core import backup_reminders
    from gwdesk.core.annual_report import reminders as report_reminders
    from gwdesk.core.applications import reminders as applications_reminders
    from gwdesk.core.review import reminders as review_reminders
    from gwdesk.core.tasks import reminders as tasks_reminders
    return [
        tasks_reminders.collect,
        applications_reminders.collect,
        review_reminders.collect,
        report_reminders.collect,
        backup_reminders.collect,
    ]
