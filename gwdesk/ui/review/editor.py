"""The opinion-form editor, generated from the form definition, with a live "what is missing" panel.

Widgets come from `fields.make_widget` per field type; required marks and disabled (forbidden)
fields follow the rules as the clerk types. Unsaved typing is autosaved to the draft table after a
pause in typing, when focus leaves a field and when the editor closes.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QFormLayout, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QScrollArea, QSplitter,
                               QVBoxLayout, QWidget)

from gwdesk.core.formdef import FormDef
from gwdesk.core.review import drafts, forms, last_step, revisions, signers, validate, workflow
from gwdesk.core.review.forms import Form
from gwdesk.errors import ConflictError, GwdeskError, ValidationFailed
from gwdesk.ui.common import alerts, conflicts
from gwdesk.ui.common.autosave import CANCEL, DISCARD, SAVE, Autosaver
from gwdesk.ui.common.date_line import DateField
from gwdesk.ui.review.fields import FieldWidget, make_widget, mark_date
from gwdesk.ui.common.inputs import ComboBox
from gwdesk.ui.common.suggest import SuggestField


NEXT_STAGE = {forms.DRAFT: "submit", forms.PENDING: "approve", forms.APPROVED: "publish",
              forms.PUBLISHED: "publish", forms.REGISTERED: "publish", forms.VOID: "publish"}
STAGE_TEXT = {"submit": "送审", "approve": "审定", "publish": "登记公开"}


class SignoffRow(QWidget):
    changed = Signal()

    def __init__(self, role, parent=None):
        super().__init__(parent)
        self.role = role
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.choice = ComboBox()
        self.choice.setMinimumWidth(self.fontMetrics().horizontalAdvance("（未签）不同意") + 16)
        self.choice.addItem(self.tr("（未签）"), "")
        for o in role.options:
            self.choice.addItem(o, o)
        self.opinion = QLineEdit()
        self.opinion.setPlaceholderText(self.tr("意见"))
        self.signer_box = SuggestField([])  # who signed this box before, behind a ▾ (set_names)
        self.signer = self.signer_box.edit
        self.signer.setPlaceholderText(self.tr("签字人"))
        self.signer_box.setMaximumWidth(self.fontMetrics().horizontalAdvance("签字人签字人") + 40)
        self.date = DateField(placeholder=self.tr("日期，如 2026-11-20"))
        self.date_error = QLabel()
        for w in (self.choice, self.opinion, self.signer_box, self.date):
            lay.addWidget(w)
        self.choice.currentIndexChanged.connect(self.changed)
        for w in (self.opinion, self.signer, self.date):
            w.textChanged.connect(self.changed)
        lay.addWidget(self.date_error)
        self.date.textChanged.connect(lambda text: mark_date(self.date.edit, self.date_error, text))
        mark_date(self.date.edit, self.date_error, "")
        lay.setStretch(1, 1)

    def set_names(self, names: list[str]) -> None:
        self.signer_box.set_suggestions(names)

    def value(self) -> dict:
        d = validate.parse_date(self.date.text())
        return {"choice": self.choice.currentData() or "", "opinion": self.opinion.text().strip(),
                "signer": self.signer.text().strip(), "date": d.isoformat() if d else self.date.text().strip()}

    def set_value(self, box: dict | None) -> None:
        box = box or {}
        i = self.choice.findData(box.get("choice") or "")
        self.choice.setCurrentIndex(max(i, 0))
        self.opinion.setText(box.get("opinion", ""))
        self.signer.setText(box.get("signer", ""))
        self.date.setText(box.get("date", ""))


class FormEditor(QWidget):
    """Edit one form; `saved(id)` after a save or status change, `back()` when the clerk leaves."""

    saved = Signal(int)
    back = Signal()
    print_requested = Signal(str)  # "preview" / "print" / "pdf" / "docx"

    def __init__(self, ctx, definition: FormDef, departments: list[str] | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.definition = definition
        self.form = Form()
        self.draft_key = drafts.key_for(None)
        self._dirty = False
        self._loading = False
        self.can_move = False  # the side list says the next step may be taken
        self.final_step: last_step.LastStep | None = None  # 登记公开 / 登记依申请公开 / 登记不予公开, by 公开属性
        self._signer_names: dict[str, list[str]] | None = None  # 签字人 offered per box (read at load)
        self.decline = ""  # a 不同意 with its reason: the way on is 退回修改
        self.widgets: dict[str, FieldWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.signoff_rows: dict[str, SignoffRow] = {}

        root = QVBoxLayout(self)
        head = QHBoxLayout()
        self.back_btn = QPushButton(self.tr("← 返回列表"))
        self.back_btn.clicked.connect(self.leave)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size:13pt;font-weight:bold")
        head.addWidget(self.back_btn)
        head.addWidget(self.heading, 1)
        root.addLayout(head)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fff4e0;color:#8a5300;padding:6px;border:1px solid #f0d29a")
        self.banner.hide()
        root.addWidget(self.banner)

        split = QSplitter(Qt.Horizontal)
        root.addWidget(split, 1)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self._build_sections(departments or [])
        self.body_layout.addStretch(1)
        scroll.setWidget(body)
        split.addWidget(scroll)
        split.addWidget(self._build_side())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([860, 340])

        self._check_timer = QTimer(self, singleShot=True, interval=250)
        self._check_timer.timeout.connect(self._check_after_pause)
        self._doc_number_others: list[str] = []
        if "doc_number" in self.widgets:  # looked up as the clerk types, not from the deferred check
            self.widgets["doc_number"].changed.connect(self._look_up_doc_number)
        self._anchor_dates()
        self.autosaver = Autosaver(self, self._write_draft)

    def _anchor_dates(self) -> None:
        """A date that may not come before another (拟公开日期, 实际公开日期 after 拟发文日期) opens its calendar at
        that date while it is empty; a sign-off's date at the 拟发文日期 too."""
        def date_of(key: str):
            return lambda: validate.parse_date(self.widgets[key].value())
        for f in self.definition.fields:
            w = self.widgets.get(f.key)
            if f.type == "date" and f.not_before in self.widgets and hasattr(w, "line"):
                w.line.anchor = date_of(f.not_before)
        if self.definition.has("doc_date"):
            for row in self.signoff_rows.values():
                row.date.anchor = date_of("doc_date")

    # ---- building -----------------------------------------------------------------------------
    def _build_sections(self, departments: list[str]) -> None:
        signoff_after = self.definition.print.signoffs_after
        placed = False
        label_width = self.fontMetrics().horizontalAdvance("＊" + "联" * 11)
        for sec in self.definition.sections:
            box = QGroupBox(sec.title)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
            for f in sec.fields:
                w = make_widget(self.definition, f, departments)
                w.changed.connect(self._on_changed)
                label = QLabel(f.label)
                label.setToolTip(f.help)
                if label.fontMetrics().horizontalAdvance("＊" + f.label) > label_width:
                    label.setWordWrap(True)  # a long label takes two lines, not the form's width
                    label.setFixedWidth(label_width)
                form.addRow(label, w)
                self.widgets[f.key] = w
                self.labels[f.key] = label
            self.body_layout.addWidget(box)
            if sec.key == signoff_after:
                self._build_signoffs()
                placed = True
        if not placed:
            self._build_signoffs()

    def _build_signoffs(self) -> None:
        box = QGroupBox(self.definition.print.signoff_title)
        grid = QFormLayout(box)
        for role in self.definition.signoffs:
            row = SignoffRow(role)
            row.changed.connect(self._on_changed)
            label = QLabel(role.role + (f"（{role.note}）" if role.note else ""))
            label.setWordWrap(True)
            grid.addRow(label, row)
            self.signoff_rows[role.key] = row
        self.body_layout.addWidget(box)

    def _build_side(self) -> QWidget:
        side = QWidget()
        lay = QVBoxLayout(side)
        self.missing_title = QLabel()
        self.missing_title.setStyleSheet("font-weight:bold")
        self.missing = QListWidget()
        self.missing.setObjectName("missing")
        self.missing.setWordWrap(True)
        self.missing.itemDoubleClicked.connect(self._focus_issue)
        lay.addWidget(self.missing_title)
        lay.addWidget(self.missing, 1)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setStyleSheet("color:#555")
        lay.addWidget(self.history)
        self.save_state = QLabel()
        self.save_state.setObjectName("save_state")
        lay.addWidget(self.save_state)
        grid = QGridLayout()
        self.save_btn = QPushButton(self.tr("保存"))
        self.save_btn.clicked.connect(self.save)
        grid.addWidget(self.save_btn, 0, 0)
        self.action_btns: dict[str, QPushButton] = {}
        for i, a in enumerate(workflow.ACTIONS.values(), start=1):
            b = QPushButton(self.tr(a.label))
            b.clicked.connect(lambda _=False, k=a.key: self.do_action(k))
            grid.addWidget(b, i // 2, i % 2)
            self.action_btns[a.key] = b
        n = len(workflow.ACTIONS) + 1
        for j, (key, text) in enumerate((("preview", "打印预览"), ("print", "打印…"), ("pdf", "导出 PDF…"),
                                         ("docx", "导出 DOCX…"))):
            b = QPushButton(self.tr(text))
            b.clicked.connect(lambda _=False, k=key: self.print_requested.emit(k))
            grid.addWidget(b, (n + j) // 2, (n + j) % 2)
        lay.addLayout(grid)
        return side

    # ---- data in and out ------------------------------------------------------------------------
    def load(self, form: Form) -> None:
        self._loading = True
        try:
            if self._signer_names is None:  # read at the first load and again after a save, not at every open
                self._signer_names = signers.names_by_role()
                for key, row in self.signoff_rows.items():
                    row.set_names(self._signer_names.get(key, []))
            self.form = copy.deepcopy(form)
            self.draft_key = drafts.key_for(form.id) if form.id is not None else self.draft_key
            values = validate.normalise(self.definition, form.values)
            if form.number:
                values["number"] = form.number
            for key, w in self.widgets.items():
                w.set_value(values.get(key))
            for key, row in self.signoff_rows.items():
                row.set_value(form.signoffs.get(key))
        finally:
            self._loading = False
        if "doc_number" in self.widgets:
            self._look_up_doc_number()
        self._dirty = False
        self.autosaver.cancel()
        self.save_state.setText("")
        self._update_head()
        self.refresh_checks()
        if self.form.id != getattr(self, "_shown_id", object()):
            self.scroll.verticalScrollBar().setValue(0)  # another form: from its top, not where the last was left
        self._shown_id = self.form.id

    def new(self, token: str = "") -> None:
        """A blank form with a draft of its own (`token` names a recovered one), at the top, on 文件标题."""
        self.draft_key = drafts.key_for(None, token) if token else drafts.new_key()
        values = validate.new_values(self.definition)
        if self.definition.has("fill_date"):
            values["fill_date"] = self.ctx.today().isoformat()
        self.load(Form(values=values))
        self.save_state.setText(self.tr("新建，尚未保存"))
        self.focus_first()

    def focus_first(self) -> None:
        """Scroll to the top and put the cursor in 文件标题 (or the first field that takes typing)."""
        self.scroll.verticalScrollBar().setValue(0)
        self.scroll.horizontalScrollBar().setValue(0)
        key = "title" if "title" in self.widgets else next(
            (k for k, w in self.widgets.items() if w.isEnabled()), None)
        if key is not None:
            w = self.widgets[key]
            (w.focusProxy() or next(iter(w.findChildren(QLineEdit)), w)).setFocus()

    def values(self) -> dict:
        return {k: w.value() for k, w in self.widgets.items()}

    def signoffs(self) -> dict:
        return {k: r.value() for k, r in self.signoff_rows.items() if any(r.value().values())}

    def current_form(self) -> Form:
        f = copy.deepcopy(self.form)
        f.values = self.values()
        f.signoffs = self.signoffs()
        return f

    def is_dirty(self) -> bool:
        return self._dirty

    # ---- live checks --------------------------------------------------------------------------
    def _on_changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.autosaver.touch()
        self.save_state.setText(self.tr("有未保存的修改"))
        self.save_state.setStyleSheet("color:#8a5300")
        self._check_timer.start()

    def _check_after_pause(self) -> None:
        if not self.ctx.store.db.is_closed():  # the timer may fire after the window and its store are gone
            self.refresh_checks()

    def refresh_checks(self) -> None:
        context = validate.unit_context(self.ctx.profile())
        values = validate.normalise(self.definition, self.values())
        values.update(validate.facts(self.definition, values, context, self.signoffs()))  # 第二十一条, 需报审
        stage = NEXT_STAGE.get(self.form.status, "submit")
        publishes = last_step.needs_publication_fields(self.definition, values)
        for f in self.definition.fields:
            label, w = self.labels[f.key], self.widgets[f.key]
            forbidden = f.is_forbidden(values)
            w.setEnabled(not forbidden and f.type != "auto")
            required = f.is_required(values) and not forbidden and (f.stage != "publish" or publishes)
            if required and validate.STAGE_ORDER[f.stage] <= validate.STAGE_ORDER[stage]:
                mark = "<span style='color:#c62828'>＊</span>"
            elif required:  # needed later (审定 / 公开): a grey mark, so it is not a surprise then
                mark = "<span style='color:#999'>＊</span>"
            else:
                mark = ""
            label.setText(mark + f.label)
        for role in self.definition.signoffs:
            open_in = (forms.APPROVED,) if role.stage == "publish" else (forms.DRAFT, forms.PENDING)
            self.signoff_rows[role.key].setEnabled(self.form.status in open_in)
        rep = validate.check(self.definition, values, self.signoffs(), stage, context)
        self.final_step = last_step.for_values(self.definition, values)
        step_text = (self.final_step.label if self.final_step else self.tr("登记")) if stage == "publish" \
            else STAGE_TEXT[stage]
        others = self._doc_number_others
        if others and self.form.status != forms.VOID:  # warned at once; 登记公开 refuses it unless confirmed
            rep.warnings.insert(0, validate.Issue("doc_number", self.tr("发文字号“{d}”已用于意见单 {n}").format(
                d=values.get("doc_number"), n="、".join(others))))
        self.missing.clear()
        if self.form.status in forms.FINAL:
            done = {forms.PUBLISHED: self.tr("本意见单已公开"), forms.VOID: self.tr("本意见单已作废"),
                    forms.REGISTERED: self.tr("本意见单已登记")
                    + (self.tr("，列入{r}").format(r=self.final_step.register) if self.final_step else "")}
            self.missing_title.setText(done[self.form.status])
        elif stage == "publish" and self.final_step is None:
            self.missing_title.setText(self.tr("请先选择公开属性"))
        elif rep.ok:
            self.missing_title.setText(self.tr("可以{a}：没有缺项").format(a=step_text))
        else:
            self.missing_title.setText(self.tr("{a}前还缺 {n} 项：").format(a=step_text, n=len(rep.problems)))
        self.can_move = rep.ok and self.form.status not in forms.FINAL and not (
            stage == "publish" and self.final_step is None)
        self.decline = workflow.decline_reason(self.definition, self.current_form()) \
            if self.form.status in (forms.PENDING, forms.APPROVED) else ""
        if self.decline:
            self.missing_title.setText(self.tr("有不同意意见：请“退回修改”，退回拟稿人"))
        for issue in rep.problems:
            it = QListWidgetItem("✗ " + issue.text)
            it.setForeground(Qt.darkRed)
            it.setData(Qt.UserRole, issue.key)
            self.missing.addItem(it)
        for issue in rep.warnings:
            it = QListWidgetItem("⚠ " + issue.text)
            it.setForeground(Qt.darkYellow)
            it.setData(Qt.UserRole, issue.key)
            self.missing.addItem(it)
        self.report = rep
        self._update_buttons()

    def _look_up_doc_number(self) -> None:
        """编号 of the unit's other forms already carrying this 发文字号 (warned at once)."""
        others = forms.doc_number_users(self.widgets["doc_number"].value(), exclude_id=self.form.id)
        original = self.widgets["revision_of"].value() if "revision_of" in self.widgets else None
        self._doc_number_others = [n for n in others if n != original]  # a 修改 keeps the original's 文号 (workflow)

    def _update_buttons(self) -> None:
        """送审/审定/登记公开 are enabled exactly when the side list says the step can be taken; a new form
        may be sent at once (it is saved first)."""
        f = self.form
        allowed = {a.key for a in workflow.allowed_actions(f, self.definition)} if f.id else {"submit"}
        moving = {a.key for a in workflow.ACTIONS.values() if a.stage}
        step = self.final_step
        self.action_btns["publish"].setText(step.label if step else workflow.ACTIONS["publish"].label)
        for key, b in self.action_btns.items():
            ok = key in allowed and (key not in moving or self.can_move)
            b.setEnabled(ok)
        self.action_btns["return"].setToolTip(self.decline)

    def missing_texts(self) -> list[str]:
        return [self.missing.item(i).text() for i in range(self.missing.count())]

    def _focus_issue(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.UserRole) or ""
        if key.startswith("signoff:"):
            row = self.signoff_rows.get(key.split(":", 1)[1])
            if row:
                row.choice.setFocus()
        elif key in self.widgets:
            w = self.widgets[key]
            target = w.focusProxy() or next(iter(w.findChildren(QWidget)), w)
            target.setFocus()

    def _update_head(self) -> None:
        f = self.form
        number = f.number or self.tr("（新建，保存后编号）")
        self.heading.setText(self.tr("公文公开发布意见单 {n}　状态：{s}").format(n=number, s=f.status))
        reason = workflow.last_return_reason(f.id) if f.id and f.status == forms.DRAFT else ""
        self.banner.setText(self.tr("已退回修改：{r}").format(r=reason) if reason else "")
        self.banner.setVisible(bool(reason))
        self._update_buttons()
        self.save_btn.setEnabled(f.status != forms.VOID)
        hist = forms.history(f.id) if f.id else []
        self.history.setText("\n".join(f"{h.at[:16].replace('T', ' ')} {h.from_status}→{h.to_status}"
                                       + (f"（{h.reason}）" if h.reason else "") for h in hist[-5:]))

    # ---- saving, autosave, actions -------------------------------------------------------------
    def save(self) -> bool:
        form = self.current_form()
        try:
            try:
                stored = drafts.save_form(self.ctx, form, self.definition, self.draft_key)
            except ConflictError as e:  # another clerk saved this form since it was opened; the draft stays
                choice = conflicts.ask(self, e)
                if choice == conflicts.RELOAD and e.current is not None:
                    self.discard_unsaved()
                    self.load(e.current)
                    self.show_saved(self.tr("已载入同事保存的内容"))
                    return False
                if choice != conflicts.MINE or e.current is None:
                    return False
                form.version = e.current.version  # 以我的为准: over the version now stored, knowingly
                stored = drafts.save_form(self.ctx, form, self.definition, self.draft_key)
        except ValidationFailed as e:
            alerts.error(self, self.tr("未保存"), e.message + "：\n" + "\n".join(e.problems))
            return False
        except GwdeskError as e:
            alerts.error(self, self.tr("未保存"), e.message)
            return False
        self.autosaver.cancel()
        self.draft_key = drafts.key_for(stored.id)
        self._signer_names = None  # the names just saved are offered from now on
        self.load(stored)
        self.show_saved()
        self.saved.emit(stored.id)
        return True

    def _write_draft(self) -> None:
        drafts.autosave(self.draft_key, self.values(), self.signoffs(), self.form.id)

    def show_saved(self, text: str = "") -> None:
        at = (self.form.updated_at or "")[11:16]
        self.save_state.setText(text or (self.tr("✓ 已保存 {t}").format(t=at) if at else self.tr("✓ 已保存")))
        self.save_state.setStyleSheet("color:#2e7d32;font-weight:bold")

    def autosave_now(self) -> None:
        if self._dirty:
            self.autosaver.pending = True
            self.autosaver.flush()

    # the main window's question before closing (gwdesk.ui.common.autosave)
    def unsaved_edits(self) -> str:
        if not self._dirty:
            return ""
        return self.tr("意见单 {n}").format(n=self.form.number or self.tr("（新建）"))

    def save_unsaved(self) -> bool:
        return self.save()

    def discard_unsaved(self) -> None:
        self.autosaver.cancel()
        drafts.discard(self.draft_key)
        self._dirty = False

    def apply_draft(self, draft: drafts.Draft) -> None:
        """Put recovered typing back into the editor (marked unsaved)."""
        self._loading = True
        try:
            for key, w in self.widgets.items():
                if key != "number":
                    w.set_value(validate.normalise(self.definition, draft.values).get(key))
            for key, row in self.signoff_rows.items():
                row.set_value(draft.signoffs.get(key))
        finally:
            self._loading = False
        self._dirty = True
        self.autosaver.touch()
        self.refresh_checks()

    def do_action(self, key: str) -> None:
        a = workflow.ACTIONS[key]
        label = self.final_step.label if key == "publish" and self.final_step else a.label  # 登记依申请公开 …
        reason = ""
        if self._dirty and not self.save():
            return
        if self.form.id is None:
            return
        decline = workflow.decline_reason(self.definition, self.form) if key == "return" else ""
        if a.needs_reason and not decline:
            prompt = self.tr("请写情况说明（为何{l}）：") if key in workflow.SPAWNING else self.tr("请填写{l}原因：")
            reason, ok = self.ask_reason(self.tr(a.label), prompt.format(l=a.label))
            if not ok:
                return
        try:
            if decline:  # a 不同意 with its reason sends the form back to the drafter with that reason
                form = workflow.return_declined(self.ctx, self.form.id, self.definition)
            elif key in workflow.SPAWNING:  # 修改/撤销: the new form with its own chain opens here
                form = revisions.start(self.ctx, self.form.id, key, reason, self.definition)
            else:
                form = self._transition(key, reason)
            if form is None:
                return
        except ValidationFailed as e:
            alerts.error(self, self.tr("不能{l}").format(l=label), e.message + "：\n" + "\n".join(e.problems))
            return
        except ConflictError as e:  # another clerk moved it meanwhile: show it as it is now
            alerts.warn(self, self.tr("不能{l}").format(l=a.label), e.message)
            if self.form.id is not None:
                self.load(forms.get(self.form.id))
                self.saved.emit(self.form.id)
            return
        except GwdeskError as e:
            alerts.error(self, self.tr("不能{l}").format(l=label), e.message)
            return
        self.load(form)
        if key in workflow.SPAWNING:  # nothing changed yet: a new form for the 修改/撤销 was made
            self.show_saved(self.tr("✓ 已新建{k}意见单 {n}（原意见单 {o} 仍为{s}）").format(
                k=form.values.get("revision_kind") or a.label, n=form.number, o=form.values.get("revision_of"),
                s=forms.PUBLISHED))
        else:
            self.show_saved(self.tr("✓ 已{l}，状态：{s}").format(l=label, s=form.status))
        self.saved.emit(form.id)

    def _transition(self, key: str, reason: str) -> Form | None:
        try:
            return workflow.transition(self.form.id, key, reason, self.definition, seen_status=self.form.status)
        except workflow.DuplicateDocNumber as e:
            if not alerts.ask(self, self.tr("发文字号重复"), e.message + self.tr("。\n\n确认仍要登记公开吗？")):
                return None
            return workflow.transition(self.form.id, key, reason, self.definition, confirm_duplicate=True,
                                       seen_status=self.form.status)

    def ask_reason(self, title: str, prompt: str) -> tuple[str, bool]:
        """Asks for a 退回/作废 reason; tests replace this to answer without a dialog."""
        return alerts.text(self, title, prompt)

    def leave(self) -> bool:
        """← 返回列表. Unsaved typing is not left behind unseen: the clerk saves it (a new form becomes a 草稿 in
        the list), throws it away, or stays. False when the clerk stays (or the save was refused)."""
        if self._dirty:
            if self.form.id is None:
                text = self.tr("这份新建的意见单还没有保存。\n\n保存为草稿（列在意见单列表中，可随时打开继续填写）吗？")
                options = [(SAVE, self.tr("保存为草稿")), (DISCARD, self.tr("放弃")), (CANCEL, self.tr("取消"))]
            else:
                text = self.tr("意见单 {n} 有尚未保存的修改。\n\n保存这些修改吗？").format(n=self.form.number)
                options = [(SAVE, self.tr("保存")), (DISCARD, self.tr("放弃修改")), (CANCEL, self.tr("取消"))]
            answer = alerts.choose(self, self.tr("未保存的修改"), text, options)
            if answer == CANCEL or (answer == SAVE and not self.save()):
                return False
            if answer == DISCARD:
                self.discard_unsaved()
        self.back.emit()
        return True

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt name
        self.autosave_now()
        super().closeEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt name
        self.autosave_now()
        super().hideEvent(event)
