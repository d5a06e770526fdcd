"""A checker or import finding: which rule, how bad, which cell, and what to tell the clerk."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from gwdesk.core.annual_report.spec import cell_name

RULES = {
    "R0": "未填写",
    "R1": "表三勾稽关系（第一项＋第二项＝第三项＋第四项）",
    "R2": "表三各行总计＝六类申请人之和",
    "R3": "表三（七）总计＝（一）至（六）各项之和",
    "R4": "表四各组总计＝维持＋纠正＋其他＋尚未审结",
    "R5": "本年上年结转＝上年结转下年度",
    "R6": "现行有效件数＝上年现行有效＋本年制发－本年废止",
    "R7": "数字须为非负整数，金额非负",
    "R8": "总体情况中引用的数字与表格一致",
    "R9": "规章只能由国务院部门和省级、设区的市级人民政府制定",
    "R10": "总体情况不得照搬上年报告",
    "R11": "总体情况应写明本年的具体数字",
    "R12": "六个部分都须有内容（一、五、六为文字）",
    "IMPORT": "宽松导入时改读的数值",
}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "error" or "warn"
    table: str  # "2", "3", "4", "text" or "report"
    row: str | None
    col: str | int | None
    message: str

    @property
    def where(self) -> str:
        return cell_name(self.table, self.row or "", self.col)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["where"] = self.where
        return d


def count(findings: list[Finding], severity: str) -> int:
    return sum(1 for f in findings if f.severity == severity)
