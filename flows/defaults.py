"""The one home of every ingest default: the CLI options, the Prefect flow's parameters and the fetcher
read them here. Imports nothing, so `--help` stays fast."""

from __future__ import annotations

BATCH_SIZE = 500  # pages per parse/load batch, one transaction each
FETCH_WORKERS = 8  # concurrent fetches within a batch
RATE_LIMIT = 1.0  # requests per second per host; 0 turns pacing off
MAX_BYTES = 10 * 1024 * 1024  # largest response accepted
READ_TIMEOUT = 20.0  # seconds to wait for a response before retrying
USER_AGENT = "biblioduck/0.1 (+https://example.invalid/biblioduck)"

# The quality gate and the drift breaker (flows.parse.quarantine).
SHRINK_RATIO = 0.5  # a new parse listing fewer than this share of the loaded papers has shrunk...
SHRINK_MIN_DROP = 3  # ...provided it lists at least this many papers fewer
DRIFT_MIN_PAGES = 20  # the drift breaker judges a run once this many pages were parsed...
DRIFT_MAX_SHARE = 0.2  # ...and stops it when more than this share of them were incomplete
