"""What the quick commands load: ``--version`` and ``--help`` are answered by
typer alone, without pydantic, YAML, networkx or the rule pack.

These check which modules are imported, not how long anything takes (speed is
measured in benchmarks/, not asserted in tests).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import claimcheck
from claimcheck import __version__

ROOT = Path(__file__).resolve().parents[2]

HEAVY = ("pydantic", "yaml", "networkx", "rich", "claimcheck.models", "claimcheck.rulepack")

#: What a scan whose files all come from the cache has no use for: the
#: per-file stages (extraction, citation finding, the format parsers), the
#: rule files' YAML, and the graph and progress-bar libraries.
NOT_WHEN_CACHED = ("claimcheck.extraction", "claimcheck.loading.jurisdiction", "claimcheck.citations.find",
                   "claimcheck.citations.scan", "claimcheck.loading.qajson", "yaml", "networkx", "rich")


def _child_env() -> dict[str, str]:
    """The environment for a child Python that imports the claimcheck under test.

    Not whatever else the child would find: the tests run in a temporary
    folder, where a relative PYTHONPATH ("src") no longer points here, and
    an editable install may name another checkout.
    """
    src = str(Path(claimcheck.__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)}


def _modules_after(args: list[str], watched: tuple[str, ...] = HEAVY) -> tuple[int, str, list[str]]:
    """Exit code, output, and which of ``watched`` were imported, of ``main(args)`` in a fresh process."""
    code = ("import sys\nfrom claimcheck.cli import main\n"
            f"rc = main({args!r})\n"
            f"heavy = sorted(m for m in {watched!r} if m in sys.modules)\n"
            "print(rc, ','.join(heavy))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=_child_env())
    *shown, last = done.stdout.rstrip("\n").split("\n")
    rc, _, heavy = last.partition(" ")
    return int(rc), "\n".join(shown), [m for m in heavy.split(",") if m]


def test_version_prints_the_version():
    rc, shown, _ = _modules_after(["--version"])
    assert rc == 0
    assert shown == f"claimcheck {__version__}"


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_version_and_help_import_nothing_heavy(args):
    rc, shown, heavy = _modules_after(args)
    assert rc == 0
    assert shown
    assert heavy == []


@pytest.mark.parametrize("args", [["scan", "--help"], ["report", "--help"], ["rules", "--help"]])
def test_command_help_loads_no_rules_models_or_graph(args):
    # typer itself (0.29) builds pydantic adapters for a command's options, so
    # pydantic may be loaded here; our models, the rule pack and networkx not.
    rc, shown, heavy = _modules_after(args)
    assert rc == 0
    assert shown
    assert [m for m in heavy if m != "pydantic"] == []


def test_a_scan_served_from_the_cache_imports_no_per_file_stage(tmp_path):
    # The pre-commit path: the engine runs on cached claims, so nothing it
    # imports may pull extraction (and its regexes) or the loaders back in.
    shutil.copy(ROOT / "data" / "qa.json", tmp_path / "qa.json")
    cold_rc, _, cold = _modules_after(["scan", "qa.json"], NOT_WHEN_CACHED)
    warm_rc, shown, warm = _modules_after(["scan", "qa.json"], NOT_WHEN_CACHED)
    assert cold_rc == warm_rc == 1
    assert "claimcheck.extraction" in cold and "yaml" in cold  # the first run filled the cache
    assert "16 findings" in shown
    assert warm == []


def test_pydantic_plugins_are_off_only_while_a_command_runs(monkeypatch, capsys):
    import os

    from claimcheck import cli

    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    seen = []
    monkeypatch.setattr(cli, "_first_sentence", lambda text: seen.append(os.environ.get("PYDANTIC_DISABLE_PLUGINS"))
                        or text)
    assert cli.main(["rules"]) == 0
    assert seen and set(seen) == {"__all__"}
    assert "PYDANTIC_DISABLE_PLUGINS" not in os.environ


def test_a_pydantic_plugins_setting_of_the_user_is_kept(monkeypatch):
    import os

    from claimcheck import cli

    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "some_plugin")
    with cli._without_pydantic_plugins():
        assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "some_plugin"
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "some_plugin"


def test_the_entry_point_prints_and_exits_as_main_does(tmp_path):
    # entry() freezes the heap so that the interpreter does not collect it
    # object by object at exit; what the process prints and its exit code
    # must still be main()'s.
    shutil.copy(ROOT / "data" / "qa.json", tmp_path / "qa.json")
    args = ["scan", "qa.json", "-f", "json", "--no-cache"]
    run = {"cwd": tmp_path, "env": _child_env(), "capture_output": True, "text": True}
    via_entry = subprocess.run([sys.executable, "-m", "claimcheck", *args], **run)
    via_main = subprocess.run([sys.executable, "-c", "import sys\nfrom claimcheck.cli import main\n"
                               "sys.exit(main(sys.argv[1:]))", *args], **run)
    assert via_entry.returncode == via_main.returncode == 1
    assert via_entry.stdout == via_main.stdout
    assert via_entry.stdout.rstrip().endswith("}")


def test_collection_is_paused_for_start_up_and_back_on_when_files_are_read(tmp_path):
    # entry() pauses the garbage collector while the CLI starts; it must be
    # on again, with start-up's objects frozen, before any file is checked,
    # or a long scan would run without it.
    shutil.copy(ROOT / "data" / "qa.json", tmp_path / "qa.json")
    code = ("import gc\nfrom claimcheck import cli, pipeline\n"
            "seen = []\nreal = pipeline.check\n"
            "def check(*args, **kwargs):\n"
            "    seen.append((gc.isenabled(), gc.get_freeze_count() > 0, gc.get_threshold()[0] >= 10_000))\n"
            "    return real(*args, **kwargs)\n"
            "pipeline.check = check\n"
            "cli._pause_collection()\n"
            "paused = not gc.isenabled()\n"
            "rc = cli.main(['scan', 'qa.json', '--no-cache'])\n"
            "print(rc, paused, seen, gc.isenabled())\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=_child_env(), capture_output=True,
                          text=True, check=True)
    # ... and collecting less often: a run's claims live to its end, and
    # walking them every 700 new objects cost a large scan a sixth of its time.
    assert done.stdout.rstrip("\n").split("\n")[-1] == "1 True [(True, True, True)] True"


def test_main_leaves_the_garbage_collector_alone(tmp_path, monkeypatch, capsys):
    import gc

    from claimcheck import cli

    shutil.copy(ROOT / "data" / "qa.json", tmp_path / "qa.json")
    monkeypatch.chdir(tmp_path)
    frozen, threshold = gc.get_freeze_count(), gc.get_threshold()
    assert cli.main(["scan", "qa.json", "--no-cache"]) == 1
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    assert gc.get_threshold() == threshold
