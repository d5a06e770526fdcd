"""The unit-profile form (单位信息), shared by the first-run dialog and the settings page.

On the settings page (`keep_drafts`) typing is autosaved as the "profile" draft, put back when the
page opens again, and `save` stores the profile and drops the draft in one transaction, from the version the
form was read at: a colleague's save since asks 重新载入 / 以我的为准 (gwdesk.ui.common.conflicts).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwdesk.core import drafts, units
from gwdesk.core.office import issuer
from gwdesk.errors import ConflictError, GwdeskError
from gwdesk.ui.common import alerts, conflicts
from gwdesk.ui.common.autosave import Autosaver
from gwdesk.ui.common.inputs import ComboBox

DRAFT_KIND, DRAFT_RECORD = "profile", "unit"


def _lines(text: str) -> list[str]:
    out = []
    for line in text.replace("，", "\n").replace("、", "\n").splitlines():
        if line.strip():
            out.append(line.strip())
    return out


class ProfileForm(QWidget):
    """Edits a units.Profile; `profile()` reads it back, `problems()` lists what is missing."""

    def __init__(self, parent=None):
        super().__init__(parent)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如：青川县民政局"))
        self.level = ComboBox()
        self.level.addItem(self.tr("（请选择）"), "")
        for lv in units.LEVELS:
            self.level.addItem(lv, lv)
        self.supervisor = QLineEdit()
        self.supervisor.setPlaceholderText(self.tr("如：青川县人民政府办公室"))
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("如：0839-7202315"))
        self.departments = QPlainTextEdit()
        self.departments.setPlaceholderText(self.tr("每行一个科室，如：\n办公室\n社会救助股"))
        self.departments.setFixedHeight(90)
        self.aliases = QLineEdit()
        self.aliases.setPlaceholderText(self.tr("任务清单中可能使用的简称，用顿号分隔，如：县民政局、县老龄办"))

        self.groups = QListWidget()
        self.groups.setFixedHeight(110)
        self.custom_group = QLineEdit()
        self.custom_group.setPlaceholderText(self.tr("其他称呼，如：县直各单位"))
        add = QPushButton(self.tr("添加"))
        add.clicked.connect(self._add_custom_group)
        self.custom_group.returnPressed.connect(self._add_custom_group)
        grow = QHBoxLayout()
        grow.addWidget(self.custom_group, 1)
        grow.addWidget(add)
        gbox = QVBoxLayout()
        gbox.setContentsMargins(0, 0, 0, 0)
        gbox.addWidget(self.groups)
        gbox.addLayout(grow)
        gwrap = QWidget()
        gwrap.setLayout(gbox)

        req = "<span style='color:#c62828'>*</span>"
        form.addRow(QLabel(self.tr("单位名称") + req), self.name)
        form.addRow(QLabel(self.tr("单位层级") + req), self.level)
        form.addRow(self.tr("政务公开主管单位"), self.supervisor)
        form.addRow(self.tr("联系人"), self.contact)
        form.addRow(self.tr("联系电话"), self.phone)
        form.addRow(self.tr("内设科室"), self.departments)
        form.addRow(self.tr("单位简称"), self.aliases)
        hint = QLabel(self.tr("任务清单中对本单位的统称（勾选适用的）："))
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(self.tr("统称"), gwrap)
        # an office that issues task lists needs 汇总; until the clerk says, the level decides (县级政府: yes)
        self.issues_lists = QCheckBox(self.tr("本单位向其他单位下发任务清单（显示“汇总”栏目）"))
        self._issues_said: bool | None = None  # what the clerk said; None: the default for the level
        self.issues_lists.clicked.connect(self._issues_clicked)
        form.addRow(self.tr("下发任务清单"), self.issues_lists)
        self.setLayout(form)
        self.level.currentIndexChanged.connect(self._offer_groups)
        self.level.currentIndexChanged.connect(self._show_issues)
        self._show_issues()

    def _add_group(self, text: str, checked: bool) -> None:
        for i in range(self.groups.count()):
            if self.groups.item(i).text() == text:
                if checked:
                    self.groups.item(i).setCheckState(Qt.Checked)
                return
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
        item.setCheckState(Qt.Checked if checked else Qt.Unchecked)
        self.groups.addItem(item)

    def _add_custom_group(self) -> None:
        text = self.custom_group.text().strip()
        if text:
            self._add_group(text, True)
            self.custom_group.clear()

    def _issues_clicked(self, checked: bool) -> None:
        self._issues_said = checked
        self._show_issues()

    def _show_issues(self) -> None:
        """The box shows whether 汇总 will show: said, or the default; a list this unit issued keeps it on."""
        p = self._profile(self._issues_said)
        own = bool(p.name) and issuer.issued_here(p)
        self.issues_lists.setChecked(own or (issuer.by_default(p) if self._issues_said is None else self._issues_said))
        self.issues_lists.setEnabled(not own)
        self.issues_lists.setToolTip(self.tr("任务台账中已有本单位下发的任务清单，“汇总”栏目始终显示。") if own else
                                     self.tr("主管单位用“汇总”读取各单位报送的进展文件，汇总任务落实情况。"))

    def _offer_groups(self) -> None:
        for g in units.SUGGESTED_GROUPS.get(self.level.currentData() or "", []):
            self._add_group(g, False)

    def set_profile(self, p: units.Profile | None) -> None:
        if p is None:
            return
        self.name.setText(p.name)
        for g in p.groups:  # the profile's own groups first, then the level's suggestions
            self._add_group(g, True)
        idx = self.level.findData(p.level)
        self.level.setCurrentIndex(max(idx, 0))
        self.supervisor.setText(p.supervisor)
        self.contact.setText(p.contact)
        self.phone.setText(p.phone)
        self.departments.setPlainText("\n".join(p.departments))
        self.aliases.setText("、".join(p.aliases))
        self._issues_said = p.issues_lists
        self._show_issues()

    def profile(self) -> units.Profile:
        return self._profile(self._issues_said)

    def _profile(self, issues_lists: bool | None) -> units.Profile:
        groups = [self.groups.item(i).text() for i in range(self.groups.count())
                  if self.groups.item(i).checkState() == Qt.Checked]
        return units.Profile(
            name=self.name.text().strip(), level=self.level.currentData() or "",
            supervisor=self.supervisor.text().strip(), contact=self.contact.text().strip(),
            phone=self.phone.text().strip(), departments=_lines(self.departments.toPlainText()),
            groups=groups, aliases=_lines(self.aliases.text()), issues_lists=issues_lists)

    def problems(self) -> list[str]:
        return self.profile().problems()

    # ---- drafts (settings page) ----------------------------------------------------------------
    def keep_drafts(self) -> bool:
        """Autosave typing from now on; puts back a draft left by a crash (True if there was one)."""
        self._saved = self.profile()
        self._version = units.version()  # what the form was read at: a colleague's save since is a conflict
        self.autosaver = Autosaver(self, self._write_draft)
        draft = drafts.get(DRAFT_KIND, DRAFT_RECORD)
        if draft is not None:
            self._restore(draft.data)
        for w in (self.name, self.supervisor, self.contact, self.phone, self.aliases):
            w.textChanged.connect(self.autosaver.touch)
        self.departments.textChanged.connect(self.autosaver.touch)
        self.level.currentIndexChanged.connect(self.autosaver.touch)
        self.groups.itemChanged.connect(self.autosaver.touch)
        self.issues_lists.clicked.connect(self.autosaver.touch)
        return draft is not None

    def _raw(self) -> dict:
        return {"name": self.name.text(), "level": self.level.currentData() or "",
                "supervisor": self.supervisor.text(), "contact": self.contact.text(), "phone": self.phone.text(),
                "departments": self.departments.toPlainText(), "aliases": self.aliases.text(),
                "groups": [[self.groups.item(i).text(), self.groups.item(i).checkState() == Qt.Checked]
                           for i in range(self.groups.count())], "issues_lists": self._issues_said}

    def _restore(self, raw: dict) -> None:
        self.name.setText(raw.get("name", ""))
        self.level.setCurrentIndex(max(self.level.findData(raw.get("level", "")), 0))
        for key in ("supervisor", "contact", "phone", "aliases"):
            getattr(self, key).setText(raw.get(key, ""))
        self.departments.setPlainText(raw.get("departments", ""))
        said = raw.get("issues_lists")
        self._issues_said = said if isinstance(said, bool) else None
        self._show_issues()
        for text, checked in raw.get("groups", []):
            self._add_group(text, checked)
            if not checked:
                for i in range(self.groups.count()):
                    if self.groups.item(i).text() == text:
                        self.groups.item(i).setCheckState(Qt.Unchecked)

    def _write_draft(self) -> None:
        if self.is_dirty():
            drafts.save(DRAFT_KIND, DRAFT_RECORD, self._raw())
        else:
            drafts.discard(DRAFT_KIND, DRAFT_RECORD)

    def is_dirty(self) -> bool:
        return getattr(self, "_saved", None) is not None and self.profile() != self._saved

    def save(self) -> bool:
        """Store the profile (and drop its draft) if nothing is missing; tells the clerk what is."""
        problems = self.problems()
        if problems:
            alerts.warn(self, self.tr("单位信息"), self.tr("请先补全：") + "；".join(problems))
            return False
        try:
            try:
                with drafts.settling(DRAFT_KIND, DRAFT_RECORD):
                    units.save(self.profile(), seen_version=getattr(self, "_version", None))
            except ConflictError as e:  # a colleague saved the profile since the form was read; the draft stays
                choice = conflicts.ask(self, e)
                if choice == conflicts.RELOAD and e.current is not None:
                    self.reload(e.current, e.version)
                    return False
                if choice != conflicts.MINE or e.version is None:
                    return False
                with drafts.settling(DRAFT_KIND, DRAFT_RECORD):  # 以我的为准, over the version now stored
                    units.save(self.profile(), seen_version=e.version)
        except GwdeskError as e:
            alerts.warn(self, self.tr("单位信息"), e.message)
            return False
        self._saved = self.profile()
        self._version = units.version()
        self.autosaver.cancel()
        return True

    def stored_version(self) -> int | None:
        """The version of the stored profile this form shows."""
        return getattr(self, "_version", None)

    def reload(self, p: units.Profile, version: int | None) -> None:
        """重新载入: the profile as stored (a colleague's save); this clerk's typing and its draft are dropped."""
        self.autosaver.cancel()
        self.groups.clear()
        self.custom_group.clear()
        self.set_profile(p)
        self._offer_groups()
        drafts.discard(DRAFT_KIND, DRAFT_RECORD)
        self._saved = self.profile()
        self._version = version
        self.autosaver.cancel()  # the fields just filled are the stored profile, no typing

    # the main window's question before closing (gwdesk.ui.common.autosave)
    def unsaved_edits(self) -> str:
        return self.tr("单位信息") if self.is_dirty() else ""

    def save_unsaved(self) -> bool:
        return self.save()

    def discard_unsaved(self) -> None:
        self.autosaver.cancel()
        drafts.discard(DRAFT_KIND, DRAFT_RECORD)
        self._saved = self.profile()
