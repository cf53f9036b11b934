"""`biblioduck dashboard`: one self-contained HTML file of Vega-Lite charts over the mart tables.

The page opens offline by double-click: Vega, Vega-Lite and vega-embed are inlined (the bundle
vl-convert-python ships), the data is inlined too, and nothing is fetched. One Vega-Lite spec holds
every chart, so the controls (a cluster selector and a year range, Vega-Lite parameters bound to
inputs) drive all of them. The charts draw as SVG, whose marks carry their values in aria labels.

    warehouse marts --read_dashboard_data--> rows --dashboard_spec--> Vega-Lite --render_html--> file
"""

from __future__ import annotations

import html
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

import warehouse
from warehouse import DashboardLimits

EMBED_OPTIONS = {"renderer": "svg", "actions": False}
WIDTH = 560


@dataclass(frozen=True, slots=True)
class DashboardFile:
    path: Path
    size_bytes: int
    seconds: float
    empty: bool  # the warehouse holds no papers: the page says so instead of drawing charts


def default_dashboard_path(db: str | Path) -> Path:
    """dashboard.html beside the warehouse file: var/dashboard.html for the default var/biblioduck.duckdb."""
    return Path(db).parent / "dashboard.html"


def build_dashboard(
    db: str | Path, out: str | Path, *, limits: DashboardLimits | None = None, lock_timeout: float | None = None
) -> DashboardFile:
    """Read the marts and write the dashboard to `out`, swapped in atomically; returns what was written."""
    started = time.monotonic()
    data = warehouse.read_dashboard_data(db, limits, lock_timeout=lock_timeout)
    page = render_html(data)
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(page, encoding="utf-8")
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return DashboardFile(target, target.stat().st_size, time.monotonic() - started, _is_empty(data))


def _is_empty(data: dict[str, list[dict[str, Any]]]) -> bool:
    totals = data["totals"]
    return not totals or not totals[0]["papers"]


def dashboard_spec(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The Vega-Lite spec of every chart, with the shared cluster and year-range parameters."""
    import altair as alt

    totals = data["totals"][0]
    first_year = int(totals["first_year"] or 0)
    last_year = int(totals["last_year"] or first_year)
    clusters = data["clusters"]
    year_from = alt.param(
        name="year_from",
        value=first_year,
        bind=alt.binding_range(min=first_year, max=last_year, step=1, name="From year "),
    )
    year_to = alt.param(
        name="year_to", value=last_year, bind=alt.binding_range(min=first_year, max=last_year, step=1, name="to ")
    )
    cluster = alt.param(
        name="cluster",
        value=clusters[0]["cluster_key"] if clusters else "",
        bind=alt.binding_select(
            options=[row["cluster_key"] for row in clusters],
            labels=[row["name"] for row in clusters],
            name="Cluster ",
        ),
    )
    in_years = (alt.datum.year >= year_from) & (alt.datum.year <= year_to)

    used: set[str] = set()

    # The charts name their data and the rows go in the spec's top-level datasets: inline rows would be
    # deep-copied by Altair at every composition step, which cost seconds on a few thousand rows.
    def values(name: str) -> alt.NamedData:
        used.add(name)
        return alt.NamedData(name=name)

    annual = (
        alt.Chart(values("annual_output"), title="Annual output by venue kind")
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="year"),
            y=alt.Y("papers:Q", title="papers", stack=True),
            color=alt.Color("venue_kind:N", title="venue kind"),
            tooltip=["year:O", "venue_kind:N", "papers:Q"],
        )
        .transform_filter(in_years)
        .properties(name="annual_output", width=WIDTH, height=200)
    )
    venues = (
        alt.Chart(values("top_venues"), title="Top venues")
        .mark_bar()
        .encode(
            y=alt.Y("venue:N", sort="-x", title=None),
            x=alt.X("papers:Q", title="papers"),
            color=alt.Color("venue_kind:N", title="venue kind"),
            tooltip=["venue:N", "venue_kind:N", "papers:Q", "authors:Q", "first_year:O", "last_year:O"],
        )
        .properties(name="top_venues", width=WIDTH, height=alt.Step(16))
    )
    authors = (
        alt.Chart(values("top_authors"), title="Top authors by papers")
        .mark_bar()
        .encode(
            y=alt.Y("name:N", sort=alt.EncodingSortField("rank"), title=None),
            x=alt.X("papers:Q", title="papers"),
            tooltip=["name:N", "papers:Q", "first_author_papers:Q", "last_author_papers:Q"],
        )
        .properties(name="top_authors", width=WIDTH, height=alt.Step(16))
    )
    shares = (
        alt.Chart(values("top_authors"), title="First- and last-author shares of the top authors")
        .transform_fold(["first_author_share", "last_author_share"], as_=["position", "share"])
        .mark_bar()
        .encode(
            y=alt.Y("name:N", sort=alt.EncodingSortField("rank"), title=None),
            yOffset=alt.YOffset("position:N"),
            x=alt.X("share:Q", title="share of the author's papers", scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("position:N", title="author position"),
            tooltip=["name:N", "position:N", alt.Tooltip("share:Q", format=".0%")],
        )
        .properties(name="author_shares", width=WIDTH, height=max(40, 18 * len(data["top_authors"])))
    )
    output_base = alt.Chart(values("author_output")).encode(
        x=alt.X("year:O", title="year"),
        y=alt.Y("papers:Q", title="papers"),
        color=alt.Color("name:N", title="author"),
    ).transform_filter(in_years)
    output = alt.layer(
        output_base.mark_line(aria=False),
        output_base.mark_point(filled=True)
        .encode(tooltip=["name:N", "year:O", "papers:Q", "first_author_papers:Q"])
        .properties(name="author_output"),
        title="Output over time of the authors with most papers",
    ).properties(width=WIDTH, height=200)
    axis_off = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    ring = alt.Scale(domain=[-1.35, 1.35])
    edges = (
        alt.Chart(values("network_edges"))
        .mark_rule(opacity=0.5)
        .encode(
            x=alt.X("x_a:Q", scale=ring, axis=axis_off),
            y=alt.Y("y_a:Q", scale=ring, axis=axis_off),
            x2="x_b:Q",
            y2="y_b:Q",
            strokeWidth=alt.StrokeWidth("papers:Q", title="shared papers", scale=alt.Scale(range=[1, 6])),
            tooltip=["author_name_a:N", "author_name_b:N", "papers:Q"],
        )
        .transform_filter(alt.datum.cluster_key == cluster)
        .properties(name="network_edges")
    )
    nodes = (
        alt.Chart(values("network_nodes"))
        .mark_circle(opacity=0.9)
        .encode(
            x=alt.X("x:Q", scale=ring, axis=axis_off),
            y=alt.Y("y:Q", scale=ring, axis=axis_off),
            size=alt.Size("papers:Q", title="papers in the cluster"),
            color=alt.Color("is_cluster_author:N", title="cluster author"),
            tooltip=["name:N", "papers:Q"],
        )
        .transform_filter(alt.datum.cluster_key == cluster)
        .properties(name="network_nodes")
    )
    labels = (
        alt.Chart(values("network_nodes"))
        .mark_text(dy=-10, fontSize=9, aria=False)
        .encode(x=alt.X("x:Q", scale=ring, axis=axis_off), y=alt.Y("y:Q", scale=ring, axis=axis_off), text="name:N")
        .transform_filter(alt.datum.cluster_key == cluster)
    )
    network = alt.layer(edges, nodes, labels, title="Collaboration in the chosen cluster").properties(
        width=WIDTH, height=WIDTH
    )
    coverage = (
        alt.Chart(values("coverage"), title="Cluster coverage: papers declared against loaded")
        .transform_fold(["declared_papers", "loaded_papers"], as_=["count", "papers"])
        .mark_bar()
        .encode(
            y=alt.Y("name:N", title=None, sort=None),
            yOffset=alt.YOffset("count:N"),
            x=alt.X("papers:Q", title="papers"),
            color=alt.Color("count:N", title=None),
            tooltip=["name:N", "count:N", "papers:Q", "truncated_pages:Q", "pages:Q"],
        )
        .properties(name="coverage", width=WIDTH, height=max(40, 18 * len(data["coverage"])))
    )
    run_started = alt.X("started_at:O", title="run started", timeUnit="yearmonthdatehoursminutesseconds")

    def per_run(name: str, title: str, count: str, kind: str, kind_title: str) -> alt.Chart:
        """Bars per run of a count, split by a kind (the data-quality charts)."""
        return (
            alt.Chart(values(name), title=title)
            .mark_bar()
            .encode(
                x=run_started,
                y=alt.Y(f"{count}:Q", title=count),
                color=alt.Color(f"{kind}:N", title=kind_title),
                tooltip=["run_id:N", f"{kind}:N", f"{count}:Q"],
            )
            .properties(name=name, width=WIDTH, height=160)
        )

    problems = per_run("problems", "Data quality: parser problems by kind per run", "problems", "kind", "problem")
    rejects = per_run("rejects", "Data quality: rejected pages by reason per run", "pages", "reason_code", "reason")
    runs = (
        alt.Chart(values("runs"), title="Run history: pages per run")
        .transform_fold(["pages_loaded", "pages_unchanged", "pages_rejected"], as_=["outcome", "pages"])
        .mark_bar()
        .encode(
            x=run_started,
            y=alt.Y("pages:Q", title="pages", stack=True),
            color=alt.Color("outcome:N", title=None),
            tooltip=["run_id:N", "status:N", "outcome:N", "pages:Q", "seconds:Q"],
        )
        .properties(name="runs", width=WIDTH, height=160)
    )
    charts = [annual, venues, authors, shares, output, network, coverage]
    if data["problems"]:
        charts.append(problems)
    if data["rejects"]:
        charts.append(rejects)
    charts.append(runs)
    dashboard = (
        alt.vconcat(*charts, spacing=36)
        .add_params(cluster, year_from, year_to)
        .resolve_scale(color="independent", size="independent", strokeWidth="independent")
        .configure_view(stroke=None)
    )
    spec = dashboard.to_dict()
    spec["datasets"] = {name: data[name] for name in sorted(used)}
    return spec


_PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>biblioduck dashboard</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
  header dl { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; margin: 0.5rem 0 1.5rem; }
  header dt { font-size: 0.8rem; color: #666; }
  header dd { margin: 0; font-size: 1.3rem; font-weight: 600; }
  #charts { display: flex; flex-direction: column; }
  #charts .vega-bindings { order: -1; position: sticky; top: 0; z-index: 1; background: #fff;
    padding: 0.4rem 0; border-bottom: 1px solid #ddd; margin-bottom: 1rem; }
  .vega-bind { margin: 0.3rem 0; }
  .empty { font-size: 1.2rem; padding: 2rem; background: #f4f4f4; border-radius: 6px; }
</style>
$script
</head>
<body>
<header>
<h1>biblioduck</h1>
$header
</header>
<main id="dashboard">$body</main>
$embed
</body>
</html>
""")


def render_html(data: dict[str, list[dict[str, Any]]]) -> str:
    """The whole page: the header, then the charts, or a message when the warehouse is empty."""
    header = _header(data)
    if _is_empty(data):
        body = (
            '<p class="empty" id="empty">The warehouse is empty: no papers are loaded yet. '
            "Run <code>biblioduck ingest SOURCES</code>, then this page is rebuilt.</p>"
        )
        embed = '<script>document.documentElement.dataset.rendered = "empty";</script>'
        return _PAGE.substitute(script="", header=header, body=body, embed=embed)
    spec = _script_json(dashboard_spec(data))
    options = _script_json(EMBED_OPTIONS)
    script = f"<script>\n{javascript_bundle()}\n</script>"
    embed = (
        "<script>\n"
        f"vegaEmbed('#charts', {spec}, {options})\n"
        "  .then(function (result) { window.dashboardView = result.view; "
        "document.documentElement.dataset.rendered = 'charts'; })\n"
        "  .catch(function (error) { console.error(error); document.documentElement.dataset.rendered = 'failed'; });\n"
        "</script>"
    )
    return _PAGE.substitute(script=script, header=header, body='<div id="charts"></div>', embed=embed)


def javascript_bundle() -> str:
    """Vega, Vega-Lite and vega-embed in one script, from vl-convert-python.

    vl-convert bundles them on first use, which takes seconds; the result is kept per vl-convert version
    in $XDG_CACHE_HOME/biblioduck (default ~/.cache/biblioduck), so an ingest pays it once per machine."""
    import vl_convert

    version = getattr(vl_convert, "__version__", "unknown")
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    cached = cache_home / "biblioduck" / f"vl-convert-{version}-bundle.js"
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    bundle = vl_convert.javascript_bundle()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
        temporary.write_text(bundle, encoding="utf-8")
        os.replace(temporary, cached)
    except OSError:
        pass  # an unwritable cache only costs the next build the same seconds
    return bundle


def _header(data: dict[str, list[dict[str, Any]]]) -> str:
    totals = data["totals"][0] if data["totals"] else {}
    items = [
        ("papers", totals.get("papers")),
        ("persons", totals.get("persons")),
        ("authorships", totals.get("authorships")),
        ("clusters", totals.get("clusters")),
        ("venues", totals.get("venues")),
        ("pages", totals.get("pages")),
    ]
    last_run = totals.get("last_run_ended_at") or totals.get("last_run_started_at")
    cells = "".join(
        f'<div><dt>{html.escape(label)}</dt><dd id="total-{label}">{value or 0:,}</dd></div>' for label, value in items
    )
    run = (
        f'<p id="last-run">Last run: <time>{html.escape(str(last_run))}</time> '
        f"({html.escape(str(totals.get('last_run_status')))})</p>"
        if last_run
        else '<p id="last-run">No run yet.</p>'
    )
    return f"<dl>{cells}</dl>\n{run}"


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no '</' can close it early."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
