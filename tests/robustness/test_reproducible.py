"""Same input, same output, byte for byte: across runs, PYTHONHASHSEED values,
--jobs values, cache states and the order of paths on the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import CORPUS

# Runs every command line it is given in one process (one hash seed) and
# prints {argv: stdout} as JSON.
_CHILD = """
import contextlib, io, json, sys
from claimcheck.cli import main
results = {}
for argv in json.loads(sys.argv[1]):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = main(argv)
    results[" ".join(argv)] = [rc, buf.getvalue()]
print(json.dumps(results))
"""


def _variants(corpus: Path) -> dict[str, list[list[str]]]:
    """Command lines that must all print the same bytes, by what they print."""
    files = sorted(f"corpus/{p.name}" for p in corpus.iterdir())
    orders = [files, files[::-1], files[2:] + files[:2], ["corpus"], ["corpus/", *files[:1]]]
    out: dict[str, list[list[str]]] = {}
    for what, base in (("scan-json", ["scan", "--format", "json"]), ("report-md", ["report", "--format", "md"]),
                       ("scan-sarif", ["scan", "--format", "sarif"])):
        runs = []
        for jobs in ("1", "2"):
            for k, paths in enumerate(orders):
                # scan alone takes --cache-dir: half its runs write or read a cache
                cache = ["--cache-dir", f"cache-{jobs}"] if base[0] == "scan" and k % 2 == 0 else ["--no-cache"]
                runs.append([*base, "--jobs", jobs, *cache, *paths])
        out[what] = runs
    out["graph-json"] = [["graph", "--format", "json", "--no-cache", *paths] for paths in orders]
    return out


def _run_child(argvs: list[list[str]], cwd: Path, seed: str) -> dict[str, list]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(argvs)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def test_output_is_byte_identical_across_seeds_jobs_orders_and_cache(corpus, tmp_path):
    variants = _variants(corpus)
    argvs = [argv for runs in variants.values() for argv in runs]
    by_seed = {seed: _run_child(argvs, tmp_path, seed) for seed in ("0", "4242")}
    for what, runs in variants.items():
        outputs = {(seed, " ".join(argv)): tuple(by_seed[seed][" ".join(argv)])
                   for seed in by_seed for argv in runs}
        first = next(iter(outputs.values()))
        assert first[0] == (1 if what.startswith("scan") else 0) and first[1].strip(), what
        differing = [key for key, value in outputs.items() if value != first]
        assert not differing, f"{what}: output differs for {differing[:3]}"
    # The outputs really describe the corpus: every document, in sorted order.
    report = json.loads(by_seed["0"][" ".join(variants["scan-json"][0])][1])
    assert [d["path"] for d in report["documents"]] == sorted(f"corpus/{p.name}" for p in CORPUS.iterdir())


def test_repeated_runs_in_one_process_are_identical(cli, corpus):
    first = cli("report", "--format", "json", "--no-cache", "corpus").out
    for _ in range(3):
        assert cli("report", "--format", "json", "--no-cache", "corpus").out == first
