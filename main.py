"""`python main.py` opens gwdesk; `python main.py <subcommand>` runs it from the command line."""

import sys

from gwdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
