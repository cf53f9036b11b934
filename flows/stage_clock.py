"""Busy time per pipeline stage, summed across batches and threads, for the run summary."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class StageClock:
    def __init__(self) -> None:
        self._seconds: dict[str, float] = {}
        self._lock = threading.Lock()

    @contextmanager
    def time(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            with self._lock:
                self._seconds[stage] = self._seconds.get(stage, 0.0) + elapsed

    def seconds(self) -> dict[str, float]:
        with self._lock:
            return {stage: round(value, 3) for stage, value in self._seconds.items()}
