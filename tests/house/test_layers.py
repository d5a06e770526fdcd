"""The import graph keeps the layers: ui → core/io/render → store, no cycles, Qt only in ui (and app bootstrap)."""

from __future__ import annotations

from locations import ROOT

import ast
import functools
from pathlib import Path

ROOT = ROOT
PKG = ROOT / "gwdesk"

# Imports known to break a rule, each waiting for the change that removes it (none today). Remove an entry when
# its move lands: the tests fail on an entry that no longer occurs, so these lists cannot go stale.
KNOWN_LAYER: dict[tuple[str, str], str] = {}
KNOWN_CYCLES: dict[tuple[str, str], str] = {}

LAYER_RULES = {  # a module in the first package may not import from these
    "gwdesk.core": ("gwdesk.io", "gwdesk.render", "gwdesk.ui", "gwdesk.commands", "gwdesk.app", "gwdesk.cli"),
    # io reads and writes files; what reaches the database goes through core (one door per kind of record)
    "gwdesk.io": ("gwdesk.store", "gwdesk.render", "gwdesk.ui", "gwdesk.commands", "gwdesk.app", "gwdesk.cli"),
    "gwdesk.render": ("gwdesk.io", "gwdesk.ui", "gwdesk.commands", "gwdesk.app", "gwdesk.cli"),
    "gwdesk.store": ("gwdesk.core", "gwdesk.io", "gwdesk.render", "gwdesk.ui", "gwdesk.commands", "gwdesk.app",
                     "gwdesk.cli"),
}
QT_ALLOWED = ("gwdesk.ui", "gwdesk.app")  # the QApplication bootstrap lives in app.py


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PKG.rglob("*.py")}


@functools.cache  # each file is parsed once for all the tests here
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def _imports(name: str, path: Path, known: set[str]) -> list[tuple[str, int]]:
    """(imported module, line) for every import in the file, wherever it sits (top level or in a function)."""
    tree = _tree(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                mod = f"{base}.{node.module}" if node.module else base
            else:
                mod = node.module or ""
            subs = [f"{mod}.{a.name}" for a in node.names if f"{mod}.{a.name}" in known]
            # `from gwdesk.io import ledger_xlsx` imports the module gwdesk.io.ledger_xlsx
            out += [(m, node.lineno) for m in subs] if len(subs) == len(node.names) else [(mod, node.lineno)]
    return out


@functools.cache  # the tests read it, never change it
def _graph() -> dict[str, list[tuple[str, int]]]:
    mods = _modules()
    return {name: _imports(name, path, set(mods)) for name, path in mods.items()}


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_layers_and_qt():
    found, used = [], set()
    for mod, imports in _graph().items():
        for target, line in imports:
            bad = None
            for layer, forbidden in LAYER_RULES.items():
                if _within(mod, layer) and any(_within(target, f) for f in forbidden):
                    bad = f"{layer} may not import {target}"
            if _within(target, "PySide6") and not any(_within(mod, q) for q in QT_ALLOWED):
                bad = f"only gwdesk.ui (and gwdesk.app) may import Qt ({target})"
            if bad is None:
                continue
            if (mod, target) in KNOWN_LAYER:
                used.add((mod, target))
            else:
                found.append(f"{mod.replace('.', '/')}.py:{line}: {bad}")
    assert not found, "layer violations:\n" + "\n".join(sorted(set(found)))
    gone = sorted(set(KNOWN_LAYER) - used)
    assert not gone, f"known violations that no longer occur (remove them from KNOWN_LAYER): {gone}"


def test_no_import_cycles():
    graph = _graph()
    mods = set(graph)
    edges = {m: sorted({t for t, _ in imps if t in mods and t != m and (m, t) not in KNOWN_CYCLES})
             for m, imps in graph.items()}
    # a package's __init__ importing its own submodules is how packages work, not a cycle
    edges = {m: [t for t in ts if not (_within(t, m) and (PKG / Path(*m.split(".")[1:]) / "__init__.py").exists())]
             for m, ts in edges.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        stack.append(m)
        for t in edges[m]:
            if state.get(t) == 1:
                cycles.append(" → ".join(stack[stack.index(t):] + [t]))
            elif t not in state:
                visit(t, stack)
        stack.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m, [])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)
    stale = [k for k in KNOWN_CYCLES if k[1] not in {t for t, _ in graph.get(k[0], [])}]
    assert not stale, f"known cycle edges that no longer occur (remove them from KNOWN_CYCLES): {stale}"


def test_the_walk_sees_what_it_checks():
    """The walker resolves relative and function-level imports (else the rules above could pass vacuously)."""
    graph = _graph()
    assert any(t == "gwdesk.store.base" for t, _ in graph["gwdesk.core.applications.aggregate"])
    assert any(t == "gwdesk.ui.review.page" for t, _ in graph["gwdesk.ui.sections"])  # inside a function
    assert any(_within(t, "PySide6") for t, _ in graph["gwdesk.ui.fonts"])
    assert any(t == "gwdesk.core.applications.ledger" for t, _ in graph["gwdesk.core.applications.reminders"])


def _private_uses() -> list[str]:
    """`from gwdesk.x import _name`, or `x._name` on an imported gwdesk module, outside the module x itself."""
    mods = _modules()
    out = []
    for name, path in mods.items():
        tree = _tree(path)
        aliases: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gwdesk"):
                for a in node.names:
                    full = f"{node.module}.{a.name}"
                    if full in mods:
                        aliases[a.asname or a.name] = full
                    elif a.name.startswith("_") and not a.name.startswith("__") and node.module != name:
                        out.append(f"{name}:{node.lineno} imports {node.module}.{a.name}")
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("gwdesk") and a.asname:
                        aliases[a.asname] = a.name
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                    and node.attr.startswith("_") and not node.attr.startswith("__")
                    and aliases[node.value.id] != name):
                out.append(f"{name}:{node.lineno} uses {aliases[node.value.id]}.{node.attr}")
    return sorted(set(out))


def test_no_module_uses_another_modules_private_names():
    assert _private_uses() == []
