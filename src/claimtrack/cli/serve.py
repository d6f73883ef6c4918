"""claimtrack serve"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from claimtrack.cli import state
from claimtrack.config import database_url, sqlite_path
from claimtrack.db import open_database
from claimtrack.errors import ClaimtrackError, UsageError


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_command(
        ctx: typer.Context,
        host: Annotated[str, typer.Option("--host", help="Address to listen on; another than 127.0.0.1 "
                                                         "opens the knowledge base to the network.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port (0: any free one).")] = 8001,
        open_browser: Annotated[bool, typer.Option("--open", help="Open it in the browser.")] = False,
    ) -> None:
        """Look at the knowledge base in a browser (Datasette, read-only, on 127.0.0.1).

        Claims with facets on claimant, kind, force and outlet, "who said how many troops when", one
        claimant's figures over time, each claim's quote and a link to its source text. Needs the web
        extra: pip install 'claimtrack\\[web]'.

        Example:

            claimtrack serve --port 8001
        """
        from claimtrack import web

        if importlib.util.find_spec("datasette") is None:
            raise ClaimtrackError("serving needs Datasette: pip install 'claimtrack[web]'")
        url = database_url(state(ctx).db_option)
        path = sqlite_path(url)
        if path is None:
            raise UsageError("serve shows a SQLite database; for a team database: "
                             "claimtrack db copy URL team.db && claimtrack --db team.db serve")
        open_database(str(path), existing=True).close()  # a claimtrack database, migrated: or a clear error
        plugins = Path(web.__file__).parent / "datasette_plugins"
        with tempfile.TemporaryDirectory(prefix="claimtrack-serve-") as folder:
            settings = Path(folder) / "metadata.json"
            settings.write_text(json.dumps(web.metadata(path.stem), ensure_ascii=False), encoding="utf-8")
            command = [sys.executable, "-m", "datasette", "serve", str(path), "--metadata", str(settings),
                       "--plugins-dir", str(plugins), "--host", host, "--port", str(port),
                       "--setting", "default_page_size", "50", "--setting", "sql_time_limit_ms", "5000"]
            if open_browser:
                command.append("--open")
            typer.echo(f"serving {path} at http://{host}:{port}/{path.stem} (Ctrl-C stops)", err=True)
            try:
                raise typer.Exit(subprocess.call(command))
            except KeyboardInterrupt:
                raise typer.Exit(0) from None
