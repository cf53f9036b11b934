"""Polite HTTP fetching: one ``requests.Session``, robots.txt, per-host rate limit, retries.

This module only moves bytes. It never parses HTML, never touches the warehouse and never
imports Prefect, so it can be unit-tested against a local HTTP server and reused from any
orchestration layer.

Design choices (and why):

* :meth:`Fetcher.fetch` never raises for network or HTTP trouble. A crawl of many pages
  should record *why* one page failed and move on, so every failure becomes a
  :class:`FetchResult` with a human-readable ``error``. Only programmer errors (wrong
  argument types, invalid policy values) raise.
* Redirects are followed by hand (``allow_redirects=False``) so that every hop is checked
  against the scheme rule, the host allow-list and robots.txt; ``requests`` would
  otherwise happily follow a redirect to a forbidden host.
* Bodies are streamed and counted, so a huge or endless response cannot exhaust memory,
  and a body shorter than its ``Content-Length`` is detected as truncated (and retried)
  instead of being stored as a silently broken page.
* Retries use exponential backoff with *full jitter* (AWS architecture blog, "Exponential
  Backoff And Jitter"): ``sleep = uniform(0, min(backoff_max, backoff_base * 2**n))``.
  A server's ``Retry-After`` wins over the computed backoff, capped at
  ``retry_after_max`` so a hostile or buggy header cannot stall a crawl for hours.
* The rate limiter is per host name (port ignored: two ports on one machine are still one
  machine to be polite to), shared across threads, and also paces robots.txt fetches.
"""

from __future__ import annotations

import email.utils
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import requests
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import IncompleteRead, ReadTimeoutError

from flows import defaults

__all__ = [
    "REDIRECT_STATUSES",
    "RETRYABLE_STATUSES",
    "FetchPolicy",
    "FetchResult",
    "Fetcher",
    "HostRateLimiter",
]

log = logging.getLogger(__name__)

#: Statuses worth retrying: throttling and transient server/gateway failures.
RETRYABLE_STATUSES: frozenset[int] = frozenset({429, 500, 502, 503, 504})
#: Statuses whose ``Location`` we follow.
REDIRECT_STATUSES: frozenset[int] = frozenset({301, 302, 303, 307, 308})
#: robots.txt files larger than this are cut (Google applies the same 500 KiB limit).
ROBOTS_MAX_BYTES = 500 * 1024
_CHUNK_SIZE = 64 * 1024
_ALLOWED_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How politely and how persistently to fetch.

    ``max_retries`` counts *re*-tries: a request is attempted at most ``max_retries + 1``
    times. ``rate_limit`` is requests per second per host name (0 disables pacing).
    ``allowed_hosts`` holds lower-case host names (optionally ``host:port``); ``None``
    allows every host.
    """

    user_agent: str = defaults.USER_AGENT
    connect_timeout: float = 5.0
    read_timeout: float = defaults.READ_TIMEOUT
    max_retries: int = 4
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    rate_limit: float = defaults.RATE_LIMIT
    max_bytes: int = defaults.MAX_BYTES
    max_redirects: int = 5
    allowed_hosts: frozenset[str] | None = None
    respect_robots: bool = True
    retry_after_max: float = 120.0

    def __post_init__(self) -> None:
        # Bad policy values are programmer errors: fail loudly at construction time.
        if not self.user_agent.strip():
            raise ValueError("user_agent must not be empty")
        for name in ("connect_timeout", "read_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be > 0")
        for name in (
            "max_retries",
            "max_redirects",
            "backoff_base",
            "backoff_max",
            "rate_limit",
            "retry_after_max",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0")
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be > 0")
        if self.allowed_hosts is not None:
            # Normalise so callers may pass a set and any letter case.
            object.__setattr__(self, "allowed_hosts", frozenset(h.lower() for h in self.allowed_hosts))


@dataclass(frozen=True, slots=True)
class FetchResult:
    """Outcome of one :meth:`Fetcher.fetch` call (success or failure, never an exception).

    ``attempts`` is the number of requests sent for the URL that decided the outcome (the last
    hop of a redirect chain), so ``attempts == 1`` means "no retry was needed". It is 0 when the
    request was refused before anything was sent (bad scheme, allow-list, robots.txt).
    ``content`` is kept on HTTP errors (an error page can be useful) and is ``None`` on 304,
    on transport failures and when the size limit was hit.
    """

    url: str
    final_url: str
    status: int | None
    content: bytes | None
    content_type: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: datetime
    not_modified: bool = False
    error: str | None = None
    attempts: int = 0

    @property
    def ok(self) -> bool:
        """True for a usable answer: a 2xx body or a 304 confirming the cached copy."""
        return self.error is None


class HostRateLimiter:
    """Thread-safe per-host pacing: requests to one host *start* at least ``1/rate`` s apart.

    Each caller reserves the next free slot under a lock and then sleeps outside it, so
    threads waiting for different hosts never block each other and N threads hitting one host
    are spread out evenly rather than bursting.
    """

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate < 0:
            raise ValueError("rate must be >= 0")
        self._interval = 1.0 / rate if rate > 0 else 0.0
        self._clock = clock
        self._sleep = sleep
        self._next_slot: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> float:
        """Block until a request to ``host`` may start; return the seconds waited."""
        if self._interval <= 0:
            return 0.0
        key = host.lower()
        with self._lock:
            now = self._clock()
            start = max(now, self._next_slot.get(key, now))
            self._next_slot[key] = start + self._interval
        delay = start - now
        if delay > 0:
            self._sleep(delay)
        return delay


@dataclass(slots=True)
class _Robots:
    """Cached robots.txt verdict for one origin (scheme + netloc)."""

    parser: RobotFileParser
    note: str  # why we allow/deny everything, or "parsed" for a real file


@dataclass(slots=True)
class _Attempt:
    """One HTTP exchange; ``retryable`` + ``retry_after`` drive the retry loop."""

    status: int | None = None
    headers: CaseInsensitiveDict[str] | None = None
    content: bytes | None = None
    error: str | None = None
    retryable: bool = False
    retry_after: float | None = None
    location: str | None = None


class Fetcher:
    """Polite fetcher sharing one ``requests.Session`` (connection pooling, one User-Agent).

    Thread safety: :meth:`fetch` may be called concurrently from a thread pool. The session is
    only used for GETs and never mutated after construction; the robots cache and the rate
    limiter are guarded by locks. Size the pool with ``pool_maxsize`` (default 16) to match the
    number of worker threads, otherwise urllib3 discards surplus connections (harmless, but
    wasteful).

    ``sleep`` is used for retry backoff and ``Retry-After`` waits only (tests inject a recorder);
    rate-limit pacing uses real time via :class:`HostRateLimiter`, because politeness towards a
    real server must not be faked away. ``rng`` makes the jitter reproducible.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
        rng: random.Random | None = None,
        rate_limiter: HostRateLimiter | None = None,
        pool_maxsize: int = 16,
    ) -> None:
        self.policy = policy if policy is not None else FetchPolicy()
        self._sleep = sleep
        self._rng = rng if rng is not None else random.Random()
        self._rng_lock = threading.Lock()  # random.Random is not documented as thread-safe
        self._limiter = rate_limiter if rate_limiter is not None else HostRateLimiter(self.policy.rate_limit)
        self._own_session = session is None
        self.session = session if session is not None else requests.Session()
        if self._own_session:
            adapter = HTTPAdapter(pool_connections=pool_maxsize, pool_maxsize=pool_maxsize, max_retries=0)
            self.session.mount("http://", adapter)
            self.session.mount("https://", adapter)
        # The UA travels with every request instead of being written into the session, so an
        # injected session is not mutated.
        self._base_headers = {"User-Agent": self.policy.user_agent}
        self._robots: dict[str, _Robots] = {}
        self._robots_lock = threading.Lock()
        self._robots_origin_locks: dict[str, threading.Lock] = {}

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the session if this fetcher created it."""
        if self._own_session:
            self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- public API --------------------------------------------------------------------------

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url`` politely; never raises for network/HTTP problems (see module docstring).

        ``etag`` / ``last_modified`` are the validators saved from an earlier fetch; they are sent
        as ``If-None-Match`` / ``If-Modified-Since`` on every hop, and a 304 yields
        ``not_modified=True`` with ``content=None``.
        """
        if not isinstance(url, str):
            raise TypeError(f"url must be str, not {type(url).__name__}")
        headers = dict(self._base_headers)
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified

        current = url
        visited: set[str] = set()
        redirects = 0
        while True:
            refusal = self._refusal(current)
            if refusal is not None:
                return self._failed(url, current, refusal)
            visited.add(_strip_fragment(current))

            attempt, attempts = self._get_with_retries(current, headers)
            if attempt.location is not None:
                nxt = urljoin(current, attempt.location)
                if _strip_fragment(nxt) in visited:
                    return self._failed(
                        url,
                        current,
                        f"redirect loop: {current} redirects back to {nxt}",
                        status=attempt.status,
                        attempts=attempts,
                    )
                redirects += 1
                if redirects > self.policy.max_redirects:
                    return self._failed(
                        url,
                        current,
                        f"too many redirects (more than {self.policy.max_redirects})",
                        status=attempt.status,
                        attempts=attempts,
                    )
                current = nxt
                continue
            return self._result(url, current, attempt, attempts)

    def robots_allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s origin lets our user agent fetch it (fetches if needed)."""
        return self._robots_for(url).parser.can_fetch(self.policy.user_agent, url)

    # -- checks ------------------------------------------------------------------------------

    def _refusal(self, url: str) -> str | None:
        """Reason why ``url`` must not be requested at all, or None if it may be."""
        try:
            parts = urlsplit(url)
            host = parts.hostname
            _ = parts.port  # raises ValueError for a non-numeric / out-of-range port
        except ValueError as exc:
            return f"invalid URL {url!r}: {exc}"
        scheme = parts.scheme.lower()
        if scheme not in _ALLOWED_SCHEMES:
            return f"scheme {scheme!r} not allowed: only http and https"
        if not host:
            return f"invalid URL {url!r}: no host"
        allowed = self.policy.allowed_hosts
        if allowed is not None and host not in allowed and parts.netloc.lower() not in allowed:
            return f"host {host!r} not in the allow-list"
        if self.policy.respect_robots and not self.robots_allowed(url):
            return f"robots.txt disallows {url} for user agent {self.policy.user_agent!r}"
        return None

    def _robots_for(self, url: str) -> _Robots:
        """Fetch (once per origin, even under concurrency) and cache the robots.txt verdict."""
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._robots_lock:
            cached = self._robots.get(origin)
            if cached is not None:
                return cached
            origin_lock = self._robots_origin_locks.setdefault(origin, threading.Lock())
        with origin_lock:  # one download per origin; other origins proceed in parallel
            with self._robots_lock:
                cached = self._robots.get(origin)
            if cached is None:
                cached = self._download_robots(origin)
                with self._robots_lock:
                    self._robots[origin] = cached
            return cached

    def _download_robots(self, origin: str) -> _Robots:
        """Fetch ``origin/robots.txt`` and turn it into a verdict.

        Policy (RFC 9309 where it is unambiguous, lenient where the brief asks):

        * 2xx: parse the text (UTF-8, undecodable bytes replaced; cut at 500 KiB).
        * 401/403: disallow everything - the site explicitly restricts access.
        * 404/410 and other 4xx: allow everything - there simply are no rules.
        * 429/5xx or unreachable: allow everything and log a warning. RFC 9309 says to assume
          "disallow all" here; we deliberately stay lenient so a flaky robots.txt does not
          block a crawl that the per-host rate limit already keeps gentle. The verdict is
          cached, so a broken robots.txt is not hammered.

        Redirects are followed by requests itself (up to ``max_redirects``), as RFC 9309 allows.
        """
        robots_url = f"{origin}/robots.txt"
        parser = RobotFileParser(robots_url)
        self._limiter.wait(urlsplit(origin).hostname or "")
        try:
            with self.session.get(
                robots_url,
                headers=self._base_headers,
                timeout=(self.policy.connect_timeout, self.policy.read_timeout),
                allow_redirects=True,
                stream=True,
            ) as resp:
                status = resp.status_code
                body = b""
                if 200 <= status < 300:
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in resp.iter_content(_CHUNK_SIZE):
                        chunks.append(chunk)
                        size += len(chunk)
                        if size >= ROBOTS_MAX_BYTES:
                            break
                    body = b"".join(chunks)[:ROBOTS_MAX_BYTES]
        except requests.RequestException as exc:
            log.warning("robots.txt at %s unreachable (%s); allowing all", robots_url, exc)
            parser.allow_all = True
            return _Robots(parser, f"unreachable: {exc}")

        if 200 <= status < 300:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
            return _Robots(parser, "parsed")
        if status in (401, 403):
            parser.disallow_all = True
            return _Robots(parser, f"HTTP {status}: disallow all")
        if status == 429 or status >= 500:
            log.warning("robots.txt at %s answered HTTP %s; allowing all", robots_url, status)
            parser.allow_all = True
            return _Robots(parser, f"HTTP {status}: allow all (server error)")
        parser.allow_all = True
        return _Robots(parser, f"HTTP {status}: allow all")

    # -- requests ----------------------------------------------------------------------------

    def _get_with_retries(self, url: str, headers: dict[str, str]) -> tuple[_Attempt, int]:
        """Request ``url`` until it succeeds, fails for good or the retry budget is spent."""
        host = urlsplit(url).hostname or ""
        max_attempts = self.policy.max_retries + 1
        for number in range(1, max_attempts + 1):
            self._limiter.wait(host)
            attempt = self._attempt_once(url, headers)
            if not attempt.retryable:
                return attempt, number
            if number == max_attempts:
                attempt.error = _exhausted_message(attempt, number)
                return attempt, number
            delay = attempt.retry_after if attempt.retry_after is not None else self._backoff(number)
            log.info(
                "retrying %s in %.2fs after %s (attempt %d/%d)",
                url,
                delay,
                attempt.error,
                number,
                max_attempts,
            )
            self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover - loop always returns

    def _backoff(self, number: int) -> float:
        """Full-jitter exponential backoff for the ``number``-th failed attempt (1-based)."""
        cap = min(self.policy.backoff_max, self.policy.backoff_base * (2 ** (number - 1)))
        with self._rng_lock:
            return self._rng.uniform(0.0, cap)

    def _attempt_once(self, url: str, headers: dict[str, str]) -> _Attempt:
        """Send one GET and read its body within the limits; classify any failure."""
        try:
            resp = self.session.get(
                url,
                headers=headers,
                timeout=(self.policy.connect_timeout, self.policy.read_timeout),
                allow_redirects=False,
                stream=True,
            )
        except requests.exceptions.ConnectTimeout as exc:
            return _Attempt(error=f"connect timeout: {_short(exc)}", retryable=True)
        except requests.exceptions.ReadTimeout:
            return _Attempt(error="read timeout", retryable=True)
        except requests.exceptions.SSLError as exc:
            # A certificate problem will not fix itself within a few seconds.
            return _Attempt(error=f"TLS error: {_short(exc)}")
        except requests.exceptions.ConnectionError as exc:
            return _Attempt(error=f"connection failed: {_short(exc)}", retryable=True)
        except (
            requests.exceptions.InvalidURL,
            requests.exceptions.InvalidSchema,
            requests.exceptions.MissingSchema,
            requests.exceptions.InvalidHeader,
        ) as exc:
            return _Attempt(error=f"invalid request: {_short(exc)}")
        except requests.RequestException as exc:
            return _Attempt(error=f"request failed: {_short(exc)}")

        with resp:
            status = resp.status_code
            attempt = _Attempt(status=status, headers=resp.headers)
            if status in REDIRECT_STATUSES and resp.headers.get("Location"):
                attempt.location = resp.headers["Location"]
                return attempt  # body of a redirect is irrelevant; closing drops it
            if status == 304:
                return attempt
            self._read_body(resp, attempt)
            if attempt.error is not None:
                return attempt
            if status in RETRYABLE_STATUSES:
                attempt.error = f"HTTP {status}"
                attempt.retryable = True
                attempt.retry_after = self._retry_after(resp.headers.get("Retry-After"))
            elif not 200 <= status < 300:
                attempt.error = f"HTTP {status}"
                if status in REDIRECT_STATUSES:
                    attempt.error += " without Location header"
            return attempt

    def _read_body(self, resp: requests.Response, attempt: _Attempt) -> None:
        """Stream the body into ``attempt.content`` enforcing ``max_bytes`` and Content-Length."""
        limit = self.policy.max_bytes
        declared = _content_length(resp.headers.get("Content-Length"))
        if declared is not None and declared > limit:
            attempt.error = f"response larger than {limit} bytes (Content-Length: {declared})"
            return
        # With Content-Encoding the declared length counts compressed bytes, while
        # iter_content yields decoded ones; only compare when no encoding is applied.
        encoding = resp.headers.get("Content-Encoding", "identity").strip().lower()
        expected = declared if encoding in ("", "identity") else None
        chunks: list[bytes] = []
        received = 0
        try:
            for chunk in resp.iter_content(chunk_size=_CHUNK_SIZE):
                received += len(chunk)
                if received > limit:
                    attempt.error = f"response larger than {limit} bytes"
                    return
                chunks.append(chunk)
        except requests.exceptions.ChunkedEncodingError as exc:
            attempt.error = _truncated(received, expected, exc)
            attempt.retryable = True
            return
        except requests.exceptions.ConnectionError as exc:
            if _is_read_timeout(exc):
                attempt.error = "read timeout"
            else:
                attempt.error = f"connection failed: {_short(exc)}"
            attempt.retryable = True
            return
        except requests.exceptions.ContentDecodingError as exc:
            attempt.error = f"could not decode body: {_short(exc)}"
            return
        except requests.RequestException as exc:
            attempt.error = f"request failed: {_short(exc)}"
            return
        if expected is not None and received < expected:
            attempt.error = _truncated(received, expected, None)
            attempt.retryable = True
            return
        attempt.content = b"".join(chunks)

    def _retry_after(self, value: str | None) -> float | None:
        """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), capped."""
        if value is None:
            return None
        value = value.strip()
        seconds: float | None
        if value.isdigit():
            seconds = float(value)
        else:
            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            seconds = (when - datetime.now(UTC)).total_seconds()
        return min(max(seconds, 0.0), self.policy.retry_after_max)

    # -- results -----------------------------------------------------------------------------

    def _result(self, url: str, final_url: str, attempt: _Attempt, attempts: int) -> FetchResult:
        h = attempt.headers
        return FetchResult(
            url=url,
            final_url=final_url,
            status=attempt.status,
            content=attempt.content,
            content_type=h.get("Content-Type") if h is not None else None,
            etag=h.get("ETag") if h is not None else None,
            last_modified=h.get("Last-Modified") if h is not None else None,
            fetched_at=datetime.now(UTC),
            not_modified=attempt.status == 304 and attempt.error is None,
            error=attempt.error,
            attempts=attempts,
        )

    @staticmethod
    def _failed(url: str, final_url: str, error: str, *, status: int | None = None, attempts: int = 0) -> FetchResult:
        return FetchResult(
            url=url,
            final_url=final_url,
            status=status,
            content=None,
            content_type=None,
            etag=None,
            last_modified=None,
            fetched_at=datetime.now(UTC),
            error=error,
            attempts=attempts,
        )


# -- helpers -----------------------------------------------------------------------------------


def _strip_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(fragment=""))


def _content_length(value: str | None) -> int | None:
    if value is None:
        return None
    value = value.strip()
    return int(value) if value.isdigit() else None


def _is_read_timeout(exc: BaseException) -> bool:
    """requests wraps a streaming ReadTimeoutError in a plain ConnectionError; unwrap it."""
    return isinstance(exc, requests.exceptions.ReadTimeout) or any(
        isinstance(arg, ReadTimeoutError) for arg in getattr(exc, "args", ())
    )


def _truncated(received: int, expected: int | None, exc: BaseException | None) -> str:
    """Describe a short body; urllib3 often raises before yielding the partial chunk, so the
    byte count it carries (``IncompleteRead.partial``) is preferred when larger."""
    incomplete = _find_incomplete_read(exc)
    if incomplete is not None:
        received = max(received, incomplete.partial)
        if expected is None:
            expected = incomplete.partial + incomplete.expected
    if expected is not None:
        return f"truncated body: got {received} of {expected} bytes"
    detail = f" ({_short(exc)})" if exc is not None else ""
    return f"truncated body: got {received} bytes before the connection broke{detail}"


def _find_incomplete_read(exc: BaseException | None, depth: int = 0) -> IncompleteRead | None:
    """Dig the urllib3 IncompleteRead out of requests' and urllib3's wrapper exceptions."""
    if exc is None or depth > 5:
        return None
    if isinstance(exc, IncompleteRead):
        return exc
    for inner in (*exc.args, exc.__cause__, exc.__context__):
        if isinstance(inner, BaseException):
            found = _find_incomplete_read(inner, depth + 1)
            if found is not None:
                return found
    return None


def _exhausted_message(attempt: _Attempt, attempts: int) -> str:
    """Final error once retries are spent, e.g. ``read timeout after 3 attempts``."""
    return f"{attempt.error} after {attempts} attempt{'s' if attempts != 1 else ''}"


def _short(exc: BaseException | None, limit: int = 300) -> str:
    """A one-line, bounded description of an exception for error messages."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
