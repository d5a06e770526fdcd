"""`python main.py` opens gwdesk; `python main.py <subcommand>` runs it from the command line."""

import os
import sys
from pathlib import Path


def _project_venv_python() -> Path | None:
    """The .venv that tools/install.sh made, when this interpreter is a bare system one (not a venv, not frozen)."""
    if getattr(sys, "frozen", False) or sys.prefix != sys.base_prefix or os.name != "posix":
        return None
    python = Path(__file__).resolve().parent / ".venv" / "bin" / "python"
    return python if python.exists() else None


if __name__ == "__main__":
    venv_python = _project_venv_python()
    if venv_python is not None:
        os.execv(str(venv_python), [str(venv_python), str(Path(__file__).resolve()), *sys.argv[1:]])
    from gwdesk.cli import main
    sys.exit(main())
