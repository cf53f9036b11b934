"""A symlink loop is reported as a loop, under its absolute path, wherever it is found."""

from __future__ import annotations

import os
from pathlib import Path

from flows.acquire.sources import SYMLINK_LOOP, Source, expand_sources


def test_a_looping_symlink_named_directly_is_a_loop(tmp_path: Path) -> None:
    os.symlink("b.html", tmp_path / "a.html")
    os.symlink("a.html", tmp_path / "b.html")
    result = expand_sources(["a.html"], base_dir=tmp_path)
    assert result.sources == []
    assert result.invalid == [(str(tmp_path / "a.html"), SYMLINK_LOOP)]


def test_a_looping_symlink_in_a_folder_is_a_loop_and_the_rest_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.txt").write_text("a page")
    os.symlink("self.html", folder / "self.html")
    result = expand_sources([str(folder)])
    assert result.sources == [Source("file", str(folder / "good.txt"))]
    assert result.invalid == [(str(folder / "self.html"), SYMLINK_LOOP)]
    assert "loop" in SYMLINK_LOOP
