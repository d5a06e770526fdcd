"""At start-up, after a crash: the edits that were never saved, each to restore or discard, and the
trace of a native crash (faulthandler) shown once in the crash dialog."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from gwdesk.ui.common.dialog import Dialog
from gwdesk.core import drafts
from gwdesk.ui.common.inputs import ComboBox

RESTORE, DISCARD = "restore", "discard"
SECTION = {"form": "review", "new": "review", "application": "applications", "task_note": "tasks",
           "profile": "settings"}


def describe(d: drafts.Draft) -> str:
    """What the clerk was typing, in a few words."""
    data = d.data
    if d.kind in ("form", "new"):
        title = data.get("values", {}).get("title") or "（无标题）"
        return f"“{title}”"
    if d.kind == "application":
        reg = data.get("registration", {})
        who = reg.get("applicant_name") or "（未填申请人）"
        return f"{reg.get('number', '')} {who}：{(reg.get('content') or '')[:24]}".strip()
    if d.kind == "task_note":
        return f"“{(data.get('text') or '')[:40]}”"
    if d.kind == "profile":
        return data.get("name", "")
    return ""


class RecoveryDialog(Dialog):
    """One row per lost edit: what it is, when it was autosaved, and 恢复 / 放弃."""

    def __init__(self, items: list[drafts.Draft], parent=None):
        super().__init__(parent)
        self.items = items
        self.setWindowTitle(self.tr("恢复未保存的内容"))
        self.resize(760, 120 + 34 * min(len(items), 8))
        lay = QVBoxLayout(self)
        head = QLabel(self.tr("上次退出时以下内容尚未保存（程序异常退出或窗口被关闭）。"
                              "选择“恢复”的内容会重新填回对应的编辑处，请核对后保存；选择“放弃”的将被删除。"))
        head.setWordWrap(True)
        lay.addWidget(head)
        self.table = QTableWidget(len(items), 4)
        self.table.setHorizontalHeaderLabels([self.tr("类别"), self.tr("内容"), self.tr("自动保存于"), self.tr("处理")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.choices: list[QComboBox] = []
        for row, d in enumerate(items):
            self.table.setItem(row, 0, QTableWidgetItem(d.kind_name))
            self.table.setItem(row, 1, QTableWidgetItem(describe(d)))
            self.table.setItem(row, 2, QTableWidgetItem(d.saved_at.replace("T", " ")))
            c = ComboBox()
            c.addItem(self.tr("恢复"), RESTORE)
            c.addItem(self.tr("放弃"), DISCARD)
            self.table.setCellWidget(row, 3, c)
            self.choices.append(c)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(1, QHeaderView.Stretch)
        for col in (0, 2, 3):
            hh.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("确定"))
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)

    def set_choice(self, row: int, choice: str) -> None:
        self.choices[row].setCurrentIndex(self.choices[row].findData(choice))

    def decided(self) -> tuple[list[drafts.Draft], list[drafts.Draft]]:
        """(to restore, to discard)."""
        pick = [c.currentData() for c in self.choices]
        return ([d for d, p in zip(self.items, pick) if p == RESTORE],
                [d for d, p in zip(self.items, pick) if p == DISCARD])


def offer_lost_edits(parent=None) -> list[drafts.Draft]:
    """Ask about every pending draft; discards those the clerk gives up, returns those to restore.

    Closing the dialog without choosing keeps everything (restore is the default of each row)."""
    items = drafts.pending_all()
    if not items:
        return []
    dlg = RecoveryDialog(items, parent)
    dlg.exec()
    restore, discard = dlg.decided()
    for d in discard:
        drafts.discard(d.kind, d.record)
    return restore


def open_restored(window, restored: list[drafts.Draft]) -> list[str]:
    """Bring every restored edit back where the clerk works on it, and say where each one is.

    Each 依申请公开 dialog opens in turn; a task's 进展 shows when its task is selected (the first is selected);
    the 单位信息 typing is in 设置; the first 意见单 opens in the editor and the others stay in the 意见单 list
    (a new one as 未保存, a saved one as 有未保存的修改), opened from there with their typing. Nothing is written
    over: each draft stays until its record is saved or the clerk throws it away. Returns the lines told."""
    told: list[str] = []
    by_kind = {k: [d for d in restored if d.kind in k] for k in (("application",), ("task_note",), ("profile",),
                                                                 ("form", "new"))}
    for d in by_kind[("application",)]:  # modal: one after another
        from gwdesk.store.applications_models import Application
        if d.record_id is not None and Application.get_or_none(Application.id == d.record_id) is None:
            drafts.discard(d.kind, d.record)  # the application was deleted since: nothing to put it back into
            continue
        window.open_section("applications")
        page = window.page("applications")
        told.append(f"依申请公开申请 {describe(d)}：已打开")
        if d.record_id is None:
            page.new_application()
        else:
            page.open_application(d.record_id)
    notes = [d for d in by_kind[("task_note",)] if d.record_id]
    if notes:
        from gwdesk.store.tasks_models import Task
        window.open_section("tasks")
        page = window.page("tasks")
        for i, d in enumerate(notes):
            task = Task.get_or_none(Task.id == d.record_id)
            if task is None:
                drafts.discard(d.kind, d.record)
                continue
            name = (task.task or task.measure or "")[:24]
            if i == 0 and page.select_task(d.record_id):
                told.append(f"任务“{name}”的进展{describe(d)}：已在任务台账中选中")
            else:
                told.append(f"任务“{name}”的进展{describe(d)}：在任务台账中选中该任务即可看到")
    if by_kind[("profile",)]:
        window.open_section("settings")
        told.append("单位信息：已填回“设置”")
    reviews = by_kind[("form", "new")]
    if reviews:
        window.open_section("review")
        page = window.page("review")
        for i, d in enumerate(reviews):
            if i == 0 and page.restore_draft(d.key):
                told.append(f"{d.kind_name}{describe(d)}：已打开")
            else:
                told.append(f"{d.kind_name}{describe(d)}：在公开审查的意见单列表中（标为"
                            f"{'“未保存”' if d.kind == 'new' else '“有未保存的修改”'}），打开即可继续")
    if len(told) > 1:
        from gwdesk.ui.common import alerts
        alerts.info(window, "已恢复的内容", "以下内容已恢复，请逐一核对后保存：\n\n" + "\n".join(told))
    return told


def show_native_crash(text: str, archived) -> None:
    """The trace faulthandler left when the last run died, in the crash dialog (copyable)."""
    from gwdesk.logs import crash_report_text
    from gwdesk.ui.common import alerts
    from gwdesk.ui.crash_dialog import CrashDialog
    report = crash_report_text("上次运行异常终止（程序崩溃），以下是崩溃时的记录：", text)
    dlg = CrashDialog(report, str(archived))
    if alerts.responder is not None:  # tests: record instead of blocking
        alerts.record("crash", "上次运行异常终止", dlg.text.toPlainText())
        return
    dlg.exec()
