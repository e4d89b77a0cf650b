"""How long the HTML report takes to build and to open, and how big it is.

    python benchmarks/html_report.py [--sizes 1,100,1000] [--repeat 3] [--opens 5] [--output FILE]

For each size (1 is the sample, ``data/qa.json``; N > 1 a corpus from
``generate.py``, seed 1, cached in ``benchmarks/.corpus/``):

* **build**: ``claimcheck report PATH --format html -o FILE`` as a whole process,
  warm (the per-file cache filled by a first run: what an editor re-running it
  pays) and cold (``--no-cache``); and ``--format json`` warm, which is the same
  run without the HTML, so the difference is what the page costs. Medians.
* **open**: the file opened from disk in headless Chromium (Debian's package,
  driven as in ``tests/browser``): first contentful paint (the summary on
  screen), the findings parsed (the page's script, in ``<head>``, listens on
  the document, so the filters work from then on), DOMContentLoaded (the whole
  file parsed), the load event, and the time from a click on "Findings" to the
  next frame with the findings view painted. Median of ``--opens`` loads in one browser,
  after one load that is not counted (the file in the page cache).
* **size** of the file.

Then Jinja2's import cost (``python -X importtime``, median of 5 processes)
and the template's compile time in process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cdp import Browser  # noqa: E402
from run import byte_compile, claimcheck_cmd, machine  # noqa: E402

OPEN_JS = """JSON.stringify({
  fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime,
  dcl: performance.timing.domContentLoadedEventEnd - performance.timing.navigationStart,
  load: performance.timing.loadEventEnd - performance.timing.navigationStart
})"""
SWITCH_JS = """new Promise(done => {
  const start = performance.now();
  location.hash = 'findings';
  requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
})"""


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def corpus(size: int) -> tuple[Path, str]:
    """(folder to run in, path to report on)."""
    if size == 1:
        return ROOT, "data/qa.json"
    out = ROOT / "benchmarks" / ".corpus" / f"d{size}-s1"
    if not (out / "manifest.json").exists():
        log(f"generating {size} documents")
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--docs", str(size), "--seed", "1",
                        "--out", str(out)], check=True, stdout=subprocess.DEVNULL)
    return out, "faq"


def build(size: int, repeat: int, work: Path) -> dict:
    cwd, path = corpus(size)
    cc = claimcheck_cmd()
    html = work / f"report-{size}.html"
    base = [*cc, "report", path]  # the cache: .claimcheck_cache in the folder it runs in
    timed([*base, "--format", "json", "-o", str(work / "first.json")], cwd)  # fills the cache
    warm = [timed([*base, "--format", "html", "-o", str(html)], cwd) for _ in range(repeat)]
    json_warm = [timed([*base, "--format", "json", "-o", str(work / "r.json")], cwd) for _ in range(repeat)]
    cold = [timed([*cc, "report", path, "--no-cache", "--format", "html", "-o", str(html)], cwd)
            for _ in range(repeat)]
    return {"warm": statistics.median(warm), "cold": statistics.median(cold),
            "json_warm": statistics.median(json_warm), "bytes": html.stat().st_size, "file": html}


def open_times(html: Path, opens: int) -> dict:
    with Browser(width=1280, height=900) as browser:
        browser.open(html.as_uri())  # not counted: the file into the page cache
        runs, switches, usable = [], [], []
        for _ in range(opens):
            browser.open("about:blank")
            since = browser.open(html.as_uri(), wait=False)
            # The findings are usable (the script runs in <head> and listens on the
            # document) once the section after them has begun to be parsed.
            usable.append(browser.wait_for(
                "location.protocol === 'file:' && document.getElementById('pages') && performance.now()", 120))
            browser.wait_for_event("Page.loadEventFired", since)
            # The first paint may come after the load event of a small page.
            browser.wait_for("performance.getEntriesByName('first-contentful-paint').length > 0")
            runs.append(json.loads(browser.evaluate(OPEN_JS)))
            switches.append(browser.evaluate(SWITCH_JS))
        errors = browser.console_errors()
    return {key: statistics.median(r[key] for r in runs) for key in ("fcp", "dcl", "load")} | {
        "switch": statistics.median(switches), "usable": statistics.median(usable), "errors": len(errors)}


def jinja_import_us() -> int:
    values = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import jinja2"], capture_output=True,
                             text=True, check=True)
        line = [ln for ln in out.stderr.splitlines() if ln.rstrip().endswith("| jinja2")][-1]
        values.append(int(line.split("|")[1]))
    return int(statistics.median(values))


def template_compile_ms() -> float:
    code = ("import time; from claimcheck.report import html; t = time.perf_counter(); html._template(); "
            "print((time.perf_counter() - t) * 1000)")
    values = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                   check=True).stdout) for _ in range(5)]
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--opens", type=int, default=5)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    log(byte_compile())
    lines = ["# HTML report: build, open, size", ""]
    lines += [f"- {k}: {v}" for k, v in machine().items()]
    lines.append("- load average (1, 5, 15 min) at the start: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    lines += [f"- Chromium: {subprocess.run(['chromium', '--version'], capture_output=True, text=True).stdout.strip()}",
              f"- build: whole process, median of {args.repeat}; open: median of {args.opens} loads", ""]
    lines += ["| pages | build, warm cache | build, cold | `--format json`, warm | size | first paint | "
              "findings parsed, filters work | whole file parsed (DOMContentLoaded) | load event | "
              "click to the findings view | console errors |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory(prefix="cc-html-bench-") as tmp:
        for size in [int(s) for s in args.sizes.split(",")]:
            log(f"{size} pages: building")
            b = build(size, args.repeat, Path(tmp))
            log(f"{size} pages: opening")
            o = open_times(b["file"], args.opens)
            lines.append(f"| {size:,} | {b['warm']:.2f} s | {b['cold']:.2f} s | {b['json_warm']:.2f} s | "
                         f"{b['bytes'] / 1e6:.2f} MB | {o['fcp']:.0f} ms | {o['usable']:.0f} ms | {o['dcl']:.0f} ms | "
                         f"{o['load']:.0f} ms | "
                         f"{o['switch']:.0f} ms | {o['errors']} |")
    lines += ["", "Load average at the end: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()) +
              " (other work on the machine makes every figure slower).", ""]
    lines += [f"Jinja2 import (`python -X importtime -c 'import jinja2'`, cumulative, median of 5): "
                  f"{jinja_import_us() / 1000:.1f} ms; compiling the report template in process: "
                  f"{template_compile_ms():.1f} ms (median of 5). Only `report --format html` pays either: "
                  "`tests/report/test_registry.py` and `tests/cli/test_scan.py` check that md and scan do not "
                  "import it.", ""]
    text = "\n".join(lines)
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
