"""The rows of the 公开信息登记表 and the 不予公开政府信息登记表 for a month or a year (io writes them).

Only forms that were signed off count (已审定, 已公开); 草稿, 待审核 and 作废 are left out. A form belongs
to the month of its 拟发文日期 (成文日期); one without that date counts in the year of its 编号 only.
依申请公开 documents are listed in the 公开信息登记表 with why they are not 主动公开, never in the
不予公开 register; 删减后公开 ones appear in both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import peewee

from gwdesk.core import formdef
from gwdesk.core.formdef import FormDef
from gwdesk.core.review.forms import SIGNED
from gwdesk.errors import GwdeskError
from gwdesk.store.review_models import ReviewForm


@dataclass
class OpenRow:
    number: str
    title: str
    doc_number: str
    dept: str
    doc_date: str
    attribute: str
    description: str  # 内容描述, from 内容概述
    scope: str
    channels: str
    column: str
    planned_date: str
    published_date: str
    url: str
    normative: bool | None  # None: 是否行政规范性文件 not answered (a definition that does not require it)
    interpretation: str
    note: str  # 依申请公开: why not 主动公开
    status: str
    # 采集人 / 审核人 / 发布人, when the form definition records them (forms/example_complete.toml)
    people: tuple[str, str, str] = ("", "", "")


PEOPLE_KEYS = ("collector", "checker", "poster")


@dataclass
class WithheldRow:
    number: str
    title: str
    doc_number: str
    dept: str
    doc_date: str
    attribute: str
    description: str
    withheld: str  # 不予公开（删减）内容
    articles: str
    sentences: str
    status: str


@dataclass
class Registers:
    unit: str
    year: int
    month: int | None
    open_rows: list[OpenRow] = field(default_factory=list)
    withheld_rows: list[WithheldRow] = field(default_factory=list)

    @property
    def period(self) -> str:
        return f"{self.year}年{self.month}月" if self.month else f"{self.year}年度"


def _signed_forms(year: int, month: int | None):
    dated = peewee.fn.substr(ReviewForm.doc_date, 1, 7 if month else 4) == (
        f"{year:04d}-{month:02d}" if month else f"{year:04d}")
    where = dated if month else (dated | (ReviewForm.doc_date.is_null() & (ReviewForm.year == year)))
    q = (ReviewForm.select().where(ReviewForm.status.in_(SIGNED) & where)
         .order_by(ReviewForm.doc_date, ReviewForm.year, ReviewForm.seq))
    for r in q:
        data = json.loads(r.data or "{}")
        yield r, data.get("values", {})


def _text(v) -> str:
    return "" if v is None else str(v)


def _reason_texts(definition: FormDef, keys, basis: str) -> tuple[str, str]:
    reasons = [r for r in (definition.reason(k) for k in dict.fromkeys(definition.reason_key(k) for k in keys or []))
               if r is not None]  # an older form's “other” is today's 法律、行政法规禁止公开 (第十四条)

    def article(r) -> str:
        if r.article == "其他":
            return f"其他：{basis}"
        named = f"：{basis}" if r.needs_basis and basis else ""
        return f"《政府信息公开条例》{r.article}（{r.label}{named}）"
    articles = "；".join(article(r) for r in reasons)
    sentences = "".join(r.sentence + (basis if r.needs_basis else "") for r in reasons)
    return articles, sentences


def gather(year: int, month: int | None = None, unit: str = "", definition: FormDef | None = None) -> Registers:
    """Both registers for `year` (and `month`, 1–12, when given)."""
    if month is not None and not 1 <= month <= 12:
        raise GwdeskError(f"月份应为1到12，而不是 {month}")
    if not 1949 <= year <= 2100:
        raise GwdeskError(f"年度 {year} 不正确")
    definition = definition or formdef.load()
    regs = Registers(unit, year, month)
    for r, v in _signed_forms(year, month):
        values = dict(v, attribute=r.attribute)
        on_request = definition.is_on_request(values)
        if definition.is_publishable(values) or on_request:
            interp = ""
            if v.get("interp_forms") or v.get("interp_title"):
                interp = "、".join(v.get("interp_forms") or []) + (
                    f"：{v['interp_title']}" if v.get("interp_title") else "")
            channels = "、".join(c if c != "其他" else (v.get("other_channel") or "其他")
                                 for c in v.get("channels") or [])
            note = ""
            if v.get("revision_kind"):  # 修改/撤销 of an item published before: its own entry, naming the original
                note = f"{v['revision_kind']}（原意见单{v.get('revision_of') or ''}）：{v.get('revision_note') or ''}"
            if on_request:
                note = "依申请公开：" + "；".join(x.label for x in (definition.reason(k) for k in
                                                                   v.get("request_reasons") or []) if x)
            regs.open_rows.append(OpenRow(
                r.number, r.title, r.doc_number, r.dept, r.doc_date or "", r.attribute, _text(v.get("summary")),
                _text(v.get("scope")), channels, _text(v.get("column")), r.planned_date or "",
                r.published_date or "", _text(v.get("url")), r.normative, interp, note, r.status,
                tuple(_text(v.get(k)) for k in PEOPLE_KEYS)))
        if definition.is_withheld(values):
            articles, sentences = _reason_texts(definition, v.get("reasons"), _text(v.get("other_basis")))
            content = v.get("withheld_content") or ("全文" if r.attribute != "删减后公开" else "")
            regs.withheld_rows.append(WithheldRow(
                r.number, r.title, r.doc_number, r.dept, r.doc_date or "", r.attribute, _text(v.get("summary")),
                _text(content), articles, sentences, r.status))
    return regs
