"""The long hostile-input run: many more mutated files per importer and ≥50 SIGKILL rounds per operation.

    python bench/hostile.py [--files 3000] [--rounds 50] [--seed N]
The same tests as the bounded CI run (tests/test_hostile_*.py), with GWDESK_FUZZ_N / GWDESK_KILL_ROUNDS /
GWDESK_FUZZ_SEED raised; a crash keeps the mutated file and names it in the failure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=3000, help="mutated files per importer (CI: 300–600)")
    ap.add_argument("--rounds", type=int, default=50, help="SIGKILL rounds per operation (CI: 3)")
    ap.add_argument("--seed", type=int, default=None, help="another seed than CI's fixed one")
    args = ap.parse_args(argv)
    env = dict(os.environ, GWDESK_FUZZ_N=str(args.files), GWDESK_KILL_ROUNDS=str(args.rounds),
               QT_QPA_PLATFORM="offscreen")
    if args.seed is not None:
        env["GWDESK_FUZZ_SEED"] = str(args.seed)
    tests = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_hostile_*.py"))
    tests.append("tests/store/test_store_kill.py")  # raw writes and a synthetic migration step, incl. its slow test
    cmd = [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", *tests]
    print(" ".join(cmd), f"(GWDESK_FUZZ_N={args.files} GWDESK_KILL_ROUNDS={args.rounds})", flush=True)
    return subprocess.call(cmd, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
