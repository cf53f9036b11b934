"""`make lint` enforces the layer rules: a copy of the code with one rule broken fails lint-imports."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    tree.mkdir()
    for package in ("flows", "parsers", "warehouse", "sql"):
        shutil.copytree(REPO / package, tree / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tree / "pyproject.toml")
    return tree


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=tree, capture_output=True, text=True, timeout=300, check=False
    )


def test_the_tree_as_it_is_keeps_every_contract(tmp_path):
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "statement", "contract"),
    [
        ("flows/acquire/files.py", "import duckdb", "duckdb only in warehouse/"),
        ("flows/cli/parse.py", "import prefect", "prefect only in the Prefect part of flows/"),
        ("parsers/venue.py", "import warehouse", "parsers are pure"),
        ("warehouse/load.py", "import flows.ingest", "the warehouse takes records from parsers"),
        ("flows/acquire/sources.py", "import flows.cli.app", "no imports back up the layers"),
    ],
)
def test_breaking_a_rule_fails_the_lint(tmp_path, module, statement, contract):
    tree = _copy(tmp_path)
    path = tree / module
    text = path.read_text(encoding="utf-8")
    # after the __future__ import, so the file stays valid Python
    future = "from __future__ import annotations\n"
    path.write_text(text.replace(future, f"{future}{statement}\n", 1))
    result = _lint(tree)
    assert result.returncode != 0
    assert "0 broken" not in result.stdout
    assert contract in result.stdout.split("Broken contracts")[-1], result.stdout


# Raised for a release whose own sql/ files are malformed (a bug to fix here, never a user's input), and the
# file system's own error from the export's atomic exchange (the export command reports it in one line).
_NOT_WAREHOUSE_ERRORS_ALLOWED = {
    ("marts.py", "RuntimeError"), ("sqlfiles.py", "RuntimeError"), ("snapshots.py", "OSError")
}


def test_the_warehouse_raises_only_its_own_errors():
    import ast
    import builtins
    import importlib

    from warehouse.errors import WarehouseError

    found = set()
    for path in sorted((REPO / "warehouse").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and isinstance(node.exc.func, ast.Name):
                found.add((path.name, node.exc.func.id))
    assert ("marts.py", "UnknownMart") in found  # the walk sees raises
    for module, name in sorted(found - _NOT_WAREHOUSE_ERRORS_ALLOWED):
        module_object = importlib.import_module(f"warehouse.{module.removesuffix('.py')}")
        raised = getattr(module_object, name, None) or getattr(builtins, name)
        if isinstance(raised, type):  # not a helper that builds the error, such as connection._translated
            assert issubclass(raised, WarehouseError), f"warehouse/{module} raises {name}"
