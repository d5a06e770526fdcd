"""Selftest check of the ICU data Qt reads: Chinese sorts by pinyin (Qt's own file dialog on Linux), GB18030."""

from __future__ import annotations

from PySide6.QtCore import QCollator, QLocale, QStringDecoder


def icu_problems() -> list[str]:
    """The bundle carries a cut-down ICU data library (tools/slim_icu.py); this proves it still has these."""
    problems = []
    collator = QCollator(QLocale(QLocale.Chinese, QLocale.China))
    if sorted(["张", "李", "王"], key=collator.sortKey) != ["李", "王", "张"]:  # code-point order is 张 李 王
        problems.append("Qt 的中文排序（ICU 拼音排序数据）不可用")
    if not QStringDecoder("GB18030").isValid():
        problems.append("Qt 的 GB18030 编码转换（ICU）不可用")
    return problems
