"""Profile one `claimcheck scan` in-process with cProfile and print where the time goes.

    python benchmarks/profile_scan.py benchmarks/.corpus/d1000-s1-r0.2/faq            # cold, 1 process
    python benchmarks/profile_scan.py CORPUS --args "--cache-dir /tmp/cc"             # e.g. a warm run
    python benchmarks/profile_scan.py CORPUS --save /tmp/scan.prof                     # for snakeviz & co.

Prints the pipeline stages' cumulative share of the run, then the functions
with the most time of their own. cProfile slows pure-Python code down by
roughly 1.5x, evenly enough for shares to be trusted, not absolute seconds.
Run it from anywhere; the corpus is scanned as ``.`` from inside it, as
``run.py`` does. Workers of ``--jobs N`` are not profiled, so the default is
``--jobs 1`` and ``--no-cache`` when the options exist.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shlex
import sys
from pathlib import Path

#: Functions whose cumulative time is reported as a pipeline stage.
STAGES = [
    ("loading (parse files)", "loading/__init__.py", "load_document"),
    ("loading (parse bytes)", "loading/__init__.py", "parse_text"),
    ("extraction", "extraction.py", "extract_claims"),
    ("citations: find", "citations/find.py", "find_citations"),
    ("cache: read", "cache.py", "get"),
    ("cache: write", "cache.py", "put"),
    ("engine", "engine.py", "evaluate"),
    ("citations: link to claims and findings", "citations/link.py", "link_claims"),
    ("assemble (engine + link + suppressions)", "pipeline.py", "assemble"),
    ("render", "report/", "render"),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="folder (or file) to scan")
    ap.add_argument("--args", default="--no-cache --jobs 1",
                    help="extra `claimcheck scan` options (default: --no-cache --jobs 1)")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--save", type=Path, help="also write the raw profile here")
    args = ap.parse_args(argv)

    from claimcheck.cli import main as cli_main

    target = args.corpus.resolve()
    cwd = target if target.is_dir() else target.parent
    scan_args = ["scan", "." if target.is_dir() else target.name, "--exit-zero", "-o", os.devnull,
                 *shlex.split(args.args)]
    old = Path.cwd()
    os.chdir(cwd)
    prof = cProfile.Profile()
    try:
        prof.enable()
        code = cli_main(scan_args)
        prof.disable()
    finally:
        os.chdir(old)
    if args.save:
        prof.dump_stats(str(args.save))
    stats = pstats.Stats(prof)
    total = max(getattr(stats, "total_tt", 0.0), 1e-9)
    print(f"claimcheck {' '.join(scan_args)} -> exit {code}; {total:.2f} s under cProfile\n")
    print("| stage | cumulative s | share |\n|---|---|---|")
    for label, file_part, func in STAGES:
        cum = sum(v[3] for (f, _, name), v in stats.stats.items()  # type: ignore[attr-defined]
                  if name == func and file_part in f.replace("\\", "/") and "claimcheck" in f)
        if cum:
            print(f"| {label} | {cum:.2f} | {cum / total:.0%} |")
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(args.top)
    print("\nFunctions by own time:\n")
    print(out.getvalue().split("\n", 4)[-1] if out.getvalue() else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
