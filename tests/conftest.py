from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import pytest

from flows import prefect_setup
from tests.helpers import FIXTURES

# Prefect reads its settings at import: give the whole session one private, persistent home so
# its database migrates once, and the embedded defaults the CLI uses.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="biblioduck-prefect-"))
os.environ.pop("PREFECT_API_URL", None)
prefect_setup.apply_defaults()
# Prefect stops its temporary server at exit and logs it, after pytest has closed the streams.
logging.raiseExceptions = False



@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return (FIXTURES / "demo" / "seed.txt").read_bytes()
