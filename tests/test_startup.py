"""Start-up: each run imports what its command uses and no more (issue #14).

What is measured here is which modules a run loads, never how long it takes (timings live in
benchmarks/)."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys

import pytest

from claimtrack.cli import COMMANDS, load_command

DATABASE_LAYER = ("sqlalchemy", "sqlmodel", "alembic", "pydantic", "psycopg")

PROBE = """
import json, sys
sys.argv = ['claimtrack'] + sys.argv[1:]
from claimtrack.entry import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)
"""


def loaded_after(*args: str, db: str | None = None) -> set[str]:
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "80", "CLAIMTRACK_CACHE": os.environ.get("CLAIMTRACK_CACHE", "")}
    if db:
        env["CLAIMTRACK_DB"] = db
    run = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env)
    return set(json.loads(run.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [["--help"], ["--version"], []], ids=["help", "version", "no-args"])
def test_help_and_version_load_no_database_code(args):
    loaded = loaded_after(*args)
    assert "claimtrack" in loaded
    assert not loaded & set(DATABASE_LAYER), sorted(loaded & set(DATABASE_LAYER))


def test_a_reading_command_loads_no_migration_tool(seeds_db):
    loaded = loaded_after("sources", "--format", "jsonl", db=str(seeds_db))
    assert "sqlalchemy" in loaded  # the probe does see the database layer when it is used
    assert "alembic" not in loaded


@pytest.mark.parametrize("args", [["claims", "--format", "jsonl", "--limit", "3"],
                                  ["who", "--format", "csv"],
                                  ["export", "claims", "--format", "csv"]], ids=["claims-jsonl", "who-csv", "export-csv"])
def test_machine_formats_load_no_table_renderer(seeds_db, args):
    loaded = loaded_after(*args, db=str(seeds_db))
    assert "sqlite3" in loaded  # the probe does see what the run loads
    assert "rich" not in loaded


def test_a_table_does_load_it(seeds_db):
    assert "rich" in loaded_after("claims", "--limit", "3", db=str(seeds_db))


def test_help_lists_every_command_with_its_own_short_help():
    """The list `--help` prints without importing the commands says what each command says of itself."""
    for name, (_, listed) in COMMANDS.items():
        command = load_command(name)
        own = " ".join(inspect.cleandoc(command.help or "").split("\n\n")[0].split())
        assert listed == own, name


def test_every_command_runs_from_the_lazy_list(invoke):
    for name in COMMANDS:
        result = invoke(name, "--help")
        assert result.exit_code == 0, (name, result.output)
        assert f"claimtrack {name}" in result.output


def _commands():
    """Every command path, groups' subcommands included, with its click command."""
    for name in COMMANDS:
        command = load_command(name)
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for sub, subcommand in subcommands.items():
                yield [name, sub], subcommand
        else:
            yield [name], command


def test_every_option_help_is_shown_whole(invoke, monkeypatch):
    """The help Typer renders keeps every word of an option's help: Typer's rich markup reads `[...]` as
    a style tag and drops it unless escaped (it ate every "[default: …]" we wrote)."""
    import typer

    from claimtrack.cli import app

    monkeypatch.setenv("COLUMNS", "300")  # no wrapping inside the table
    checked = 0
    for path, command in [([], typer.main.get_group(app)), *_commands()]:
        result = invoke(*path, "--help")
        assert result.exit_code == 0, (path, result.output)
        shown = " ".join(result.output.replace("│", " ").split())
        for param in command.params:
            text = getattr(param, "help", None)
            if text:
                want = " ".join(text.replace("\\[", "[").split())
                assert want in shown, (path, want)
                checked += 1
    assert checked > 40


def test_command_help_paragraphs_are_left_to_the_terminal_to_wrap():
    """Typer 0.29 keeps a docstring's line breaks, which at 80 columns leave a short line after each long
    one: every paragraph but examples reaches it as one line."""
    from claimtrack.cli import reflowed

    docstring = """A long
        line.

        Example:

            claimtrack who
            claimtrack compare
        """
    assert reflowed(docstring) == "A long line.\n\nExample:\n\n    claimtrack who\n    claimtrack compare"
    for path, command in _commands():
        for paragraph in (command.help or "").split("\n\n"):
            lines = paragraph.split("\n")
            assert len(lines) == 1 or all(line[:1].isspace() for line in lines[1:]), (path, paragraph)


def test_option_values_are_named_and_flags_take_none(invoke, monkeypatch):
    """Typer 0.29 writes '<str>', '<int range>' and '<bool>' beside options, '<bool>' even for flags, which
    take no value: our options show a name for their value ('--since SINCE') and flags none."""
    monkeypatch.setenv("COLUMNS", "300")
    for path, command in [([], None), *_commands()]:
        shown = invoke(*path, "--help").output
        assert "<bool>" not in shown, (path, shown)  # --help itself, the completion flags: no value
        rows = {line.replace("│", " ").split()[0]: line for line in shown.splitlines()
                if line.replace("│", " ").strip().startswith("--")}
        for param in command.params if command is not None else ():
            long = max(getattr(param, "opts", [""]), key=len)
            if not long.startswith("--") or long not in rows:
                continue
            assert "<str>" not in rows[long] and "<int" not in rows[long], (path, rows[long])
            if param.is_flag:
                assert "<bool>" not in rows[long], (path, rows[long])
    claims = invoke("claims", "--help").output
    assert "--since" in claims and "SINCE" in claims
    assert "9223372036854775807" not in claims  # the 64-bit bound is checked, not printed


@pytest.mark.parametrize("value, ok", [("9223372036854775807", True), ("-9223372036854775808", True),
                                       ("9223372036854775808", False), ("-9223372036854775809", False)])
def test_figure_bounds_are_the_database_integer(invoke, seeds_db, value, ok):
    result = invoke("--db", str(seeds_db), "claims", f"--min={value}", "--format", "json")
    assert (result.exit_code == 0) is ok, result.output
    if not ok:
        assert "beyond any figure" in result.output
