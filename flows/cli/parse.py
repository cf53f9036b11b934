"""`biblioduck parse`: parse pages and print their records, without touching the warehouse."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from flows.acquire.files import guess_content_type
from parsers import ListingPage, NotAListingPage, parse_page


def parse_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Listing pages to parse: saved .html files or their plain-text renderings."),
    ],
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print a JSON array with one object per page (the stable shape documented in the README).",
        ),
    ] = False,
) -> None:
    """Parse listing pages into papers, authors and problems, and print them.

    Exit code 0 when every page parsed completely; 1 when any page was not a listing page, could
    not be read, or parsed incompletely (a paper without title or authors, abstract-sized text
    outside every paper, a paper count the page contradicts: the ingest would hold such a page
    back). The pages that did parse are printed either way, and each failure is named on stderr.
    """
    pages: list[ListingPage] = []
    failed = 0
    for path in paths:
        try:
            content = path.read_bytes()
        except OSError as error:
            failed += 1
            typer.echo(f"error: {path}: cannot read: {error.strerror or error}", err=True)
            continue
        try:
            page = parse_page(content, source=str(path), content_type=guess_content_type(path))
        except NotAListingPage as error:
            failed += 1
            typer.echo(f"error: {error}", err=True)
            continue
        pages.append(page)
        if missing := page.incompleteness():
            failed += 1
            kinds = ", ".join(sorted({problem.kind for problem in missing}))
            typer.echo(f"error: {path}: incomplete parse ({kinds}): {missing[0].message}", err=True)
    if as_json:
        json.dump([page.to_dict() for page in pages], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_tables(pages)
    raise typer.Exit(1 if failed else 0)


def _print_tables(pages: list[ListingPage]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for page in pages:
        table = Table(
            title=f"{page.source}: {page.cluster_name} "
            f"({len(page.papers)} of {page.declared_papers} papers, {len(page.problems)} problems)",
            title_justify="left",
        )
        for column in ("#", "year", "venue", "title", "authors", "abstract"):
            table.add_column(column, overflow="fold")
        for paper in page.papers:
            names = ", ".join(author.raw for author in paper.authors)
            table.add_row(
                str(paper.position),
                str(paper.year or ""),
                paper.venue or paper.venue_line or "",
                paper.title,
                names + (" (capped at 8)" if paper.authors_capped else ""),
                "yes" if paper.abstract else "no",
            )
        console.print(table)
        for problem in page.problems:
            console.print(f"  [yellow]{problem.kind}[/yellow] at {problem.where}: {problem.message}")
