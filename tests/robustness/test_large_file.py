"""A 100 MB file is refused (or processed) in bounded memory: peak RSS is
measured in a child process, so the test process's own heap does not count."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CORPUS

#: Peak resident memory allowed for a whole claimcheck run, in MB.
LIMIT_MB = 300

#: The child reports its own peak as VmHWM, which belongs to the process's
#: memory map and so starts afresh at exec. ru_maxrss does not: Linux carries
#: it across exec, so a child forked from a pytest process that had grown to
#: 300 MB reported 300 MB whatever claimcheck did (a flaky failure in CI).
_CHILD = """
import json, resource, sys
from claimcheck.cli import main
rc = main(sys.argv[1:])
sys.stdout.flush()
try:
    with open("/proc/self/status") as fh:
        peak_kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"rc": rc, "peak_kb": peak_kb}), file=sys.stderr)
"""


def _faq_block() -> str:
    return (CORPUS / "nevada_schools.txt").read_text(encoding="utf-8").split("\n", 2)[2]


def write_big(path: Path, size: int, block: str) -> None:
    """``size`` bytes of repeated FAQ text, written in 1 MB chunks."""
    chunk = (block * (1_048_576 // len(block) + 1)).encode()[:1_048_576]
    with open(path, "wb") as fh:
        for _ in range(size // len(chunk)):
            fh.write(chunk)
        fh.write(chunk[: size % len(chunk)])


def run_measured(argv: list[str], cwd: Path) -> tuple[int, str, str, float]:
    """(exit code, stdout, stderr without the measurement, peak RSS in MB) of a child run."""
    proc = subprocess.run([sys.executable, "-c", _CHILD, *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=300)
    *err, measured = proc.stderr.rstrip("\n").split("\n")
    data = json.loads(measured)
    assert data["rc"] == proc.returncode or proc.returncode == 0
    return data["rc"], proc.stdout, "\n".join(err) + ("\n" if err else ""), data["peak_kb"] / 1024


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    write_big(folder / "huge.txt", 100 * 1024 * 1024, _faq_block())
    (folder / "small.txt").write_text((CORPUS / "nevada_schools.txt").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    yield folder
    (folder / "huge.txt").unlink()


@pytest.mark.parametrize("argv", [
    ["scan", "huge.txt"],
    ["scan", "--no-cache", "huge.txt"],
    ["scan", "--input-format", "text", "huge.txt"],
    ["report", "huge.txt"],
    ["import", "huge.txt"],
], ids=["scan", "scan-no-cache", "scan-forced-format", "report", "import"])
def test_100mb_file_is_refused_in_bounded_memory(argv, big_folder):
    assert (big_folder / "huge.txt").stat().st_size == 100 * 1024 * 1024
    rc, out, err, peak_mb = run_measured(argv, big_folder)
    assert rc == 2 and out == ""
    assert err.startswith("claimcheck: error: huge.txt: file too large") and err.count("\n") == 1, err
    assert peak_mb < LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"


def test_100mb_file_under_keep_going_the_rest_is_checked(big_folder):
    rc, out, err, peak_mb = run_measured(["scan", "--keep-going", "--format", "json", "."], big_folder)
    assert rc == 2, err
    report = json.loads(out)
    assert [d["path"] for d in report["documents"]] == ["small.txt"]
    assert [e["path"] for e in report["errors"]] == ["huge.txt"]
    assert peak_mb < LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"


@pytest.mark.slow
def test_file_just_under_the_limit_is_processed_in_bounded_memory(tmp_path):
    # 19 MB of questions whose answers make no claims: every stage runs over
    # the whole file, without the quadratic number of findings that the same
    # contradiction repeated 100,000 times would (rightly) produce.
    block = ("Q: Where can I read the Nevada school calendar?\n"
             "A: The calendar is posted on the district website each August.\n\n")
    write_big(tmp_path / "calendar.txt", 19 * 1024 * 1024, block)
    rc, out, err, peak_mb = run_measured(["scan", "--no-cache", "calendar.txt"], tmp_path)
    assert rc == 0, err
    assert peak_mb < 1500, f"peak RSS {peak_mb:.0f} MB"
