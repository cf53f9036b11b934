"""The `biblioduck` command line.

Each command lives in its own module; this file only assembles them. Prefect is imported
lazily inside the commands that orchestrate, so `parse`, `sql`, `schema` and `--help` start fast.
"""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from flows.cli import check as cli_check
from flows.cli import identity as cli_identity
from flows.cli import ingest as cli_ingest
from flows.cli import parse as cli_parse
from flows.cli import serve as cli_serve
from flows.cli import warehouse as cli_warehouse
from flows.cli.options import Command

app = typer.Typer(
    name="biblioduck",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_notices() -> None:
    """The warehouse's notices (waiting for a lock held by another process) as plain lines on stderr."""
    notices = logging.getLogger("biblioduck")
    if not notices.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("note: %(message)s"))
        notices.addHandler(handler)
        notices.setLevel(logging.INFO)
        notices.propagate = False


def _print_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import version

        typer.echo(f"biblioduck {version('biblioduck')}")
        raise typer.Exit(0)


@app.callback()
def _root(
    show_version: Annotated[
        bool,
        typer.Option("--version", is_eager=True, callback=_print_version, help="Print the version and exit."),
    ] = False,
) -> None:
    """Turn author listing pages of a paper search site into clean DuckDB tables.

    Typical use: `biblioduck ingest fixtures/demo/` loads pages into the warehouse, then
    `biblioduck sql "SELECT * FROM papers"` queries it. Every command has --help.
    """
    _show_notices()


app.command("parse", cls=Command)(cli_parse.parse_command)
app.command("ingest", cls=Command)(cli_ingest.ingest_command)
app.command("serve", cls=Command)(cli_serve.serve_command)
app.command("sql", cls=Command)(cli_warehouse.sql_command)
app.command("export", cls=Command)(cli_warehouse.export_command)
app.command("refresh", cls=Command)(cli_warehouse.refresh_command)
app.command("dashboard", cls=Command)(cli_warehouse.dashboard_command)
app.command("schema", cls=Command)(cli_warehouse.schema_command)
app.command("check", cls=Command)(cli_check.check_command)
app.add_typer(cli_identity.app, name="identity")


def main() -> None:
    app()
