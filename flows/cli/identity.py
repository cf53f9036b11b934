"""`biblioduck identity ...`: inspect how authors were grouped into persons, and override it.

explain NAME shows the forms, papers, links (rule and evidence), suspects and overrides of the persons a
name (or an author_key, or a person_id) belongs to. link, unlink, assign and revoke append an override
(who, when, why) and re-resolve the names it touches; export and import keep the overrides in a CSV file.
"""

from __future__ import annotations

import getpass
import json
import os
import shlex
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from flows.cli.options import EXIT_FAILED, EXIT_WAREHOUSE, Command, DbOption, fail

app = typer.Typer(no_args_is_help=True, help="Persons: how author names were grouped, and overrides of it.")

ReasonOption = Annotated[str, typer.Option("--reason", help="Why: kept with the override, required.")]
WhoOption = Annotated[
    str | None,
    typer.Option("--who", metavar="NAME", help="Who writes it.", show_default="$BIBLIODUCK_USER, else the login name"),
]


@app.command("explain", cls=Command)
def explain_command(
    name: Annotated[str, typer.Argument(help="A name as shown (a dblp number allowed), an author_key or a person_id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    db: DbOption = None,
) -> None:
    """Show the persons NAME belongs to: their forms and papers, the links and why each was made, suspects."""
    from warehouse import WarehouseError, explain, resolve_db_path

    try:
        found = explain(resolve_db_path(db), name)
    except WarehouseError as error:
        _fail(error)
    if not found["persons"]:
        raise fail(f"no person found for {name!r}", EXIT_FAILED)
    if as_json:
        json.dump(_plain(found), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    _print_explanation(found)


@app.command("link", cls=Command)
def link_command(
    first: Annotated[str, typer.Argument(help="A name as shown, or an author_key.")],
    second: Annotated[str, typer.Argument(help="Another name, or author_key: the same person as FIRST.")],
    reason: ReasonOption,
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Make two author groups one person, whatever the evidence says."""
    _override("link", first, second, reason, who, db)


@app.command("unlink", cls=Command)
def unlink_command(
    first: Annotated[str, typer.Argument(help="A name as shown, or an author_key.")],
    second: Annotated[str, typer.Argument(help="Another name, or author_key: never the same person as FIRST.")],
    reason: ReasonOption,
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Keep two author groups apart on every re-run."""
    _override("unlink", first, second, reason, who, db)


@app.command("assign", cls=Command)
def assign_command(
    form: Annotated[str, typer.Argument(help="The author group to move: a name as shown, or an author_key.")],
    person: Annotated[str, typer.Argument(help="The person_id it belongs to.")],
    reason: ReasonOption,
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Put an author group into a person: its automatic links are dropped, the override holds it there."""
    _override("assign", form, person, reason, who, db)


@app.command("revoke", cls=Command)
def revoke_command(
    override_id: Annotated[str, typer.Argument(help="The override_id to revoke.")],
    reason: ReasonOption,
    who: WhoOption = None,
    db: DbOption = None,
) -> None:
    """Revoke an override: a new row says so; nothing is deleted."""
    _override("revoke", override_id, None, reason, who, db)


@app.command("resolve", cls=Command)
def resolve_command(db: DbOption = None) -> None:
    """Re-resolve every author (an ingest re-resolves only the name blocks it touches)."""
    from warehouse import WarehouseError, resolve_all, resolve_db_path

    try:
        persons = resolve_all(resolve_db_path(db))
    except WarehouseError as error:
        _fail(error)
    typer.echo(f"{persons} persons")
    _after_persons_changed(db)


@app.command("export", cls=Command)
def export_command(
    csv_path: Annotated[Path, typer.Argument(help="CSV file to write every override row to.")], db: DbOption = None
) -> None:
    """Write the overrides (revocations included) to a CSV file, to keep in git."""
    from warehouse import WarehouseError, export_overrides, resolve_db_path

    try:
        written = export_overrides(resolve_db_path(db), csv_path)
    except WarehouseError as error:
        _fail(error)
    except OSError as error:
        raise fail(f"cannot write {csv_path}: {error.strerror or error}", EXIT_FAILED) from None
    typer.echo(f"wrote {written} overrides to {csv_path}")


@app.command("import", cls=Command)
def import_command(
    csv_path: Annotated[Path, typer.Argument(help="CSV file an export wrote.")], db: DbOption = None
) -> None:
    """Append the overrides of a CSV file the warehouse lacks, and re-resolve the names they touch."""
    from warehouse import WarehouseError, import_overrides, resolve_db_path

    try:
        added = import_overrides(resolve_db_path(db), csv_path)
    except WarehouseError as error:
        _fail(error)
    except (OSError, ValueError) as error:
        raise fail(f"cannot read {csv_path}: {error}", EXIT_FAILED) from None
    typer.echo(f"imported {added} overrides from {csv_path}")
    if added:
        _after_persons_changed(db)


def _override(action: str, first: str, second: str | None, reason: str, who: str | None, db: str | None) -> None:
    from warehouse import WarehouseError, add_override, resolve_db_path

    author = who or os.environ.get("BIBLIODUCK_USER") or getpass.getuser()
    try:
        override_id = add_override(resolve_db_path(db), action, first, second, reason=reason, who=author)
    except WarehouseError as error:
        _fail(error)
    typer.echo(f"override {override_id}: {action} {first}{' ' + second if second else ''} ({author}: {reason})")
    _after_persons_changed(db)


def _after_persons_changed(db: str | None) -> None:
    """The marts were rebuilt with the change; the dashboard file beside the warehouse, if there is one, is
    rebuilt from them, so the counts people read follow the correction."""
    from flows.dashboard import build_dashboard, default_dashboard_path
    from warehouse import WarehouseError, person_marts, resolve_db_path

    typer.echo(f"rebuilt the marts that count persons: {', '.join(person_marts())}")
    path = resolve_db_path(db)
    dashboard = default_dashboard_path(path)
    if not dashboard.exists():
        return
    try:
        built = build_dashboard(path, dashboard)
    except (WarehouseError, OSError) as error:
        where = f" --db {shlex.quote(db)}" if db else ""
        typer.echo(f"could not rebuild the dashboard {dashboard} ({error}); try: biblioduck dashboard{where}", err=True)
        return
    typer.echo(f"rebuilt the dashboard: {built.path}")


def _print_explanation(found: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    for person in found["persons"]:
        pid = person["person_id"]
        console.print(
            f"[bold]person {pid}[/bold]: {escape(person['name'])} — {person['papers']} papers, "
            f"{person['first_year']}–{person['last_year']}"
        )
        groups = Table("author_key", "forms", "papers", title="forms and their papers", title_justify="left")
        for group in (g for g in found["groups"] if g["person_id"] == pid):
            papers = "\n".join(f"{p['year'] or '?'} {p['title']}" for p in group["papers"] or [])
            groups.add_row(group["author_key"], escape(", ".join(group["forms"] or [])), escape(papers))
        console.print(groups)
        links = Table("a", "b", "rule", "why", "score", title="links", title_justify="left")
        for link in (item for item in found["links"] if item["person_id"] == pid):
            why = (
                f"override {link['override_id']}"
                if link["override_id"] is not None
                else f"{link['shared_coauthors']} shared coauthors ({', '.join(link['shared_coauthor_names'] or [])}), "
                f"{link['shared_pages']} shared pages, {link['shared_venues']} shared venues"
            )
            links.add_row(
                escape(link["name_a"] or link["author_key_a"]), escape(link["name_b"] or link["author_key_b"]),
                f"{link['rule']} ({link['strength']})", escape(why), str(link["score"]),
            )
        console.print(links if links.row_count else "links: none (a single author group)")
        for suspect in (s for s in found["suspects"] if s["person_id"] == pid):
            console.print(
                f"suspect: {suspect['author_key']} — {suspect['papers']} papers fall apart into "
                f"{suspect['pieces']} pieces {suspect['piece_sizes']} that share no coauthor"
            )
    for override in found["overrides"]:
        console.print(
            f"override {override['override_id']}: {override['action']} {escape(override['name_a'] or '')} "
            f"{escape(override['name_b'] or str(override['person_id'] or ''))} — {escape(override['who'])}, "
            f"{override['created_at']:%Y-%m-%d}: {escape(override['reason'])}"
        )


def _plain(value: Any) -> Any:
    from flows.cli.warehouse import _plain as plain

    return plain(value)


def _fail(error: Exception) -> NoReturn:
    from warehouse import IdentityError, QueryError

    code = EXIT_FAILED if isinstance(error, IdentityError | QueryError) else EXIT_WAREHOUSE
    raise fail(str(error), code) from None
