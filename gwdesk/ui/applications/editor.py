"""申请登记与办理: one dialog for an application's registration, steps, answers, 复议/诉讼 cases and history;
a duplicate or mistaken registration is voided here (with a reason, kept) and can be restored.

The tabs live in registration.py and handling.py. Typing into the registration or the reply is
autosaved as the application's draft (kind "application", its id or "new") and put back when the
dialog opens again; Esc or 关闭 with unsaved typing asks 保存 / 放弃 / 取消.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialogButtonBox, QHeaderView, QLabel, QPushButton, QTabWidget, QTableView,
                               QVBoxLayout)

from gwdesk.ui.common.dialog import Dialog
from gwdesk.core import drafts
from gwdesk.core.applications import aggregate, answers, deadlines, history, ledger, outcome_label, voiding
from gwdesk.errors import ConflictError, GwdeskError
from gwdesk.store.applications_models import Application
from gwdesk.ui.applications.cases import CaseDialog, VoidDialog  # noqa: F401 - CaseDialog reached from here too
from gwdesk.ui.applications.handling import CasesTab, ReplyTab, StepsTab
from gwdesk.ui.applications.locked import run_guarded
from gwdesk.ui.applications.registration import RegistrationForm
from gwdesk.ui.applications.steps import StepDialog, iso_or_blank  # noqa: F401 - StepDialog lives here too
from gwdesk.ui.common.table_model import Column, RowsModel
from gwdesk.ui.common import alerts, conflicts
from gwdesk.ui.common.autosave import CANCEL, DISCARD, SAVE, Autosaver, ask_unsaved

DRAFT_KIND = "application"


class ApplicationDialog(Dialog):
    """Register a new application, or open an existing one with its steps, reply and cases."""

    def __init__(self, ctx, app: Application | None = None, reveal: bool = False, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.app = app
        self.changed = False
        self.restored_from = ""  # when the typing was put back from a draft: its time
        today = ctx.today()
        self.setWindowTitle(self.tr("登记依申请公开申请") if app is None else
                            self.tr("申请 {0}").format(app.number))
        self.resize(820, 640)
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.RichText)
        layout.addWidget(self.status)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)

        self.registration = RegistrationForm(app, "" if app else ledger.next_number(today.year), today)
        self.tabs.addTab(self.registration, self.tr("登记信息"))
        r = self.registration  # the fields, as the page and tests reach them
        self.number, self.applicant_name, self.id_number, self.id_check = r.number, r.applicant_name, r.id_number, r.id_check
        self.content = r.content
        self.reply_tab = None
        if app is not None:
            self.steps_tab = StepsTab(self, today)
            self.reply_tab = ReplyTab(self, today)
            self.cases_tab = CasesTab(self)
            self.tabs.addTab(self.steps_tab, self.tr("办理步骤"))
            self.tabs.addTab(self.reply_tab, self.tr("答复"))
            self.tabs.addTab(self.cases_tab, self.tr("复议诉讼"))
            self.history_model = RowsModel([
                Column(self.tr("时间"), lambda h: h.at.replace("T", " ")[:16]),
                Column(self.tr("事项"), lambda h: h.action),
                Column(self.tr("内容"), lambda h: h.detail),
            ], parent=self)
            history_view = QTableView()
            history_view.setModel(self.history_model)
            history_view.verticalHeader().setVisible(False)
            history_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
            history_view.setColumnWidth(0, 130)
            self.tabs.addTab(history_view, self.tr("历史记录"))
            self.steps_model, self.cases_model = self.steps_tab.model, self.cases_tab.model
            t = self.reply_tab
            self.reply_date, self.outcome, self.reply_number, self.reason = (t.reply_date, t.outcome, t.reply_number,
                                                                             t.reason)
            for tab in (self.steps_tab, self.reply_tab, self.cases_tab):
                tab.stored.connect(self._stored)

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Close)
        self.void_dialog: VoidDialog | None = None
        if app is not None:
            self.void_button = QPushButton()
            self.void_button.clicked.connect(self.void_or_restore)
            buttons.addButton(self.void_button, QDialogButtonBox.ResetRole)
        buttons.button(QDialogButtonBox.Save).setText(self.tr("保存登记信息") if app else self.tr("登记"))
        buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.accepted.connect(self.save_registration)
        buttons.rejected.connect(self.close_dialog)
        layout.addWidget(buttons)

        self.autosaver = Autosaver(self, self._write_draft)
        self._saved = self._snapshot()
        self._restore_draft()
        self.registration.edited.connect(self._typed)
        if self.reply_tab is not None:
            self.reply_tab.edited.connect(self._typed)
        self.refresh_status()

    # --- drafts
    def _record(self):
        return self.app.id if self.app is not None else None

    def _snapshot(self) -> dict:
        return {"registration": self.registration.snapshot(),
                "reply": self.reply_tab.snapshot() if self.reply_tab is not None else {}}

    def _restore_draft(self) -> None:
        draft = drafts.get(DRAFT_KIND, self._record())
        if draft is None:
            return
        self.registration.restore(draft.data.get("registration", {}))
        if self.reply_tab is not None and draft.data.get("reply"):
            self.reply_tab.restore(draft.data["reply"])
        self.restored_from = draft.saved_at.replace("T", " ")

    def _typed(self) -> None:
        self.autosaver.touch()

    def _write_draft(self) -> None:
        if self.is_dirty():
            drafts.save(DRAFT_KIND, self._record(), self._snapshot())
        else:
            drafts.discard(DRAFT_KIND, self._record())

    def is_dirty(self) -> bool:
        return self._snapshot() != self._saved

    def _settled(self, part: str) -> None:
        """`part` ("registration" or "reply") is stored: it is no longer unsaved; the rest stays a draft."""
        now = self._snapshot()
        self._saved[part] = now[part]
        self.restored_from = ""
        if self.is_dirty():
            self.autosaver.touch()
            self.autosaver.flush()
        else:
            self.autosaver.cancel()

    # --- registration
    def fields(self) -> dict:
        return self.registration.fields()

    def save_registration(self) -> bool:
        problem = self.registration.received.problem(self.tr("收到日期"))
        if problem:
            alerts.warn(self, self.tr("登记信息有误"), problem)
            return False
        record = self._record()
        suggested = self.registration.suggested
        try:
            try:
                with drafts.settling(DRAFT_KIND, record):
                    if self.app is None:
                        # the suggested 编号 left as it was: the next free one, taken when saving (a colleague
                        # may have registered one meanwhile)
                        fields = self.fields()
                        self.app = ledger.create(fields, auto_number=bool(suggested)
                                                 and fields["number"].strip() == suggested)
                    else:
                        ledger.update(self.app, self.fields())
            except ConflictError as e:  # a colleague saved this application since it was opened; the draft stays
                choice = conflicts.ask(self, e)
                if choice == conflicts.RELOAD and e.current is not None:
                    self._reload_registration()
                    return False
                if choice != conflicts.MINE or e.current is None:
                    return False
                self.app.version = e.current.version  # 以我的为准, knowingly
                with drafts.settling(DRAFT_KIND, record):
                    ledger.update(self.app, self.fields())
        except GwdeskError as e:
            alerts.warn(self, self.tr("登记信息有误"), e.message)
            return False
        self.changed = True
        if record is None:
            self.autosaver.cancel()
            self._saved = self._snapshot()
            if suggested and self.app.number != self.registration.number.text().strip():
                alerts.info(self, self.tr("已登记"), self.tr("编号 {0} 已被同事使用，本件登记为 {1}。").format(
                    self.registration.number.text().strip(), self.app.number))
            self.accept()
            return True
        self._settled("registration")
        self.refresh_status()
        alerts.info(self, self.tr("已保存"), self.tr("登记信息已保存。"))
        return True

    def _reload_registration(self) -> None:
        """重新载入: the registration as the colleague saved it; this clerk's typing there is dropped."""
        self.app = Application.get_by_id(self.app.id)
        fresh = RegistrationForm(self.app, "", self.ctx.today())
        snap = fresh.snapshot()
        fresh.deleteLater()
        self.registration.restore(snap)
        self._saved["registration"] = self.registration.snapshot()
        if self.is_dirty():
            self.autosaver.touch()
        else:
            self.autosaver.cancel()
            drafts.discard(DRAFT_KIND, self._record())
        self.refresh_status()

    def store_reply(self, write) -> None:
        """The reply tab's save: the ledger write and the end of the draft in one transaction."""
        with drafts.settling(DRAFT_KIND, self._record()):
            write()
        self._settled("reply")

    def save_reply(self) -> bool:
        return self.reply_tab.save_reply()

    def colleague_changed(self) -> None:
        """A colleague saved this application (its registration, a step, an answer): shown as stored now, unless
        the clerk has unsaved typing here (then 保存 meets the colleague's version and asks)."""
        if self.app is None or self.is_dirty():
            return
        stored = Application.get_or_none(Application.id == self.app.id)
        if stored is not None and stored.version != self.app.version:
            self._reload_registration()  # and the steps, answers, cases and history with it

    def _stored(self) -> None:
        self.changed = True
        self.refresh_status()

    # --- voiding: a duplicate or mistaken registration is kept, marked 已作废 and counted nowhere
    def void_or_restore(self) -> None:
        if self.app.voided:
            if not alerts.ask(self, self.tr("恢复申请"), self.tr("撤销作废，恢复申请 {0}？恢复后重新计入年度统计。")
                              .format(self.app.number)):
                return
            self._change_void(lambda confirm: voiding.restore(self.app, confirm=confirm))
            return
        self.void_dialog = VoidDialog(self.tr("申请 {0}").format(self.app.number), self)
        self.void_dialog.accepted.connect(self._void_confirmed)
        self.void_dialog.open()

    def _void_confirmed(self) -> None:
        reason = self.void_dialog.reason()
        self._change_void(lambda confirm: voiding.void(self.app, reason, confirm=confirm))

    def _change_void(self, change) -> None:
        try:
            done = run_guarded(self, change)
        except GwdeskError as e:
            alerts.warn(self, self.tr("无法作废") if not self.app.voided else self.tr("无法恢复"), e.message)
            return
        if done is not None:
            self._stored()

    # --- leaving: Esc, 关闭 and the window's close button all come here
    def close_dialog(self):
        self.reject()

    def reject(self):
        if self.is_dirty():
            answer = ask_unsaved(self, self.tr("申请 {0} ").format(self.app.number) if self.app
                                 else self.tr("新登记的申请"))
            if answer == CANCEL:
                return
            if answer == SAVE:
                was_new, now = self.app is None, self._snapshot()
                if now["registration"] != self._saved["registration"] and not self.save_registration():
                    return
                if was_new:  # registered: save_registration closed the dialog
                    return
                if now["reply"] != self._saved["reply"] and not self.save_reply():
                    return
            if answer == DISCARD:
                self.autosaver.cancel()
                drafts.discard(DRAFT_KIND, self._record())
                self._saved = self._snapshot()
        self.autosaver.cancel()
        if self.changed:
            self.accept()
        else:
            super().reject()

    # the main window's question before closing (gwdesk.ui.common.autosave)
    def unsaved_edits(self) -> str:
        return (self.tr("申请 {0}").format(self.app.number) if self.app else self.tr("新登记的申请")) \
            if self.isVisible() and self.is_dirty() else ""

    # --- status line
    def refresh_status(self):
        if self.app is None:
            self.status.setText(self._restored_note() + self.tr(
                "填写后点“登记”。答复期限为收到申请之日起20个工作日（收到当日不计）。"))
            return
        self.app = Application.get_by_id(self.app.id)
        steps = list(self.app.steps)
        self.steps_model.set_rows(steps)
        self.cases_tab.reload()
        self.reply_tab.refresh()
        self.history_model.set_rows(history.entries(app=self.app))
        voided = bool(self.app.voided)
        self.void_button.setText(self.tr("恢复申请…") if voided else self.tr("作废申请…"))
        today = self.ctx.today()
        info = deadlines.compute(self.app, today, steps)
        tone = deadlines.tone(info, today)
        color = {"overdue": "#c62828", "today": "#b26a00", "soon": "#b26a00"}.get(tone, "#222")
        later = [r for r in answers.listed(self.app) if r.kind == answers.RE_REPLY]
        if voided:
            text = self.tr("<b style='color:#c62828'>已作废</b>（{0}，原因：{1}）：不计入年度统计").format(
                self.app.voided[:10], self.app.void_reason)
        elif info.state == deadlines.CLOSED:
            text = self.tr("已办结：{0} 答复，结果 {1}").format(iso_or_blank(self.app.closed),
                                                          outcome_label(self.app.outcome, short=True))
            if later:
                text += self.tr("；{0} 重新答复，结果 {1}（不重复计入表三）").format(
                    iso_or_blank(later[-1].date), outcome_label(later[-1].outcome, short=True))
        else:
            text = self.tr("{0}，期限 <b style='color:{1}'>{2}</b>").format(info.state, color, iso_or_blank(info.due) or "—")
            if info.reply_due and info.reply_due != info.due:
                text += self.tr("（答复期限 {0}）").format(iso_or_blank(info.reply_due))
            if info.suggested_outcome:
                text += self.tr("；可按表三 {0} 终止处理").format(info.suggested_outcome)
        extra = [f"<span style='color:#b26a00'>{n}</span>" for n in info.notes]
        if info.warning:
            extra.append(f"<span style='color:#b26a00'>{info.warning}</span>")
        years = sorted({d.year for d in (self.app.received, self.app.closed) if d})
        locked = [y for y in years if aggregate.is_frozen(y)]
        if locked:
            extra.append(self.tr("<span style='color:#555'>{0}年统计数据已锁定：此处修改不会改变已报送的年度报告数字。</span>")
                         .format("、".join(map(str, locked))))
        self.status.setText(self._restored_note() + "<br>".join([text, *extra]))

    def _restored_note(self) -> str:
        if not self.restored_from:
            return ""
        return self.tr("<span style='color:#1565c0'>已恢复 {0} 自动保存、尚未保存的内容（关闭时可选择保存或放弃）。</span><br>"
                       ).format(self.restored_from)
