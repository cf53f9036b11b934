"""Tests for flows.acquire.sources: files, folders, globs, @lists, URLs, rejects and de-duplication."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows.acquire.sources import ExpandedSources, Source, expand_sources


def write(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def files(result: ExpandedSources) -> list[str]:
    assert all(s.kind == "file" for s in result.sources)
    return [s.location for s in result.sources]


def f(path: Path) -> Source:
    return Source("file", str(path.resolve()))


# -- URLs ------------------------------------------------------------------------------------


def test_http_and_https_urls_are_kept_verbatim() -> None:
    urls = ["https://example.org/a?q=1#frag", "http://Example.ORG:8080/b"]
    result = expand_sources(urls)
    assert result.sources == [Source("url", u) for u in urls]
    assert result.invalid == []


@pytest.mark.parametrize("entry", ["ftp://example.org/f.txt", "file:///etc/passwd", "javascript:alert(1)"])
def test_other_schemes_are_invalid(entry: str) -> None:
    result = expand_sources([entry])
    assert result.sources == []
    assert len(result.invalid) == 1
    bad, reason = result.invalid[0]
    assert bad == entry
    assert "only http and https" in reason
    assert repr(entry.split(":", 1)[0]) in reason


def test_url_without_host_is_invalid() -> None:
    result = expand_sources(["http:///nohost"])
    assert result.sources == []
    assert result.invalid == [("http:///nohost", "URL has no host")]


# -- files and folders -----------------------------------------------------------------------


def test_single_file_any_suffix(tmp_path: Path) -> None:
    page = write(tmp_path / "dump.json")
    result = expand_sources([str(page)])
    assert result.sources == [f(page)]


def test_relative_paths_use_base_dir(tmp_path: Path) -> None:
    page = write(tmp_path / "sub" / "p.html")
    result = expand_sources(["sub/p.html"], base_dir=tmp_path)
    assert result.sources == [f(page)]


def test_folder_is_walked_recursively_sorted_and_filtered(tmp_path: Path) -> None:
    root = tmp_path / "pages"
    wanted = [
        write(root / "a.html"),
        write(root / "b.HTM"),
        write(root / "c.txt"),
        write(root / "sub" / "a.html"),
        write(root / "sub" / "deeper" / "z.htm"),
        write(root / "z.html"),
    ]
    write(root / "notes.md")  # wrong suffix
    write(root / "data.json")
    write(root / ".hidden.html")  # hidden file
    write(root / ".git" / "page.html")  # hidden folder
    write(root / "README.txt")
    write(root / "readme.html")
    write(root / "sub" / "README")
    result = expand_sources([str(root)])
    assert files(result) == [str(p.resolve()) for p in sorted(wanted, key=lambda p: p.relative_to(root).parts)]
    assert result.invalid == []


def test_folder_order_sorts_by_path_parts(tmp_path: Path) -> None:
    # "a-b.html" < "a/..." as strings ("-" < "/"), but by path components "a" < "a-b.html".
    first = write(tmp_path / "a" / "x.html")
    second = write(tmp_path / "a-b.html")
    assert files(expand_sources([str(tmp_path)])) == [str(first.resolve()), str(second.resolve())]


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "only.json")
    result = expand_sources([str(tmp_path)])
    assert result.sources == []
    assert result.invalid == [(str(tmp_path), "folder contains no .html, .htm or .txt files")]


def test_missing_path_is_invalid(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.html")
    result = expand_sources([missing])
    assert result.sources == []
    assert result.invalid == [(missing, "no such file or directory")]


def test_empty_entry_is_invalid() -> None:
    assert expand_sources(["   "]).invalid == [("   ", "empty source")]


# -- globs -----------------------------------------------------------------------------------


def test_glob_matches_files_sorted(tmp_path: Path) -> None:
    b = write(tmp_path / "b.html")
    a = write(tmp_path / "a.html")
    write(tmp_path / "c.txt")
    result = expand_sources(["*.html"], base_dir=tmp_path)
    assert result.sources == [f(a), f(b)]


def test_recursive_glob(tmp_path: Path) -> None:
    top = write(tmp_path / "top.html")
    deep = write(tmp_path / "x" / "y" / "deep.html")
    write(tmp_path / "x" / "other.txt")
    result = expand_sources([str(tmp_path / "**" / "*.html")])
    assert sorted(files(result)) == sorted([str(top.resolve()), str(deep.resolve())])


def test_glob_matching_a_folder_walks_it(tmp_path: Path) -> None:
    inner = write(tmp_path / "batch1" / "p.html")
    write(tmp_path / "batch1" / "skip.json")
    result = expand_sources(["batch*"], base_dir=tmp_path)
    assert result.sources == [f(inner)]


def test_glob_matching_nothing_is_invalid(tmp_path: Path) -> None:
    result = expand_sources(["*.xml"], base_dir=tmp_path)
    assert result.sources == []
    assert result.invalid == [("*.xml", "glob matched nothing")]


def test_literal_file_with_glob_characters_wins_over_glob(tmp_path: Path) -> None:
    odd = write(tmp_path / "page[1].html")
    write(tmp_path / "page1.html")  # what the pattern page[1].html would match
    result = expand_sources(["page[1].html"], base_dir=tmp_path)
    assert result.sources == [f(odd)]


def test_base_dir_with_glob_characters_is_not_a_pattern(tmp_path: Path) -> None:
    base = tmp_path / "run[1]"
    page = write(base / "p.html")
    result = expand_sources(["*.html"], base_dir=base)
    assert result.sources == [f(page)]


# -- @lists ----------------------------------------------------------------------------------


def test_list_file_with_comments_blank_lines_and_relative_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lists = tmp_path / "lists"
    page = write(tmp_path / "pages" / "one.html")
    folder_page = write(tmp_path / "pages" / "more" / "two.htm")
    write(
        lists / "sources.txt",
        "# my sources\n\n  https://example.org/a  \n../pages/one.html\n   # indented comment\n../pages/more\n",
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # relative entries must not depend on the cwd
    result = expand_sources([f"@{lists / 'sources.txt'}"])
    assert result.sources == [Source("url", "https://example.org/a"), f(page), f(folder_page)]
    assert result.invalid == []


def test_list_path_itself_is_relative_to_base_dir(tmp_path: Path) -> None:
    page = write(tmp_path / "p.html")
    write(tmp_path / "l.txt", "p.html\n")
    assert expand_sources(["@l.txt"], base_dir=tmp_path).sources == [f(page)]


def test_nested_lists_resolve_relative_to_each_list(tmp_path: Path) -> None:
    a = write(tmp_path / "a.html")
    b = write(tmp_path / "nested" / "b.html")
    write(tmp_path / "nested" / "inner.txt", "b.html\n")
    write(tmp_path / "outer.txt", "a.html\n@nested/inner.txt\nhttps://example.org/c\n")
    result = expand_sources([f"@{tmp_path / 'outer.txt'}"])
    assert result.sources == [f(a), f(b), Source("url", "https://example.org/c")]
    assert result.invalid == []


def test_list_cycle_is_reported_not_infinite(tmp_path: Path) -> None:
    a = write(tmp_path / "a.html")
    b = write(tmp_path / "b.html")
    write(tmp_path / "one.txt", "a.html\n@two.txt\n")
    write(tmp_path / "two.txt", "b.html\n@one.txt\n")
    result = expand_sources([f"@{tmp_path / 'one.txt'}"])
    assert result.sources == [f(a), f(b)]
    assert len(result.invalid) == 1
    entry, reason = result.invalid[0]
    assert entry == "@one.txt"
    assert reason.startswith("list file cycle:")
    assert f"{tmp_path / 'two.txt'}:2" in reason  # where the offending line is


def test_self_including_list(tmp_path: Path) -> None:
    write(tmp_path / "self.txt", "@self.txt\n")
    result = expand_sources([f"@{tmp_path / 'self.txt'}"])
    assert result.sources == []
    assert [entry for entry, _ in result.invalid] == ["@self.txt"]
    assert result.invalid[0][1].startswith("list file cycle:")


def test_same_list_twice_is_not_a_cycle(tmp_path: Path) -> None:
    page = write(tmp_path / "p.html")
    write(tmp_path / "shared.txt", "p.html\n")
    write(tmp_path / "top.txt", "@shared.txt\n@shared.txt\n")
    result = expand_sources([f"@{tmp_path / 'top.txt'}"])
    assert result.sources == [f(page)]
    assert result.invalid == []


def test_bad_entries_inside_list_name_their_origin(tmp_path: Path) -> None:
    lst = write(tmp_path / "l.txt", "ftp://x.org/f\nmissing.html\n@nolist.txt\n")
    result = expand_sources([f"@{lst}"])
    assert result.sources == []
    entries = [entry for entry, _ in result.invalid]
    assert entries == ["ftp://x.org/f", "missing.html", "@nolist.txt"]
    reasons = [reason for _, reason in result.invalid]
    assert reasons[0].endswith(f"(in {lst}:1)")
    assert reasons[1] == f"no such file or directory (in {lst}:2)"
    assert reasons[2].startswith("list file not found")
    assert reasons[2].endswith(f"(in {lst}:3)")


def test_missing_list_file(tmp_path: Path) -> None:
    result = expand_sources(["@nope.txt"], base_dir=tmp_path)
    assert result.sources == []
    assert result.invalid == [("@nope.txt", f"list file not found: {tmp_path / 'nope.txt'}")]


# -- de-duplication and order ----------------------------------------------------------------


def test_duplicates_removed_first_occurrence_wins(tmp_path: Path) -> None:
    a = write(tmp_path / "a.html")
    b = write(tmp_path / "b.html")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "l.txt", "b.html\nhttps://example.org/x\n./a.html\n")
    result = expand_sources(
        [
            "https://example.org/x",
            str(a),
            f"@{tmp_path / 'l.txt'}",
            str(tmp_path),  # folder re-yields a, b (and l.txt, which is new)
            os.path.join(str(tmp_path), "sub", "..", "a.html"),
            "*.html",
        ],
        base_dir=tmp_path,
    )
    assert result.sources == [
        Source("url", "https://example.org/x"),
        f(a),
        f(b),
        f(tmp_path / "l.txt"),
    ]
    assert result.invalid == []


def test_valid_and_invalid_are_collected_together(tmp_path: Path) -> None:
    page = write(tmp_path / "p.html")
    result = expand_sources(["ftp://a/b", str(page), "ftp://a/b", str(tmp_path / "gone")])
    assert result.sources == [f(page)]
    assert [entry for entry, _ in result.invalid] == ["ftp://a/b", str(tmp_path / "gone")]
