"""The `claimtrack` executable. `--version` answers before anything heavy is imported (the CLI's
libraries take over a second to load); everything else goes to claimtrack.cli."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from claimtrack import __version__

        print(f"claimtrack {__version__}")
        return
    from claimtrack.cli import main as cli_main

    cli_main()
