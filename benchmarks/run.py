"""Benchmark claimcheck as a user runs it: whole processes, medians of repeated runs.

    python benchmarks/run.py            # the full suite (100, 1,000 and 10,000 documents)
    python benchmarks/run.py --quick    # 100 and 1,000 documents only

Prints a Markdown report (machine, command, tables) to standard output and,
with ``--output FILE``, writes it there too. Progress goes to standard error.

Every figure is the median wall-clock time of K runs of a fresh process
(``subprocess`` + ``time.perf_counter``), so interpreter start-up and imports
are included, as in a pre-commit hook. Peak memory comes from two sources:
``/usr/bin/time -f %M`` (the largest single process, as the kernel reports it
for the waited-for child and its reaped children) and a sampler that sums the
resident memory of the whole process tree every 50 ms (worker pools use
several processes at once). Corpora come from ``benchmarks/generate.py`` and
are cached in ``benchmarks/.corpus/`` (git-ignored), regenerated when the
generator changes.

Options of ``claimcheck scan`` that may not exist yet (``--jobs``,
``--no-cache``, ``--cache-dir``) are looked up in ``claimcheck scan --help``;
a figure that needs a missing one is reported as "n/a (option not available)".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (the sibling script)

NA = "n/a (option not available)"


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- machine


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = _git("status", "--porcelain", "--", "src", "rules")
    return {
        "CPU": cpu,
        "cores": f"{usable} usable ({os.cpu_count()} logical)",
        "RAM": ram,
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "OS": platform.platform(),
        "claimcheck": f"{_claimcheck_version()} at {commit or '?'}" + (" + uncommitted changes" if dirty else ""),
    }


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def claimcheck_cmd() -> list[str]:
    """The console script users run, else ``python -m claimcheck``."""
    script = shutil.which("claimcheck")
    return [script] if script else [sys.executable, "-m", "claimcheck"]


def _claimcheck_version() -> str:
    out = subprocess.run(claimcheck_cmd() + ["--version"], capture_output=True, text=True)
    return out.stdout.strip() or out.stderr.strip()[-200:]


def byte_compile() -> str:
    """Compile claimcheck's modules to bytecode, as ``pip install`` does, and say where.

    An editable install has no ``.pyc`` files until a run writes them, and
    with ``PYTHONDONTWRITEBYTECODE`` set (as on some CI and sandbox
    machines) no run ever does: every process would compile ~25 modules from
    source (~35 ms), which an installed tool never pays. Python reads
    ``.pyc`` files whatever that variable says.
    """
    out = subprocess.run([sys.executable, "-c", "import claimcheck, pathlib; "
                          "print(pathlib.Path(claimcheck.__file__).parent)"], capture_output=True, text=True)
    package = out.stdout.strip()
    if not package:
        return "claimcheck's package not found: not byte-compiled"
    import compileall

    ok = compileall.compile_dir(package, quiet=1)
    return f"byte-compiled {package}" if ok else f"byte-compiling {package} failed"


def scan_options() -> set[str]:
    """Long options ``claimcheck scan`` accepts, from its --help."""
    out = subprocess.run(claimcheck_cmd() + ["scan", "--help"], capture_output=True, text=True,
                         env={**os.environ, "COLUMNS": "200"})
    return set(re.findall(r"(--[a-z][a-z-]+)", out.stdout))


# ---------------------------------------------------------------- one measured process


@dataclass
class Run:
    seconds: float
    rss_kb: int | None        # largest single process (/usr/bin/time %M)
    tree_kb: int | None       # sum over the process tree, sampled
    returncode: int


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _rss_kb(pid: int) -> int:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


class TreeSampler(threading.Thread):
    """Peak of the summed RSS of ``root``'s descendants (not ``root`` itself: /usr/bin/time)."""

    def __init__(self, root: int, skip_root: bool, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.root, self.skip_root, self.interval = root, skip_root, interval
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            total, todo = 0, [self.root]
            seen = set()
            while todo:
                pid = todo.pop()
                if pid in seen:
                    continue
                seen.add(pid)
                if not (self.skip_root and pid == self.root):
                    total += _rss_kb(pid)
                todo += _children(pid)
            self.peak = max(self.peak, total)
            self.stop.wait(self.interval)


TIME_BIN = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


class TimedOut(Exception):
    pass


#: Seconds after which one run is stopped and reported as "timed out" (--timeout).
TIMEOUT = 900.0


def run_once(cmd: list[str], cwd: Path | str | None = None, ok=(0, 1), stdout=None) -> Run:
    """Run ``cmd`` as a whole process; raise when its exit code is not in ``ok``."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        full = [TIME_BIN, "-f", "%M", "-o", tf.name, *cmd] if TIME_BIN else cmd
        t0 = time.perf_counter()
        # Its own session, so a run that times out can be stopped with its workers.
        proc = subprocess.Popen(full, cwd=cwd, stdout=stdout or subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        sampler = TreeSampler(proc.pid, skip_root=bool(TIME_BIN))
        sampler.start()
        try:
            _, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.communicate()
            sampler.stop.set()
            raise TimedOut(f"stopped after {TIMEOUT:.0f} s") from None
        seconds = time.perf_counter() - t0
        sampler.stop.set()
        sampler.join()
        rss = None
        if TIME_BIN:
            nums = re.findall(r"^(\d+)\s*$", Path(tf.name).read_text(), re.M)
            rss = int(nums[-1]) if nums else None
    if ok is not None and proc.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err.decode(errors='replace')[-2000:]}")
    return Run(seconds, rss, sampler.peak or None, proc.returncode)


@dataclass
class Figure:
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def rss_mb(self) -> float | None:
        vals = [r.rss_kb for r in self.runs if r.rss_kb]
        return max(vals) / 1024 if vals else None

    @property
    def tree_mb(self) -> float | None:
        vals = [r.tree_kb for r in self.runs if r.tree_kb]
        return max(vals) / 1024 if vals else None

    def spread(self) -> str:
        xs = [r.seconds for r in self.runs]
        return f"{min(xs):.2f}–{max(xs):.2f}" if len(xs) > 1 else "1 run"


def measure(cmd: list[str], repeat: int, cwd=None, ok=(0, 1), before=None) -> Figure:
    fig = Figure()
    for k in range(repeat):
        if before:
            before(k)
        fig.runs.append(run_once(cmd, cwd=cwd, ok=ok))
    return fig


# ---------------------------------------------------------------- corpora


def generator_digest() -> str:
    return hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:16]


def corpus(docs: int, seed: int, rate: float, base: Path) -> tuple[Path, dict]:
    """``(folder to scan, manifest)``, generating when missing or made by another generator."""
    out = base / f"d{docs}-s{seed}-r{rate:g}"
    mf = out / "manifest.json"
    digest = generator_digest()
    if mf.exists():
        manifest = json.loads(mf.read_text(encoding="utf-8"))
        if manifest.get("generator_sha") == digest:
            return out / "faq", manifest
    if out.exists():
        shutil.rmtree(out)
    log(f"generating {docs} documents (seed {seed}) into {out}")
    manifest = generate.generate(docs, seed, out, generate.FORMATS, rate)
    manifest["generator_sha"] = digest
    mf.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return out / "faq", manifest


# ---------------------------------------------------------------- recall on planted contradictions


def recall(report_json: Path, manifest: dict) -> dict:
    """How many planted pairs claimcheck reports (same document and answers; right rule or any)."""
    rep = json.loads(report_json.read_text(encoding="utf-8"))
    pairs: dict[tuple[str, frozenset], set[str]] = {}
    cross = 0
    for f in rep["findings"]:
        docs = {a["doc"] for a in f["answers"]}
        if len(docs) > 1:
            cross += 1
            continue
        if len(f["answers"]) == 2:
            key = (f["answers"][0]["doc"], frozenset(a["answer"] for a in f["answers"]))
            pairs.setdefault(key, set()).add(f["rule"])
    by_kind: dict[str, list[int]] = {}
    exact = anyrule = 0
    for p in manifest["planted"]:
        rules = pairs.get((p["doc"], frozenset(p["answers"])), set())
        hit = p["rule"] in rules
        exact += hit
        anyrule += bool(rules)
        by_kind.setdefault(p["kind"], [0, 0])
        by_kind[p["kind"]][0] += hit
        by_kind[p["kind"]][1] += 1
    return {"planted": len(manifest["planted"]), "found": exact, "found_any_rule": anyrule,
            "by_kind": by_kind, "findings": len(rep["findings"]), "cross_doc": cross,
            "errors": len(rep.get("errors", []))}


# ---------------------------------------------------------------- proselint


def proselint_cmd(venv: Path, allow_install: bool) -> tuple[list[str] | None, str]:
    """The proselint command (installed into its own venv if needed) and its version, or why not."""
    found = shutil.which("proselint")
    if found:
        exe = [found]
    else:
        bin_ = venv / ("Scripts" if os.name == "nt" else "bin")
        exe = [str(bin_ / "proselint")]
        if not Path(exe[0]).exists():
            if not allow_install:
                return None, "not installed (run without --no-install to pip install it into benchmarks/.venv-proselint)"
            log(f"installing proselint into {venv} (its own venv; not a claimcheck dependency)")
            try:
                subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
                subprocess.run([str(bin_ / "python"), "-m", "pip", "install", "-q", "proselint"], check=True,
                               capture_output=True, timeout=600)
            except (OSError, subprocess.SubprocessError) as exc:
                return None, f"could not be installed: {exc}"
    # 0.16 has `version` and `check` subcommands; older releases --version and bare paths.
    helptext = subprocess.run(exe + ["--help"], capture_output=True, text=True).stdout
    new_cli = bool(re.search(r"^\s+check\b", helptext, re.M))
    out = subprocess.run(exe + (["version"] if new_cli else ["--version"]), capture_output=True, text=True)
    version = (out.stdout or out.stderr).strip().splitlines()[-1:] or ["?"]
    if out.returncode != 0:
        return None, f"does not run: {version[0]}"
    return (exe + ["check"] if new_cli else exe), version[0]


# ---------------------------------------------------------------- the suite


@dataclass
class Row:
    figure: str
    value: str
    target: str = ""
    status: str = ""
    note: str = ""


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("met" if ok else "**missed**")


def mb(x: float | None) -> str:
    return "–" if x is None else f"{x:.0f} MB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="100 and 1,000 documents only")
    ap.add_argument("--sizes", help="comma-separated corpus sizes (default 100,1000,10000; --quick 100,1000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure for small inputs (median; default 3)")
    ap.add_argument("--repeat-startup", type=int, default=10, help="runs per start-up figure (default 10)")
    ap.add_argument("--repeat-large", type=int, default=1,
                    help="runs per figure on more than 1,000 documents (default 1: one run takes minutes)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rate", type=float, default=0.2, help="planted contradictions per document (default 0.2)")
    ap.add_argument("--jobs", help="comma-separated --jobs values to measure (default: 1 and the usable cores)")
    ap.add_argument("--corpus-dir", type=Path, default=HERE / ".corpus")
    ap.add_argument("--no-proselint", action="store_true", help="skip the proselint comparison")
    ap.add_argument("--no-install", action="store_true", help="do not pip install proselint when missing")
    ap.add_argument("--proselint-sizes", help="corpus sizes for the proselint comparison (default 100,1000)")
    ap.add_argument("--output", type=Path, help="also write the Markdown report to this file")
    ap.add_argument("--timeout", type=float, default=TIMEOUT,
                    help=f"stop a single run after this many seconds and report it as timed out (default {TIMEOUT:.0f})")
    args = ap.parse_args(argv)
    globals()["TIMEOUT"] = args.timeout

    sizes = [int(s) for s in (args.sizes or ("100,1000" if args.quick else "100,1000,10000")).split(",")]
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    jobs_list = [int(j) for j in args.jobs.split(",")] if args.jobs else sorted({1, cores})
    cc = claimcheck_cmd()
    compiled = byte_compile()
    opts = scan_options()
    has_jobs, has_no_cache, has_cache_dir = "--jobs" in opts, "--no-cache" in opts, "--cache-dir" in opts
    cold_flags = ["--no-cache"] if has_no_cache else []
    info = machine()
    log(f"claimcheck: {' '.join(cc)}; options: jobs={has_jobs} no-cache={has_no_cache} cache-dir={has_cache_dir}; "
        f"{compiled}")

    def reps(n: int) -> int:
        return args.repeat_large if n > 1000 else args.repeat

    rows: list[Row] = []
    size_rows: list[list[str]] = []
    extra: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))
    try:
        # ---- start-up
        log("start-up")
        ver = measure(cc + ["--version"], args.repeat_startup, ok=(0,))
        rows.append(Row("`claimcheck --version`", f"{ver.median:.3f} s", note=f"range {ver.spread()}"))
        qa = ROOT / "data" / "qa.json"
        one = measure(cc + ["scan", str(qa), "--exit-zero"] + cold_flags, args.repeat_startup, cwd=tmp)
        rows.append(Row("`claimcheck scan data/qa.json` (one document, 26.5 KB, no cache)", f"{one.median:.3f} s",
                        "< 0.25 s", verdict(one.median < 0.25), f"range {one.spread()}; peak {mb(one.rss_mb)}"))
        if has_cache_dir:
            cdir = tmp / "cache-one"
            run_once(cc + ["scan", str(qa), "--exit-zero", "--cache-dir", str(cdir)], cwd=tmp)
            warm1 = measure(cc + ["scan", str(qa), "--exit-zero", "--cache-dir", str(cdir)], args.repeat_startup, cwd=tmp)
            rows.append(Row("`claimcheck scan data/qa.json` (warm cache)", f"{warm1.median:.3f} s", "< 0.25 s",
                            verdict(warm1.median < 0.25), f"range {warm1.spread()}"))
        extra += importtime_section(qa, cold_flags, tmp)

        # ---- corpora: cold throughput for each size and job count
        corpora = {n: corpus(n, args.seed, args.rate, args.corpus_dir) for n in sizes}
        cold: dict[tuple[int, int], Figure | None] = {}
        timed_out: set[tuple[int, int]] = set()
        for n in sizes:
            folder, manifest = corpora[n]
            mbytes = manifest["answer_bytes"] / 1e6
            for j in jobs_list:
                if any(t[0] == n for t in timed_out):
                    cold[(n, j)] = None
                    timed_out.add((n, j))
                    size_rows.append([f"{n:,}", f"{mbytes:.1f}", str(j), "skipped (a run of this size timed out)",
                                      "", "", "", "", ""])
                    continue
                if j != 1 and not has_jobs:
                    cold[(n, j)] = None
                    size_rows.append([f"{n:,}", f"{mbytes:.1f}", str(j), NA, "", "", "", "", ""])
                    continue
                log(f"cold scan of {n} documents, jobs={j}, {reps(n)} run(s)")
                jf = ["--jobs", str(j)] if has_jobs else []
                try:
                    fig = measure(cc + ["scan", ".", "--exit-zero"] + cold_flags + jf, reps(n), cwd=folder)
                except TimedOut as exc:
                    cold[(n, j)] = None
                    timed_out.add((n, j))
                    size_rows.append([f"{n:,}", f"{mbytes:.1f}", str(j), f"timed out ({exc})", "", "", "", "", ""])
                    continue
                cold[(n, j)] = fig
                net = max(fig.median - one.median, 1e-9)
                size_rows.append([f"{n:,}", f"{mbytes:.1f}", str(j), f"{fig.median:.2f}", fig.spread(),
                                  f"{mbytes / fig.median:.2f}", f"{mbytes / fig.median / j:.2f}",
                                  f"{fig.median / n * 1000:.2f} ({net / n * 1000:.2f})",
                                  f"{mb(fig.rss_mb)} / {mb(fig.tree_mb)}"])

        # ---- headline figures from the table
        for n in sizes:
            mbytes = corpora[n][1]["answer_bytes"] / 1e6
            f1 = cold.get((n, 1))
            if f1:
                per_core = mbytes / f1.median
                rows.append(Row(f"throughput, {n:,} documents, 1 process, cold", f"{per_core:.2f} MB/s",
                                "≥ 2 MB/s per core", verdict(per_core >= 2), f"{mbytes:.1f} MB of answer text"))
            fj = cold.get((n, cores))
            if cores > 1:
                if fj is None:
                    why = f"timed out (> {TIMEOUT:.0f} s)" if (n, cores) in timed_out else NA
                    rows.append(Row(f"throughput, {n:,} documents, --jobs {cores}", why, f"scales to {cores} cores",
                                    verdict(False) if (n, cores) in timed_out else ""))
                elif f1:
                    speedup = f1.median / fj.median
                    rows.append(Row(f"speed-up of --jobs {cores} over --jobs 1, {n:,} documents", f"{speedup:.2f}×",
                                    f"≈ {cores}×", verdict(speedup >= 0.8 * cores),
                                    f"{mbytes / fj.median:.2f} MB/s in all"))
        big = max(sizes)
        if big >= 10000:
            best = min((f for (n, j), f in cold.items() if n == big and f), key=lambda f: f.median, default=None)
            jbest = next((j for (n, j), f in cold.items() if f is best), 1)
            if best is None:
                rows.append(Row(f"{big:,} documents cold", f"timed out (> {TIMEOUT:.0f} s)", "< 60 s", verdict(False)))
            if best:
                rows.append(Row(f"{big:,} documents cold, --jobs {jbest}", f"{best.median:.1f} s", "< 60 s",
                                verdict(best.median < 60)))
                peak = max((f.tree_mb or f.rss_mb or 0) for (n, j), f in cold.items() if n == big and f)
                rows.append(Row(f"peak memory, {big:,} documents (process tree)", f"{peak:.0f} MB", "< 1 GB",
                                verdict(peak < 1024)))

        # ---- growth with corpus size
        ones = [(n, cold[(n, 1)]) for n in sizes if cold.get((n, 1))]
        if len(ones) >= 2:
            import math
            xs = [math.log(n) for n, _ in ones]
            ys = [math.log(max(f.median - one.median, 1e-3)) for _, f in ones]
            mx, my = statistics.fmean(xs), statistics.fmean(ys)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
            rows.append(Row("growth exponent b in time ∝ docs^b (1 process, start-up subtracted)", f"{slope:.2f}",
                            "≈ 1 (linear)", verdict(slope < 1.15),
                            "; ".join(f"{n:,}: {(f.median - one.median) / n * 1000:.2f} s per 1,000" for n, f in ones)))

        # ---- warm cache: re-scan after one edit
        # The largest size whose cold runs finished (a timed-out size would time out again).
        finished = [n for n in sizes if not any(t[0] == n for t in timed_out)]
        warm_size = max(finished) if finished else min(sizes)
        if warm_size != big:
            rows.append(Row(f"{big:,} documents, warm cache, one file edited",
                            f"not measured: cold runs timed out (> {TIMEOUT:.0f} s)", "< 2 s", verdict(False),
                            f"measured on {warm_size:,} documents below instead"))
        folder, manifest = corpora[warm_size]
        if has_cache_dir:
          try:
            cdir = tmp / "cache-big"
            log(f"filling the cache for {warm_size} documents")
            jf = ["--jobs", str(cores)] if has_jobs else []
            fill = run_once(cc + ["scan", ".", "--exit-zero", "--cache-dir", str(cdir)] + jf, cwd=folder)
            rows.append(Row(f"{warm_size:,} documents, first run filling the cache (--jobs {cores if has_jobs else 1})",
                            f"{fill.seconds:.1f} s", note=f"cache {du_mb(cdir):.0f} MB on disk"))
            unchanged = measure(cc + ["scan", ".", "--exit-zero", "--cache-dir", str(cdir)],
                                reps(warm_size) + 1, cwd=folder)
            rows.append(Row(f"{warm_size:,} documents, warm cache, nothing changed", f"{unchanged.median:.2f} s",
                            note=f"range {unchanged.spread()}; peak {mb(unchanged.rss_mb)}"))
            target = folder / manifest["files"][len(manifest["files"]) // 2]
            original = target.read_bytes()

            def edit(k: int) -> None:
                # A different change each run, so the file is always a cache miss.
                target.write_bytes(original.replace(b"Short answer", b"In short", 1) + b"\n\n"
                                   if k % 2 else original + b"\n" * (k + 1))

            try:
                edited = measure(cc + ["scan", ".", "--exit-zero", "--cache-dir", str(cdir)],
                                 max(reps(warm_size), 3), cwd=folder, before=edit)
            finally:
                target.write_bytes(original)
            rows.append(Row(f"{warm_size:,} documents, warm cache, one file edited, whole corpus re-scanned "
                            f"(every finding printed)", f"{edited.median:.2f} s", "", "",
                            f"range {edited.spread()}; peak {mb(edited.rss_mb)}"))
            rows += hook_rows(cc, folder, manifest, cdir, warm_size, max(reps(warm_size), 5))
          except TimedOut as exc:
            rows.append(Row(f"{warm_size:,} documents, warm cache", f"timed out ({exc})", "< 2 s", verdict(False)))
        else:
            rows.append(Row(f"{warm_size:,} documents, warm cache, one file edited", NA, "< 2 s"))

        # ---- recall on planted contradictions
        rec_rows = []
        for n in sizes:
            folder, manifest = corpora[n]
            out = tmp / f"report-{n}.json"
            if n not in finished:
                rec_rows.append([f"{n:,}", str(len(manifest["planted"])), "skipped (cold runs timed out)",
                                 "", "", "", ""])
                continue
            flags = (["--cache-dir", str(tmp / "cache-big")] if has_cache_dir and n == warm_size else cold_flags)
            jf = ["--jobs", str(cores)] if has_jobs else []
            log(f"recall on {n} documents")
            try:
                run_once(cc + ["scan", ".", "--exit-zero", "-f", "json", "-o", str(out)] + flags + jf, cwd=folder)
            except TimedOut as exc:
                rec_rows.append([f"{n:,}", str(len(manifest["planted"])), f"timed out ({exc})", "", "", "", ""])
                continue
            r = recall(out, manifest)
            kinds = ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(r["by_kind"].items()))
            rec_rows.append([f"{n:,}", str(r["planted"]), f"{r['found']} ({r['found'] / max(r['planted'], 1):.0%})",
                             f"{r['found_any_rule']} ({r['found_any_rule'] / max(r['planted'], 1):.0%})",
                             f"{r['findings']:,}", f"{r['cross_doc']:,}", kinds])

        # ---- proselint side by side
        pl_rows = []
        if not args.no_proselint:
            exe, version = proselint_cmd(HERE / ".venv-proselint", not args.no_install)
            if exe is None:
                pl_rows.append(["–", "–", "–", f"proselint {version}", "–", "–"])
            else:
                psizes = [int(s) for s in (args.proselint_sizes or "100,1000").split(",")]
                for n in psizes:
                    if n not in corpora:
                        corpora[n] = corpus(n, args.seed, args.rate, args.corpus_dir)
                    folder, manifest = corpora[n]
                    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                                   if p.suffix in (".md", ".txt"))
                    size = sum((folder / f).stat().st_size for f in files) / 1e6
                    r = reps(n) if n < 1000 else 1
                    log(f"proselint ({version}) vs claimcheck on {len(files)} md/txt files of the {n}-document corpus")
                    try:
                        pf = measure(exe + files, r, cwd=folder, ok=None)
                        cf = measure(cc + ["scan", *files, "--exit-zero"] + cold_flags, r, cwd=folder)
                    except TimedOut as exc:
                        pl_rows.append([f"{len(files):,} ({n:,}-doc corpus)", f"{size:.1f}", f"timed out ({exc})",
                                        "", "", version])
                        continue
                    pl_rows.append([f"{len(files):,} ({n:,}-doc corpus)", f"{size:.1f}",
                                    f"{cf.median:.2f} s ({size / cf.median:.2f} MB/s, {mb(cf.rss_mb)})",
                                    f"{pf.median:.2f} s ({size / pf.median:.2f} MB/s, {mb(pf.rss_mb)})",
                                    f"{pf.median / cf.median:.2f}", version])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # ---- report
    cmd = "python benchmarks/run.py" + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
    lines = ["## Results", "", f"Reproduce: `{cmd}` (from the repository root, after `pip install -e '.[test]'`).",
             "", "Machine:", ""]
    lines += [f"- {k}: {v}" for k, v in info.items()]
    lines += [f"- options found in `claimcheck scan --help`: --jobs {'yes' if has_jobs else 'no'}, "
              f"--no-cache {'yes' if has_no_cache else 'no'}, --cache-dir {'yes' if has_cache_dir else 'no'}",
              f"- medians of {args.repeat_startup} runs (start-up), {args.repeat} (100–1,000 documents), "
              f"{args.repeat_large} (more than 1,000); peak memory from "
              + ("`/usr/bin/time -f %M` (largest process)" if TIME_BIN else "the sampler only")
              + " and a 50 ms sampler of the whole process tree",
              f"- {compiled} before measuring (as `pip install` does)", ""]
    lines += ["### Targets", "", "| figure | value | target | status | notes |", "|---|---|---|---|---|"]
    lines += [f"| {r.figure} | {r.value} | {r.target} | {r.status} | {r.note} |" for r in rows]
    lines += ["", "### Cold scans by corpus size (no cache)", "",
              "| documents | MB of answer text | --jobs | median s | range | MB/s | MB/s per process | "
              "s per 1,000 docs (net of start-up) | peak RSS: largest process / process tree |",
              "|---|---|---|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(r) + " |" for r in size_rows]
    lines += ["", "### Planted contradictions found", "",
              "| documents | planted | found (expected rule) | found (any rule) | findings in all | "
              "cross-document findings | by kind (found/planted) |", "|---|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(r) + " |" for r in rec_rows]
    if not args.no_proselint:
        lines += ["", "### Side by side with proselint (same .md and .txt files, whole process)", "",
                  "| files | MB on disk | claimcheck scan | proselint | ratio proselint / claimcheck | proselint version |",
                  "|---|---|---|---|---|---|"]
        lines += ["| " + " | ".join(r) + " |" for r in pl_rows]
    lines += [""] + extra
    text = "\n".join(lines) + "\n"
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


def hook_rows(cc: list[str], folder: Path, manifest: dict, cdir: Path, size: int, repeat: int) -> list["Row"]:
    """A pre-commit hook after one edit: ``scan FILE --corpus .``, the file checked against the whole corpus.

    Two kinds of edit, a different one before each run so that nothing is a
    cache hit: a wording change (the file's claims stay the same), and a new
    answer whose claims no run has seen (a signing year that differs each
    time), which makes the engine pair that state's claims of the
    predicates touched again.
    """
    md = [f for f in manifest["files"] if f.endswith(".md")]
    name = md[len(md) // 2]
    target = folder / name
    original = target.read_bytes()
    cmd = cc + ["scan", name, "--corpus", ".", "--exit-zero", "--cache-dir", str(cdir)]

    def wording(k: int) -> None:
        target.write_bytes(original + b"\n" * (k + 1))

    def claims(k: int) -> None:
        target.write_bytes(original + (
            f"\n\n## {900 + k}. Has the state signed anything with ICE?\n\n"
            f"The Department of Labor signed a data-sharing agreement with ICE in {1900 + k}. "
            f"The Department of Labor does not share wage records with ICE.\n").encode())

    out = []
    try:
        for what, before in (("a wording edit", wording), ("an edit that adds claims", claims)):
            log(f"pre-commit hook on {size} documents after {what}")
            fig = measure(cmd, repeat, cwd=folder, before=before)
            target.write_bytes(original)
            out.append(Row(f"{size:,} documents, warm cache, as a pre-commit hook after {what} "
                           f"(`scan FILE --corpus .`)", f"{fig.median:.2f} s",
                           "< 2 s" if size >= 10000 else "", verdict(fig.median < 2) if size >= 10000 else "",
                           f"range {fig.spread()}; peak {mb(fig.rss_mb)}"))
    finally:
        target.write_bytes(original)
        run_once(cmd, cwd=folder)  # leave the cache as it was for the figures that follow
    return out


def du_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def importtime_section(qa: Path, cold_flags: list[str], cwd: Path) -> list[str]:
    """The slowest imports of one `scan` (python -X importtime), cumulative microseconds."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "claimcheck", "scan", str(qa), "--exit-zero",
                           *cold_flags], capture_output=True, text=True, cwd=cwd)
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S.*)$", line)
        if m:
            rows.append((int(m.group(2)), len(m.group(3)), m.group(4).strip()))
    if not rows:
        return []
    top = [r for r in rows if r[1] <= 1]  # top-level imports only
    total = sum(r[0] for r in top)
    lines = ["### Import time of one `scan` (`python -X importtime`, top-level modules)", "",
             f"Sum of top-level imports: {total / 1e6:.3f} s.", "", "| module | cumulative ms |", "|---|---|"]
    for cum, _, name in sorted(top, reverse=True)[:10]:
        lines.append(f"| {name} | {cum / 1000:.1f} |")
    return lines + [""]


if __name__ == "__main__":
    raise SystemExit(main())
