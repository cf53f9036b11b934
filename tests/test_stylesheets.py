"""Linked stylesheets over loopback HTTP: fetched politely once per run, stored beside the page, used again
by --reparse, revalidated with a conditional GET, and never fetched from another origin."""

from __future__ import annotations

import re

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import warehouse
from tests.helpers import accounted, run_ingest

SHEET = b".promo { display: none }\n.byline > span { display: block }\n"
# A card the site hides with its stylesheet: without the sheet it reads as an eleventh paper.
DECOY = (
    '<article class="promo"><p>ICML Conference 2020 Conference Paper</p><h3>Sponsored: Buy Our GPUs</h3>'
    '<ul><li>Ad Team</li></ul></article>'
)


class Site:
    def __init__(self, page: bytes) -> None:
        self.page = page
        self.sheet = SHEET
        self.sheet_requests: list[dict[str, str]] = []
        self.robots = b"User-agent: *\nAllow: /\n"
        self.serve_sheet = True

    def __call__(self, request: Request) -> Response:
        if request.path == "/robots.txt":
            return Response(self.robots, content_type="text/plain")
        if request.path in ("/a.html", "/b.html"):
            return Response(self.page, content_type="text/html; charset=utf-8")
        if request.path == "/css/site.css":
            self.sheet_requests.append(dict(request.headers))
            if not self.serve_sheet:
                return Response("gone", status=404)
            if request.headers.get("If-None-Match") == '"css-v1"':
                return Response(status=304, headers={"ETag": '"css-v1"'})
            return Response(self.sheet, content_type="text/css", headers={"ETag": '"css-v1"'})
        return Response("not found", status=404)


@pytest.fixture
def site(fixtures_dir):
    html = (fixtures_dir / "demo" / "seed_semantic.html").read_text(encoding="utf-8")
    # the decoy before the first paper, the link (and one to another origin) in the head
    html = re.sub(r"(<article)", DECOY.replace("\\", "\\\\") + r"\1", html, count=1)
    links = '<link rel="stylesheet" href="css/site.css"><link rel="stylesheet" href="http://127.0.0.2:9/x.css">'
    html = html.replace("</head>", links + "</head>", 1)
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    state = Site(html.encode("utf-8"))
    server.expect_request("").respond_with_handler(state)
    server.start()
    yield server, state
    server.clear()
    if server.is_running():
        server.stop()


def _ingest(db, server, *paths, **options):
    return run_ingest(sources=[server.url_for(path) for path in paths], db=str(db), rate_limit=0, **options)


def _count(db, sql: str) -> int:
    return warehouse.run_query(db, sql)[1][0][0]


def test_the_linked_stylesheet_lays_the_page_out_and_is_stored_beside_it(tmp_path, site):
    server, state = site
    db = tmp_path / "w.duckdb"
    summary = _ingest(db, server, "/a.html", "/b.html")
    assert (summary["pages_loaded"], summary["pages_rejected"]) == (2, 0) and accounted(summary)
    assert _count(db, "SELECT count(*) FROM papers") == 10
    assert _count(db, "SELECT count(*) FROM papers WHERE title LIKE 'Sponsored%'") == 0
    assert len(state.sheet_requests) == 1  # two pages link it: fetched once per run
    assert _count(db, "SELECT count(*) FROM raw_stylesheets") == 1
    _, links = warehouse.run_query(db, "SELECT source, href, url FROM page_stylesheets ORDER BY source")
    assert links == [
        (server.url_for("/a.html"), "css/site.css", server.url_for("/css/site.css")),
        (server.url_for("/b.html"), "css/site.css", server.url_for("/css/site.css")),
    ]  # the other origin's sheet was never asked for, and each page says it was laid out without it
    # (and without the fixture's own /static/css/site.css, which this site does not serve)
    _, missing = warehouse.run_query(db, "SELECT kind, message FROM page_problems ORDER BY ALL")
    assert [kind for kind, _ in missing] == ["stylesheet_missing"] * 4
    assert sum("'http://127.0.0.2:9/x.css'" in message for _, message in missing) == 2
    assert not any("'css/site.css'" in message for _, message in missing)

    # --reparse lays the page out with the stored sheet, even when the site no longer serves it
    state.serve_sheet = False
    again = run_ingest(sources=[], db=str(db), reparse=True)
    assert (again["pages_loaded"], again["pages_rejected"]) == (2, 0)
    assert len(state.sheet_requests) == 1
    assert _count(db, "SELECT count(*) FROM papers") == 10


def test_a_changed_page_revalidates_its_stylesheet_with_a_conditional_get(tmp_path, site):
    server, state = site
    db = tmp_path / "w.duckdb"
    _ingest(db, server, "/a.html")
    state.page = state.page.replace(b"Distillation Scaling Laws", b"Distillation Scaling Laws, Revised")
    changed = _ingest(db, server, "/a.html")
    assert changed["pages_loaded"] == 1 and changed["pages_rejected"] == 0
    assert state.sheet_requests[-1].get("If-None-Match") == '"css-v1"'  # answered 304: the stored copy is used
    assert _count(db, "SELECT count(*) FROM papers WHERE title LIKE 'Sponsored%'") == 0
    assert _count(db, "SELECT count(*) FROM raw_stylesheets") == 1


def test_a_stylesheet_robots_disallows_is_not_fetched_and_the_page_is_held_back(tmp_path, site):
    server, state = site
    state.robots = b"User-agent: *\nDisallow: /css/\n"
    db = tmp_path / "w.duckdb"
    summary = _ingest(db, server, "/a.html")
    assert state.sheet_requests == []
    # laid out without its sheet, the page shows the decoy as an eleventh paper: incomplete, not loaded
    assert (summary["pages_loaded"], summary["pages_quarantined"]) == (0, 1)
    assert _count(db, "SELECT count(*) FROM raw_stylesheets") == 0


def test_a_stylesheet_that_cannot_be_had_is_named_in_the_pages_problems(tmp_path, site):
    server, state = site
    state.serve_sheet = False
    state.page = state.page.replace(DECOY.encode(), b"")  # nothing for the sheet to hide: the page is complete
    db = tmp_path / "w.duckdb"
    summary = _ingest(db, server, "/a.html")
    assert summary["pages_loaded"] == 1 and summary["problems_by_kind"] == {"stylesheet_missing": 3}
    _, missing = warehouse.run_query(db, "SELECT message FROM page_problems WHERE message LIKE '%''css/site.css''%'")
    assert len(missing) == 1 and "could not be fetched" in missing[0][0]
