"""Every `.connect(...)` in gwdesk/ui, read from the source: Qt passes a signal's arguments into the slot.

`button.clicked.connect(self.open_import)` with `def open_import(self, path=None)` hands `clicked`'s bool to
`path` (issue 21, item 1: 导入任务清单 crashed every time). This scan finds every connection whose slot — a method
of the class, a method of another screen reached through an attribute, a local function or a lambda — has an
optional parameter that the signal's arguments would fill, or more required parameters than the signal gives.
A parameter meant to swallow the signal's argument says so with a leading underscore (`lambda _=False, k=key:`).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import gwdesk

UI = Path(gwdesk.__file__).parent / "ui"

# how many arguments each Qt signal used in gwdesk/ui passes (the overload PySide6 picks for a Python slot)
QT_ARITY = {
    "clicked": 1, "triggered": 1, "toggled": 1, "currentIndexChanged": 1, "currentTextChanged": 1,
    "textChanged": 1, "textEdited": 1, "valueChanged": 1, "dateChanged": 1, "dateTimeChanged": 1,
    "stateChanged": 1, "checkStateChanged": 1, "activated": 1, "highlighted": 1, "currentChanged": 1,
    "doubleClicked": 1, "itemDoubleClicked": 1, "itemChanged": 1, "itemClicked": 1, "finished": 1,
    "linkActivated": 1, "tabCloseRequested": 1, "sectionClicked": 1, "customContextMenuRequested": 1,
    "idClicked": 1, "idToggled": 2, "buttonClicked": 1, "canceled": 0, "applicationStateChanged": 1,
    "currentRowChanged": 2, "selectionChanged": 2, "focusChanged": 2, "dataChanged": 3,
    "rowsInserted": 3, "rowsRemoved": 3,
    "accepted": 0, "rejected": 0, "editingFinished": 0, "returnPressed": 0, "timeout": 0, "pressed": 0,
    "released": 0, "modelReset": 0, "layoutChanged": 0, "aboutToShow": 0, "aboutToHide": 0,
}


def _modules() -> dict[Path, ast.Module]:
    return {f: ast.parse(f.read_text(encoding="utf-8")) for f in sorted(UI.rglob("*.py"))}


def _custom_arity(trees) -> dict[str, int]:
    """Signals declared in gwdesk (`changed = Signal(int)`): the most arguments any declaration of the name passes."""
    out: dict[str, int] = {}
    gw = Path(gwdesk.__file__).parent
    for f in gw.rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        if "Signal(" not in text:  # no declaration to read (most modules: parsing them all took seconds)
            continue
        tree = trees.get(f) or ast.parse(text)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and isinstance(node.value.func, ast.Name) and node.value.func.id == "Signal"):
                for t in node.targets:
                    if isinstance(t, ast.Name):
                        out[t.id] = max(out.get(t.id, 0), len(node.value.args))
    return out


def _problem(fn: ast.FunctionDef | ast.Lambda, arity: int, bound: bool) -> str | None:
    args = list(fn.args.posonlyargs) + list(fn.args.args)
    if bound and args and args[0].arg in ("self", "cls"):
        args = args[1:]
    required = len(args) - len(fn.args.defaults)
    if required > arity:
        return f"needs {required} arguments, the signal passes {arity}"
    filled = args[required:min(arity, len(args))]
    wrong = [a.arg for a in filled if not a.arg.startswith("_")]
    if wrong:
        return f"the signal's argument lands in optional parameter {wrong[0]!r}"
    return None


def _connections():
    """(file, line, signal, slot expression, enclosing class, enclosing functions) for every .connect(...)."""
    trees = _modules()
    for f, tree in trees.items():
        def visit(node, cls, funcs):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.ClassDef):
                    visit(child, child, funcs)
                elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    visit(child, cls, [*funcs, child])
                else:
                    if (isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute)
                            and child.func.attr == "connect" and child.args
                            and not isinstance(child.func.value, ast.Name)):  # not QObject.connect(sender, SIGNAL…)
                        sig = child.func.value
                        # `(a.currentIndexChanged if … else a.textChanged).connect(…)`: both signals
                        sigs = [sig.body, sig.orelse] if isinstance(sig, ast.IfExp) else [sig]
                        for one in sigs:
                            name = one.attr if isinstance(one, ast.Attribute) else ast.unparse(one)
                            yield_list.append((f, child.lineno, name, child.args[0], cls, funcs))
                    visit(child, cls, funcs)
        yield_list: list = []
        visit(tree, None, [])
        yield from yield_list


def _methods(trees) -> dict[str, list[ast.FunctionDef]]:
    out: dict[str, list] = {}
    for tree in trees.values():
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for m in cls.body:
                if isinstance(m, ast.FunctionDef):
                    out.setdefault(m.name, []).append(m)
    return out


def _loop_methods(func: ast.FunctionDef, name: str) -> set[str]:
    """`for text, slot in rows:` (rows a literal here or assigned one in `func`): the self.<method> it may be."""
    literals = {t.id: n.value for n in ast.walk(func) if isinstance(n, ast.Assign)
                for t in n.targets if isinstance(t, ast.Name)}
    out: set[str] = set()
    for loop in (n for n in ast.walk(func) if isinstance(n, ast.For)):
        if name not in {t.id for t in ast.walk(loop.target) if isinstance(t, ast.Name)}:
            continue
        source = literals.get(loop.iter.id, loop.iter) if isinstance(loop.iter, ast.Name) else loop.iter
        out |= {a.attr for a in ast.walk(source) if isinstance(a, ast.Attribute)
                and isinstance(a.value, ast.Name) and a.value.id == "self"}
    return out


@functools.cache  # one scan of ui/ serves both tests below (they read different halves of it)
def _audit() -> tuple[list[str], set[str]]:
    trees = _modules()
    arity_of = {**QT_ARITY, **_custom_arity(trees)}
    methods = _methods(trees)
    problems, unknown = [], set()
    for f, line, signal, slot, cls, funcs in _connections():
        if signal not in arity_of:
            unknown.add(f"{f.relative_to(UI.parent)}:{line} {signal}")
            continue
        arity = arity_of[signal]
        candidates: list[tuple[ast.AST, bool]] = []
        if isinstance(slot, ast.Lambda):
            candidates = [(slot, False)]
        elif isinstance(slot, ast.Attribute):
            own = ([m for m in cls.body if isinstance(m, ast.FunctionDef) and m.name == slot.attr]
                   if cls is not None and isinstance(slot.value, ast.Name) and slot.value.id == "self" else [])
            # self.method of this class, else every gwdesk method of that name (another screen's slot)
            candidates = [(m, True) for m in (own or methods.get(slot.attr, []))]
        elif isinstance(slot, ast.Name):
            scopes = [*reversed(funcs), trees[f]]
            for scope in scopes:
                defs = [n for n in ast.walk(scope) if isinstance(n, ast.FunctionDef) and n.name == slot.id]
                if defs:
                    candidates = [(defs[0], False)]
                    break
            if not candidates and funcs and cls is not None:
                # a loop variable over a table of (text, self.method) rows: every method the table names
                named = _loop_methods(funcs[-1], slot.id)
                candidates = [(m, True) for m in cls.body if isinstance(m, ast.FunctionDef) and m.name in named]
        for fn, bound in candidates:
            why = _problem(fn, arity, bound)
            if why:
                src = ast.unparse(slot)[:60]
                problems.append(f"{f.relative_to(UI.parent)}:{line} {signal} → {src}: {why}")
                break
    return problems, unknown


def test_no_slot_receives_a_signal_argument_it_does_not_expect():
    problems, _ = _audit()
    assert not problems, "\n".join(problems)


def test_every_connected_signal_has_a_known_arity():
    """A signal this scan does not know would be skipped silently: name how many arguments it passes."""
    _, unknown = _audit()
    assert not unknown, "add to QT_ARITY: " + ", ".join(sorted(unknown))


def test_the_scan_finds_the_bug_it_is_for(tmp_path):
    """The scan's own rule, on the three shapes that broke: a method, a lambda and a local function."""
    src = ast.parse(
        "class P:\n"
        "    def open_import(self, path=None): pass\n"
        "    def ok(self): pass\n"
        "    def build(self, b, key):\n"
        "        def local(x=1): pass\n"
        "        b.clicked.connect(self.open_import)\n"
        "        b.clicked.connect(lambda k=key: self.ok())\n"
        "        b.clicked.connect(lambda _=False, k=key: self.ok())\n"
        "        b.accepted.connect(self.ok)\n"
        "        b.toggled.connect(local)\n")
    cls = src.body[0]
    build = cls.body[2]
    calls = [n for n in ast.walk(build) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "connect"]
    calls.sort(key=lambda c: c.lineno)
    verdicts = []
    for c in calls:
        slot = c.args[0]
        arity = QT_ARITY[c.func.value.attr]
        if isinstance(slot, ast.Lambda):
            verdicts.append(_problem(slot, arity, False))
        elif isinstance(slot, ast.Name):
            verdicts.append(_problem(build.body[0], arity, False))
        else:
            m = next(m for m in cls.body if m.name == slot.attr)
            verdicts.append(_problem(m, arity, True))
    assert [v is not None for v in verdicts] == [True, True, False, False, True]


def test_the_scan_follows_a_table_of_buttons():
    func = ast.parse(
        "def build(self):\n"
        "    rows = [('打开', self.open_selected), ('导入…', self.open_import)]\n"
        "    for text, slot in rows:\n"
        "        b.clicked.connect(slot)\n").body[0]
    assert _loop_methods(func, "slot") == {"open_selected", "open_import"}
