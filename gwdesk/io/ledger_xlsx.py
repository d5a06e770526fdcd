"""依申请公开台账 to and from xlsx: import an existing ledger (header detection, column mapping,
all-or-nothing, row-level messages) and export (de-identified by default, formula-injection safe)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

from gwdesk.core import inputs
from gwdesk.core.applications import (APPLICANT_TYPES, CHANNELS, OUTCOMES, ids, masking, outcome_label)
from gwdesk.core.applications import ledger
from gwdesk.core.applications.happened import future_problem
from gwdesk.errors import ImportRejected
from gwdesk.io import zipguard
from gwdesk.io.xlsx_layout import print_ready
from gwdesk.io.xlsx_read import SheetTooLarge, sheet_values, unguard
from gwdesk.io.xlsx_safe import safe_cell

# field -> (column title in our exports, header synonyms seen in county ledgers)
FIELDS: dict[str, tuple[str, list[str]]] = {
    "number": ("编号", ["编号", "申请编号", "登记编号", "受理编号", "序号"]),
    "received": ("收到日期", ["收到日期", "收到申请日期", "申请日期", "受理日期", "登记日期", "收件日期"]),
    "channel": ("渠道", ["渠道", "申请方式", "提交方式", "申请渠道", "收件方式"]),
    "applicant_type": ("申请人类型", ["申请人类型", "申请人类别", "申请人性质", "类型", "类别"]),
    "applicant_name": ("申请人姓名或名称", ["申请人姓名或名称", "申请人", "申请人姓名", "姓名或名称", "姓名", "名称"]),
    "id_kind": ("证件类型", ["证件类型", "证件种类", "证件名称"]),
    "id_number": ("证件号码", ["证件号码", "身份证号码", "身份证号", "统一社会信用代码", "证件号"]),
    "contact": ("联系方式", ["联系方式", "联系电话", "电话", "手机"]),
    "content": ("申请内容", ["申请内容", "申请公开内容", "所需信息", "申请公开的信息", "内容描述"]),
    "delivery": ("获取方式", ["获取方式", "获取信息方式", "提供方式"]),
    "closed": ("答复日期", ["答复日期", "办结日期", "答复时间", "办理日期"]),
    "outcome": ("办理结果", ["办理结果", "答复结果", "处理结果", "答复类型"]),
    "reply_number": ("答复书编号", ["答复书编号", "告知书编号", "答复文号", "文号"]),
    "reason": ("理由", ["理由", "答复理由", "依据", "不予公开理由"]),
    "note": ("备注", ["备注"]),
}
REQUIRED = ["number", "received", "applicant_type", "applicant_name", "content"]

_TYPE_SYNONYMS = {"个人": "自然人", "公民": "自然人", "群众": "自然人", "企业": "商业企业", "公司": "商业企业",
                  "律师事务所": "法律服务机构", "律所": "法律服务机构", "科研单位": "科研机构", "高校": "科研机构",
                  "公益组织": "社会公益组织", "社会组织": "社会公益组织"}
_CHANNEL_SYNONYMS = {"网上": "网络", "在线": "网络", "网站": "网络", "互联网": "网络", "政府网站": "网络",
                     "电子邮件": "网络", "邮件": "网络", "信函": "邮寄", "挂号信": "邮寄", "快递": "邮寄",
                     "现场": "当面", "窗口": "当面", "当面提交": "当面"}


def _norm(text: Any) -> str:
    return re.sub(r"\s+", "", str(text or "")).replace("（", "(").replace("）", ")")


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """Field -> column index, matching header synonyms exactly first, then by containment."""
    norm = [_norm(h) for h in headers]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for f, (_, synonyms) in FIELDS.items():
            if f in mapping:
                continue
            for syn in synonyms:
                hit = next((i for i, h in enumerate(norm) if i not in used and h and
                            (h == syn if exact else (syn in h and len(syn) >= 2))), None)
                if hit is not None:
                    mapping[f] = hit
                    used.add(hit)
                    break
    return mapping


MASKED_NOTE = "已去除个人身份信息"  # the masked export says so above its header; such a file is not imported back


@dataclass
class SheetData:
    file: str
    sheet: str
    header_row: int            # 1-based row number of the header
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (1-based row number, values)
    mapping: dict[str, int] = field(default_factory=dict)


def read(path: str | Path, sheet: str | None = None) -> SheetData:
    """Find the sheet and header row that look most like a ledger (within the first 15 rows)."""
    path = Path(path)
    zipguard.check(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:
        raise ImportRejected(f"无法打开“{path.name}”：不是有效的 xlsx 文件（{type(e).__name__}）。",
                             file=path.name) from e
    try:
        best = None
        for ws in wb.worksheets:
            if sheet and ws.title != sheet:
                continue
            try:
                values = sheet_values(ws)
            except SheetTooLarge as e:
                raise ImportRejected(f"无法导入“{path.name}”：{e.problem}。", file=path.name, sheet=ws.title) from None
            except Exception as e:  # openpyxl raises many types for a damaged sheet
                raise ImportRejected(f"无法读取“{path.name}”的工作表“{ws.title}”：文件已损坏或不是有效的 xlsx"
                                     f"（{type(e).__name__}）。", file=path.name, sheet=ws.title) from e
            for i, row in enumerate(values[:15]):
                headers = ["" if v is None else str(v).strip() for v in row]
                m = guess_mapping(headers)
                score = len(m) + sum(1 for f in REQUIRED if f in m)
                if best is None or score > best[0]:
                    best = (score, ws.title, i, headers, values, m)
    finally:
        wb.close()
    if best is None or best[0] < 4:
        raise ImportRejected(f"“{path.name}”中没有找到台账表头（应有编号、收到日期、申请人、申请内容等列）。",
                             file=path.name)
    _, title, i, headers, values, m = best
    if any(MASKED_NOTE in str(v) for r in values[:i] for v in r if v):  # our own export, personal data masked
        raise ImportRejected(f"“{path.name}”是去除了个人身份信息的导出文件（姓名、证件号码、联系方式已打码），不能导入："
                             "打码的内容会被当作申请人的信息保存。请在原电脑上“导出台账”时选择导出完整的个人信息，"
                             "或用“设置 → 导出全部数据”换电脑。", file=path.name, sheet=title)
    rows = [(i + 2 + k, list(r)) for k, r in enumerate(values[i + 1:])
            if any(v not in (None, "") and str(v).strip() for v in r)]
    return SheetData(path.name, title, i + 1, headers, rows, m)


def parse_date(value: Any) -> dt.date | None:
    """Cell value -> date; raises ValueError for text that is not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and 20000 < value < 80000:  # an Excel serial day number
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    raise ValueError(text)


def parse_type(value: Any) -> str:
    t = _norm(value)
    if t in APPLICANT_TYPES:
        return t
    for k, v in _TYPE_SYNONYMS.items():
        if k in t:
            return v
    raise ValueError(t)


def parse_channel(value: Any) -> str:
    t = _norm(value)
    if not t:
        return "其他"
    if t in CHANNELS:
        return t
    for k, v in _CHANNEL_SYNONYMS.items():
        if k in t:
            return v
    raise ValueError(t)


def parse_outcome(value: Any) -> str | None:
    t = _norm(value)
    if not t:
        return None
    if t in OUTCOMES:
        return t
    m = re.match(r"^(3\.\d(?:\.\d)?)", t)
    if m and m[1] in OUTCOMES:
        return m[1]
    for code, label in OUTCOMES.items():  # full or core label, e.g. “属于国家秘密”, “予以公开”
        core = _norm(re.sub(r"^（[一二三四五六七]）|^\d\.", "", label)).split("(")[0]
        if t == _norm(label) or (core and (t == core or t.endswith(core) or core.startswith(t) and len(t) >= 4)):
            return code
    raise ValueError(t)


def _cell(row: list[Any], mapping: dict[str, int], f: str) -> Any:
    i = mapping.get(f)
    return row[i] if i is not None and i < len(row) else None


def _text(v: Any, multiline: bool = True) -> str:
    """A cell as clean text: our export's formula guard taken off, Word's control characters normalised."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return inputs.clean_text(unguard(str(v)), multiline=multiline).strip()


_LABELS = {title: f for f, (title, _) in FIELDS.items()}  # ledger.validate's “字段：…” -> our field
_LABELS.update({"申请人类型": "applicant_type", "证件类型": "id_kind"})
_ONE_LINE = {"number", "applicant_name", "id_kind", "id_number", "contact", "reply_number"}


def import_ledger(path: str | Path, mapping: dict[str, int] | None = None, sheet: str | None = None,
                  today: dt.date | None = None) -> int:
    """Import every row or nothing; returns the number imported. Problems name sheet, row and column."""
    data = read(path, sheet)
    mapping = dict(data.mapping if mapping is None else mapping)
    missing = [FIELDS[f][0] for f in REQUIRED if f not in mapping]
    if missing:
        raise ImportRejected(f"“{data.file}”工作表“{data.sheet}”缺少必需的列：{'、'.join(missing)}。请在列对应中指定。",
                             file=data.file, sheet=data.sheet, problems=[f"缺少列：{m}" for m in missing])
    problems: list[str] = []
    records: list[dict] = []
    seen: dict[str, int] = {}
    zipguard.refuse_formulas(path, data.sheet)
    flagged: set[tuple[int, str]] = set()

    def bad(row_no: int, f: str, msg: str) -> None:
        flagged.add((row_no, f))
        problems.append(f"工作表“{data.sheet}”第{row_no}行“{data.headers[mapping[f]] if f in mapping else FIELDS[f][0]}”：{msg}")

    for row_no, row in data.rows:
        rec: dict[str, Any] = {}
        for f in ("number", "applicant_name", "id_kind", "id_number", "contact", "content", "delivery",
                  "reply_number", "reason", "note"):
            rec[f] = _text(_cell(row, mapping, f), multiline=f not in _ONE_LINE)
        for f in ("received", "closed"):
            v = _cell(row, mapping, f)
            try:
                rec[f] = parse_date(v)
            except (ValueError, OverflowError):
                bad(row_no, f, f"“{_text(v)}”不是有效日期（应写成 2025-09-26 这样的格式）")
                rec[f] = None
            if rec[f] is not None and not inputs.date_ok(rec[f]):
                bad(row_no, f, f"“{rec[f].isoformat()}”超出可登记的范围（{inputs.RANGE_TEXT}），请核对年份")
                rec[f] = None
        for f, parser, allowed in (("applicant_type", parse_type, "、".join(APPLICANT_TYPES)),
                                   ("channel", parse_channel, "、".join(CHANNELS))):
            v = _cell(row, mapping, f)
            try:
                rec[f] = parser(v)
            except ValueError:
                bad(row_no, f, f"“{_text(v)}”无法识别，应为{allowed}之一" if _text(v) else "不能为空")
                rec[f] = None
        try:
            rec["outcome"] = parse_outcome(_cell(row, mapping, "outcome"))
        except ValueError:
            bad(row_no, "outcome", f"“{_text(_cell(row, mapping, 'outcome'))}”不是年度报告表三的办理结果")
            rec["outcome"] = None
        for f in REQUIRED:
            if f not in ("received", "applicant_type") and not rec.get(f):
                bad(row_no, f, "不能为空")
        if "received" in rec and rec["received"] is None and _text(_cell(row, mapping, "received")) == "":
            bad(row_no, "received", "不能为空")
        if rec["number"]:
            if rec["number"] in seen:
                bad(row_no, "number", f"“{rec['number']}”与第{seen[rec['number']]}行重复")
            seen.setdefault(rec["number"], row_no)
        if rec["received"] and rec["closed"] and rec["closed"] < rec["received"]:
            bad(row_no, "closed", "答复日期早于收到日期")
        future = future_problem(rec["closed"], "答复日期", today)
        if future:
            bad(row_no, "closed", future.split("：", 1)[1])
        if bool(rec["closed"]) != bool(rec["outcome"]) and "outcome" in mapping:
            bad(row_no, "outcome" if rec["closed"] else "closed", "答复日期和办理结果应同时填写或同时留空")
        if rec["closed"] and "outcome" not in mapping:
            bad(row_no, "closed", "有答复日期但没有“办理结果”列，无法计入年度报告")
        rec["id_number"] = rec["id_number"].upper()
        if not rec["id_number"]:
            rec["id_kind"] = ""
        elif not rec["id_kind"]:
            rec["id_kind"] = ids.guess_kind(rec.get("applicant_type") or "", rec["id_number"])
        # one door: the editor's own checks, for whatever the parsing above has not already reported
        checked = dict(rec, received=rec["received"] or dt.date(2000, 1, 1), channel=rec["channel"] or "其他",
                       applicant_type=rec["applicant_type"] or APPLICANT_TYPES[0])
        for problem in ledger.validate(checked, check_unique=False):
            label, _, msg = problem.partition("：")
            f = _LABELS.get(label, "number")
            if (row_no, f) not in flagged and not (f in REQUIRED and not rec.get(f)):
                bad(row_no, f, msg)
        records.append(rec)
    if not records:
        raise ImportRejected(f"“{data.file}”工作表“{data.sheet}”表头下没有数据行。", file=data.file, sheet=data.sheet)
    for n in sorted(ledger.numbers_in_use(list(seen))):
        problems.append(f"工作表“{data.sheet}”第{seen[n]}行“编号”：“{n}”在台账中已存在")
    if problems:
        head = f"“{data.file}”未导入（共{len(problems)}处问题，全部改正后再导入）：" + problems[0]
        raise ImportRejected(head, file=data.file, sheet=data.sheet, problems=problems)
    return ledger.add_imported(records)


EXPORT_COLUMNS = ["编号", "收到日期", "渠道", "申请人类型", "申请人姓名或名称", "证件类型", "证件号码", "联系方式", "申请内容",
                  "获取方式", "状态", "答复期限", "答复日期", "办理结果", "答复书编号", "理由", "备注"]


def export_ledger(path: str | Path, today: dt.date, *, year: int | None = None, reveal: bool = False) -> int:
    """Write the ledger (optionally one year's applications); personal data masked unless `reveal`."""
    rows = ledger.rows(today, year=year)
    rows.sort(key=lambda r: (r.app.received, r.app.number))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "依申请公开台账"
    title = f"依申请公开台账{f'（{year}年）' if year else ''}"
    ws.append([title])
    ws.append([f"导出日期：{today.isoformat()}　" + ("含个人信息，请妥善保管" if reveal else MASKED_NOTE)])
    ws.append(EXPORT_COLUMNS)
    # every person's name in the ledger is masked wherever it appears in free text, not only in its own row
    people = frozenset() if reveal else ledger.personal_names()
    free = (lambda t: t) if reveal else (lambda t: masking.scrub(t or "", people))
    for r in rows:
        a = r.app
        name = masking.applicant_display(a.applicant_name, a.applicant_type, reveal)
        idn = a.id_number if (reveal or a.id_kind == "统一社会信用代码") else masking.mask_id(a.id_number)
        # an organisation's 联系方式 is its handler's (name, mobile, home address, e-mail): masked as a person's
        contact = a.contact if reveal else masking.scrub_contact(a.contact, people)
        values = [a.number, a.received, a.channel, a.applicant_type, name, a.id_kind, idn, contact, free(a.content),
                  a.delivery, f"{r.due.state}：{a.void_reason}" if a.voided else r.due.state, r.due.due or r.due.reply_due, a.closed,
                  a.outcome and f"{a.outcome} {outcome_label(a.outcome, short=True)}",
                  a.reply_number, free(a.reason), free(a.note)]
        ws.append([safe_cell(v) if isinstance(v, str) else v for v in values])
    for row in ws.iter_rows(min_row=4):
        for c in row:
            if isinstance(c.value, dt.date):
                c.number_format = "yyyy-mm-dd"
    print_ready(ws, header_row=3, ncols=len(EXPORT_COLUMNS), freeze_cols=1)
    wb.save(path)
    return len(rows)
