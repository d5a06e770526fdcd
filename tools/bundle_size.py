"""The one-folder bundle's size (links counted once) and its largest parts; exits 1 above the limit (CI).

    python tools/bundle_size.py [dist/gwdesk] [--max-mib 150]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

MIB = 2 ** 20
LIMIT_MIB = 150


def files(dist: Path) -> list[Path]:
    """The bundle's regular files: a link (gwdesk-cli → gwdesk) takes no room of its own."""
    return [p for p in dist.rglob("*") if p.is_file() and not p.is_symlink()]


def size_mib(dist: Path) -> float:
    return sum(p.stat().st_size for p in files(dist)) / MIB


def parts(dist: Path) -> Counter:
    """Bytes by part: a top-level file, or a package folder under _internal/ (PySide6/Qt/lib split per library)."""
    out: Counter = Counter()
    for p in files(dist):
        rel = p.relative_to(dist).parts
        if rel[0] != "_internal" or len(rel) == 2:
            key = "/".join(rel)
        elif rel[1:4] == ("PySide6", "Qt", "lib"):
            key = "/".join(rel[1:5])
        else:
            key = "/".join(rel[1:2]) + "/"
        out[key] += p.stat().st_size
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dist", nargs="?", type=Path, default=Path("dist/gwdesk"))
    ap.add_argument("--max-mib", type=float, default=LIMIT_MIB)
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args(argv)
    if not args.dist.is_dir():
        print(f"{args.dist}: no bundle here (pyinstaller build.spec)")
        return 1
    total = size_mib(args.dist)
    for key, size in parts(args.dist).most_common(args.top):
        print(f"{size / MIB:7.1f} MiB  {key}")
    verdict = "ok" if total <= args.max_mib else f"TOO BIG: the limit is {args.max_mib:g} MiB"
    print(f"{total:7.1f} MiB  {args.dist} ({total * MIB / 1e6:.1f} MB) — {verdict}")
    return 0 if total <= args.max_mib else 1


if __name__ == "__main__":
    sys.exit(main())
