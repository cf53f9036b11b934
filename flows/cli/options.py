"""What every command shares: the --db option and the exit codes, each defined once.

The warehouse path itself is resolved in one place, warehouse.resolve_db_path (--db, else
$BIBLIODUCK_DB, else var/biblioduck.duckdb), so the option carries no default of its own.
"""

from __future__ import annotations

from typing import Annotated

import typer

DEFAULT_DB_SHOWN = "var/biblioduck.duckdb"  # for --help only; warehouse.DEFAULT_DB_PATH is the one in force

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=f"Warehouse file. [default: $BIBLIODUCK_DB, else {DEFAULT_DB_SHOWN}]",
        show_default=False,
    ),
]

# Exit codes, the same for the same failure in every command.
EXIT_OK = 0
EXIT_REJECTED = 1  # some page rejected or held back; for serve: no Prefect server
EXIT_FAILED = 1  # the command could not do its work: a query DuckDB rejected, an export it cannot write
EXIT_USAGE = 2  # bad usage (typer's own code for bad options)
EXIT_WAREHOUSE = 3  # the warehouse could not be used: locked, not a DuckDB file, too new, unwritable
EXIT_PREFECT = 4  # no Prefect API: the temporary local server did not start
EXIT_DRIFT = 5  # the drift breaker stopped the run


def fail(message: str, code: int) -> typer.Exit:
    """Print one line on stderr; raise the returned Exit (so type checkers see the flow end)."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)
