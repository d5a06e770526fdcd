"""The selected task's panel: what it asks, the unit's role, status and dates, progress notes, evidence.

Role, status and dates are stored as soon as they change, from the version shown: a colleague's change
since asks 重新载入 / 以我的为准 (the shared conflict dialog, gwdesk.ui.common.conflicts). A 进展 being typed
belongs to its task: it is kept as that task's draft (autosaved) and comes back when the task is selected
again, never on another.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gwdesk.core import drafts
from gwdesk.core.tasks import tracking
from gwdesk.core.tasks.matching import ROLES
from gwdesk.errors import ConflictError, GwdeskError
from gwdesk.store.tasks_models import Task
from gwdesk.ui.common import alerts, conflicts, files
from gwdesk.ui.common.autosave import Autosaver
from gwdesk.ui.common.date_line import DateField
from gwdesk.ui.common.inputs import ComboBox

AUTO = "按清单自动判断"
DRAFT_KIND = "task_note"


class DetailPanel(QScrollArea):
    changed = Signal(int)  # task id whose stored data changed

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self._loading = False
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # text wraps to the panel's width
        body = QWidget()
        self.setWidget(body)
        lay = QVBoxLayout(body)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold; font-size: 15px;")
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setStyleSheet("color: #555;")
        self.measure = QLabel()
        self.measure.setWordWrap(True)
        self.units = QLabel()
        self.units.setWordWrap(True)
        for w in (self.heading, self.where, self.measure, self.units):
            lay.addWidget(w)

        form_box = QGroupBox(self.tr("办理"))
        form = QFormLayout(form_box)
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.role = ComboBox()
        self.role.addItem(self.tr(AUTO), None)
        for r in ROLES:
            self.role.addItem(r, r)
        self.role_reason = QLabel()
        self.role_reason.setWordWrap(True)
        self.role_reason.setStyleSheet("color: #555;")
        self.status = ComboBox()
        self.status.addItems(tracking.STATUSES)
        self.done_on = DateField(optional=False, today=ctx.today)
        self.deadline = QLabel()
        self.deadline.setWordWrap(True)
        due_row = QHBoxLayout()
        self.own_due = QCheckBox(self.tr("本单位确定日期"))
        self.due = DateField(optional=False, today=ctx.today)
        due_row.addWidget(self.own_due)
        due_row.addWidget(self.due, 1)
        form.addRow(self.tr("本单位角色"), self.role)
        form.addRow("", self.role_reason)
        form.addRow(self.tr("完成时限"), self.deadline)
        form.addRow(self.tr("计划完成日期"), due_row)
        form.addRow(self.tr("状态"), self.status)
        form.addRow(self.tr("完成日期"), self.done_on)
        lay.addWidget(form_box)

        notes_box = QGroupBox(self.tr("推进落实情况"))
        nl = QVBoxLayout(notes_box)
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.notes.setMinimumHeight(90)
        self.notes.setMaximumHeight(160)
        add_row = QHBoxLayout()
        self.note_date = DateField(ctx.today(), optional=False, today=ctx.today)
        self.note_text = QLineEdit()
        self.note_text.setPlaceholderText(self.tr("写一条进展，如：已在政府网站公开……"))
        self.add_note_button = QPushButton(self.tr("添加进展"))
        self.del_note_button = QPushButton(self.tr("删除所选"))
        add_row.addWidget(self.note_date)
        add_row.addWidget(self.note_text, 1)
        add_row.addWidget(self.add_note_button)
        nl.addWidget(self.notes)
        nl.addLayout(add_row)
        nl.addWidget(self.del_note_button)
        lay.addWidget(notes_box)

        ev_box = QGroupBox(self.tr("佐证材料"))
        el = QVBoxLayout(ev_box)
        self.evidence = QListWidget()
        self.evidence.setWordWrap(True)  # a long file name or address is read whole, not scrolled sideways
        self.evidence.setMinimumHeight(70)
        self.evidence.setMaximumHeight(120)
        buttons = QGridLayout()  # two rows: five buttons in one row are wider than the panel
        self.add_url_button = QPushButton(self.tr("公开网址…"))
        self.add_path_button = QPushButton(self.tr("公开路径…"))
        self.add_file_button = QPushButton(self.tr("附加文件…"))
        self.open_ev_button = QPushButton(self.tr("打开"))
        self.del_ev_button = QPushButton(self.tr("删除"))
        for i, b in enumerate((self.add_url_button, self.add_path_button, self.add_file_button,
                               self.open_ev_button, self.del_ev_button)):
            buttons.addWidget(b, i // 3, i % 3)
        el.addWidget(self.evidence)
        el.addLayout(buttons)
        lay.addWidget(ev_box)
        lay.addStretch(1)

        self.autosaver = Autosaver(self, self._write_note_draft)
        self.note_text.textChanged.connect(self._note_typed)
        self.role.currentIndexChanged.connect(self._role_changed)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.done_on.committed.connect(lambda _d: self._status_changed())
        self.own_due.toggled.connect(self._due_changed)
        self.due.committed.connect(lambda _d: self._due_changed())
        self.add_note_button.clicked.connect(self.add_note)
        self.note_text.returnPressed.connect(self.add_note)
        self.del_note_button.clicked.connect(self.delete_note)
        self.add_url_button.clicked.connect(self._ask_url)
        self.add_path_button.clicked.connect(self._ask_path)
        self.add_file_button.clicked.connect(self._ask_file)
        self.open_ev_button.clicked.connect(self.open_evidence)
        self.del_ev_button.clicked.connect(self.delete_evidence)
        self.show_task(None)

    # ---- showing -------------------------------------------------------------------------------
    def show_task(self, task_id: int | None) -> None:
        before = self.task.id if self.task is not None else None
        if before != task_id:
            self.autosaver.flush()  # the typing stays with the task it was typed for
        self.task = Task.get_or_none(Task.id == task_id) if task_id else None
        self.widget().setEnabled(self.task is not None)
        for box in self.widget().findChildren(QGroupBox):  # nothing to show until a task is picked
            box.setVisible(self.task is not None)
        self._loading = True
        try:
            self._fill()
            if before != task_id or self.task is None:
                self._load_note_draft()
        finally:
            self._loading = False

    def _load_note_draft(self) -> None:
        draft = drafts.get(DRAFT_KIND, self.task.id) if self.task is not None else None
        self.note_text.setText(draft.data.get("text", "") if draft else "")
        self.note_date.set_value(self.ctx.today())
        if draft and draft.data.get("date"):
            self.note_date.setText(draft.data["date"])
        self.autosaver.cancel()

    def _note_typed(self) -> None:
        if not self._loading and self.task is not None:
            self.autosaver.touch()

    def _write_note_draft(self) -> None:
        if self.task is None:
            return
        text = self.note_text.text()
        if text.strip():
            drafts.save(DRAFT_KIND, self.task.id, {"text": text, "date": self.note_date.text()})
        else:
            drafts.discard(DRAFT_KIND, self.task.id)

    def is_typing(self) -> bool:
        """The clerk is in one of the panel's date fields (what is typed there is stored when it is left)."""
        w = QApplication.focusWidget()
        return w is not None and any(f is w or f.isAncestorOf(w) for f in (self.due, self.done_on, self.note_date))

    # the main window's question before closing (gwdesk.ui.common.autosave)
    def unsaved_edits(self) -> str:
        if self.task is None or not self.note_text.text().strip():
            return ""
        return self.tr("任务“{t}”的进展").format(t=self.task.task or self.task.measure[:20])

    def save_unsaved(self) -> bool:
        return self.add_note()

    def discard_unsaved(self) -> None:
        if self.task is not None:
            drafts.discard(DRAFT_KIND, self.task.id)
        self._loading = True
        self.note_text.clear()
        self._loading = False
        self.autosaver.cancel()

    def _fill(self) -> None:
        t, today = self.task, self.ctx.today()
        if t is None:
            self.heading.setText(self.tr("请在左侧选择一项任务"))
            for w in (self.where, self.measure, self.units, self.deadline, self.role_reason):
                w.clear()
            self.notes.clear()
            self.evidence.clear()
            return
        self.heading.setText(f"{t.seq or t.position}．{t.task or t.measure[:30]}")
        self.where.setText(" ／ ".join(x for x in (t.category, t.subcategory) if x))
        self.measure.setText(t.measure)
        self.units.setText(self.tr("牵头单位：") + ("、".join(t.lead_units) or "—") + "\n"
                           + self.tr("责任单位：") + ("、".join(t.resp_units) or "—"))
        self.role.setCurrentIndex(self.role.findData(t.role_override) if t.role_override else 0)
        self.role_reason.setText(self.tr("自动判断：") + t.auto_role + (f"（{t.role_reason}）" if t.role_reason else ""))
        ms = tracking.milestones(t)
        self.deadline.setText((t.deadline_text or self.tr("（清单未写时限）"))
                              + (self.tr("\n阶段节点：") + "、".join(f"{d:%Y-%m-%d}" for d in ms) if ms else ""))
        self.own_due.setChecked(t.due_override is not None)
        self.due.setEnabled(t.due_override is not None)
        self.due.set_value(tracking.effective_due(t, today) or today)
        self.status.setCurrentText(t.status)
        self.done_on.setEnabled(t.status == "已完成")
        self.done_on.set_value(t.done_on or today)
        self._fill_notes()
        self._fill_evidence()

    def _fill_notes(self) -> None:
        self.notes.clear()
        for n in tracking.notes(self.task.id):
            item = QListWidgetItem(f"{n.noted_on:%Y-%m-%d}  {n.text}")
            item.setData(256, n.id)
            self.notes.addItem(item)

    def _fill_evidence(self) -> None:
        self.evidence.clear()
        for e in tracking.evidence(self.task.id):
            text = f"{e.kind}：{e.original_name or e.value}"
            if e.kind == "文件":
                text += f"（{e.size // 1024 or 1} KB）"
            item = QListWidgetItem(text)
            item.setData(256, e.id)
            self.evidence.addItem(item)

    # ---- editing -------------------------------------------------------------------------------
    def _guard(self, fn) -> bool:
        try:
            fn()
            return True
        except GwdeskError as e:
            alerts.warn(self, self.tr("任务台账"), e.message)
            return False

    def _done(self) -> None:
        tid = self.task.id
        self.show_task(tid)
        self.changed.emit(tid)

    def _store(self, changes: dict, write) -> None:
        """Store `changes` by `write(seen_version)` from the version this panel shows. A colleague's newer
        save asks 重新载入 / 以我的为准 with what differs; 以我的为准 writes the panel as shown (role, dates,
        status), 重新载入 or 取消 shows the task as stored now. The 进展 being typed stays as it is (and in its
        draft) whatever the answer."""
        seen = self.task
        try:
            write(seen.version)
        except ConflictError as e:
            if e.current is None:  # deleted meanwhile (a revision of the list removed it)
                alerts.warn(self, self.tr("任务台账"), e.message)
            else:
                mine = tracking.screen(seen, changes)
                shown = ConflictError(e.message, current=e.current,
                                      differences=tracking.differences(mine, e.current))
                if conflicts.ask(self, shown) == conflicts.MINE:  # the panel as shown, knowingly over theirs
                    self._guard(lambda: tracking.set_fields(seen.id, mine, today=self.ctx.today(),
                                                            seen_version=e.current.version))
        except GwdeskError as e:
            alerts.warn(self, self.tr("任务台账"), e.message)
        self._done()

    def _role_changed(self) -> None:
        if self._loading or self.task is None:
            return
        role, tid = self.role.currentData(), self.task.id
        self._store({"role_override": role}, lambda v: tracking.set_role(tid, role, seen_version=v))

    def _status_changed(self) -> None:
        if self._loading or self.task is None:
            return
        status = self.status.currentText()
        if status == "已完成" and self.done_on.problem(self.tr("完成日期")):
            alerts.warn(self, self.tr("任务台账"), self.done_on.problem(self.tr("完成日期")))
            return
        done_on, tid, today = self.done_on.value(), self.task.id, self.ctx.today()
        changes = {"status": status, "done_on": (done_on or today) if status == "已完成" else None}
        self._store(changes, lambda v: tracking.set_status(tid, status, done_on=done_on, today=today,
                                                           seen_version=v))

    def _due_changed(self) -> None:
        if self._loading or self.task is None:
            return
        if self.own_due.isChecked() and self.due.problem(self.tr("计划完成日期")):
            alerts.warn(self, self.tr("任务台账"), self.due.problem(self.tr("计划完成日期")))
            return
        due, tid = (self.due.value() if self.own_due.isChecked() else None), self.task.id
        self._store({"due_override": due}, lambda v: tracking.set_due(tid, due, seen_version=v))

    def add_note(self) -> bool:
        """Add the typed 进展 (a 未启动 task moves to 推进中) and drop its draft, all in one transaction."""
        if self.task is None:
            return False
        problem = self.note_date.problem(self.tr("进展日期"))
        if problem:
            alerts.warn(self, self.tr("任务台账"), problem)
            return False
        text, on, tid = self.note_text.text(), self.note_date.value(), self.task.id

        def add():
            with drafts.settling(DRAFT_KIND, tid):
                tracking.add_progress(tid, text, noted_on=on, today=self.ctx.today())
        if not self._guard(add):
            return False
        self.autosaver.cancel()
        self._loading = True
        self.note_text.clear()
        self.note_date.set_value(self.ctx.today())
        self._loading = False
        self._done()
        return True

    def delete_note(self) -> None:
        item = self.notes.currentItem()
        if item is None or self.task is None:
            return
        if alerts.ask(self, self.tr("删除进展"), self.tr("删除所选的这条进展？")):
            tracking.delete_note(item.data(256))
            self._done()

    def add_url(self, url: str) -> bool:
        ok = self._guard(lambda: tracking.add_url(self.task.id, url))
        if ok:
            self._done()
        return ok

    def add_path(self, text: str) -> bool:
        ok = self._guard(lambda: tracking.add_portal_path(self.task.id, text))
        if ok:
            self._done()
        return ok

    def add_file(self, path: Path) -> bool:
        ok = self._guard(lambda: tracking.add_file(self.task.id, Path(path)))
        if ok:
            self._done()
        return ok

    def _ask_url(self) -> None:
        url, ok = alerts.text(self, self.tr("公开网址"), self.tr("信息在政府网站上的网址："), chars=80)
        if ok and url.strip():
            self.add_url(url)

    def _ask_path(self) -> None:
        default = self.task.publish_path if self.task else ""
        text, ok = alerts.text(self, self.tr("公开路径"), self.tr("公开路径（栏目位置）："), default)
        if ok and text.strip():
            self.add_path(text)

    def _ask_file(self) -> None:
        path = files.open_file(self, "evidence", self.tr("选择佐证材料"))
        if path:
            self.add_file(Path(path))

    def open_evidence(self) -> None:
        item = self.evidence.currentItem()
        if item is None:
            return
        ev = next((e for e in tracking.evidence(self.task.id) if e.id == item.data(256)), None)
        if ev is None:
            return
        if ev.kind == "网址":
            QDesktopServices.openUrl(QUrl(ev.value))
        elif ev.kind == "文件":
            try:  # on a 单位共享数据库 the file is read from the server into this computer's copy
                problem = tracking.file_problem(ev)
            except GwdeskError as e:
                problem = e.message
            if problem:
                alerts.warn(self, self.tr("佐证材料"), problem)
                return
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(tracking.evidence_file(ev))))

    def delete_evidence(self) -> None:
        item = self.evidence.currentItem()
        if item is None:
            return
        if alerts.ask(self, self.tr("删除佐证材料"), self.tr("删除所选的佐证材料？")):
            tracking.remove_evidence(item.data(256))
            self._done()
