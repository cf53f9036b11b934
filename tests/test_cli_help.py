"""--help explains itself: no Python types, every default shown, the --db default on every command that has it, a
version."""

from __future__ import annotations

import re
from importlib.metadata import version

import pytest
import typer.main
from typer.testing import CliRunner

from flows.cli.app import app

runner = CliRunner()
COMMANDS = ("parse", "ingest", "serve", "sql", "export", "schema", "check")
_PYTHON_TYPE = re.compile(r"<(?:bool|str|int|float|path|list|text)[^>]*>", re.IGNORECASE)


def _every_command(command=None, path=()):
    command = command or typer.main.get_command(app)
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            yield from _every_command(sub, (*path, name))
    else:
        yield path, command


EVERY_COMMAND = dict(_every_command())


def _option_help(output: str, option: str) -> str:
    """The text of one option's row in rich's help panel, its wrapped lines included."""
    lines = output.splitlines()
    start = next(index for index, line in enumerate(lines) if re.search(rf"\s{re.escape(option)}\s", line))
    text = [lines[start]]
    for line in lines[start + 1 :]:
        if re.match(r"^│\s+(\*\s+)?-", line) or line.startswith("╰"):
            break
        text.append(line)
    return " ".join(text)


@pytest.mark.parametrize("path", list(EVERY_COMMAND), ids=" ".join)
def test_every_command_names_its_values_and_shows_every_default(path):
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert not _PYTHON_TYPE.search(result.output), _PYTHON_TYPE.findall(result.output)
    for param in EVERY_COMMAND[path].params:
        if "Option" not in type(param).__name__ or param.is_flag or param.required or param.name == "help":
            continue
        shown = _option_help(result.output, max(param.opts, key=len))
        # rich reads "[...]" in help text as markup and drops it: a default written so would vanish
        assert "default" in shown, f"{' '.join(path)} {param.opts}: {shown}"


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_values_not_python_types(command):
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert not _PYTHON_TYPE.search(result.output), _PYTHON_TYPE.findall(result.output)
    if "--db" in result.output:
        assert "default: $BIBLIODUCK_DB, else var/biblioduck.duckdb" in result.output


def test_every_command_with_a_warehouse_shows_the_db_default():
    shown = [command for command in COMMANDS if "--db" in runner.invoke(app, [command, "--help"]).output]
    assert shown == ["ingest", "serve", "sql", "export", "schema", "check"]


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"biblioduck {version('biblioduck')}"


def test_choices_are_shown():
    result = runner.invoke(app, ["sql", "--help"], env={"COLUMNS": "200"})
    assert "<table|csv|json>" in result.output
