"""Tests for flows.acquire.fetch against real HTTP servers on 127.0.0.1 (no HTTP mocks).

Two kinds of server are used: pytest-httpserver (threaded werkzeug) for ordinary HTTP, and a
tiny raw-socket server for misbehaviour werkzeug cannot produce on purpose (short bodies, lying
Content-Length, stalling before the headers). Only retry *sleeps* are injected; rate-limit pacing
and timeouts run in real time, with lower-bound-only timing assertions.
"""

from __future__ import annotations

import email.utils
import random
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flows.acquire.fetch import Fetcher, FetchPolicy, HostRateLimiter
from tests.helpers import RawServer

UA = "biblioduck-test/9.9 (+https://example.invalid/tests)"


# -- servers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def _threaded_server() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


@pytest.fixture
def server(_threaded_server: HTTPServer) -> Iterator[HTTPServer]:
    _threaded_server.clear()
    yield _threaded_server
    _threaded_server.clear()


def paths_seen(srv: HTTPServer) -> list[str]:
    return [req.path for req, _ in srv.log]


@pytest.fixture
def raw_server() -> Iterator[Callable[[Callable[[int, socket.socket], None]], RawServer]]:
    servers: list[RawServer] = []

    def start(script: Callable[[int, socket.socket], None]) -> RawServer:
        srv = RawServer(script)
        servers.append(srv)
        return srv

    yield start
    for srv in servers:
        srv.close()


def full_response(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)


# -- helpers ---------------------------------------------------------------------------------


class SleepRecorder:
    """Injected ``sleep``: records the requested delays and returns immediately."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


class MaxJitter(random.Random):
    """Makes full jitter deterministic by always picking the upper bound."""

    def uniform(self, a: float, b: float) -> float:
        return b


def make_fetcher(sleep: SleepRecorder | None = None, **overrides: object) -> Fetcher:
    settings: dict[str, object] = {
        "user_agent": UA,
        "rate_limit": 0.0,
        "respect_robots": False,
        "connect_timeout": 2.0,
        "read_timeout": 5.0,
    }
    settings.update(overrides)
    return Fetcher(FetchPolicy(**settings), sleep=sleep or SleepRecorder())  # type: ignore[arg-type]


def counting_handler(responses: list[Response]) -> Callable[[Request], Response]:
    """Answer the n-th request with ``responses[n]`` (the last one repeats)."""
    calls = {"n": 0}
    lock = threading.Lock()

    def handler(_: Request) -> Response:
        with lock:
            n = calls["n"]
            calls["n"] += 1
        return responses[min(n, len(responses) - 1)]

    return handler


# -- plain fetching --------------------------------------------------------------------------


def test_200_returns_body_and_validators(server: HTTPServer) -> None:
    server.expect_request("/page").respond_with_data(
        "<p>hello</p>",
        content_type="text/html; charset=utf-8",
        headers={"ETag": '"v1"', "Last-Modified": "Wed, 21 Oct 2015 07:28:00 GMT"},
    )
    url = server.url_for("/page")
    with make_fetcher() as fetcher:
        result = fetcher.fetch(url)
    assert result.ok and result.error is None
    assert result.status == 200
    assert result.content == b"<p>hello</p>"
    assert result.content_type == "text/html; charset=utf-8"
    assert result.etag == '"v1"'
    assert result.last_modified == "Wed, 21 Oct 2015 07:28:00 GMT"
    assert result.url == url and result.final_url == url
    assert result.attempts == 1
    assert not result.not_modified
    assert result.fetched_at.tzinfo is not None and result.fetched_at.utcoffset() == timedelta(0)


def test_user_agent_header_is_sent(server: HTTPServer) -> None:
    seen: list[str | None] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("User-Agent"))
        return Response("ok")

    server.expect_request("/ua").respond_with_handler(handler)
    result = make_fetcher().fetch(server.url_for("/ua"))
    assert result.ok
    assert seen == [UA]


def test_default_policy_user_agent(server: HTTPServer) -> None:
    server.expect_request("/ua").respond_with_data("ok")
    fetcher = Fetcher(FetchPolicy(rate_limit=0, respect_robots=False), sleep=SleepRecorder())
    assert fetcher.fetch(server.url_for("/ua")).ok
    request, _ = server.log[0]
    assert request.headers["User-Agent"] == "biblioduck/0.1 (+https://example.invalid/biblioduck)"


def test_conditional_get_returns_not_modified(server: HTTPServer) -> None:
    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v7"':
            return Response(status=304, headers={"ETag": '"v7"'})
        return Response("fresh body", headers={"ETag": '"v7"'})

    server.expect_request("/doc").respond_with_handler(handler)
    url = server.url_for("/doc")
    fetcher = make_fetcher()

    first = fetcher.fetch(url)
    assert first.ok and first.content == b"fresh body" and first.etag == '"v7"'
    assert not first.not_modified

    second = fetcher.fetch(url, etag=first.etag)
    assert second.ok
    assert second.not_modified
    assert second.status == 304
    assert second.content is None
    assert second.attempts == 1


def test_conditional_get_sends_if_modified_since(server: HTTPServer) -> None:
    stamp = "Wed, 21 Oct 2015 07:28:00 GMT"
    server.expect_request("/doc", headers={"If-Modified-Since": stamp}).respond_with_data("", status=304)
    result = make_fetcher().fetch(server.url_for("/doc"), last_modified=stamp)
    assert result.not_modified and result.ok and result.content is None


def test_404_is_not_retried_and_keeps_body(server: HTTPServer) -> None:
    server.expect_request("/missing").respond_with_data("no such page", status=404)
    sleep = SleepRecorder()
    result = make_fetcher(sleep).fetch(server.url_for("/missing"))
    assert not result.ok
    assert result.error == "HTTP 404"
    assert result.status == 404
    assert result.content == b"no such page"
    assert result.attempts == 1
    assert sleep.calls == []
    assert paths_seen(server) == ["/missing"]


# -- retries ---------------------------------------------------------------------------------


def test_429_with_retry_after_seconds_then_200(server: HTTPServer) -> None:
    server.expect_request("/busy").respond_with_handler(
        counting_handler([Response("slow down", status=429, headers={"Retry-After": "3"}), Response("done")])
    )
    sleep = SleepRecorder()
    result = make_fetcher(sleep).fetch(server.url_for("/busy"))
    assert result.ok and result.content == b"done"
    assert result.attempts == 2
    assert sleep.calls == [pytest.approx(3.0)]


def test_retry_after_http_date_is_honoured(server: HTTPServer) -> None:
    when = email.utils.format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    server.expect_request("/busy").respond_with_handler(
        counting_handler([Response(status=503, headers={"Retry-After": when}), Response("done")])
    )
    sleep = SleepRecorder()
    result = make_fetcher(sleep).fetch(server.url_for("/busy"))
    assert result.ok and result.attempts == 2
    assert len(sleep.calls) == 1
    assert 25.0 <= sleep.calls[0] <= 30.5


def test_retry_after_is_capped(server: HTTPServer) -> None:
    server.expect_request("/busy").respond_with_handler(
        counting_handler([Response(status=429, headers={"Retry-After": "86400"}), Response("done")])
    )
    sleep = SleepRecorder()
    result = make_fetcher(sleep, retry_after_max=7.0).fetch(server.url_for("/busy"))
    assert result.ok
    assert sleep.calls == [7.0]


def test_500_then_200_uses_jittered_backoff(server: HTTPServer) -> None:
    server.expect_request("/flaky").respond_with_handler(
        counting_handler([Response("oops", status=500), Response("fine")])
    )
    sleep = SleepRecorder()
    result = make_fetcher(sleep, backoff_base=0.5).fetch(server.url_for("/flaky"))
    assert result.ok and result.content == b"fine"
    assert result.attempts == 2
    assert len(sleep.calls) == 1
    assert 0.0 <= sleep.calls[0] <= 0.5


def test_backoff_is_exponential_capped_and_gives_up(server: HTTPServer) -> None:
    server.expect_request("/down").respond_with_data("maintenance", status=503)
    sleep = SleepRecorder()
    policy = FetchPolicy(
        user_agent=UA, rate_limit=0, respect_robots=False, max_retries=3, backoff_base=1.0, backoff_max=3.0
    )
    result = Fetcher(policy, sleep=sleep, rng=MaxJitter()).fetch(server.url_for("/down"))
    assert not result.ok
    assert result.error == "HTTP 503 after 4 attempts"
    assert result.status == 503
    assert result.content == b"maintenance"
    assert result.attempts == 4
    assert sleep.calls == [1.0, 2.0, 3.0]  # 1, 2, 4 -> capped at 3
    assert paths_seen(server) == ["/down"] * 4


def test_connection_refused_is_retried_then_reported() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on ``port`` now.
    sleep = SleepRecorder()
    result = make_fetcher(sleep, max_retries=1).fetch(f"http://127.0.0.1:{port}/x")
    assert not result.ok
    assert result.error is not None
    assert result.error.startswith("connection failed:")
    assert result.error.endswith("after 2 attempts")
    assert result.status is None and result.content is None
    assert result.attempts == 2
    assert len(sleep.calls) == 1


# -- timeouts and truncation (raw socket server) ---------------------------------------------


def test_read_timeout_then_success(raw_server: Callable[..., RawServer]) -> None:
    def script(index: int, conn: socket.socket) -> None:
        if index == 0:
            time.sleep(1.0)  # stall past read_timeout before any header
            return
        conn.sendall(full_response(b"late but fine"))

    srv = raw_server(script)
    sleep = SleepRecorder()
    result = make_fetcher(sleep, read_timeout=0.3).fetch(srv.url("/slow"))
    assert result.ok, result.error
    assert result.content == b"late but fine"
    assert result.attempts == 2
    assert len(sleep.calls) == 1


def test_permanent_read_timeout_is_an_error(raw_server: Callable[..., RawServer]) -> None:
    srv = raw_server(lambda index, conn: time.sleep(1.0))
    sleep = SleepRecorder()
    result = make_fetcher(sleep, read_timeout=0.3, max_retries=2).fetch(srv.url("/slow"))
    assert not result.ok
    assert result.error == "read timeout after 3 attempts"
    assert result.attempts == 3
    assert result.status is None
    assert len(sleep.calls) == 2


def test_read_timeout_in_the_middle_of_the_body(raw_server: Callable[..., RawServer]) -> None:
    def script(index: int, conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n0123456789")
        time.sleep(1.0)

    srv = raw_server(script)
    result = make_fetcher(read_timeout=0.3, max_retries=0).fetch(srv.url("/stall"))
    assert result.error == "read timeout after 1 attempt"
    assert result.content is None


def test_truncated_body_is_retried(raw_server: Callable[..., RawServer]) -> None:
    def script(index: int, conn: socket.socket) -> None:
        if index == 0:
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + b"x" * 10)
            return  # closing now leaves 90 bytes missing
        conn.sendall(full_response(b"y" * 100))

    srv = raw_server(script)
    sleep = SleepRecorder()
    result = make_fetcher(sleep).fetch(srv.url("/short"))
    assert result.ok, result.error
    assert result.content == b"y" * 100
    assert result.attempts == 2
    assert len(sleep.calls) == 1


def test_permanently_truncated_body_is_an_error(raw_server: Callable[..., RawServer]) -> None:
    srv = raw_server(lambda index, conn: conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + b"x" * 10))
    sleep = SleepRecorder()
    result = make_fetcher(sleep, max_retries=2).fetch(srv.url("/short"))
    assert not result.ok
    assert result.error is not None
    assert result.error.startswith("truncated body: got 10 of 100 bytes")
    assert result.error.endswith("after 3 attempts")
    assert result.content is None
    assert result.attempts == 3
    assert len(srv.requests) == 3


# -- size limit ------------------------------------------------------------------------------


def test_declared_content_length_over_limit_is_rejected_early(raw_server: Callable[..., RawServer]) -> None:
    # Declares 100 000 bytes but sends 10: reading the body would end in "truncated body", so
    # the size error proves the header alone decided.
    srv = raw_server(lambda index, conn: conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n0123456789"))
    sleep = SleepRecorder()
    result = make_fetcher(sleep, max_bytes=1024).fetch(srv.url("/huge"))
    assert not result.ok
    assert result.error is not None and result.error.startswith("response larger than 1024 bytes")
    assert result.content is None
    assert result.attempts == 1 and sleep.calls == []


def test_chunked_body_over_limit_is_aborted(raw_server: Callable[..., RawServer]) -> None:
    def script(index: int, conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        for _ in range(8):
            conn.sendall(b"200\r\n" + b"z" * 512 + b"\r\n")
        conn.sendall(b"0\r\n\r\n")

    srv = raw_server(script)
    result = make_fetcher(max_bytes=1024).fetch(srv.url("/stream"))
    assert not result.ok
    assert result.error == "response larger than 1024 bytes"
    assert result.content is None
    assert result.status == 200


def test_streamed_body_without_length_over_limit_is_aborted(server: HTTPServer) -> None:
    def handler(_: Request) -> Response:
        return Response((b"w" * 400 for _ in range(10)), content_type="text/plain")  # no Content-Length

    server.expect_request("/gen").respond_with_handler(handler)
    result = make_fetcher(max_bytes=1000).fetch(server.url_for("/gen"))
    assert result.error == "response larger than 1000 bytes"
    assert result.content is None


def test_body_exactly_at_limit_is_accepted(server: HTTPServer) -> None:
    server.expect_request("/fits").respond_with_data(b"a" * 1024)
    result = make_fetcher(max_bytes=1024).fetch(server.url_for("/fits"))
    assert result.ok and result.content == b"a" * 1024


# -- redirects -------------------------------------------------------------------------------


def redirect(location: str, status: int = 302) -> Response:
    return Response(status=status, headers={"Location": location})


def test_redirect_is_followed(server: HTTPServer) -> None:
    server.expect_request("/old").respond_with_response(redirect("/new", 301))
    server.expect_request("/new").respond_with_data("moved here")
    result = make_fetcher().fetch(server.url_for("/old"))
    assert result.ok and result.content == b"moved here"
    assert result.url == server.url_for("/old")
    assert result.final_url == server.url_for("/new")


def test_redirect_loop_is_an_error(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_response(redirect("/b"))
    server.expect_request("/b").respond_with_response(redirect("/a"))
    result = make_fetcher(max_redirects=10).fetch(server.url_for("/a"))
    assert not result.ok
    assert result.error is not None and result.error.startswith("redirect loop")
    assert paths_seen(server) == ["/a", "/b"]


def test_too_many_redirects(server: HTTPServer) -> None:
    for i in range(10):
        server.expect_request(f"/r{i}").respond_with_response(redirect(f"/r{i + 1}"))
    result = make_fetcher(max_redirects=3).fetch(server.url_for("/r0"))
    assert not result.ok
    assert result.error == "too many redirects (more than 3)"
    assert paths_seen(server) == ["/r0", "/r1", "/r2", "/r3"]


def test_exactly_max_redirects_is_fine(server: HTTPServer) -> None:
    for i in range(3):
        server.expect_request(f"/r{i}").respond_with_response(redirect(f"/r{i + 1}", 307))
    server.expect_request("/r3").respond_with_data("end")
    result = make_fetcher(max_redirects=3).fetch(server.url_for("/r0"))
    assert result.ok and result.content == b"end"
    assert result.final_url == server.url_for("/r3")


def test_redirect_to_host_outside_allow_list_is_refused(server: HTTPServer) -> None:
    target = f"http://localhost:{server.port}/elsewhere"
    server.expect_request("/start").respond_with_response(redirect(target))
    server.expect_request("/elsewhere").respond_with_data("should not be fetched")
    result = make_fetcher(allowed_hosts=frozenset({"127.0.0.1"})).fetch(server.url_for("/start"))
    assert not result.ok
    assert result.error == "host 'localhost' not in the allow-list"
    assert result.final_url == target
    assert paths_seen(server) == ["/start"]


def test_redirect_to_other_scheme_is_refused(server: HTTPServer) -> None:
    server.expect_request("/start").respond_with_response(redirect("ftp://127.0.0.1/file"))
    result = make_fetcher().fetch(server.url_for("/start"))
    assert result.error == "scheme 'ftp' not allowed: only http and https"


# -- scheme and allow-list -------------------------------------------------------------------


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/file.txt", "file:///etc/passwd", "javascript:alert(1)"])
def test_disallowed_scheme(url: str) -> None:
    result = make_fetcher().fetch(url)
    assert not result.ok
    scheme = url.split(":", 1)[0]
    assert result.error == f"scheme '{scheme}' not allowed: only http and https"
    assert result.attempts == 0 and result.status is None


def test_host_outside_allow_list_is_never_contacted(server: HTTPServer) -> None:
    server.expect_request("/p").respond_with_data("secret")
    result = make_fetcher(allowed_hosts=frozenset({"example.org"})).fetch(server.url_for("/p"))
    assert result.error == "host '127.0.0.1' not in the allow-list"
    assert result.attempts == 0
    assert server.log == []


def test_host_in_allow_list_is_fetched(server: HTTPServer) -> None:
    server.expect_request("/p").respond_with_data("public")
    result = make_fetcher(allowed_hosts=frozenset({"127.0.0.1"})).fetch(server.url_for("/p"))
    assert result.ok and result.content == b"public"


# -- robots.txt ------------------------------------------------------------------------------


def test_robots_disallow_blocks_without_requesting_the_page(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
    server.expect_request("/private/page").respond_with_data("secret")
    server.expect_request("/public").respond_with_data("hello")
    fetcher = make_fetcher(respect_robots=True)

    blocked = fetcher.fetch(server.url_for("/private/page"))
    assert not blocked.ok
    assert blocked.error == (f"robots.txt disallows {server.url_for('/private/page')} for user agent {UA!r}")
    assert blocked.attempts == 0

    allowed = fetcher.fetch(server.url_for("/public"))
    assert allowed.ok and allowed.content == b"hello"
    # robots.txt fetched once and cached; the private page never requested.
    assert paths_seen(server) == ["/robots.txt", "/public"]
    robots_request, _ = server.log[0]
    assert robots_request.headers["User-Agent"] == UA


def test_robots_rules_for_our_user_agent(server: HTTPServer) -> None:
    robots = "User-agent: biblioduck-test\nDisallow: /\n\nUser-agent: *\nDisallow:\n"
    server.expect_request("/robots.txt").respond_with_data(robots)
    server.expect_request("/page").respond_with_data("hi")

    ours = make_fetcher(respect_robots=True).fetch(server.url_for("/page"))
    assert ours.error is not None and ours.error.startswith("robots.txt disallows")

    other = make_fetcher(respect_robots=True, user_agent="otherbot/1.0").fetch(server.url_for("/page"))
    assert other.ok


@pytest.mark.parametrize(
    ("robots_status", "allowed"), [(404, True), (410, True), (401, False), (403, False), (500, True)]
)
def test_robots_status_policy(server: HTTPServer, robots_status: int, allowed: bool) -> None:
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /\n", status=robots_status)
    server.expect_request("/page").respond_with_data("content")
    result = make_fetcher(respect_robots=True).fetch(server.url_for("/page"))
    assert result.ok is allowed
    if allowed:
        assert paths_seen(server) == ["/robots.txt", "/page"]
    else:
        assert result.error is not None and result.error.startswith("robots.txt disallows")
        assert paths_seen(server) == ["/robots.txt"]


def test_redirect_into_robots_disallowed_path_is_refused(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private\n")
    server.expect_request("/go").respond_with_response(redirect("/private/x"))
    server.expect_request("/private/x").respond_with_data("secret")
    result = make_fetcher(respect_robots=True).fetch(server.url_for("/go"))
    assert result.error is not None and result.error.startswith("robots.txt disallows")
    assert "/private/x" not in paths_seen(server)


# -- rate limiting ---------------------------------------------------------------------------


def record_sends(fetcher: Fetcher, path: str | None = None) -> list[float]:
    """When the fetcher hands each request (to `path`, or any) to the network, on the client's clock.

    The limiter promises that the k-th request to a host starts no earlier than k intervals after the
    first slot: measured from before the first call, that holds however late a busy machine wakes a
    thread. The loopback server's own handling times would also measure its thread's scheduling."""
    stamps: list[float] = []
    lock = threading.Lock()
    adapter = fetcher.session.get_adapter("http://127.0.0.1/")
    send = adapter.send

    def timed_send(request, **kwargs):
        if path is None or urlsplit(request.url).path == path:
            with lock:
                stamps.append(time.monotonic())
        return send(request, **kwargs)

    adapter.send = timed_send
    return stamps


def _starts_paced(started: float, stamps: list[float], interval: float) -> bool:
    return all(stamp - started >= k * interval - 0.002 for k, stamp in enumerate(sorted(stamps)))


def test_rate_limit_spaces_requests_to_the_same_host(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_data("ok")
    server.expect_request("/b").respond_with_data("ok")
    fetcher = make_fetcher(rate_limit=5.0)
    stamps = record_sends(fetcher)
    started = time.monotonic()
    assert fetcher.fetch(server.url_for("/a")).ok
    assert fetcher.fetch(server.url_for("/b")).ok
    assert len(stamps) == 2
    assert _starts_paced(started, stamps, 1 / 5)


def test_rate_limit_applies_to_robots_fetch(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    server.expect_request("/page").respond_with_data("ok")
    fetcher = make_fetcher(rate_limit=5.0, respect_robots=True)
    stamps = record_sends(fetcher)
    started = time.monotonic()
    assert fetcher.fetch(server.url_for("/page")).ok
    assert len(stamps) == 2  # robots.txt, then the page
    assert _starts_paced(started, stamps, 1 / 5)


def test_rate_limit_is_shared_across_threads(server: HTTPServer) -> None:
    server.expect_request("/t").respond_with_data("ok")
    fetcher = make_fetcher(rate_limit=10.0)
    stamps = record_sends(fetcher, "/t")
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: fetcher.fetch(server.url_for("/t")), range(4)))
    assert all(r.ok for r in results)
    assert len(stamps) == 4
    assert _starts_paced(started, stamps, 1 / 10)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_host_rate_limiter_reserves_slots_per_host() -> None:
    clock = FakeClock()
    limiter = HostRateLimiter(2.0, clock=clock, sleep=clock.sleep)
    assert limiter.wait("a.example") == 0.0
    assert limiter.wait("b.example") == 0.0  # other host: no wait
    assert limiter.wait("A.EXAMPLE") == pytest.approx(0.5)  # host names are case-insensitive
    clock.now += 2.0
    assert limiter.wait("a.example") == 0.0  # idle long enough
    assert clock.sleeps == [pytest.approx(0.5)]


def test_host_rate_limiter_zero_disables() -> None:
    clock = FakeClock()
    limiter = HostRateLimiter(0.0, clock=clock, sleep=clock.sleep)
    assert [limiter.wait("a") for _ in range(5)] == [0.0] * 5
    assert clock.sleeps == []


# -- programmer errors -----------------------------------------------------------------------


def test_invalid_policy_and_arguments_raise() -> None:
    with pytest.raises(ValueError, match="read_timeout"):
        FetchPolicy(read_timeout=0)
    with pytest.raises(ValueError, match="max_retries"):
        FetchPolicy(max_retries=-1)
    with pytest.raises(TypeError):
        make_fetcher().fetch(b"http://127.0.0.1/")  # type: ignore[arg-type]


def test_allow_list_is_case_insensitive() -> None:
    assert FetchPolicy(allowed_hosts=frozenset({"Example.ORG"})).allowed_hosts == frozenset({"example.org"})
