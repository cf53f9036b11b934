"""A process-wide progress hook, so the CLI can draw a bar while the flow runs.

Flow parameters travel through the Prefect API as JSON, so a callback cannot be one of them;
the CLI installs a reporter here before calling the flow, and the flow reports as it goes: one
step per page (as it is parsed, or as it is found unchanged or rejected), and the running counts
of pages loaded, unchanged and rejected after each batch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Reporter(Protocol):
    def started(self, run_id: str) -> None: ...

    def advance(self, pages: int, total: int | None) -> None: ...

    def counts(self, loaded: int, unchanged: int, rejected: int) -> None: ...


_reporter: Reporter | None = None


def install(reporter: Reporter | None) -> None:
    global _reporter
    _reporter = reporter


def started(run_id: str) -> None:
    if _reporter is not None:
        _reporter.started(run_id)


def advance(pages: int = 1, total: int | None = None) -> None:
    if _reporter is not None:
        _reporter.advance(pages, total)


def counts(loaded: int, unchanged: int, rejected: int) -> None:
    if _reporter is not None:
        _reporter.counts(loaded, unchanged, rejected)


def page_done() -> Callable[[], None]:
    """A callback for per-page work that advances the bar by one page."""
    return lambda: advance(1)
