"""Every `sh` block of the README works as written: in one new shell of a fresh clone, after `make run`."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.helpers import REPO

_BLOCK = re.compile(r"^```sh\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def readme_blocks(checkout: Path) -> list[str]:
    blocks = [match["body"] for match in _BLOCK.finditer((checkout / "README.md").read_text(encoding="utf-8"))]
    # the first block is the two set-up commands themselves: make run is run below, and make test
    # is what is running this test
    assert blocks[0].split()[:2] == ["make", "run"], blocks[0]
    return blocks[1:]


def test_every_sh_block_of_the_readme_runs_in_a_new_shell_after_make_run(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True, timeout=120)
    # a new shell: nothing of this test run's virtualenv or Prefect set-up leaks in
    env = {
        name: value for name, value in os.environ.items()
        if not name.startswith(("VIRTUAL_ENV", "PREFECT_", "BIBLIODUCK_", "PYTEST"))
    }
    venv_bin = str(Path(os.environ.get("VIRTUAL_ENV", REPO / ".venv")) / "bin")
    env["PATH"] = os.pathsep.join(part for part in env.get("PATH", "").split(os.pathsep) if part != venv_bin)
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["COLUMNS"] = "200"
    run = subprocess.run(["make", "run"], cwd=clone, env=env, capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert ". .venv/bin/activate" in run.stdout  # make run ends with what to do next

    script = "set -euo pipefail\n" + "\n".join(readme_blocks(clone))
    shell = subprocess.run(
        ["bash", "-c", script], cwd=clone, env=env, capture_output=True, text=True, timeout=1800
    )
    assert shell.returncode == 0, f"{shell.stdout[-4000:]}\n--- stderr ---\n{shell.stderr[-4000:]}"
    assert "Traceback" not in shell.stderr
    assert (clone / "var" / "snapshots" / "papers.parquet").exists()
