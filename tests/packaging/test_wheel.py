"""The wheel carries the rule pack, and an installed (non-editable) copy finds it.

This is how pre-commit installs a hook: ``pip install .`` into a fresh
environment, then the command runs from the content repository, far from
this checkout.
"""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, text=True)
    (found,) = out.glob("claimcheck-*.whl")
    return found


def test_wheel_contains_every_rule_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"claimcheck/rules/{p.relative_to(ROOT / 'rules').as_posix()}"
                for p in (ROOT / "rules").rglob("*.yaml")}
    assert expected, "the repository has no rule files?"
    assert expected <= names, sorted(expected - names)


def test_installed_wheel_reports_from_another_folder(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    # Reuse the already-installed dependencies; install only claimcheck itself.
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "--quiet", "--force-reinstall", str(wheel)],
                   check=True, capture_output=True, text=True)
    elsewhere = tmp_path / "content"
    elsewhere.mkdir()
    faq = elsewhere / "faq.md"
    faq.write_text(
        "---\njurisdiction: NM\n---\n\n"
        "## Is there an agreement with ICE?\n\nNo state agency has an agreement with ICE.\n\n"
        "## Does the Department of Health share data?\n\n"
        "The Department of Health has a memorandum of understanding with ICE.\n",
        encoding="utf-8")
    run = subprocess.run([str(py), "-m", "claimcheck", "report", "faq.md", "--format", "md"],
                         cwd=elsewhere, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "CC101" in run.stdout and "Answer 2" in run.stdout
    where = subprocess.run([str(py), "-c", "import claimcheck.rulepack as r; print(r.default_rules_dir())"],
                           cwd=elsewhere, capture_output=True, text=True, check=True).stdout.strip()
    assert str(env_dir) in where and "site-packages" in where
