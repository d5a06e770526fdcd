"""Form definitions (forms/*.toml): load, validate and describe a paper form as data.

A definition in the data dir's forms/ folder overrides the bundled one of the same name; a broken
one (TOML syntax or schema error) is reported with file and line and the bundled one is used.
Rules such as `attribute != "主动公开"` are parsed once into `Rule` objects (a safe subset of
Python expressions: comparisons, in, and/or/not, literals, field names).
"""

from __future__ import annotations

import ast
import dataclasses
import logging
import math
import re
import string
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gwdesk import paths
from gwdesk.errors import GwdeskError

log = logging.getLogger(__name__)

FIELD_TYPES = ("text", "textarea", "date", "choice", "multichoice", "bool", "checklist", "auto", "files")
STAGES = ("submit", "approve", "publish")
FORMATS = ("doc_number", "phone", "law_basis")
CHECKS = ("publish_deadline",)


class FormDefError(GwdeskError):
    """A definition file that cannot be used; `file` and `line` say where."""

    def __init__(self, message: str, *, file: str = "", line: int | None = None):
        where = file + (f" 第{line}行" if line else "")
        super().__init__(f"{where}：{message}" if where else message)
        self.file, self.line, self.reason = file, line, message


# --- rules -----------------------------------------------------------------------------------
_ALLOWED = (ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.Compare,
            ast.Eq, ast.NotEq, ast.In, ast.NotIn, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Name,
            ast.Load, ast.Constant, ast.List, ast.Tuple)
_LITERALS = {"true": True, "false": False, "null": None}


class Rule:
    """A condition over field values, e.g. `attribute in ["主动公开", "依申请公开"]`."""

    def __init__(self, source: str):
        self.source = source
        try:
            tree = ast.parse(source.strip(), mode="eval")
        except SyntaxError as e:
            raise ValueError(f"条件“{source}”写法有误：{e.msg}") from None
        for node in ast.walk(tree):
            if not isinstance(node, _ALLOWED):
                raise ValueError(f"条件“{source}”中含有不支持的写法（{type(node).__name__}）")
        self._code = compile(tree, "<rule>", "eval")
        self.names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} - set(_LITERALS)

    def __call__(self, values: dict[str, Any]) -> bool:
        env = dict(_LITERALS)
        for name in self.names:
            v = values.get(name)
            env[name] = v if v is not None else ""
        try:
            return bool(eval(self._code, {"__builtins__": {}}, env))  # noqa: S307 - whitelisted AST
        except TypeError:
            return False

    def __repr__(self) -> str:
        return f"Rule({self.source!r})"


# --- the definition --------------------------------------------------------------------------
@dataclass
class Reason:
    key: str
    article: str
    label: str
    sentence: str
    needs_basis: bool = False
    # "withhold": a ground for 不予公开/删减 (条例第十四、十五、十六条); "on_request": why a document is
    # 依申请公开 rather than 主动公开 — never a withholding ground, never in the 不予公开 register
    kind: str = "withhold"
    replaces: tuple[str, ...] = ()  # keys an older definition used for this reason (read as this one)

    @property
    def title(self) -> str:
        return f"条例{self.article}：{self.label}" if self.article not in ("其他", "") else self.label


@dataclass
class Topic:
    """A kind of information a unit of some levels must publish of its own accord beyond 条例第二十条, e.g.
    社会救助 for 设区的市级、县级人民政府及其部门 and 乡（镇）人民政府 (条例第二十一条)."""

    key: str
    label: str
    levels: tuple[str, ...]  # unit levels (gwdesk.core.units.LEVELS) the duty binds
    keywords: tuple[str, ...] = ()  # words in the title or summary that point to it (a hint, never decisive)
    article: str = "第二十一条"


@dataclass
class Field:
    key: str
    label: str
    type: str
    section: str = ""
    required: bool = False
    required_when: Rule | None = None
    forbidden_when: Rule | None = None
    max_chars: int | None = None
    max_chars_when: Rule | None = None
    options: list[str] = field(default_factory=list)
    options_from: str = ""  # "reasons"
    suggest_from: str = ""  # "departments": offered in the editor, free text allowed
    items: list[str] = field(default_factory=list)  # checklist items
    required_items: int | None = None  # checklist: how many leading items must be ticked (default all)
    print_items: list[str] = field(default_factory=list)  # shorter printed wording of the items, one each
    help: str = ""
    stage: str = "submit"
    format: str = ""
    check: str = ""
    not_before: str = ""
    print_label: str = ""  # a shorter label for the printout
    default: Any = None  # a choice preselected on a new form (e.g. 载体形式 公文类); a bool's answer (True/False)
    write_lines: int | None = None  # handwriting lines on the blank form
    print_empty: bool = True  # False: the filled form leaves the row out when nothing is entered
    # "field:option": printed inside that option's line (“☐其他（其他方式：____）”), not as a row of its own
    inline_after: str = ""
    print_when: Rule | None = None  # printed (blank and filled) only when this holds, e.g. over unit_level
    line: int | None = None

    def is_required(self, values: dict[str, Any]) -> bool:
        if self.type == "auto":
            return False
        if self.required_when is not None:
            return self.required_when(values)
        return self.required

    def is_forbidden(self, values: dict[str, Any]) -> bool:
        return self.forbidden_when is not None and self.forbidden_when(values)

    def char_limit(self, values: dict[str, Any]) -> int | None:
        if self.max_chars is None:
            return None
        if self.max_chars_when is not None and not self.max_chars_when(values):
            return None
        return self.max_chars


@dataclass
class SignRole:
    key: str
    role: str
    required_when: Rule | None = None
    options: tuple[str, ...] = ("同意", "不同意")
    stage: str = "approve"  # "publish": a 发布/登记 step after approval that does not block 审定
    note: str = ""  # printed under the role, e.g. the 保密审查 time limit
    limit_workdays: int | None = None  # signed within this many working days of the role before it
    write_mm: float = 12.0  # free height above the signature line on the printed form (at least 12 mm)
    required: bool = True  # always signed; false: never required (signs when the unit wants); required_when: when
    refer: tuple[str, ...] = ()  # options that refer the question elsewhere (保密审查 需报审), neither yes nor no
    settled_by: str = ""  # the field holding the referral's answer: the step is done once it is filled
    wide: bool = False  # printed across the whole width (room for the referral's record beside the options)
    extend_workdays: int | None = None  # the time limit may be extended by this many working days …
    extended_by: str = ""  # … once this field records the extension's approval
    seal: bool = False  # the unit's seal goes here: 签字（公章）, with room for it

    def is_required(self, values: dict[str, Any]) -> bool:
        if self.required_when is not None:
            return self.required_when(values)
        return self.required

    @property
    def requirement(self) -> str:
        """always / never / when — how the definition asks for this step."""
        return "when" if self.required_when is not None else ("always" if self.required else "never")


@dataclass
class Constraint:
    """A rule across fields: when `when` holds, the form has a problem with `message`."""

    key: str
    when: Rule
    message: str
    field: str = ""  # the field the problem points at in the editor
    stage: str = "submit"
    severity: str = "problem"  # "warning": shown, does not block

    def text(self, values: dict[str, Any]) -> str:
        """The message with {field} placeholders filled from the values (lists joined with 、)."""
        def value(name: str) -> str:
            v = values.get(name)
            return "、".join(map(str, v)) if isinstance(v, (list, tuple)) else ("" if v is None else str(v))
        return re.sub(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: value(m.group(1)), self.message)


@dataclass
class Section:
    key: str
    title: str
    fields: list[Field]
    print_rows: list[list[str]] = field(default_factory=list)


@dataclass
class PrintLayout:
    title: str = "{unit}公文公开发布意见单"
    footer_left: str = "编号：{number}"
    footer_right: str = "打印日期：{print_date}"
    label_width: float = 1.5
    value_width: float = 3.0
    section_width: float = 0.7
    font_size_pt: float = 10.0
    signoffs_after: str = ""
    signoff_title: str = "审核签发"
    note: str = ""


@dataclass
class FormDef:
    name: str
    version: int
    sections: list[Section]
    reasons: list[Reason]
    signoffs: list[SignRole]
    print: PrintLayout
    publishable_when: Rule | None = None
    withheld_when: Rule | None = None  # 不予公开政府信息登记表; default below
    on_request_when: Rule | None = None  # 依申请公开; default below
    constraints: list[Constraint] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    source: Path | None = None
    bundled: bool = True
    notice: str = ""  # set when a custom definition was rejected and the bundled one is used

    @property
    def fields(self) -> list[Field]:
        return [f for s in self.sections for f in s.fields]

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def has(self, key: str) -> bool:
        return any(f.key == key for f in self.fields)

    def reason(self, key: str) -> Reason | None:
        return next((r for r in self.reasons if r.key == key), None)

    def reasons_of(self, kind: str) -> list[Reason]:
        return [r for r in self.reasons if r.kind == kind]

    def option_labels(self, f: Field) -> list[tuple[str, str]]:
        """(value, label) pairs offered by a choice/multichoice field."""
        if f.options_from in REASON_SOURCES:
            return [(r.key, r.title) for r in self.reasons_of(REASON_SOURCES[f.options_from])]
        if f.options_from == "topics":
            return [(t.key, t.label) for t in self.topics]
        return [(o, o) for o in f.options]

    def reason_key(self, key: str) -> str:
        """A reason's current key: an older definition's key (e.g. “other”) is read as the reason replacing it."""
        for r in self.reasons:
            if key in r.replaces:
                return r.key
        return key

    def is_publishable(self, values: dict[str, Any]) -> bool:
        return self.publishable_when is None or self.publishable_when(values)

    def is_withheld(self, values: dict[str, Any]) -> bool:
        """Belongs in the 不予公开政府信息登记表 (wholly or partly withheld)."""
        rule = self.withheld_when or _DEFAULT_WITHHELD
        return rule(values)

    def is_on_request(self, values: dict[str, Any]) -> bool:
        rule = self.on_request_when or _DEFAULT_ON_REQUEST
        return rule(values)


REASON_SOURCES = {"reasons": "withhold", "request_reasons": "on_request"}
REASON_KINDS = ("withhold", "on_request")
OPTION_SOURCES = (*REASON_SOURCES, "topics")
# Facts a rule may name besides the fields: the unit's 层级 (from the unit profile) and what it derives:
# art21 (the item falls under a topic the unit's level must publish, 条例第二十一条), art21_topics (their labels).
FACT_KEYS = ("unit_level", "art21", "art21_topics", "art21_because", "art21_level")  # art21_level: the level has such topics
_DEFAULT_WITHHELD = Rule('attribute in ["不予公开", "删减后公开", "免予公开"]')
_DEFAULT_ON_REQUEST = Rule('attribute == "依申请公开"')

# Keys other parts of gwdesk read (lists, registers, annual report); a custom definition keeps them.
CORE_KEYS = ("title", "doc_number", "dept", "drafter", "attribute", "normative", "doc_date",
             "planned_date", "published_date", "reasons", "url")


# --- parsing ---------------------------------------------------------------------------------
# the placeholders gwdesk.render.layouts.review_form fills into each [print] text
_PLACEHOLDERS = {"title": ("unit", "name"), "footer_left": ("number", "print_date", "unit"),
                 "footer_right": ("number", "print_date", "unit")}


def _line_of(text: str, key: str, start_hint: str = "key") -> int | None:
    """The line where `key = "<key>"` (or the first mention of key) appears; for error messages."""
    lines = text.splitlines()
    pat = re.compile(rf'^\s*{re.escape(start_hint)}\s*=\s*["\']{re.escape(key)}["\']')
    for i, ln in enumerate(lines, 1):
        if pat.search(ln):
            return i
    for i, ln in enumerate(lines, 1):
        if key and key in ln:
            return i
    return None


def _toml_error_line(e: tomllib.TOMLDecodeError) -> int | None:
    ln = getattr(e, "lineno", None)
    if ln:
        return ln
    m = re.search(r"line (\d+)", str(e))
    return int(m.group(1)) if m else None


# a `key = "…"` line, as _line_of's first pattern finds it (a field's key is letters, digits and _)
_KEY_LINE = re.compile(r'\s*key\s*=\s*["\']([A-Za-z_][A-Za-z0-9_]*)["\']')


class _Parser:
    def __init__(self, text: str, file: str):
        self.text, self.file = text, file
        self._key_lines: dict[str, int] | None = None

    def key_line(self, key: str) -> int | None:
        """_line_of(text, key) for a field's key, from one pass over the text (not one per field: issue 25)."""
        if self._key_lines is None:
            self._key_lines = {}
            for i, ln in enumerate(self.text.splitlines(), 1):
                m = _KEY_LINE.match(ln)
                if m:
                    self._key_lines.setdefault(m.group(1), i)
        return self._key_lines.get(key) or _line_of(self.text, key)

    def fail(self, message: str, near: Any = "", hint: str = "key") -> FormDefError:
        near = near if isinstance(near, str) else ""  # a wrong-typed value cannot be searched for
        return FormDefError(message, file=self.file, line=_line_of(self.text, near, hint) if near else None)

    def table(self, raw: Any, name: str) -> dict:
        if not isinstance(raw, dict):
            raise self.fail(f"{name} 应为一个表（[{name}] 形式）", name, hint="")
        return raw

    def tables(self, raw: Any, name: str) -> list[dict]:
        if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
            raise self.fail(f"{name} 应写成 [[{name}]] 形式的表", name, hint="")
        return raw

    def need_str(self, raw: Any, where: str, near: Any = "") -> str:
        if not isinstance(raw, str):
            raise self.fail(f"{where} 应为文字（用英文双引号括起来）", near)
        return raw

    def need_strs(self, raw: Any, where: str, near: Any = "") -> list[str]:
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise self.fail(f"{where} 应为文字列表，如 [\"甲\", \"乙\"]", near)
        return raw

    def rule(self, raw: Any, where: str, near: str, known: set[str] | None = None) -> Rule | None:
        if raw is None:
            return None
        if not isinstance(raw, str):
            raise self.fail(f"{where} 应为文字形式的条件", near)
        try:
            return Rule(raw)
        except ValueError as e:
            raise self.fail(f"{where}：{e}", raw, hint="") from None

    def parse(self) -> FormDef:
        try:
            data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as e:
            raise FormDefError(f"TOML 格式错误：{e}", file=self.file, line=_toml_error_line(e)) from None
        try:
            return self._definition(data)
        except FormDefError:
            raise
        except (TypeError, ValueError, AttributeError, KeyError, RecursionError, MemoryError) as e:
            # a value of a type nothing here expects; the checks above name most of them precisely
            raise FormDefError(f"定义中有写法不对的设置（{type(e).__name__}：{str(e)[:80]}）", file=self.file) from None

    def _definition(self, data: dict) -> FormDef:
        sections_raw = data.get("sections")
        if not isinstance(sections_raw, list) or not sections_raw:
            raise self.fail("缺少 [[sections]]（至少一个分区）")
        self.tables(sections_raw, "sections")
        reasons = [self.reason(r) for r in self.tables(data.get("reasons", []), "reasons")]
        topics = [self.topic(t) for t in self.tables(data.get("topics", []), "topics")]
        sections, seen = [], set()
        for s in sections_raw:
            sec = self.section(s)
            for f in sec.fields:
                if f.key in seen:
                    raise self.fail(f"字段 key “{f.key}” 重复", f.key)
                seen.add(f.key)
            sections.append(sec)
        signoffs = [self.signrole(s) for s in self.tables(data.get("signoffs", []), "signoffs")]
        pr = self.table(data.get("print", {}), "print")
        layout = PrintLayout()
        for k, v in pr.items():
            if not hasattr(layout, k):
                raise self.fail(f"[print] 中有未知设置 “{k}”", k, hint=k)
            if isinstance(getattr(layout, k), float):
                if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v) or v <= 0:
                    raise self.fail(f"[print] {k} 应为正数", k, hint=k)
                v = float(v)
            elif not isinstance(v, str):
                raise self.fail(f"[print] {k} 应为文字", k, hint=k)
            elif k in _PLACEHOLDERS:
                self.placeholders(v, k)
            setattr(layout, k, v)
        wf = self.table(data.get("workflow", {}), "workflow")
        unknown = set(wf) - {"publishable_when", "withheld_when", "on_request_when"}
        if unknown:
            raise self.fail(f"[workflow] 中有未知设置：{'、'.join(sorted(unknown))}", sorted(unknown)[0], hint="")
        constraints = [self.constraint(c) for c in self.tables(data.get("constraints", []), "constraints")]
        version = data.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool):
            raise self.fail("version 应为整数", "version", hint="")
        definition = FormDef(
            name=str(data.get("name") or "公文公开发布意见单"), version=version,
            sections=sections, reasons=reasons, signoffs=signoffs, print=layout,
            publishable_when=self.rule(wf.get("publishable_when"), "publishable_when", "publishable_when"),
            withheld_when=self.rule(wf.get("withheld_when"), "withheld_when", "withheld_when"),
            on_request_when=self.rule(wf.get("on_request_when"), "on_request_when", "on_request_when"),
            constraints=constraints, topics=topics)
        self.cross_check(definition)
        return definition

    def placeholders(self, text: str, key: str) -> None:
        """Only {name} placeholders the printed form fills in, with no format spec (“{unit:>99999999}”)."""
        allowed = _PLACEHOLDERS[key]
        try:
            parts = list(string.Formatter().parse(text))
        except ValueError:
            parts = None
        if parts is None or any(name is not None and (name not in allowed or spec or conv)
                                for _, name, spec, conv in parts):
            names = "、".join("{" + n + "}" for n in allowed)
            raise self.fail(f"[print] {key} 中的花括号占位符有误（可用：{names}；要印出花括号请写成 {{{{ 和 }}}}）",
                            key, hint=key)

    def reason(self, r: dict) -> Reason:
        for k in ("key", "article", "label", "sentence"):
            if not isinstance(r.get(k), str) or not r.get(k):
                raise self.fail(f"[[reasons]] 缺少 {k}", r.get("key", "") or r.get("label", ""))
        kind = r.get("kind", "withhold")
        if kind not in REASON_KINDS:
            raise self.fail(f"理由 “{r['key']}” 的 kind 应为 withhold（不予公开理由）或 on_request（依申请公开理由）",
                            r["key"])
        replaces = self.need_strs(r.get("replaces", []), f"理由 “{r['key']}” 的 replaces", r["key"])
        return Reason(r["key"], r["article"], r["label"], r["sentence"], bool(r.get("needs_basis", False)), kind,
                      tuple(replaces))

    def topic(self, t: dict) -> Topic:
        key = t.get("key") if isinstance(t.get("key"), str) else ""
        for k in ("key", "label"):
            if not isinstance(t.get(k), str) or not t.get(k):
                raise self.fail(f"[[topics]] 缺少 {k}", key or str(t.get("label", "")))
        levels = self.need_strs(t.get("levels", []), f"事项 “{key}” 的 levels", key)
        if not levels:
            raise self.fail(f"事项 “{key}” 的 levels 不能为空（写明哪些层级的单位应当主动公开）", key)
        keywords = self.need_strs(t.get("keywords", []), f"事项 “{key}” 的 keywords", key)
        article = self.need_str(t.get("article", "第二十一条"), f"事项 “{key}” 的 article", key)
        unknown = set(t) - {"key", "label", "levels", "keywords", "article"}
        if unknown:
            raise self.fail(f"事项 “{key}” 中有未知设置：{'、'.join(sorted(unknown))}", key)
        return Topic(key, t["label"], tuple(levels), tuple(k for k in keywords if k), article)

    def constraint(self, c: dict) -> Constraint:
        key = c.get("key") if isinstance(c.get("key"), str) else ""
        for k in ("when", "message"):
            if not isinstance(c.get(k), str) or not c.get(k):
                raise self.fail(f"[[constraints]] “{key}” 缺少 {k}（文字）", key or k, hint="key" if key else "")
        stage = c.get("stage", "submit")
        if stage not in STAGES:
            raise self.fail(f"[[constraints]] “{key}” 的 stage 应为 {'/'.join(STAGES)}", key)
        severity = c.get("severity", "problem")
        if severity not in ("problem", "warning"):
            raise self.fail(f"[[constraints]] “{key}” 的 severity 应为 problem（须改正）或 warning（提示）", key)
        fld = c.get("field", "")
        self.need_str(fld, f"[[constraints]] “{key}” 的 field", key)
        return Constraint(key, self.rule(c["when"], f"[[constraints]] “{key}” 的 when", key), c["message"],
                          fld, stage, severity)

    def section(self, s: dict) -> Section:
        if not isinstance(s, dict) or not s.get("key") or not s.get("title"):
            raise self.fail("[[sections]] 需要 key 和 title", str(s.get("key", "")) if isinstance(s, dict) else "")
        self.need_str(s["key"], "[[sections]] 的 key", s["key"])
        self.need_str(s["title"], f"分区 “{s['key']}” 的 title", s["key"])
        fields = [self.field(f, s["key"]) for f in self.tables(s.get("fields", []), "sections.fields")]
        rows = s.get("print_rows", [])
        if not isinstance(rows, list) or not all(isinstance(r, list) and 1 <= len(r) <= 2
                                                 and all(isinstance(k, str) for k in r) for r in rows):
            raise self.fail(f"分区 “{s['key']}” 的 print_rows 每行应列出1到2个字段", "print_rows", hint="")
        return Section(s["key"], s["title"], fields, [list(map(str, r)) for r in rows])

    def field(self, f: dict, section: str) -> Field:
        key = f.get("key")
        if not isinstance(key, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key or ""):
            raise self.fail("字段的 key 应为英文字母、数字和下划线，且不以数字开头",
                            str(key or f.get("label", "")), hint="key" if key else "label")
        if not f.get("label"):
            raise self.fail(f"字段 “{key}” 缺少 label", key)
        self.need_str(f["label"], f"字段 “{key}” 的 label", key)
        for k in ("type", "stage", "format", "check", "options_from", "suggest_from", "help", "not_before",
                  "print_label", "inline_after"):
            if k in f:
                self.need_str(f[k], f"字段 “{key}” 的 {k}", key)
        ftype = f.get("type", "text")
        if ftype not in FIELD_TYPES:
            raise self.fail(f"字段 “{key}” 的类型 “{ftype}” 不受支持（可用：{'、'.join(FIELD_TYPES)}）", key)
        stage = f.get("stage", "submit")
        if stage not in STAGES:
            raise self.fail(f"字段 “{key}” 的 stage 应为 {'/'.join(STAGES)}", key)
        fmt = f.get("format", "")
        if fmt and fmt not in FORMATS:
            raise self.fail(f"字段 “{key}” 的 format “{fmt}” 不受支持", key)
        check = f.get("check", "")
        if check and check not in CHECKS:
            raise self.fail(f"字段 “{key}” 的 check “{check}” 不受支持", key)
        options = f.get("options", [])
        if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
            raise self.fail(f"字段 “{key}” 的 options 应为文字列表", key)
        if f.get("options_from") and f.get("options_from") not in OPTION_SOURCES:
            raise self.fail(f"字段 “{key}” 的 options_from 应为 reasons、request_reasons 或 topics", key)
        if ftype in ("choice", "multichoice") and not options and f.get("options_from") not in OPTION_SOURCES:
            raise self.fail(f"字段 “{key}” 是选择项，需要 options（或 options_from = \"reasons\"）", key)
        items = f.get("items", [])
        if ftype == "checklist" and (not isinstance(items, list) or not items):
            raise self.fail(f"字段 “{key}” 是核对清单，需要 items", key)
        self.need_strs(items, f"字段 “{key}” 的 items", key)
        print_items = self.need_strs(f.get("print_items", []), f"字段 “{key}” 的 print_items", key)
        if print_items and len(print_items) != len(items):
            raise self.fail(f"字段 “{key}” 的 print_items 应与 items 一一对应（{len(items)}项）", key)
        req_items = f.get("required_items")
        if req_items is not None and (not isinstance(req_items, int) or isinstance(req_items, bool) or req_items < 0):
            raise self.fail(f"字段 “{key}” 的 required_items 应为非负整数", key)
        max_chars = f.get("max_chars")
        if max_chars is not None and (not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars <= 0):
            raise self.fail(f"字段 “{key}” 的 max_chars 应为正整数", key)
        default = f.get("default")
        if ftype == "bool":  # 是/否: a new form starts unanswered unless the definition says true or false
            if default is not None and not isinstance(default, bool):
                raise self.fail(f"字段 “{key}” 是是否项，default 应为 true 或 false", key)
        elif default is not None and (ftype != "choice" or default not in options):
            raise self.fail(f"字段 “{key}” 的 default 只用于选择项（应为其 options 之一）或是否项（true 或 false）", key)
        lines = f.get("write_lines")
        if lines is not None and (not isinstance(lines, int) or isinstance(lines, bool) or not 1 <= lines <= 12):
            raise self.fail(f"字段 “{key}” 的 write_lines 应为1到12的整数", key)
        known = set(f) - {"key", "label", "type", "required", "required_when", "forbidden_when",
                          "max_chars", "max_chars_when", "options", "options_from", "suggest_from",
                          "items", "required_items", "help", "stage", "format", "check", "not_before",
                          "default", "write_lines", "print_label", "print_empty", "inline_after", "print_when",
                          "print_items"}
        if known:
            raise self.fail(f"字段 “{key}” 中有未知设置：{'、'.join(sorted(known))}", key)
        return Field(
            key=key, label=str(f["label"]), type=ftype, section=section, required=bool(f.get("required", False)),
            required_when=self.rule(f.get("required_when"), f"字段 “{key}” 的 required_when", key),
            forbidden_when=self.rule(f.get("forbidden_when"), f"字段 “{key}” 的 forbidden_when", key),
            max_chars=max_chars,
            max_chars_when=self.rule(f.get("max_chars_when"), f"字段 “{key}” 的 max_chars_when", key),
            options=list(options), options_from=str(f.get("options_from", "")),
            suggest_from=str(f.get("suggest_from", "")), items=[str(i) for i in items],
            required_items=f.get("required_items"), print_items=list(print_items), help=str(f.get("help", "")), stage=stage, format=fmt,
            check=check, not_before=str(f.get("not_before", "")), default=default, write_lines=lines,
            print_label=str(f.get("print_label", "")), print_empty=bool(f.get("print_empty", True)),
            inline_after=str(f.get("inline_after", "")),
            print_when=self.rule(f.get("print_when"), f"字段 “{key}” 的 print_when", key),
            line=self.key_line(key))

    def signrole(self, s: dict) -> SignRole:
        if not s.get("key") or not s.get("role"):
            raise self.fail("[[signoffs]] 需要 key 和 role", str(s.get("key", s.get("role", ""))))
        self.need_str(s["key"], "[[signoffs]] 的 key", s["key"])
        self.need_str(s["role"], f"签发 “{s['key']}” 的 role", s["key"])
        opts = self.need_strs(s.get("options", ["同意", "不同意"]), f"签发 “{s['role']}” 的 options", s["key"])
        if not opts:
            raise self.fail(f"签发 “{s['role']}” 的 options 不能为空", s["key"])
        unknown = set(s) - {"key", "role", "required_when", "options", "stage", "note", "limit_workdays", "write_mm",
                            "required", "refer", "settled_by", "wide", "extend_workdays", "extended_by", "seal"}
        if unknown:
            raise self.fail(f"签发 “{s['role']}” 中有未知设置：{'、'.join(sorted(unknown))}", s["key"])
        stage = s.get("stage", "approve")
        if stage not in ("approve", "publish"):
            raise self.fail(f"签发 “{s['role']}” 的 stage 应为 approve 或 publish", s["key"])
        note = self.need_str(s.get("note", ""), f"签发 “{s['role']}” 的 note", s["key"])
        limit = s.get("limit_workdays")
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or not 0 < limit < 100):
            raise self.fail(f"签发 “{s['role']}” 的 limit_workdays 应为1到99的整数", s["key"])
        write = s.get("write_mm", 12.0)
        if not isinstance(write, (int, float)) or isinstance(write, bool) or not math.isfinite(write) \
                or not 12 <= write <= 80:
            raise self.fail(f"签发 “{s['role']}” 的 write_mm 应为12到80之间的数（毫米；签名至少要12毫米高）", s["key"])
        required = s.get("required", True)
        if not isinstance(required, bool):
            raise self.fail(f"签发 “{s['role']}” 的 required 应为 true（必签）或 false（不必签）", s["key"])
        if "required" in s and "required_when" in s:
            raise self.fail(f"签发 “{s['role']}” 的 required 和 required_when 只能写一个", s["key"])
        refer = self.need_strs(s.get("refer", []), f"签发 “{s['role']}” 的 refer", s["key"])
        if set(refer) - set(opts[1:]):
            raise self.fail(f"签发 “{s['role']}” 的 refer 应为其 options 中第一项以外的选项（如 需报审）", s["key"])
        settled = self.need_str(s.get("settled_by", ""), f"签发 “{s['role']}” 的 settled_by", s["key"])
        if bool(refer) != bool(settled):
            raise self.fail(f"签发 “{s['role']}” 的 refer 和 settled_by（记录答复的字段）要一起写", s["key"])
        wide = s.get("wide", False)
        if not isinstance(wide, bool):
            raise self.fail(f"签发 “{s['role']}” 的 wide 应为 true 或 false", s["key"])
        extend = s.get("extend_workdays")
        if extend is not None and (not isinstance(extend, int) or isinstance(extend, bool) or not 0 < extend < 100):
            raise self.fail(f"签发 “{s['role']}” 的 extend_workdays 应为1到99的整数", s["key"])
        extended_by = self.need_str(s.get("extended_by", ""), f"签发 “{s['role']}” 的 extended_by", s["key"])
        if (extend is None) != (not extended_by) or (extend is not None and limit is None):
            raise self.fail(f"签发 “{s['role']}” 的 extend_workdays 和 extended_by（记录延长批准的字段）要与 "
                            f"limit_workdays 一起写", s["key"])
        seal = s.get("seal", False)
        if not isinstance(seal, bool):
            raise self.fail(f"签发 “{s['role']}” 的 seal 应为 true 或 false", s["key"])
        return SignRole(s["key"], s["role"], self.rule(s.get("required_when"), f"签发 “{s['role']}”", s["key"]),
                        tuple(opts), stage, note, limit, float(write), required, tuple(refer), settled, wide,
                        extend, extended_by, seal)

    def cross_check(self, d: FormDef) -> None:
        fields = {f.key for f in d.fields}
        for k in CORE_KEYS:
            if k not in fields:
                raise self.fail(f"缺少必需字段 “{k}”（列表、登记表和年度报告要用到）")
        clash = fields & set(FACT_KEYS)
        if clash:
            raise self.fail(f"字段 key “{sorted(clash)[0]}” 是程序保留的名称，请换一个", sorted(clash)[0])
        # rules may also name the unit's level and what follows from it, and each step's answer (signoff_<key>)
        keys = fields | set(FACT_KEYS) | {f"signoff_{r.key}" for r in d.signoffs}
        for f in d.fields:
            for rule in (f.required_when, f.forbidden_when, f.max_chars_when, f.print_when):
                if rule is not None and rule.names - keys:
                    raise self.fail(f"字段 “{f.key}” 的条件引用了不存在的字段：{'、'.join(sorted(rule.names - keys))}", f.key)
            if f.not_before and f.not_before not in fields:
                raise self.fail(f"字段 “{f.key}” 的 not_before 引用了不存在的字段 “{f.not_before}”", f.key)
        for s in d.signoffs:
            if s.required_when is not None and s.required_when.names - keys:
                raise self.fail(f"签发 “{s.role}” 的条件引用了不存在的字段", s.key)
        for name in ("publishable_when", "withheld_when", "on_request_when"):
            rule = getattr(d, name)
            if rule is not None and rule.names - keys:
                raise self.fail(f"{name} 引用了不存在的字段", name, hint="")
        for c in d.constraints:
            if c.when.names - keys:
                raise self.fail(f"[[constraints]] “{c.key}” 的条件引用了不存在的字段：{'、'.join(sorted(c.when.names - keys))}",
                                c.key)
            if c.field and c.field not in fields:
                raise self.fail(f"[[constraints]] “{c.key}” 的 field 引用了不存在的字段 “{c.field}”", c.key)
        for f in d.fields:
            if f.options_from in REASON_SOURCES and not d.reasons_of(REASON_SOURCES[f.options_from]):
                kind = "kind = \"on_request\" 的" if f.options_from == "request_reasons" else ""
                raise self.fail(f"字段 “{f.key}” 从理由表取选项，但没有{kind}[[reasons]]", f.key)
            if f.options_from == "topics" and not d.topics:
                raise self.fail(f"字段 “{f.key}” 从事项表取选项，但没有 [[topics]]", f.key)
        roles = {r.key: r for r in d.signoffs}
        for f in d.fields:
            if f.inline_after.startswith("signoff:"):  # inside a sign-off box, after one of its options
                _, role, option = (f.inline_after.split(":", 2) + ["", ""])[:3]
                if role not in roles or option not in roles[role].options:
                    raise self.fail(f"字段 “{f.key}” 的 inline_after 应写成“signoff:签发key:其选项”，如 signoff:secrecy:需报审",
                                    f.key)
            elif f.inline_after and ":" not in f.inline_after:  # after the host field's own value
                if f.inline_after not in fields or f.inline_after == f.key:
                    raise self.fail(f"字段 “{f.key}” 的 inline_after 引用了不存在的字段 “{f.inline_after}”", f.key)
            elif f.inline_after:
                host, _, option = f.inline_after.partition(":")
                if host not in fields or host == f.key or d.field(host).type not in ("choice", "multichoice") \
                        or option not in [k for k, _ in d.option_labels(d.field(host))]:
                    raise self.fail(f"字段 “{f.key}” 的 inline_after 应写成“选择项字段:其选项”，如 channels:其他", f.key)
        for r in d.signoffs:
            if r.settled_by and r.settled_by not in fields:
                raise self.fail(f"签发 “{r.role}” 的 settled_by 引用了不存在的字段 “{r.settled_by}”", r.key)
            if r.extended_by and r.extended_by not in fields:
                raise self.fail(f"签发 “{r.role}” 的 extended_by 引用了不存在的字段 “{r.extended_by}”", r.key)
        for s in d.sections:
            for row in s.print_rows:
                for k in row:
                    if k not in fields:
                        raise self.fail(f"分区 “{s.key}” 的 print_rows 引用了不存在的字段 “{k}”", k, hint="")


_PARSED: dict[tuple[str, str], FormDef] = {}  # (file, text) → its definition, the last few texts read
_PARSED_KEEP = 8


def parse(text: str, file: str = "") -> FormDef:
    """Parse and validate definition text; raises FormDefError naming file and line.

    A text already parsed is not parsed again (every save of a 意见单 reads the definition: parsing it took
    about 55 ms of the 70 a save cost): the caller gets its own shallow copy (load sets source, bundled and
    notice on it), the parsed parts themselves are never changed after parsing."""
    key = (file, text)
    parsed = _PARSED.get(key)
    if parsed is None:
        parsed = _Parser(text, file).parse()
        while len(_PARSED) >= _PARSED_KEEP:
            _PARSED.pop(next(iter(_PARSED)), None)
        _PARSED[key] = parsed
    return dataclasses.replace(parsed)


def parse_file(path: Path) -> FormDef:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise FormDefError(f"无法读取（{e}）", file=str(path)) from None
    d = parse(text, str(path))
    d.source = path
    return d


def _stamp(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return str(path), st.st_mtime_ns, st.st_size


_loaded: dict[tuple, FormDef] = {}


def load(name: str = "publication_review.toml") -> FormDef:
    """The definition in use: the data dir's copy when present and valid, else the bundled one. On a 单位共享数据库
    the office's copy is the one kept in the database (`gwdesk forms set`), the same for every clerk.

    On the SQLite file it is parsed once while neither file changes (the screen, 今日提醒 and each transition ask
    for it; issue 25): the same FormDef is given again, which no caller changes."""
    bundled_path = paths.bundled_form(name)
    from gwdesk.store import files
    if files.shared():  # the database's copy, written here by files.local: read as it is each time
        return _load(name, bundled_path, files.local(f"forms/{name}"), shared=True)
    user_path = paths.user_form(name)
    key = (name, _stamp(bundled_path), _stamp(user_path))
    d = _loaded.get(key)
    if d is None:
        d = _load(name, bundled_path, user_path, shared=False)
        if len(_loaded) > 8:  # data folders switched (tests, a restore): keep only the newest few
            _loaded.clear()
        _loaded[key] = d
    return d


def _load(name: str, bundled_path: Path, user_path: Path | None, *, shared: bool) -> FormDef:
    notice = ""
    if user_path is not None and user_path.is_file():
        try:
            d = parse_file(user_path)
            d.bundled = False
            return d
        except FormDefError as e:
            notice = f"自定义意见单定义有误，已改用内置定义。{e.message}"
            log.warning(notice)
    if not notice and shared and (paths.data_dir() / "forms" / name).is_file():
        notice = (f"本机数据目录中的自定义意见单“{name}”在单位共享数据库中不起作用：请由管理员用"
                  f"“gwdesk forms set 文件”把它存入共享数据库，全单位一起使用。现用内置定义。")
    d = parse_file(bundled_path)
    d.bundled = True
    d.notice = notice
    return d
