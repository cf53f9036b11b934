"""--help explains itself: no Python types, the --db default on every command that has it, a version."""

from __future__ import annotations

import re
from importlib.metadata import version

import pytest
from typer.testing import CliRunner

from flows.cli.app import app

runner = CliRunner()
COMMANDS = ("parse", "ingest", "serve", "sql", "export", "schema", "check")
_PYTHON_TYPE = re.compile(r"<(?:bool|str|int|float|path|list|text)[^>]*>", re.IGNORECASE)


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
