"""The dashboard in a real browser: Debian's chromium driven by Playwright, on warehouses built by real ingests.

Every number a chart draws is read back from its SVG marks (the SVG renderer writes each mark's
values into its aria-label) and compared with SQL over the mart tables.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from typer.testing import CliRunner

import warehouse
from flows.cli.app import app
from tests.helpers import REPO, run_ingest
from tests.warehouse_factories import rows
from warehouse import DashboardLimits

CHROMIUM = os.environ.get("BIBLIODUCK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
# where the screenshot goes: var/ is git-ignored; BIBLIODUCK_UPDATE_SCREENSHOT=1 also refreshes docs/dashboard.png
TEST_OUTPUT = REPO / "var" / "test-output"
DOCS_SCREENSHOT = REPO / "docs" / "dashboard.png"
MAX_SCREENSHOT_BYTES = 300_000
LIMITS = DashboardLimits()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, fixtures_dir: Path) -> dict:
    """Two ingests of the fixtures (two clusters, a truncated page, two held-back pages, a page that is no
    listing), the second unchanged: the dashboard the second one wrote."""
    folder = tmp_path_factory.mktemp("dashboard")
    pages = folder / "pages"
    shutil.copytree(fixtures_dir / "demo", pages)
    for fixture in fixtures_dir.glob("problems_*.txt"):
        shutil.copy(fixture, pages / fixture.name)
    (pages / "junk.html").write_bytes(b"<html><body><h1>404 Not Found</h1></body></html>")
    db = folder / "w.duckdb"
    run_ingest(sources=[str(pages)], db=str(db))
    summary = run_ingest(sources=[str(pages)], db=str(db), dashboard_path=str(folder / "out" / "dash.html"))
    return {"db": db, "summary": summary, "html": Path(summary["dashboard"])}


class Opened:
    """A page opened from file:// with every other request aborted and recorded, and console errors kept."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.attempted: list[str] = []
        self.errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.attempted.append(route.request.url)
            route.abort()

    def open(self, path: Path) -> str:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("html[data-rendered]")
        return self.page.evaluate("document.documentElement.dataset.rendered")

    def marks(self, name: str) -> list[dict[str, str]]:
        """The values of the marks of one named chart, parsed from their aria labels."""
        # Vega names a chart's mark group <name>_marks, or <name>_<index>_marks inside a layer
        labels = self.page.evaluate(
            """name => [...document.querySelectorAll('g.role-mark')]
                .filter(group => [...group.classList].some(
                    token => token === name + '_marks' || new RegExp('^' + name + '_\\\\d+_marks$').test(token)))
                .flatMap(group => [...group.querySelectorAll('[aria-label]')])
                .map(mark => mark.getAttribute('aria-label'))""",
            name,
        )
        return [_parse_label(label) for label in labels]


def _parse_label(label: str) -> dict[str, str]:
    parsed = {}
    for part in label.split("; "):
        key, _, value = part.partition(": ")
        parsed[key] = value
    return parsed


def number(text: str) -> float:
    """A number as the SVG labels print it: thousands separators, a typographic minus, a percent sign."""
    cleaned = text.replace(",", "").replace("\u2212", "-")
    return float(cleaned[:-1]) / 100 if cleaned.endswith("%") else float(cleaned)


@pytest.fixture
def opened(browser: Browser) -> Iterator[Opened]:
    context = browser.new_context(viewport={"width": 1000, "height": 1400})
    page = context.new_page()
    yield Opened(page)
    context.close()


def test_the_ingest_writes_the_dashboard_and_links_it_as_an_artifact(built: dict) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    assert built["html"].is_file()
    assert built["html"] == (built["db"].parent / "out" / "dash.html").resolve()
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["biblioduck-dashboard"]))
        )
    mine = [artifact for artifact in artifacts if artifact.flow_run_id == UUID(built["summary"]["run_id"])]
    assert len(mine) == 1
    assert f"]({built['html'].as_uri()})" in mine[0].data  # a markdown link to the file


def test_the_page_loads_offline_without_errors(built: dict, opened: Opened) -> None:
    assert opened.open(built["html"]) == "charts"
    assert opened.attempted == []
    assert opened.errors == []
    assert opened.page.locator("#charts svg").count() == 1
    html = built["html"].read_text(encoding="utf-8")
    markup = re.sub(r"<script>.*?</script>", "", html, flags=re.DOTALL)  # the page itself, without the inlined JS
    assert "<script" not in markup and not re.search(r"\bsrc=|<link\b|https?://", markup)  # nothing to load


def test_the_header_shows_the_totals_and_the_last_run(built: dict, opened: Opened) -> None:
    opened.open(built["html"])
    totals = dict(zip(["papers", "persons", "authorships", "clusters", "venues", "pages"], rows(
        built["db"], "SELECT papers, persons, authorships, clusters, venues, pages FROM warehouse_totals"
    )[0], strict=True))
    for label, value in totals.items():
        assert number(opened.page.inner_text(f"#total-{label}")) == value
    (ended,) = rows(built["db"], "SELECT ended_at FROM run_history WHERE recency = 1")[0]
    assert ended.isoformat() in opened.page.inner_text("#last-run")


def test_each_chart_draws_the_numbers_of_its_mart(built: dict, opened: Opened) -> None:
    db = built["db"]
    opened.open(built["html"])

    annual = {(int(m["year"]), m["venue_kind"], number(m["papers"])) for m in opened.marks("annual_output")}
    assert annual == set(rows(db, "SELECT year, venue_kind, papers FROM annual_output")) and annual

    venues = [(m["venue"], number(m["papers"]), number(m["authors"])) for m in opened.marks("top_venues")]
    assert sorted(venues) == sorted(
        rows(db, "SELECT venue, papers, authors FROM top_venues WHERE rank <= ?", [LIMITS.venues])
    )

    authors = [
        (m["name"], number(m["papers"]), number(m["first_author_papers"]), number(m["last_author_papers"]))
        for m in opened.marks("top_authors")
    ]
    assert sorted(authors) == sorted(rows(
        db,
        "SELECT name, papers, first_author_papers, last_author_papers FROM author_shares WHERE rank <= ?",
        [LIMITS.authors],
    ))

    shares = {(m["name"], m["position"], round(number(m["share of the author's papers"]), 4))
              for m in opened.marks("author_shares")}
    assert shares == set(rows(
        db,
        "SELECT name, 'first_author_share', first_author_share FROM author_shares WHERE rank <= ? "
        "UNION ALL SELECT name, 'last_author_share', last_author_share FROM author_shares WHERE rank <= ?",
        [LIMITS.authors, LIMITS.authors],
    ))

    points = {(m["name"], int(m["year"]), number(m["papers"])) for m in opened.marks("author_output")
              if "year" in m}
    assert points == set(rows(
        db,
        "SELECT y.name, y.year, y.papers FROM author_output_by_year AS y "
        "JOIN author_shares AS s USING (author_key) WHERE s.rank <= ?",
        [LIMITS.author_lines],
    ))

    coverage = {(m["name"], m["count"], number(m["papers"]), number(m["truncated_pages"]))
                for m in opened.marks("coverage")}
    assert coverage == set(rows(
        db,
        "SELECT name, 'declared_papers', declared_papers, truncated_pages FROM cluster_coverage "
        "UNION ALL SELECT name, 'loaded_papers', loaded_papers, truncated_pages FROM cluster_coverage",
    ))
    assert any(truncated for *_, truncated in coverage)

    problems = {(m["run_id"], m["kind"], number(m["problems"])) for m in opened.marks("problems")}
    assert problems == set(rows(db, "SELECT run_id, kind, problems FROM problems_per_run")) and problems

    rejects = {(m["run_id"], m["reason_code"], number(m["pages"])) for m in opened.marks("rejects")}
    assert rejects == set(rows(db, "SELECT run_id, reason_code, pages FROM rejects_per_reason")) and rejects

    runs = {(m["run_id"], m["outcome"], number(m["pages"])) for m in opened.marks("runs")}
    assert runs == set(rows(
        db,
        "SELECT run_id, o.outcome, o.pages FROM run_history, "
        "LATERAL (VALUES ('pages_loaded', pages_loaded), ('pages_unchanged', pages_unchanged), "
        "('pages_rejected', pages_rejected)) AS o(outcome, pages)",
    ))


def network(opened: Opened) -> set[tuple[str, str, float]]:
    return {(m["author_name_a"], m["author_name_b"], number(m["papers"])) for m in opened.marks("network_edges")}


def edges_of(db: Path, cluster_key: str) -> set[tuple[str, str, int]]:
    return set(rows(
        db,
        "SELECT author_name_a, author_name_b, papers FROM cluster_network_edges WHERE cluster_key = ?",
        [cluster_key],
    ))


def test_the_cluster_selector_changes_the_collaboration_view(built: dict, opened: Opened) -> None:
    db = built["db"]
    opened.open(built["html"])
    offered = rows(
        db, "SELECT cluster_key FROM cluster_coverage ORDER BY loaded_papers DESC, name, cluster_key LIMIT ?",
        [LIMITS.clusters],
    )
    assert len(offered) == 2
    (first,), (second,) = offered
    assert network(opened) == edges_of(db, first)
    nodes = {m["name"] for m in opened.marks("network_nodes")}
    assert nodes == {name for (name,) in rows(
        db, "SELECT name FROM cluster_network_nodes WHERE cluster_key = ? AND x IS NOT NULL", [first]
    )}

    opened.page.select_option("select[name=cluster]", second)
    opened.page.wait_for_function(
        "n => document.querySelectorAll('g.role-mark.mark-rule [aria-label]').length === n",
        arg=len(edges_of(db, second)),
    )
    assert network(opened) == edges_of(db, second)
    assert edges_of(db, first) != edges_of(db, second)


def test_the_year_range_filters_the_annual_output(built: dict, opened: Opened) -> None:
    db = built["db"]
    opened.open(built["html"])
    ((first,),) = rows(db, "SELECT min(year) FROM annual_output")
    cut = first + 2
    opened.page.eval_on_selector(
        "input[name=year_from]",
        "(input, value) => { input.value = value; input.dispatchEvent(new Event('input', {bubbles: true})); }",
        cut,
    )
    expected = set(rows(db, "SELECT year, venue_kind, papers FROM annual_output WHERE year >= ?", [cut]))
    opened.page.wait_for_function(
        "n => document.querySelectorAll('g.annual_output_marks [aria-label]').length === n", arg=len(expected)
    )
    annual = {(int(m["year"]), m["venue_kind"], number(m["papers"])) for m in opened.marks("annual_output")}
    assert annual == expected and len(expected) < len(rows(db, "SELECT * FROM annual_output"))


def test_a_screenshot_is_saved_small_enough_for_the_readme(built: dict, opened: Opened) -> None:
    opened.open(built["html"])
    TEST_OUTPUT.mkdir(parents=True, exist_ok=True)
    shot = TEST_OUTPUT / "dashboard.png"
    opened.page.screenshot(path=str(shot), clip={"x": 0, "y": 0, "width": 1000, "height": 1400})
    assert 10_000 < shot.stat().st_size <= MAX_SCREENSHOT_BYTES
    if os.environ.get("BIBLIODUCK_UPDATE_SCREENSHOT"):
        DOCS_SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copy(shot, DOCS_SCREENSHOT)
    assert DOCS_SCREENSHOT.stat().st_size <= MAX_SCREENSHOT_BYTES


def test_an_empty_warehouse_gives_a_page_that_says_so(tmp_path: Path, opened: Opened) -> None:
    db, out = tmp_path / "empty.duckdb", tmp_path / "empty.html"
    with warehouse.open_warehouse(db, read_only=False):
        pass  # the schema and its marts, no rows
    result = CliRunner().invoke(app, ["dashboard", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"dashboard: {out}" in result.output and "empty" in result.output
    assert opened.open(out) == "empty"
    assert "The warehouse is empty" in opened.page.inner_text("#empty")
    assert opened.page.locator("svg").count() == 0
    assert opened.errors == [] and opened.attempted == []


def test_the_dashboard_command_fails_cleanly_on_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_text("not a database")
    result = CliRunner().invoke(app, ["dashboard", "--db", str(bad), "--out", str(tmp_path / "d.html")])
    assert result.exit_code == 3
    assert not (tmp_path / "d.html").exists()


def test_the_dashboard_reads_a_bounded_number_of_rows_from_the_marts(built: dict) -> None:
    from warehouse import read_dashboard_data

    small = DashboardLimits(venues=1, authors=2, author_lines=1, clusters=1, coverage=1, runs=1)
    data = read_dashboard_data(built["db"], small)
    assert len(data["top_venues"]) == 1 and len(data["top_authors"]) == 2 and len(data["coverage"]) == 1
    assert [row["cluster_key"] for row in data["clusters"]] == [
        key
        for (key,) in rows(
            built["db"],
            "SELECT cluster_key FROM cluster_coverage ORDER BY loaded_papers DESC, name, cluster_key LIMIT 1",
        )
    ]
    assert {row["cluster_key"] for row in data["network_nodes"] + data["network_edges"]} == {
        data["clusters"][0]["cluster_key"]
    }
    assert {row["name"] for row in data["author_output"]} == {data["top_authors"][0]["name"]}
    assert {row["run_id"] for row in data["runs"]} == {built["summary"]["run_id"]}  # the latest run only
    everything = read_dashboard_data(built["db"])
    assert len(everything["network_edges"]) > len(data["network_edges"])
