"""`biblioduck parse` as users run it: the installed console script, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.helpers import BIBLIODUCK, DATA


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([BIBLIODUCK, *args], capture_output=True, text=True, timeout=60, check=False)


def test_json_output_is_one_object_per_page(fixtures_dir):
    demo = fixtures_dir / "demo"
    result = _run("parse", str(demo / "seed.txt"), str(demo / "seed_table.html"), "--json")
    assert result.returncode == 0, result.stderr
    pages = json.loads(result.stdout)
    assert [page["source"] for page in pages] == [
        str(fixtures_dir / "demo" / "seed.txt"),
        str(fixtures_dir / "demo" / "seed_table.html"),
    ]
    assert pages[0]["papers"] == pages[1]["papers"]
    assert pages[0]["papers"][5]["urls"] == ["https://github.com/apple/ml-sigma-reparam"]


def test_a_bad_page_exits_1_and_the_others_still_print(fixtures_dir, tmp_path):
    missing = tmp_path / "gone.html"
    result = _run(
        "parse", str(DATA / "not_listing_404.html"), str(fixtures_dir / "demo" / "seed.txt"), str(missing), "--json"
    )
    assert result.returncode == 1
    assert len(json.loads(result.stdout)) == 1
    assert "not_listing_404.html: not a listing page: no 'Author name cluster' heading" in result.stderr
    assert f"{missing}: cannot read" in result.stderr
    assert "Traceback" not in result.stderr


def test_table_output_names_papers_and_problems(fixtures_dir):
    result = _run("parse", str(fixtures_dir / "problems_bad_venue.txt"))
    assert result.returncode == 0
    assert "Dan Busbridge" in result.stdout
    assert "bad_venue_line" in result.stdout


def test_an_incomplete_page_exits_1_is_named_and_still_prints(fixtures_dir):
    incomplete = fixtures_dir / "problems_missing_authors.txt"
    result = _run("parse", str(fixtures_dir / "demo" / "seed.txt"), str(incomplete), "--json")
    assert result.returncode == 1
    pages = json.loads(result.stdout)
    assert [len(page["papers"]) for page in pages] == [10, 2]
    assert f"{incomplete}: incomplete parse (count_mismatch, missing_authors)" in result.stderr
    truncated = _run("parse", str(fixtures_dir / "problems_count_mismatch.txt"))
    assert truncated.returncode == 0, truncated.stderr  # a truncated listing is complete


def test_help_explains_itself_and_parse_stays_free_of_prefect(fixtures_dir):
    result = _run("--help")
    assert result.returncode == 0
    assert "parse" in result.stdout
    probe = (
        "import sys; from flows.cli.app import app\n"
        "for argv in (['--help'], ['ingest', '--help'], ['serve', '--help'], ['parse', sys.argv[1]]):\n"
        "    try:\n        app(argv, standalone_mode=False)\n    except SystemExit:\n        pass\n"
        "print('PREFECT', 'prefect' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(fixtures_dir / "demo" / "seed.txt")],
        capture_output=True, text=True, timeout=60, check=False, env={**os.environ, "COLUMNS": "200"},
    )
    assert "PREFECT False" in result.stdout, result.stderr


def test_a_page_declaring_a_non_text_codec_parses_and_a_too_complex_one_is_named(fixtures_dir, tmp_path):
    from tests import shapes

    rot13 = tmp_path / "that.html"
    seed_html = (fixtures_dir / "demo" / "seed_semantic.html").read_text(encoding="utf-8")
    rot13.write_text(seed_html.replace("<head>", '<head><meta charset="rot13">', 1), encoding="utf-8")
    good = fixtures_dir / "demo" / "seed.txt"
    result = _run("parse", str(good), str(rot13), "--json")
    assert result.returncode == 0, result.stderr
    pages = json.loads(result.stdout)
    assert [page["source"] for page in pages] == [str(good), str(rot13)]
    assert pages[1]["papers"] == pages[0]["papers"]

    crowded = tmp_path / "crowded.html"
    crowded.write_bytes(shapes.many_attributes(200_000))
    result = _run("parse", str(crowded), str(good), "--json")
    assert result.returncode == 1
    assert [page["source"] for page in json.loads(result.stdout)] == [str(good)]
    assert f"{crowded}: not a listing page: too_complex: an element has more than" in result.stderr
    assert "Traceback" not in result.stderr
