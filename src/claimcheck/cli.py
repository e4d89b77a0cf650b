"""Command-line interface: the only module that prints or picks an exit code.

Exit codes (all commands): 0 nothing at or above --fail-on, 1 findings,
2 bad usage, unreadable or unparseable input, or invalid rules.
"""

# No ``from __future__ import annotations``: typer reads every command's
# parameters with typing.get_type_hints on each run, which would evaluate
# each annotation from its text (building the commands: 4.8 -> 2.1 ms).
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import ClaimcheckError
from .report import REPORT_FORMATS, SCAN_FORMATS

app = typer.Typer(
    name="claimcheck",
    help=(
        "Find the places where a Q&A document contradicts itself, and the statutes it cites "
        "that need verifying.\n\n"
        "Typical use:\n\n"
        "\b\n"  # click re-wraps paragraphs; \b keeps these lines as written
        "  claimcheck scan faq/                   one line per finding; exit 1 on an error\n"
        "  claimcheck report faq.json -o rep.md   the full Markdown report\n"
        "  claimcheck rules explain CC101         what a rule checks, with examples\n"
        "  claimcheck import page.html -o qa.json any supported format to qa.json"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="List the rule pack's rules, or explain one.", invoke_without_command=True,
                        add_completion=False)
app.add_typer(rules_app, name="rules")


# The --format choices come from the renderer registry, so a new renderer is
# one module plus one registry entry (claimcheck.report).
ScanFormat = Enum("ScanFormat", {f: f for f in SCAN_FORMATS}, type=str)  # type: ignore[misc]
ReportFormat = Enum("ReportFormat", {f: f for f in REPORT_FORMATS}, type=str)  # type: ignore[misc]


class GraphFormat(str, Enum):
    # Mirrors claimcheck.graph.GRAPH_FORMATS (checked by a test): importing
    # that module here would load networkx on every command.
    json = "json"
    graphml = "graphml"
    dot = "dot"
    mermaid = "mermaid"
    svg = "svg"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


PathsArg = Annotated[list[str], typer.Argument(help="Q&A files or folders (folders are searched for "
                                                    ".json .txt .md .html .yaml files).", show_default=False)]
RulesOpt = Annotated[Optional[str], typer.Option("--rules", help="Rule folder to use instead of the packaged one.")]
InputFormatOpt = Annotated[Optional[str], typer.Option(
    "--input-format", help="Force the input format: qajson, text, markdown, html or records (default: "
                           "from the extension, then the content).")]
KeepGoingOpt = Annotated[bool, typer.Option("--keep-going", help="Report a file that cannot be read and "
                                                                   "check the rest, instead of stopping.")]
OutputOpt = Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file (atomically) "
                                                                          "instead of standard output.")]


def _version(value: bool) -> None:
    if value:
        print(f"claimcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Root options."""


NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the per-file cache.")]
CacheDirOpt = Annotated[Optional[str], typer.Option(
    "--cache-dir", help="Cache folder (default: cache_dir from the configuration, else .claimcheck_cache "
                        "next to the configuration file or in the current folder).")]
CorpusOpt = Annotated[Optional[list[str]], typer.Option(
    "--corpus", help="A file or folder read as context (repeatable): the files named are compared with it, "
                     "and only findings touching them are reported. Adds to corpus from the configuration.")]
JobsOpt = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", min=0, help="Worker processes for loading and extraction (0: one per CPU; default: "
                                "jobs from the configuration, else 1). The output is the same for any N.")]


def _options(rules: str | None, input_format: str | None, keep_going: bool, *, no_cache: bool = False,
             cache_dir: str | None = None, corpus: list[str] | None = None, jobs: int | None = None,
             force_exclude: bool = False):
    from .config import load_config
    from .pipeline import CheckOptions

    cwd = Path.cwd()
    cfg = load_config(cwd)
    return CheckOptions(
        rules_dir=rules or cfg.rules_dir,
        extra_rules=tuple(cfg.extra_rules),
        input_format=input_format,
        exclude=tuple(cfg.exclude),
        include=tuple(cfg.include),
        keep_going=keep_going,
        enable=tuple(cfg.enable),
        disable=tuple(cfg.disable),
        severity=dict(cfg.severity),
        cache_dir=None if no_cache else (cache_dir or cfg.resolved_cache_dir(cwd)),
        corpus=tuple(cfg.corpus) + tuple(corpus or ()),
        jobs=cfg.jobs if jobs is None else jobs,
        force_exclude=force_exclude,
    )


def _run(paths: list[str], options):
    from .pipeline import check

    _resume_collection()
    bar = _ProgressBar() if sys.stderr.isatty() else None
    try:
        return check(paths, options, progress=bar)
    finally:
        if bar is not None:
            bar.close()


class _ProgressBar:
    """A progress bar on stderr for long scans; rich is imported only when one is shown."""

    #: Fewer files than this finish before a bar would be worth drawing.
    MIN_FILES = 50

    def __init__(self) -> None:
        self._progress = None
        self._task = None

    def __call__(self, done: int, total: int) -> None:
        if total < self.MIN_FILES:
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(TextColumn("claimcheck"), BarColumn(), MofNCompleteColumn(),
                                      TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("files", total=total)
        self._progress.update(self._task, completed=done)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        out = sys.stdout
        try:
            out.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
        out.write(text)
        out.flush()
        return
    from .atomic import write_atomic

    write_atomic(output, text)


def _pack(rules: str | None):
    """The rule pack a command works with: --rules or the configured one, plus extra folders."""
    from .config import load_config
    from .rulepack import load_rulepack

    cfg = load_config(Path.cwd())
    return load_rulepack(rules or cfg.rules_dir, tuple(cfg.extra_rules))


def _rule_infos(report, rules_dir: str | None, extra_rules: tuple[str, ...] = ()):
    from . import pipeline
    from .report.ruleinfo import RuleInfo
    from .rulepack import load_rulepack

    pack = load_rulepack(rules_dir, extra_rules)
    infos = {r.id: RuleInfo(id=r.id, name=r.name, description=r.description, help=r.help, kind=r.kind)
             for r in pack.relations}
    infos[pipeline.UNUSED_SUPPRESSION] = RuleInfo(
        id=pipeline.UNUSED_SUPPRESSION, name=pipeline.UNUSED_SUPPRESSION_NAME,
        description=pipeline.UNUSED_SUPPRESSION_DESCRIPTION, help=pipeline.UNUSED_SUPPRESSION_HELP,
        kind=pipeline.UNUSED_SUPPRESSION_NAME)
    return infos


def _exit_code(report, fail_on: Level, exit_zero: bool) -> int:
    from .models import Severity

    if report.errors:
        return 2
    if exit_zero:
        return 0
    limit = Severity(fail_on.value).rank
    return 1 if any(f.severity.rank <= limit for f in report.findings) else 0


@app.command()
def scan(
    paths: PathsArg,
    format: Annotated[ScanFormat, typer.Option("--format", "-f", help="Output format.")] = ScanFormat.text,
    fail_on: Annotated[Level, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")]
    = Level.error,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings "
                                                                "(input errors still exit 2).")] = False,
    rules: RulesOpt = None,
    input_format: InputFormatOpt = None,
    keep_going: KeepGoingOpt = False,
    output: OutputOpt = None,
    corpus: CorpusOpt = None,
    baseline: Annotated[Optional[Path], typer.Option(
        "--baseline", help="Leave out the findings recorded in this baseline file; fail only on new ones.")]
    = None,
    write_baseline: Annotated[Optional[Path], typer.Option(
        "--write-baseline", help="Record every current finding in this file (atomically) and exit 0.")] = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    jobs: JobsOpt = None,
    force_exclude: Annotated[bool, typer.Option(
        "--force-exclude", help="Apply include/exclude (and skip hidden and unsupported files) for files "
                                "named on the command line too, as for files found in folders. For "
                                "pre-commit, which passes every changed file.")] = False,
) -> None:
    """Check Q&A documents and print one line per inconsistency.

    Each line reads `path:line: severity rule-id message` and names both
    answers. Exit 0 when nothing is at or above --fail-on, 1 when something
    is, 2 for unreadable input or invalid rules.

    Example: claimcheck scan faq/ --fail-on warning --format github
    """
    from .report import get_renderer

    options = _options(rules, input_format, keep_going, no_cache=no_cache, cache_dir=cache_dir,
                       corpus=corpus, jobs=jobs, force_exclude=force_exclude)
    accepted = None
    if baseline is not None:  # read it first: a bad baseline should not wait for a long scan
        from .baseline import load_baseline

        accepted = load_baseline(baseline)
    report = _run(paths, options)
    if write_baseline is not None:
        from .baseline import dump_baseline

        from .atomic import write_atomic

        write_atomic(write_baseline, dump_baseline(report))
        sys.stderr.write(f"claimcheck: wrote {len(report.findings)} finding(s) to the baseline "
                         f"{write_baseline.as_posix()}\n")
    elif accepted is not None:
        from .baseline import apply_baseline

        report, hidden = apply_baseline(report, accepted)
        sys.stderr.write(f"claimcheck: {hidden} finding(s) in the baseline {baseline.as_posix()} not shown; "
                         f"{len(report.findings)} new\n")
    if format is ScanFormat.sarif:
        text = get_renderer("sarif")(report, rules=_rule_infos(report, options.rules_dir, options.extra_rules))
    else:
        text = get_renderer(format.value)(report)
    _emit(text, output)
    code = _exit_code(report, fail_on, exit_zero)
    raise typer.Exit(code if write_baseline is None or code == 2 else 0)


@app.command()
def report(
    paths: PathsArg,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.md,
    output: OutputOpt = None,
    rules: RulesOpt = None,
    input_format: InputFormatOpt = None,
    keep_going: KeepGoingOpt = False,
    corpus: CorpusOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
) -> None:
    """Write a full report: summary, inconsistencies grouped by predicate with the
    quoted sentences, the claims of every answer, the statutes that need
    verifying, and a diagram of the contradiction graph. `--format html` is one
    self-contained page to open in a browser, with the pages' text highlighted
    and filters.

    Always exits 0 unless the input cannot be read (2).

    Example: claimcheck report data/qa.json --format html -o report.html
    """
    from .report import get_renderer

    options = _options(rules, input_format, keep_going, no_cache=no_cache, corpus=corpus, jobs=jobs)
    rep = _run(paths, options)
    if format.value == "html":
        text = _html_report(rep, options)
    else:
        text = get_renderer(format.value)(rep)
    _emit(text, output)


def _html_report(rep, options) -> str:
    """The HTML report, with what only it shows: rule explanations, claims in words, the pages' text."""
    from .pages import read_pages
    from .report import get_renderer
    from .report.ruleinfo import PredicateInfo
    from .rulepack import load_rulepack

    pack = load_rulepack(options.rules_dir, options.extra_rules)
    predicates = {p.id: PredicateInfo(id=p.id, label=p.label, negated_label=p.negated_label)
                  for p in pack.predicates.values()}
    return get_renderer("html")(rep, rules=_rule_infos(rep, options.rules_dir, options.extra_rules),
                                predicates=predicates, pages=read_pages(rep, options.input_format))


@app.command()
def graph(
    paths: PathsArg,
    format: Annotated[GraphFormat, typer.Option("--format", "-f", help="Graph format.")] = GraphFormat.mermaid,
    output: OutputOpt = None,
    rules: RulesOpt = None,
    input_format: InputFormatOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Export the support/contradiction graph: answers, claims and cited
    authorities as nodes; states, supports, contradicts, tension, implies and
    cites as edges, each with its rule and evidence.

    `--format svg` draws the answers in conflict and the findings between
    them, as in the HTML report.

    Example: claimcheck graph data/qa.json --format svg -o graph.svg
    """
    from .graph import GRAPH_FORMATS, build_graph

    rep = _run(paths, _options(rules, input_format, False, no_cache=no_cache))
    _emit(GRAPH_FORMATS[format.value](build_graph(rep)), output)


@app.command("import")
def import_(
    file: Annotated[str, typer.Argument(help="A Q&A file in any supported format.", show_default=False)],
    output: OutputOpt = None,
    input_format: InputFormatOpt = None,
    title: Annotated[Optional[str], typer.Option(help="Title to record (default: the document's own).")] = None,
    jurisdiction: Annotated[Optional[str], typer.Option(
        help="State name or postal code to record (default: the document's own, or the state it names most).")]
    = None,
    source: Annotated[Optional[str], typer.Option(help="Where the document came from (default: FILE).")] = None,
) -> None:
    """Convert a Q&A document to qa.json: {"title", "jurisdiction", "source",
    "items": [{"id", "question", "answer"}]}. The input is only read.

    Example: claimcheck import faq.txt --title "Ohio DMV and ICE" -o qa.json
    """
    import json

    from .loading import load_document, to_qa_json
    from .loading.jurisdiction import normalize_jurisdiction

    _resume_collection()
    doc = load_document(file, input_format=input_format)
    data = to_qa_json(doc)
    if title is not None:
        data["title"] = title
    if jurisdiction is not None:
        code = normalize_jurisdiction(jurisdiction)
        if code is None:
            raise ClaimcheckError(f"unknown jurisdiction {jurisdiction!r}: give a US state name or postal code")
        data["jurisdiction"] = code
    data["source"] = source if source is not None else (data.get("source") or Path(file).as_posix())
    _emit(json.dumps(data, indent=2, ensure_ascii=False) + "\n", output)


@rules_app.callback()
def rules_list(
    ctx: typer.Context,
    rules: RulesOpt = None,
) -> None:
    """List the relation rules and the predicates they work on."""
    if ctx.invoked_subcommand is not None:
        return

    pack = _pack(rules)
    lines = ["Relation rules (ids are permanent; `claimcheck rules explain ID` shows examples):", ""]
    from . import pipeline

    lines.append(f"  {pipeline.UNUSED_SUPPRESSION}  {pipeline.UNUSED_SUPPRESSION_NAME}  [built in]")
    lines.append(f"        {_first_sentence(pipeline.UNUSED_SUPPRESSION_DESCRIPTION)}")
    for r in pack.relations:
        lines.append(f"  {r.id}  {r.name}  [{r.kind}]")
        lines.append(f"        {_first_sentence(r.description)}")
    lines += ["", "Predicates (what claims are about):", ""]
    for p in pack.predicates.values():
        lines.append(f"  {p.id:32} {p.label.replace('{counterpart}', 'X')}")
    _emit("\n".join(lines) + "\n", None)


@rules_app.command("explain")
def rules_explain(
    rule_id: Annotated[str, typer.Argument(help="A relation rule id, name or alias (CC101), or a predicate "
                                                "id (consent_required).", show_default=False)],
    rules: RulesOpt = None,
) -> None:
    """Show one rule or predicate: what it checks, why, and its examples."""

    from . import pipeline

    pack = _pack(rules)
    lines: list[str] = []
    if rule_id in (pipeline.UNUSED_SUPPRESSION, pipeline.UNUSED_SUPPRESSION_NAME):
        lines += [f"{pipeline.UNUSED_SUPPRESSION} {pipeline.UNUSED_SUPPRESSION_NAME} [built in]", "",
                  _wrap(pipeline.UNUSED_SUPPRESSION_DESCRIPTION), "",
                  "How to fix: " + _wrap(pipeline.UNUSED_SUPPRESSION_HELP), "", "Examples:",
                  "  <!-- claimcheck: ignore CC101 --> in an answer that no CC101 finding involves",
                  "    -> unused-suppression (info) at that answer",
                  "  claimcheck-ignore: [CC999] in a YAML or JSON record",
                  "    -> unused-suppression (info): there is no such rule"]
    elif rule_id in pack.predicates:
        p = pack.predicates[rule_id]
        lines += [f"{p.id}: {p.label.replace('{counterpart}', 'X')}", "", _wrap(p.description), "",
                  "Patterns, tried in order:"]
        lines += [f"  {pat.id}" + (" (negated words)" if pat.polarity == "negated" else "")
                  for pat in p.patterns]
        lines += ["", "Examples:"]
        for ex in p.examples:
            got = "no claim" if ex.expect is None else ", ".join(
                f"{k}={v}" for k, v in ex.expect.model_dump(exclude_none=True).items())
            lines.append(f"  {ex.text}\n    -> {got}")
    else:
        try:
            r = pack.relation(rule_id)
        except KeyError:
            known = ", ".join([r.id for r in pack.relations] + list(pack.predicates))
            raise ClaimcheckError(f"no rule or predicate {rule_id!r}; known: {known}") from None
        lines += [f"{r.id} {r.name} [{r.kind}]", "", _wrap(r.description)]
        if r.help:
            lines += ["", "How to fix: " + _wrap(r.help)]
        lines += ["", f"Defined in {Path(r.source).name}.", "", "Examples:"]
        for ex in r.spec.examples:
            for i, text in enumerate(ex.answers, 1):
                lines.append(f"  answer {i}: {text}")
            if ex.expect:
                for e in ex.expect:
                    lines.append(f"    -> {e.kind} ({e.severity}) between answers {' and '.join(e.answers)}")
            else:
                lines.append("    -> no finding")
            lines.append("")
    _emit("\n".join(lines).rstrip() + "\n", None)


@app.command()
def config() -> None:
    """Show the configuration in force and where it was found
    ([tool.claimcheck] in pyproject.toml, or .claimcheck.toml, searched upwards
    from the current folder)."""
    from .config import load_config

    cfg = load_config(Path.cwd())
    _emit(cfg.describe(Path.cwd()), None)


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    cut = text.find(". ")
    return text if cut < 0 else text[: cut + 1]


def _wrap(text: str, width: int = 88) -> str:
    import textwrap

    return textwrap.fill(" ".join(text.split()), width)


@contextmanager
def _without_pydantic_plugins() -> Iterator[None]:
    """Tell pydantic not to look for plugins while a command runs.

    The first model class pydantic builds makes it import importlib.metadata
    and read the entry points of every installed distribution, looking for
    plugins (~30 ms here, more the more packages are installed). claimcheck's
    models are internal; no plugin is meant to watch them. A value the user
    set is left as it is, and the variable is restored afterwards, so a test
    or a program calling main() sees its environment unchanged.
    """
    name = "PYDANTIC_DISABLE_PLUGINS"
    if name in os.environ:
        yield
        return
    os.environ[name] = "__all__"
    try:
        yield
    finally:
        os.environ.pop(name, None)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting (for tests)."""
    try:  # recent typer vendors click; older ones use the click package
        from typer._click.exceptions import ClickException
    except ImportError:  # pragma: no cover - depends on the typer version
        from click.exceptions import ClickException

    try:
        with _without_pydantic_plugins():
            rv = app(args=argv, prog_name="claimcheck", standalone_mode=False)
    except typer.Exit as exc:
        rv = exc.exit_code
    except ClickException as exc:
        exc.show()
        return 2
    except typer.Abort:
        # click turns Ctrl-C into Abort before it reaches the handler below.
        sys.stderr.write("claimcheck: interrupted\n")
        return 130
    except ClaimcheckError as exc:
        sys.stderr.write(f"claimcheck: error: {exc}\n")
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        rv = 130
    if rv == 130:  # typer turns Ctrl-C into exit code 130, silently
        sys.stderr.write("claimcheck: interrupted\n")
    return rv if isinstance(rv, int) else 0


#: True while entry() holds the garbage collector off for start-up.
_collection_paused = False


def _pause_collection() -> None:
    """Hold automatic garbage collection off until :func:`_resume_collection`.

    Start-up (typer, pydantic and the models, the rule pack) makes some
    60,000 objects that live until the process ends and next to no garbage;
    the collector, run every 700 new objects, went over them ~70 times to
    find nothing: ~8 ms of a warm one-file scan.
    """
    global _collection_paused
    if gc.isenabled():
        gc.disable()
        _collection_paused = True


def _resume_collection() -> None:
    """Turn collection back on if :func:`_pause_collection` turned it off.

    Called where a command starts reading the user's files: from there on,
    work grows with the input, and so may garbage. What start-up made is
    frozen first (moved out of the collector's sight for good, the pattern
    the gc.freeze documentation gives), or the first collection after this
    would go over all of it and the next ones again as it ages.
    """
    global _collection_paused
    if _collection_paused:
        _collection_paused = False
        gc.freeze()
        # A run holds its corpus' claims until it ends (124,000 at 10,000
        # pages, each a few objects) and makes little cyclic garbage; at the
        # default threshold (a collection every 700 new objects) the collector
        # went over that heap again and again: a warm hook run on 10,000 pages
        # spent 0.35 of its 1.9 s there (1.9 -> 1.55 s at 50,000-200,000).
        gc.set_threshold(100_000, 30, 30)
        gc.enable()


def entry() -> None:
    """Console-script entry point: run the CLI, then end the process."""
    _pause_collection()
    code = main()
    # Everything start-up made (modules, pydantic's validators, the rule pack)
    # lives until the process ends, and the interpreter's last collection
    # would walk and free all of it one object at a time: ~30 ms, a seventh of
    # a warm one-file scan. Frozen objects are left to the operating system.
    # Output is unaffected: files are closed where they are written, and
    # standard output is flushed at exit as before.
    gc.freeze()
    raise SystemExit(code)
