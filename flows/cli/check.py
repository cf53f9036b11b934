"""`biblioduck check`: the data tests of sql/tests/ over a whole warehouse, on demand. No Prefect here."""

from __future__ import annotations

import json

import typer

from flows.cli.options import EXIT_DATA_TEST, EXIT_WAREHOUSE, DbOption


def check_command(db: DbOption = None) -> None:
    """Run every data test (sql/tests/*.sql) over the whole warehouse and print the failures.

    Each test returns the rows that break one rule: unique keys, required columns, references that
    resolve, authorships as parsed, marts that agree with their tables. Exit codes: 0 every test
    passed; 6 some test failed (its rows are printed); 3 the warehouse could not be used.
    """
    from warehouse import WarehouseError, check_warehouse, resolve_db_path

    path = resolve_db_path(db)
    try:
        results = check_warehouse(path)
    except WarehouseError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_WAREHOUSE) from None
    failed = [result for result in results if not result.passed]
    for result in results:
        typer.echo(f"{'FAIL' if not result.passed else 'ok  '} {result.name}"
                   + (f": {result.failing_rows} rows" if not result.passed else ""))
        for row in result.sample:
            typer.echo(f"       {json.dumps(row, default=str, ensure_ascii=False)}")
    typer.echo(f"{len(results) - len(failed)} of {len(results)} data tests passed on {path}")
    if failed:
        raise typer.Exit(EXIT_DATA_TEST)
