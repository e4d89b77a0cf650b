"""Paths in reports: relative to the working directory, forward slashes, whatever form was given."""

from __future__ import annotations

import os
from pathlib import Path

from claimcheck.pipeline import display_path


def test_paths_below_the_working_directory_are_shown_relative(tmp_path, monkeypatch):
    (tmp_path / "faq" / "sub").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    for given in ("faq/sub/a.md", "./faq/sub/a.md", "faq/./sub/../sub/a.md", str(tmp_path / "faq/sub/a.md")):
        assert display_path(Path(given)) == "faq/sub/a.md", given
    assert display_path(Path(".")) == "."


def test_paths_above_it_go_up_once_at_most(tmp_path, monkeypatch):
    (tmp_path / "work" / "here").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "work" / "here")
    assert display_path(Path("../a.md")) == "../a.md"
    assert display_path(Path(str(tmp_path / "work" / "a.md"))) == "../a.md"
    # Two levels up or more: the path as given (relative climbs are hard to read).
    far = tmp_path / "b.md"
    assert display_path(far) == str(far).replace(os.sep, "/")
    assert display_path(Path("../../b.md")) == "../../b.md".replace("/", os.sep).replace(os.sep, "/")


def test_an_explicit_working_directory_is_used(tmp_path):
    assert display_path(tmp_path / "faq" / "a.md", cwd=tmp_path) == "faq/a.md"
