"""The pre-commit hook, for real: ``pre-commit try-repo`` installs this project
into a fresh virtualenv (hatchling and the dependencies come from PyPI) and
runs the ``claimcheck`` hook of ``.pre-commit-hooks.yaml`` on a content
repository made here.

The hook is built from a snapshot of the project as it is on disk (every file
git would track, committed or not) committed to a repository of its own: on
a dirty tree try-repo would make a new temporary commit, and so a new
virtualenv, for each of the three runs below; one clean commit installs once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]

GEORGIA = """\
---
title: Georgia magistrate courts and immigration officers
state: Georgia
---

# Georgia magistrate courts

## 1. Do Georgia magistrate courts work with ICE under an agreement?

The Georgia Administrative Office of the Courts has an information-sharing agreement with ICE.

## 2. Is any court agreement with ICE in force?

Georgia courts have not entered into any agreement with ICE.

## 3. Must a Georgia clerk give court files to ICE?

Federal law requires each state agency to hand over its files to ICE.
"""

#: Answer 2 no longer denies the agreement; answer 3 no longer contradicts Texas.
GEORGIA_FIXED = GEORGIA.replace(
    "Georgia courts have not entered into any agreement with ICE.",
    "That agreement is the only one; it was signed in 2022.").replace(
    "Federal law requires each state agency to hand over its files to ICE.",
    "A clerk answers a federal request only when a judge orders it.")

#: Unchanged in the commit: the hook sees it only through the corpus.
TEXAS = """\
---
title: Texas jails and federal law
state: Texas
---

# Texas jails

## 1. Does federal law make a Texas jail send booking files to ICE?

Federal law does not require any state agency to share records with immigration authorities.
"""


def _git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env).stdout.decode()


def _snapshot(dest: Path, env: dict[str, str]) -> Path:
    """The project's working tree, committed to a fresh repository at ``dest``."""
    listed = _git(PROJECT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in sorted(set(filter(None, listed.split("\0")))):
        source = PROJECT / name
        if source.is_file():  # deleted but not yet committed: leave out
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "--no-verify", "--no-gpg-sign", "-m", "snapshot", env=env)
    return dest


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_try_repo_fails_on_a_contradiction_and_passes_after_the_fix(tmp_path):
    repo = tmp_path / "content"
    (repo / "faq").mkdir(parents=True)
    _git(repo, "init", "-q")
    # The hook gets every changed text file; the configuration says which are FAQs
    # and that the whole faq/ folder is context for the ones that changed.
    (repo / ".claimcheck.toml").write_text('include = ["faq/**"]\ncorpus = ["faq"]\n', encoding="utf-8")
    (repo / "package.json").write_text('{"name": "site"}\n', encoding="utf-8")
    (repo / "README.md").write_text("# Our FAQ site\n\nSee faq/.\n", encoding="utf-8")
    (repo / "build.py").write_text("print('build')\n", encoding="utf-8")
    (repo / "faq" / "georgia.md").write_text(GEORGIA, encoding="utf-8")
    (repo / "faq" / "texas.md").write_text(TEXAS, encoding="utf-8")
    _git(repo, "add", "-A")

    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "claimcheck tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
           "GIT_COMMITTER_NAME": "claimcheck tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid"}
    env.pop("PYTHONPATH", None)
    project = _snapshot(tmp_path / "project", env)

    def try_repo(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(project), "claimcheck",
                               "--color", "never", *args],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=600)

    # Only georgia.md changed (and some files that are not FAQs): it contradicts
    # itself, and, through the corpus, the unchanged texas.md on federal law.
    failed = try_repo("--files", "faq/georgia.md", "package.json", "README.md", "build.py")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    out = failed.stdout
    assert "faq/georgia.md:10: error CC101 answer 1 says an agreement with ICE exists" in out
    assert "faq/georgia.md answer 3 says a law requires" in out and "faq/texas.md answer 1" in out
    assert "package.json" not in out and "README.md" not in out and "build.py" not in out

    (repo / "faq" / "georgia.md").write_text(GEORGIA_FIXED, encoding="utf-8")
    _git(repo, "add", "-A")
    passed = try_repo("--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "claimcheck....." in passed.stdout and "Passed" in passed.stdout
