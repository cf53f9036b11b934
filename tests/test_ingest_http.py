"""Ingesting URLs from a real HTTP server on 127.0.0.1: every page ends loaded, unchanged or
rejected with its reason, and the books balance: pages in = loaded + unchanged + rejected."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

import warehouse
from tests.helpers import DATA, RawServer, accounted, run_ingest

MAX_BYTES = 200_000


class Scenario:
    """Per-path behaviour that changes with the request count, like a flaky real site."""

    def __init__(self, fixtures: Path) -> None:
        self.fixtures = fixtures
        self.hits: dict[str, int] = {}
        self.user_agents: dict[str, str | None] = {}
        self.conditional_hits: list[str] = []

    def page(self, name: str) -> bytes:
        return (self.fixtures / name).read_bytes()

    def __call__(self, request: Request) -> Response:
        path = request.path
        self.user_agents[path] = request.headers.get("User-Agent")
        hit = self.hits[path] = self.hits.get(path, 0) + 1
        html = "text/html; charset=utf-8"
        if path == "/robots.txt":
            return Response("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        if path == "/ok.html":
            if request.headers.get("If-None-Match") == '"v1"':
                self.conditional_hits.append(path)
                return Response(status=304, headers={"ETag": '"v1"'})
            return Response(self.page("seed_semantic.html"), content_type=html, headers={"ETag": '"v1"'})
        if path == "/busy.html" and hit == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        if path == "/busy.html":
            return Response(self.page("seed_table.html"), content_type=html)
        if path == "/flaky.html" and hit == 1:
            return Response("oops", status=500)
        if path == "/flaky.html":
            return Response(self.page("seed_divsoup.html"), content_type=html)
        if path == "/slow.html":
            if hit == 1:
                time.sleep(1.5)  # past the 0.5 s read timeout: the fetcher retries
            return Response(self.page("seed.txt"), content_type="text/plain; charset=utf-8")
        if path == "/wrong-charset.html":  # windows-1252 bytes announced as UTF-8
            return Response(self.page("seed_noisy_cp1252.html"), content_type=html)
        if path == "/no-charset.html":
            return Response(self.page("seed_noisy_cp1252.html"), content_type="text/html")
        if path == "/loop.html":
            return Response(status=302, headers={"Location": "/loop.html"})
        if path == "/huge.html":
            return Response(self.page("seed_semantic.html") * 12, content_type=html)
        if path == "/private/page.html":
            return Response(self.page("seed_semantic.html"), content_type=html)
        if path == "/login.html":
            return Response((DATA / "not_listing_login.html").read_bytes(), content_type=html)
        return Response("not found", status=404)


def truncated_body(_: int, conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<html>partial")


@pytest.fixture
def site(fixtures_dir):
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    scenario = Scenario(fixtures_dir / "demo")
    server.expect_request("").respond_with_handler(scenario)  # every path, every time
    server.start()
    cut = RawServer(truncated_body)
    yield server, scenario, cut
    cut.close()
    server.clear()
    if server.is_running():
        server.stop()


EXPECTED_REJECTS = {
    "/loop.html": "redirect",
    "/huge.html": "larger than",
    "/private/page.html": "robots.txt disallows",
    "/login.html": "no 'Author name cluster' heading",
    "/missing.html": "HTTP 404",
}
LOADED = ("/ok.html", "/busy.html", "/flaky.html", "/slow.html", "/wrong-charset.html", "/no-charset.html")


def test_every_page_ends_loaded_unchanged_or_rejected(tmp_path, site):
    server, scenario, cut = site
    db = tmp_path / "w.duckdb"
    urls = [server.url_for(path) for path in (*LOADED, *EXPECTED_REJECTS)] + [cut.url("/cut.html")]
    parameters = {"sources": urls, "db": str(db), "rate_limit": 0, "timeout": 0.5, "max_bytes": MAX_BYTES}

    first = run_ingest(**parameters)
    assert accounted(first)
    assert (first["pages_seen"], first["pages_loaded"], first["pages_rejected"]) == (len(urls), len(LOADED), 6)
    assert first["pages_fetched"] == len(urls)
    assert scenario.hits["/busy.html"] == 2 and scenario.hits["/flaky.html"] == 2
    assert scenario.hits["/slow.html"] >= 2
    assert "/private/page.html" not in scenario.hits  # robots.txt said no: never requested

    _, loaded = warehouse.run_query(db, "SELECT source FROM loaded_pages ORDER BY source")
    assert sorted(source for (source,) in loaded) == sorted(server.url_for(path) for path in LOADED)
    _, rejects = warehouse.run_query(db, "SELECT source, reason FROM rejects WHERE run_id = ?", [first["run_id"]])
    reasons = dict(rejects)
    for path, expected in EXPECTED_REJECTS.items():
        assert expected in reasons[server.url_for(path)], reasons
    assert reasons[cut.url("/cut.html")].startswith("truncated body")

    # Charset trouble still yields the right names, and every markup the same papers.
    _, names = warehouse.run_query(db, "SELECT name FROM authors WHERE name LIKE 'Relja%' OR name LIKE 'Borja%'")
    assert sorted(name for (name,) in names) == ["Borja Rodríguez Gálvez", "Relja Arandjelović"]
    _, counts = warehouse.run_query(db, "SELECT count(*) FROM cluster_papers GROUP BY source")
    assert [count for (count,) in counts] == [10] * len(LOADED)
    _, papers = warehouse.run_query(db, "SELECT count(*) FROM papers")
    assert papers == [(10,)]

    second = run_ingest(**parameters)
    assert accounted(second)
    assert second["pages_loaded"] == 0
    assert second["pages_unchanged"] == len(LOADED)
    assert second["pages_rejected"] == 6
    assert scenario.conditional_hits == ["/ok.html"]  # a 304 the second time


def test_user_agent_and_ignore_robots_reach_the_fetcher(tmp_path, site):
    server, scenario, _ = site
    db = tmp_path / "w.duckdb"
    private = server.url_for("/private/page.html")  # robots.txt disallows it
    summary = run_ingest(
        sources=[private], db=str(db), rate_limit=0, user_agent="probe-agent/1.0", respect_robots=False
    )
    assert (summary["pages_loaded"], summary["pages_rejected"]) == (1, 0)
    assert scenario.user_agents["/private/page.html"] == "probe-agent/1.0"
    assert "/robots.txt" not in scenario.hits  # not even asked for

    polite = run_ingest(
        sources=[private], db=str(tmp_path / "polite.duckdb"), rate_limit=0, user_agent="probe-agent/1.0"
    )
    assert polite["pages_rejected"] == 1
    assert scenario.user_agents["/robots.txt"] == "probe-agent/1.0"
