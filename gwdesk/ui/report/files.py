"""The 年度报告 screen's file actions: export DOCX/PDF/JSON, import JSON or table-二 xlsx, the roll-up.

A collaborator of the screen, which it reaches only through the `ReportHost` interface."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QWidget

from gwdesk.context import AppContext
from gwdesk.core.annual_report import checker, records, spec
from gwdesk.core.annual_report.findings import Finding, count
from gwdesk.core.annual_report.spec import ReportData
from gwdesk.errors import GwdeskError, ImportRejected, os_error_text
from gwdesk.io import report_json
from gwdesk.io.xlsx_safe import safe_filename
from gwdesk.ui.common import files
from gwdesk.ui.common import alerts


class ReportHost(Protocol):
    """What the file actions need from the screen they serve (report.page.Page)."""

    data: ReportData
    unit: str
    sources: dict[str, str]
    findings: list[Finding]
    import_findings: list[Finding]
    ctx: AppContext

    def save_now(self) -> None: ...  # write a pending autosave first
    def schedule_save(self) -> None: ...
    def recheck(self) -> None: ...
    def business_figures_changed(self, text: str) -> None: ...  # 表二 redrawn, the status line says `text`
    def show_year(self, year: int) -> None: ...  # after an import: list the years again, open `year`


class ReportFiles:
    """Export DOCX/PDF/JSON, import JSON or 表二 xlsx, roll up a folder of units: for `host`, with
    `parent` owning the dialogs. `ask_path` and `ask_rollup` are what tests replace."""

    def __init__(self, host: ReportHost, parent: QWidget):
        self.host = host
        self.parent = parent

    def tr(self, text: str) -> str:
        return self.parent.tr(text)

    def import_business_xlsx(self) -> None:
        from gwdesk.io import report_xlsx

        path = self.ask_path("xlsx", "", open_file=True)
        if not path:
            return
        try:
            found = report_xlsx.read(path)
        except ImportRejected as e:
            alerts.error(self.parent, self.tr("导入业务数据"), e.message, "\n".join(e.problems))
            return
        replaced = [f"{spec.T2_LABELS[b]}·{spec.T2_FIELD_LABELS[f]}：原为{self.host.data.t2(b, f)}，现为{v}"
                    for (b, f), v in found.items() if self.host.data.t2(b, f) not in (None, v)]
        if replaced and not alerts.ask(self.parent, self.tr("导入业务数据"),
                                       self.tr("以下已填写的数字将被替换：\n") + "\n".join(replaced)):
            return
        for (b, f), v in found.items():
            self.host.data.table2.setdefault(b, {})[f] = v
        self.host.sources["table2.business"] = f"导入自 {Path(path).name}"
        self.host.business_figures_changed(self.tr("已从 xlsx 导入%1个数字").replace("%1", str(len(found))))

    def save_business_template(self) -> str:
        from gwdesk.io import report_xlsx

        path = self.ask_path("xlsx", "年度报告表二业务数据模板.xlsx")
        if not path:
            return ""
        try:
            report_xlsx.write_template(path)
        except OSError as e:
            alerts.error(self.parent, self.tr("保存模板"), self.tr("无法写入 %1：%2").replace("%1", path)
                         .replace("%2", os_error_text(e)))
            return ""
        alerts.info(self.parent, self.tr("保存模板"), self.tr("已保存：%1").replace("%1", path))
        return path

    def ask_path(self, kind: str, suggested: str, open_file: bool = False) -> str:
        """The file to write (or read); tests replace this."""
        filters = {"docx": "Word 文档 (*.docx)", "pdf": "PDF (*.pdf)", "json": "年度报告数据 (*.json)",
                   "xlsx": "Excel (*.xlsx)"}
        if open_file:
            return files.open_file(self.parent, "report_data", self.tr("导入"), filters[kind])
        return files.save_file(self.parent, "report_export", self.tr("导出"), suggested, filters[kind])

    def export(self, kind: str) -> str:
        self.host.save_now()
        name = safe_filename(f"{self.host.unit}{self.host.data.year}年政府信息公开工作年度报告") + f".{kind}"
        e, w = count(self.host.findings, "error"), count(self.host.findings, "warn")
        empty = checker.empty_sections(self.host.data)
        said = self.tr("以下部分没有内容，导出后只有标题：%1。\n").replace("%1", "、".join(empty)) if empty else ""
        if (e or w) and not alerts.ask(
                self, self.tr("导出"),
                said + self.tr("校验发现 %1 个错误、%2 个提醒。仍要导出吗？").replace("%1", str(e)).replace("%2", str(w))):
            return ""
        path = self.ask_path(kind, name)
        if not path:
            return ""
        try:
            if kind == "json":
                report_json.write(self.host.data, path, as_of=self.host.ctx.today())
            else:
                from gwdesk.render import glyphs
                from gwdesk.render.layouts import annual_report
                doc = annual_report.build(self.host.data, self.host.unit)
                warning = glyphs.warning_text(glyphs.missing_glyphs(doc))
                if warning and not alerts.ask(self.parent, self.tr("导出"), warning + self.tr("\n\n仍要导出吗？")):
                    return ""
                if kind == "docx":
                    from gwdesk.render.docx import render_docx
                    render_docx(doc, path)
                else:  # hundreds of pages take seconds: off the GUI thread, with the pages done and 取消
                    from gwdesk.render.pdf import render_pdf
                    from gwdesk.ui.common import background
                    try:
                        background.run(self.parent, self.tr("导出"), self.tr("正在生成 PDF…"),
                                       lambda progress: render_pdf(doc, path, progress))
                    except background.Cancelled:
                        return ""
        except OSError as err:
            alerts.error(self.parent, self.tr("导出失败"), self.tr("无法写入 %1：%2").replace("%1", path)
                         .replace("%2", os_error_text(err)))
            return ""
        except GwdeskError as err:
            alerts.error(self.parent, self.tr("导出失败"), err.message)
            return ""
        alerts.info(self.parent, self.tr("导出"), self.tr("已导出：%1").replace("%1", path))
        return path

    def import_json(self) -> None:
        path = self.ask_path("json", "", open_file=True)
        if not path:
            return
        try:
            data, found = report_json.read(path)
        except ImportRejected as e:
            detail = "\n".join(e.problems)
            if not alerts.ask(self.parent, self.tr("导入"), e.message + self.tr(
                    "\n\n是否按宽松方式导入？（把“无”、“/”、空白等读作0，并逐项列为问题供核对）")):
                return
            try:
                data, found = report_json.read(path, lenient=True)
            except ImportRejected as e2:
                alerts.error(self.parent, self.tr("导入失败"), e2.message, "\n".join(e2.problems) or detail)
                return
        if self.host.unit and data.unit and data.unit != self.host.unit and not alerts.ask(
                self, self.tr("导入"), self.tr("文件中的单位是“%1”，不是本单位“%2”。仍按本单位导入吗？")
                .replace("%1", data.unit).replace("%2", self.host.unit)):
            return
        existing = records.load(self.host.unit, data.year)
        if existing and existing.frozen:
            alerts.error(self.parent, self.tr("导入失败"), self.tr("%1年度报告已定稿，不能导入覆盖").replace("%1", str(data.year)))
            return
        if existing and not alerts.ask(self.parent, self.tr("导入"),
                                       self.tr("将用导入的数据替换%1年度报告。是否继续？").replace("%1", str(data.year))):
            return
        data.unit = self.host.unit or data.unit
        try:
            # over the report the clerk agreed to replace, not a colleague's save made while the question was open
            records.save(data, {"import": f"导入自 {Path(path).name}"},
                         seen_version=existing.version if existing else 0)
        except GwdeskError as e:
            alerts.error(self.parent, self.tr("导入失败"), e.message)
            return
        self.host.show_year(data.year)
        self.host.import_findings = found
        self.host.recheck()

    def ask_rollup(self) -> tuple[str, str]:
        """The folder of unit reports and the xlsx to write; tests replace this."""
        folder = files.open_folder(self.parent, "report_rollup", self.tr("选择存放各单位年度报告数据（JSON）的文件夹"))
        if not folder:
            return "", ""
        out = files.save_file(self.parent, "report_export", self.tr("保存汇总表"), str(Path(folder) / "年度报告汇总.xlsx"),
                              "Excel (*.xlsx)")
        return folder, out

    def rollup(self) -> str:
        from gwdesk.io import report_rollup as rollup

        folder, out = self.ask_rollup()
        if not folder or not out:
            return ""
        try:
            r = rollup.collect([folder])
            rollup.export_xlsx(r, out)
        except GwdeskError as e:
            alerts.error(self.parent, self.tr("汇总"), e.message)
            return ""
        used = [e for e in r.entries if e.used]
        bad = [e for e in r.entries if e.file and not e.used]
        alerts.info(self.parent, self.tr("汇总"), self.tr(
            "%1年度：汇总%2个单位，其中有错误的%3个、逾期的%4个；未能使用的文件%5个。\n已导出：%6")
            .replace("%1", str(r.year)).replace("%2", str(len(used)))
            .replace("%3", str(sum(1 for e in used if e.errors))).replace("%4", str(len(r.late)))
            .replace("%5", str(len(bad))).replace("%6", out))
        return out
