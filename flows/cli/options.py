"""What every command shares: the --db option and the exit codes, each defined once.

The warehouse path itself is resolved in one place, warehouse.resolve_db_path (--db, else
$BIBLIODUCK_DB, else var/biblioduck.duckdb), so the option carries no default of its own.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperOption

DEFAULT_DB_SHOWN = "var/biblioduck.duckdb"  # for --help only; warehouse.DEFAULT_DB_PATH is the one in force

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help=f"Warehouse file (default: $BIBLIODUCK_DB, else {DEFAULT_DB_SHOWN}).",
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
EXIT_DATA_TEST = 6  # a data test (sql/tests/) failed: the batch it guarded was rolled back
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM, as shells report a SIGINT


def fail(message: str, code: int) -> typer.Exit:
    """Print one line on stderr; raise the returned Exit (so type checkers see the flow end)."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _untyped(param_type: Any) -> Any:
    """The same parameter type, shown in --help without its type name."""
    return type("Untyped", (type(param_type),), {"get_metavar": lambda self, param, ctx=None: ""})()


class Command(TyperCommand):
    """Every command's class: --help names each value by its option (`--timeout TIMEOUT`), never by a
    Python type (`<float range>`, `<str>`), which says nothing to someone reading it."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        for param in self.params:
            if (
                isinstance(param, TyperOption)
                and not param.is_flag
                and param.metavar is None
                and not getattr(param.type, "choices", None)  # choices show themselves: [table|csv|json]
            ):
                param.metavar = (param.name or "value").upper()
            elif isinstance(param, TyperArgument) and param.type.get_metavar(param=param, ctx=ctx) is None:
                param.type = _untyped(param.type)
        super().format_help(ctx, formatter)
