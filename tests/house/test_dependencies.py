"""The installed versions are the tested ones: every declared dependency is pinned in constraints.txt, and the
pin satisfies what pyproject.toml asks (so a raised minimum or a new package cannot slip past the lock)."""

from __future__ import annotations

from locations import ROOT

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = ROOT


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not pinned with =="
            pins[canonicalize_name(name)] = version
    return pins


def _declared() -> list[Requirement]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = meta.get("optional-dependencies", {})
    return [Requirement(r) for r in meta["dependencies"] + extras.get("test", []) + extras.get("build", [])]


def test_every_declared_dependency_is_pinned_within_its_declared_range():
    pins = _pins()
    problems = []
    for req in _declared():
        name = canonicalize_name(req.name)
        if name not in pins:
            problems.append(f"{req.name} is declared but not pinned in constraints.txt")
        elif req.marker is None or req.marker.evaluate():
            if not req.specifier.contains(pins[name], prereleases=True):
                problems.append(f"{req.name}=={pins[name]} does not satisfy {req}")
    assert not problems, "\n".join(problems)


def test_the_install_script_installs_from_the_constraints():
    script = (ROOT / "tools" / "install.sh").read_text(encoding="utf-8")
    assert "-c constraints.txt" in script


def test_reportlab_major_is_capped_while_its_private_names_are_used():
    (req,) = [r for r in _declared() if canonicalize_name(r.name) == "reportlab"]
    assert any(s.operator == "<" for s in req.specifier), "reportlab needs an upper bound on its major version"
