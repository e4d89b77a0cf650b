"""Paths that are not ordinary readable files: missing, looping, unreadable,
special. Each ends in one line naming the path and exit 2 (or a reported error
under --keep-going), never a traceback or a hang."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

import pytest

from claimcheck.cli import main
from claimcheck.rulepack import default_rules_dir

from .conftest import CORPUS, assert_one_line_error

NOBODY = 65534


def test_path_that_does_not_exist(cli, corpus):
    run = cli("scan", "corpus/no-such-faq.json")
    assert run.rc == 2
    assert_one_line_error(run.err, "corpus/no-such-faq.json", says="no such file")


def test_one_missing_path_among_good_ones(cli, corpus):
    run = cli("scan", "corpus/nevada_schools.txt", "missing/")
    assert run.rc == 2 and run.out == ""
    assert_one_line_error(run.err, "missing", says="no such file")


def test_directory_loop_through_symlinks_is_walked_once(cli, corpus):
    (corpus / "sub").mkdir()
    os.symlink("..", corpus / "sub" / "up")
    os.symlink(".", corpus / "sub" / "self")
    os.symlink("../sub", corpus / "sub" / "again")
    os.symlink(corpus, corpus / "sub" / "absolute")
    run = cli("scan", "--format", "json", "corpus")
    assert run.rc == 1, run.err
    docs = [d["path"] for d in json.loads(run.out)["documents"]]
    assert docs == sorted(f"corpus/{p.name}" for p in CORPUS.iterdir())


def test_two_folders_linked_to_each_other(cli, corpus, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    os.symlink("../b", tmp_path / "a" / "to-b")
    os.symlink("../a", tmp_path / "b" / "to-a")
    shutil.copy(CORPUS / "nevada_schools.txt", tmp_path / "b" / "nevada.txt")
    run = cli("scan", "--format", "json", "a", "b")
    assert run.rc == 1
    assert len(json.loads(run.out)["documents"]) == 1  # one file, however many ways to reach it


def test_file_symlink_loop_named_on_the_command_line(cli, corpus):
    os.symlink("loop-b.json", corpus / "loop-a.json")
    os.symlink("loop-a.json", corpus / "loop-b.json")
    run = cli("scan", "corpus/loop-a.json")
    assert run.rc == 2
    assert_one_line_error(run.err, "corpus/loop-a.json", says="symbolic links")


def test_dangling_and_looping_links_inside_a_folder_are_skipped(cli, corpus):
    os.symlink("loop-b.json", corpus / "loop-a.json")
    os.symlink("loop-a.json", corpus / "loop-b.json")
    os.symlink("gone.json", corpus / "dangling.json")
    run = cli("scan", "--format", "json", "corpus")
    assert run.rc == 1, run.err
    assert len(json.loads(run.out)["documents"]) == len(list(CORPUS.iterdir()))


def test_a_directory_named_like_a_faq_is_walked_not_read(cli, corpus):
    (corpus / "more.json").mkdir()
    run = cli("scan", "--format", "json", "corpus/more.json")
    assert run.rc == 2
    assert_one_line_error(run.err, "corpus/more.json", says="no Q&A files found")


def test_fifo_is_not_read(cli, corpus):
    # A named pipe would block a reader forever; it is not a regular file.
    os.mkfifo(corpus / "pipe.json")
    run = cli("scan", "--format", "json", "corpus")
    assert run.rc == 1
    assert "pipe.json" not in run.out


def test_character_device_is_refused(cli, corpus):
    # /dev/zero never ends: the size limit must hold even when stat says 0 bytes.
    run = cli("scan", "--input-format", "text", "/dev/zero")
    assert run.rc == 2
    assert_one_line_error(run.err, "/dev/zero")


# ------------------------------------------------------------------ permissions


def _run_unprivileged(argv: list[str], cwd: Path, *, rules: Path | None = None) -> tuple[int, str, str]:
    """Run ``claimcheck ARGV`` in a forked child that cannot read what its owner hid.

    As root (which ignores file modes) the child drops to uid/gid 65534 first;
    every module it needs is imported before the fork, since the interpreter's
    own files may not be readable by that user. Nor may the installed rule
    pack be (a non-editable install under /root), so the child reads the
    copy beside ``cwd`` unless ``rules`` names another folder.
    """
    argv = [argv[0], "--rules", str(rules or _rules_beside(cwd)), *argv[1:]]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        pid = os.fork()
        if pid == 0:  # child
            code = 99
            try:
                os.chdir(cwd)
                if os.geteuid() == 0:
                    os.setgroups([])
                    os.setgid(NOBODY)
                    os.setuid(NOBODY)
                sys.stdout, sys.stderr = out, err
                code = main(argv)
                out.flush()
                err.flush()
            except BaseException:  # noqa: BLE001 - report anything to the parent
                err.write(traceback.format_exc())
                err.flush()
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        out.seek(0)
        err.seek(0)
        return os.waitstatus_to_exitcode(status), out.read(), err.read()


@pytest.fixture
def open_folder():
    """A folder under /tmp that any user may enter (pytest's tmp_path may not be)."""
    folder = Path(tempfile.mkdtemp(prefix="claimcheck-perm-"))
    folder.chmod(0o755)
    shutil.copy(CORPUS / "nevada_schools.txt", folder / "nevada_schools.txt")
    rules = _rules_beside(folder)  # outside the folder, so scanning "." does not read it
    shutil.copytree(default_rules_dir(), rules)
    for path in [folder, *folder.rglob("*"), rules, *rules.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    for command in ("scan", "report", "graph"):  # import every module the child will need, now
        main([command, "--rules", str(rules), "--no-cache", str(folder / "nevada_schools.txt"),
              "-o", str(folder / "warm.out")])
    (folder / "warm.out").unlink()
    yield folder
    for top in (folder, rules):
        for path in top.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(top)


def _rules_beside(folder: Path) -> Path:
    return folder.with_name(folder.name + ".rules")


def _hide(path: Path, mode: int = 0o000) -> None:
    path.chmod(mode)
    if os.geteuid() != 0:
        assert not os.access(path, os.R_OK)


def test_unreadable_file(open_folder, capsys):
    secret = open_folder / "secret.json"
    shutil.copy(CORPUS / "vermont_benefits.qa.json", secret)
    _hide(secret)
    rc, out, err = _run_unprivileged(["scan", "--no-cache", "secret.json"], open_folder)
    assert "Traceback" not in err
    assert rc == 2 and out == ""
    assert_one_line_error(err, "secret.json", says="permission denied")


def test_unreadable_file_under_keep_going(open_folder):
    secret = open_folder / "secret.json"
    shutil.copy(CORPUS / "vermont_benefits.qa.json", secret)
    _hide(secret)
    rc, out, err = _run_unprivileged(["scan", "--no-cache", "--keep-going", "--format", "json", "."],
                                     open_folder)
    assert "Traceback" not in err
    assert rc == 2
    report = json.loads(out)
    assert [d["path"] for d in report["documents"]] == ["nevada_schools.txt"]
    assert [e["path"] for e in report["errors"]] == ["secret.json"]
    assert "permission denied" in report["errors"][0]["message"]


def test_file_in_a_folder_that_cannot_be_entered(open_folder):
    locked = open_folder / "locked"
    locked.mkdir()
    shutil.copy(CORPUS / "vermont_benefits.qa.json", locked / "vermont.json")
    _hide(locked, 0o700 if os.geteuid() == 0 else 0o000)
    rc, out, err = _run_unprivileged(["scan", "--no-cache", "locked/vermont.json"], open_folder)
    assert "Traceback" not in err
    assert rc == 2
    assert_one_line_error(err, "locked/vermont.json", says="permission denied")


def test_folder_that_cannot_be_listed(open_folder):
    locked = open_folder / "locked"
    locked.mkdir()
    shutil.copy(CORPUS / "vermont_benefits.qa.json", locked / "vermont.json")
    _hide(locked, 0o311)  # may be entered, not listed
    rc, out, err = _run_unprivileged(["scan", "--no-cache", "."], open_folder)
    assert "Traceback" not in err
    assert rc == 2
    assert_one_line_error(err, "locked", says="cannot list directory")


def test_unwritable_output_is_one_line(open_folder):
    out_dir = open_folder / "out"
    out_dir.mkdir()
    _hide(out_dir, 0o555)
    rc, out, err = _run_unprivileged(["report", "--no-cache", "nevada_schools.txt", "-o", "out/report.md"],
                                     open_folder)
    assert "Traceback" not in err
    assert rc == 2
    assert_one_line_error(err, "out/report.md", says="cannot write output")
    assert not any(out_dir.iterdir())


@pytest.mark.parametrize("hidden", ["folder", "parent"])
def test_unreadable_rule_folder_is_one_line(open_folder, hidden):
    # "folder": the rule files cannot be read; "parent": the folder cannot even
    # be looked at, as when claimcheck is installed under another user's home.
    parent = open_folder / "elsewhere"
    rules = parent / "rules"
    shutil.copytree(_rules_beside(open_folder), rules)
    _hide(rules if hidden == "folder" else parent, 0o700 if os.geteuid() == 0 else 0o000)
    rc, out, err = _run_unprivileged(["scan", "--no-cache", "nevada_schools.txt"], open_folder, rules=rules)
    assert "Traceback" not in err
    assert rc == 2 and out == ""
    assert err.startswith(f"claimcheck: error: {rules}"), err  # the folder, or the first file in it
    assert_one_line_error(err, err.split(": ")[2], says="permission denied")
