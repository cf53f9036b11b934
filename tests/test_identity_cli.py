"""`biblioduck identity`: explain, and the overrides (link, unlink, assign, revoke, export, import) as hard
constraints on every re-run, on real warehouse files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli.app import app
from tests.warehouse_factories import load, page, paper, rows

runner = CliRunner()
_FORMS = "author_persons JOIN author_forms USING (author_id)"


def _pages():
    return (
        page("https://x/1", "Maria K. Novak", [paper("One", ["Maria K. Novak", "Bo Chen"], year=2020)]),
        page("https://x/2", "Maria Novak", [paper("Two", ["Maria Novak", "Bo Chen", "Cy Dorn"], year=2021)]),
        page("https://x/3", "Ann Lee", [paper("Three", ["Ann Lee", "Dee Eve"], year=2022)]),
        page("https://x/4", "Ann Leigh", [paper("Four", ["Ann Leigh", "Fay Gil"], year=2023)]),
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    load(path, "run-1", *_pages())
    return path


def _person(db: Path, name: str) -> int:
    (found,) = rows(db, f"SELECT DISTINCT person_id FROM {_FORMS} WHERE name = ?", [name])
    return found[0]


def _together(db: Path, one: str, other: str) -> bool:
    return _person(db, one) == _person(db, other)


def _invoke(db: Path, *args: str):
    return runner.invoke(app, ["identity", *args, "--db", str(db)], env={"COLUMNS": "240"})


def _ok(db: Path, *args: str) -> str:
    result = _invoke(db, *args)
    assert result.exit_code == 0, result.output
    return result.output


def test_explain_shows_forms_papers_links_and_why(db: Path) -> None:
    shown = _ok(db, "explain", "Maria Novak")
    assert "Maria K. Novak" in shown and "middle_name" in shown and "Bo Chen" in shown and "2020 One" in shown
    found = json.loads(_ok(db, "explain", "maria k novak", "--json"))
    (person,) = found["persons"]
    assert person["forms"] == ["Maria K. Novak", "Maria Novak"] and person["papers"] == 2
    (link,) = found["links"]
    assert (link["rule"], link["strength"], link["shared_coauthors"], link["shared_coauthor_names"]) == (
        "middle_name", "strong", 1, ["Bo Chen"]
    )
    assert sorted(title["title"] for group in found["groups"] for title in group["papers"]) == ["One", "Two"]
    # by person_id too
    assert json.loads(_ok(db, "explain", str(person["person_id"]), "--json"))["persons"] == [person]
    missing = _invoke(db, "explain", "Nobody Here")
    assert missing.exit_code == 1 and "no person found" in missing.output


def test_unlink_holds_on_every_rerun_and_revoke_undoes_it(db: Path) -> None:
    assert _together(db, "Maria Novak", "Maria K. Novak")
    _ok(db, "unlink", "Maria Novak", "Maria K. Novak", "--reason", "two people at one lab", "--who", "ana")
    assert not _together(db, "Maria Novak", "Maria K. Novak")
    # a re-run of the same pages, with more evidence, does not link them again
    more = page("https://x/5", "Bo Chen", [paper("Five", ["Maria Novak", "Bo Chen", "Cy Dorn"], year=2022)])
    load(db, "run-2", *_pages(), more, skip_loaded=False)
    assert not _together(db, "Maria Novak", "Maria K. Novak")
    (row,) = rows(db, "SELECT action, who, reason FROM identity_overrides")
    assert row == ("unlink", "ana", "two people at one lab")
    _ok(db, "revoke", "1", "--reason", "same person after all", "--who", "ana")
    assert _together(db, "Maria Novak", "Maria K. Novak")
    # append-only: the revocation is a row, the unlink is still there
    assert rows(db, "SELECT override_id, action, revokes FROM identity_overrides ORDER BY 1") == [
        (1, "unlink", None), (2, "revoke", 1)
    ]


def test_link_joins_what_the_evidence_does_not(db: Path) -> None:
    assert not _together(db, "Ann Lee", "Ann Leigh")
    _ok(db, "link", "Ann Lee", "Ann Leigh", "--reason", "she changed her name", "--who", "bo")
    assert _together(db, "Ann Lee", "Ann Leigh")
    load(db, "run-2", *_pages(), skip_loaded=False)
    assert _together(db, "Ann Lee", "Ann Leigh")
    (link,) = rows(db, "SELECT rule, strength, override_id FROM person_links WHERE rule LIKE 'override%'")
    assert link == ("override_link", "override", 1)
    assert "override 1" in _ok(db, "explain", "Ann Leigh")


def test_assign_moves_a_form_into_a_person(db: Path) -> None:
    target = _person(db, "Ann Lee")
    _ok(db, "assign", "Maria K. Novak", str(target), "--reason", "a typo on one page")
    assert _person(db, "Maria K. Novak") == target
    assert not _together(db, "Maria K. Novak", "Maria Novak")  # its automatic link is gone
    load(db, "run-2", *_pages(), skip_loaded=False)
    assert _person(db, "Maria K. Novak") == target


def test_an_override_never_silently_drops_another(db: Path) -> None:
    _ok(db, "link", "Ann Lee", "Ann Leigh", "--reason", "one person")
    refused = _invoke(db, "unlink", "Ann Leigh", "Ann Lee", "--reason", "two people")
    assert refused.exit_code == 1
    assert "override 1" in refused.output and "revoke it first" in refused.output
    _ok(db, "unlink", "Maria Novak", "Maria K. Novak", "--reason", "two people")
    refused = _invoke(db, "assign", "Maria K. Novak", str(_person(db, "Maria Novak")), "--reason", "x")
    assert refused.exit_code == 1 and "override 2" in refused.output
    # a link that the unlink in force contradicts through a third name is refused too, and nothing is written
    _ok(db, "link", "Maria K. Novak", "Ann Lee", "--reason", "x")
    refused = _invoke(db, "link", "Ann Leigh", "Maria Novak", "--reason", "x")
    assert refused.exit_code == 1 and "cannot hold together" in refused.output
    assert rows(db, "SELECT count(*) FROM identity_overrides") == [(3,)]
    assert not _together(db, "Maria Novak", "Maria K. Novak")
    assert _together(db, "Ann Lee", "Ann Leigh") and _together(db, "Ann Lee", "Maria K. Novak")
    # unknown and ambiguous names are refused with a reason
    assert "no author" in _invoke(db, "link", "Nobody", "Ann Lee", "--reason", "x").output
    assert _invoke(db, "link", "Ann Lee", "Ann Leigh", "--reason", "  ").exit_code == 1


def test_overrides_travel_as_csv(db: Path, tmp_path: Path) -> None:
    _ok(db, "link", "Ann Lee", "Ann Leigh", "--reason", "name change, see ORCID", "--who", "ana")
    _ok(db, "unlink", "Maria Novak", "Maria K. Novak", "--reason", "two people", "--who", "bo")
    _ok(db, "revoke", "2", "--reason", "wrong after all", "--who", "bo")
    exported = tmp_path / "overrides.csv"
    _ok(db, "export", str(exported))
    with exported.open(encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    assert [(row["override_id"], row["action"], row["who"]) for row in written] == [
        ("1", "link", "ana"), ("2", "unlink", "bo"), ("3", "revoke", "bo")
    ]
    # a fresh warehouse of the same pages takes them, and resolves as the first one did
    other = tmp_path / "other.duckdb"
    load(other, "run-1", *_pages())
    assert "imported 3 overrides" in _ok(other, "import", str(exported))
    assert _together(other, "Ann Lee", "Ann Leigh") and _together(other, "Maria Novak", "Maria K. Novak")
    history = "SELECT * FROM identity_overrides ORDER BY 1"
    assert rows(other, history) == rows(db, history)
    # importing again adds nothing; a file that disagrees with the history is refused whole
    assert "imported 0 overrides" in _ok(other, "import", str(exported))
    written[0]["reason"] = "edited"
    with exported.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(written[0]))
        writer.writeheader()
        writer.writerows(written)
    refused = _invoke(other, "import", str(exported))
    assert refused.exit_code == 1 and "differs" in refused.output
    # a row no command could write never enters the append-only table: an unknown action, a missing key
    for edit, message in (({"action": "frobnicate"}, "unknown action 'frobnicate'"), ({"author_key_b": ""}, "lacks")):
        invented = {**written[0], "override_id": "9", "reason": "invented", **edit}
        with exported.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(invented))
            writer.writeheader()
            writer.writerow(invented)
        bad = _invoke(other, "import", str(exported))
        assert bad.exit_code == 1 and message in bad.output, bad.output
        assert rows(other, "SELECT count(*) FROM identity_overrides WHERE override_id = 9") == [(0,)]


def test_resolve_rebuilds_the_same_persons(db: Path) -> None:
    before = rows(db, "SELECT author_id, person_id FROM author_persons ORDER BY 1")
    assert "persons" in _ok(db, "resolve")
    assert rows(db, "SELECT author_id, person_id FROM author_persons ORDER BY 1") == before


def test_a_correction_reaches_the_marts_and_the_dashboard_at_once(db: Path) -> None:
    """An override rebuilds the marts that count persons in its own transaction, and the dashboard file
    beside the warehouse: the numbers people read follow it without waiting for an ingest."""
    from flows.dashboard import build_dashboard, default_dashboard_path

    novak = "SELECT papers FROM author_stats WHERE name LIKE 'Maria%Novak' ORDER BY papers"
    assert rows(db, novak) == [(2,)]
    dashboard = default_dashboard_path(db)
    build_dashboard(db, dashboard)
    built = dashboard.read_text(encoding="utf-8")
    shown = _ok(db, "unlink", "Maria Novak", "Maria K. Novak", "--reason", "two people", "--who", "ana")
    assert "rebuilt the marts that count persons" in shown and "author_stats" in shown
    assert rows(db, novak) == [(1,), (1,)]
    assert f"rebuilt the dashboard: {dashboard}" in shown and dashboard.read_text(encoding="utf-8") != built
    _ok(db, "revoke", "1", "--reason", "one person after all", "--who", "ana")
    assert rows(db, novak) == [(2,)]
    # a re-resolution rebuilds them too: the mart agrees with its live view
    _ok(db, "resolve")
    assert rows(db, "SELECT * FROM author_stats EXCEPT SELECT * FROM author_stats_live") == []
