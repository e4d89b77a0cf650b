"""Expanding directories into the files to check."""

from __future__ import annotations

import os

import pytest

from claimcheck.errors import LoadError
from claimcheck.loading import discover


def _tree(root, names):
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("1. Is it?\nYes.\n")


def _rel(paths, root):
    return [p.relative_to(root).as_posix() for p in paths]


def test_walks_recursively_sorted_with_supported_extensions(tmp_path):
    _tree(tmp_path, ["b.md", "a.txt", "sub/c.yaml", "sub/deep/d.html", "e.pdf", "notes",
                     ".hidden/x.md", "sub/.secret.json", "z/F.JSON"])
    found = discover([tmp_path])
    assert _rel(found, tmp_path) == ["a.txt", "b.md", "sub/c.yaml", "sub/deep/d.html",
                                     "z/F.JSON"]


def test_excludes_gitignore_style(tmp_path):
    _tree(tmp_path, ["keep.md", "drafts/x.md", "a/drafts/y.md", "a/b/old.txt",
                     "a/b/new.txt", "vendor/q.json"])
    found = discover([tmp_path], exclude=["drafts/", "a/**/old.txt", "/vendor"])
    assert _rel(found, tmp_path) == ["a/b/new.txt", "keep.md"]
    assert _rel(discover([tmp_path], exclude=["*.txt"]), tmp_path) == [
        "a/drafts/y.md", "drafts/x.md", "keep.md", "vendor/q.json"]


def test_include_patterns_pick_other_files(tmp_path):
    _tree(tmp_path, ["a.faq", "b.md", "sub/c.faq"])
    assert _rel(discover([tmp_path], include=["*.faq"]), tmp_path) == ["a.faq", "sub/c.faq"]


def test_explicit_files_are_kept_whatever_their_extension(tmp_path):
    _tree(tmp_path, ["page.faq"])
    assert discover([tmp_path / "page.faq"]) == [tmp_path / "page.faq"]


def test_duplicates_collapse(tmp_path):
    _tree(tmp_path, ["a.md"])
    assert discover([tmp_path, tmp_path / "a.md", tmp_path]) == [tmp_path / "a.md"]


def test_symlink_loop_terminates(tmp_path):
    _tree(tmp_path, ["docs/a.md"])
    try:
        os.symlink(tmp_path / "docs", tmp_path / "docs" / "again")
        os.symlink(tmp_path / "nowhere", tmp_path / "docs" / "broken.md")
    except (OSError, NotImplementedError):
        pytest.skip("symlinks not available")
    found = discover([tmp_path / "docs"])
    assert _rel(found, tmp_path) == ["docs/a.md"]


def test_missing_path(tmp_path):
    with pytest.raises(LoadError, match="no such file or directory") as info:
        discover([tmp_path / "absent"])
    assert info.value.path.endswith("absent")


def test_paths_stay_as_given(tmp_path, monkeypatch):
    _tree(tmp_path, ["faq/x.md"])
    monkeypatch.chdir(tmp_path)
    assert [p.as_posix() for p in discover(["faq"])] == ["faq/x.md"]
    assert [p.as_posix() for p in discover(["faq"], exclude=["faq/x.md"])] == []


def test_a_folder_linked_inside_the_walked_one_gives_each_file_once(tmp_path):
    _tree(tmp_path, ["faq/real/a.md", "faq/real/b.md"])
    try:
        os.symlink(tmp_path / "faq" / "real", tmp_path / "faq" / "zlinked")
        os.symlink(tmp_path / "faq" / "real" / "a.md", tmp_path / "faq" / "alias.md")
    except (OSError, NotImplementedError):
        pytest.skip("symlinks not available")
    found = discover([tmp_path / "faq"])
    assert sorted(os.path.realpath(p) for p in found) == [
        os.path.realpath(tmp_path / "faq" / "real" / name) for name in ("a.md", "b.md")]
    assert found == sorted(found, key=lambda p: p.as_posix())
