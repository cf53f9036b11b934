"""Linked stylesheets of fetched pages: the page's own CSS decides what a browser shows.

For a page fetched from a URL, its same-origin `<link rel="stylesheet">` files are fetched with the run's
Fetcher (robots.txt, rate limit, size cap and retries apply as to pages), each URL once per run, with a
conditional GET against the version an earlier run stored. They travel with the page (RawPage.stylesheets)
and are stored raw beside it, so a re-parse lays the page out exactly as the first parse did. Pages read
from disk use the CSS inside them; their links are not followed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urljoin, urlsplit

from flows.acquire.fetch import Fetcher
from flows.acquire.records import Stylesheet
from parsers import stylesheet_links

_log = logging.getLogger(__name__)


def same_origin(page_url: str, sheet_url: str) -> bool:
    page, sheet = urlsplit(page_url), urlsplit(sheet_url)
    return (page.scheme, page.hostname, page.port) == (sheet.scheme, sheet.hostname, sheet.port)


class StylesheetCache:
    """One run's stylesheets, shared by the fetch threads: each URL is fetched at most once."""

    def __init__(self, fetcher: Fetcher, stored: Callable[[str], Stylesheet | None]) -> None:
        self._fetcher = fetcher
        self._stored = stored  # the version an earlier run stored, for conditional GETs and 304s
        self._sheets: dict[str, Stylesheet | None] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def for_page(self, page_url: str, content: bytes, content_type: str | None) -> tuple[Stylesheet, ...]:
        """The page's same-origin linked stylesheets that could be had, in the page's order."""
        found: list[Stylesheet] = []
        for href in stylesheet_links(content, content_type):
            url = urljoin(page_url, href)
            if not same_origin(page_url, url):
                continue
            sheet = self._get(url)
            if sheet is not None:
                found.append(replace(sheet, href=href))
        return tuple(found)

    def _get(self, url: str) -> Stylesheet | None:
        with self._guard:
            lock = self._locks.setdefault(url, threading.Lock())
        with lock:
            if url not in self._sheets:
                self._sheets[url] = self._fetch(url)
            return self._sheets[url]

    def _fetch(self, url: str) -> Stylesheet | None:
        stored = self._stored(url)
        result = self._fetcher.fetch(
            url, etag=stored.etag if stored else None, last_modified=stored.last_modified if stored else None
        )
        if result.not_modified and stored is not None:
            return stored
        if result.error is not None or result.content is None:
            # the page is still read: by its own <style>s and by structure (see README, How pages are read)
            _log.warning("stylesheet %s not used: %s", url, result.error or "no content")
            return None
        return Stylesheet(
            href=url,
            url=url,
            content=result.content,
            fetched_at=result.fetched_at,
            http_status=result.status,
            content_type=result.content_type,
            etag=result.etag,
            last_modified=result.last_modified,
        )
