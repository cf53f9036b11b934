"""The `biblioduck` command line.

Each command lives in its own module; this file only assembles them. Prefect is imported
lazily inside the commands that orchestrate, so `parse`, `sql`, `schema` and `--help` start fast.
"""

from __future__ import annotations

import typer

from flows.cli import identity as cli_identity
from flows.cli import ingest as cli_ingest
from flows.cli import parse as cli_parse
from flows.cli import serve as cli_serve
from flows.cli import warehouse as cli_warehouse

app = typer.Typer(
    name="biblioduck",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Turn author listing pages of a paper search site into clean DuckDB tables.

    Typical use: `biblioduck ingest fixtures/` loads pages into the warehouse, then
    `biblioduck sql "SELECT * FROM papers"` queries it. Every command has --help.
    """


app.command("parse")(cli_parse.parse_command)
app.command("ingest")(cli_ingest.ingest_command)
app.command("serve")(cli_serve.serve_command)
app.command("sql")(cli_warehouse.sql_command)
app.command("export")(cli_warehouse.export_command)
app.command("schema")(cli_warehouse.schema_command)
app.add_typer(cli_identity.app, name="identity")


def main() -> None:
    app()
