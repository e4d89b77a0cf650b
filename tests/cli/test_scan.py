"""``claimcheck scan`` end to end through ``main(argv)``: every input format,
every output format, and the exit codes."""

from __future__ import annotations

import json

import pytest

from faqs import FORMATS, OREGON_MD


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_input_format_reports_its_contradiction(name, write, run):
    text, line = FORMATS[name]
    write(f"faq/{name}", text)
    result = run("scan", f"faq/{name}")
    assert result.code == 1, result.out + result.err
    rows = result.out.splitlines()
    assert rows[0].startswith(f"faq/{name}:{line}: error CC101 answer 1 says")
    assert "answer 2" in rows[0] or "answer 3" in rows[0]
    assert rows[-1] == "1 finding (1 error, 0 warnings, 0 info) in 1 document"


def test_a_folder_is_walked_and_each_state_is_checked_on_its_own(write, run):
    for name, (text, _) in FORMATS.items():
        write(f"faq/{name}", text)
    write("faq/notes.rst", "not a supported extension")
    result = run("scan", "faq")
    assert result.code == 1
    assert result.out.splitlines()[-1] == "5 findings (5 errors, 0 warnings, 0 info) in 5 documents"
    # Five states, five contradictions, none between two states.
    located = sorted(row.split(":")[0] for row in result.out.splitlines()[:-1])
    assert located == sorted(f"faq/{name}" for name in FORMATS)


def test_json_output_is_the_contract(write, run):
    write("oregon.md", OREGON_MD)
    result = run("scan", "oregon.md", "--format", "json")
    data = json.loads(result.out)
    assert data["schema_version"] == "1.0"
    assert [f["rule"] for f in data["findings"]] == ["CC101"]
    assert data["findings"][0]["fingerprint"]
    assert data["errors"] == []


def test_github_output_annotates_the_first_side(write, run):
    write("oregon.md", OREGON_MD)
    result = run("scan", "oregon.md", "--format", "github")
    assert result.code == 1
    assert result.out.startswith("::error file=oregon.md,line=10,title=claimcheck CC101::")
    assert "See also answer 3 at oregon.md:18" in result.out.replace("%0A", "\n")


def test_output_file_is_written_instead_of_stdout(write, run, tmp_path):
    write("oregon.md", OREGON_MD)
    result = run("scan", "oregon.md", "-o", "out.txt")
    assert result.out == ""
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").startswith("oregon.md:10: error CC101")


# ------------------------------------------------------------------ exit codes

CERTAINTY_ONLY = """\
# Oregon DMV

## 1. Does the Oregon DMV share driver records with ICE?

The Oregon DMV likely shares driver records with ICE.

## 2. Who receives driver records?

The Oregon DMV shares driver records with ICE.
"""


def test_exit_0_when_nothing_reaches_fail_on(write, run):
    write("oregon.md", CERTAINTY_ONLY)
    result = run("scan", "oregon.md")
    assert "info CC102" in result.out
    assert result.code == 0


def test_fail_on_lowers_the_threshold(write, run):
    write("oregon.md", CERTAINTY_ONLY)
    assert run("scan", "oregon.md", "--fail-on", "warning").code == 0
    assert run("scan", "oregon.md", "--fail-on", "info").code == 1


def test_exit_zero_ignores_findings_but_not_input_errors(write, run):
    write("oregon.md", OREGON_MD)
    assert run("scan", "oregon.md", "--exit-zero").code == 0
    result = run("scan", "missing.md", "--exit-zero")
    assert result.code == 2
    assert "missing.md" in result.err


def test_unreadable_input_is_exit_2_or_listed_with_keep_going(write, run):
    write("faq/oregon.md", OREGON_MD)
    write("faq/broken.json", '{"items": [')
    result = run("scan", "faq")
    assert result.code == 2
    assert "faq/broken.json" in result.err
    kept = run("scan", "faq", "--keep-going")
    assert kept.code == 2  # something was not read, even though the rest was checked
    assert "faq/oregon.md:10: error CC101" in kept.out
    assert "faq/broken.json:1: error invalid JSON" in kept.out


def test_no_files_found_is_exit_2(tmp_path, run):
    (tmp_path / "empty").mkdir()
    result = run("scan", "empty")
    assert result.code == 2
    assert "no Q&A files found" in result.err


def test_bad_usage_is_exit_2(run):
    assert run("scan", "--format", "xml", "x.md").code == 2


def test_jobs_give_byte_identical_output(write, run):
    for name, (text, _) in FORMATS.items():
        write(f"faq/{name}", text)
    outputs = {n: run("scan", "faq", "--no-cache", "--jobs", str(n), "-f", "json").out for n in (1, 2, 0)}
    assert outputs[1] == outputs[2] == outputs[0]
    assert json.loads(outputs[1])["findings"]


def test_scan_does_not_import_rich_or_networkx(write, tmp_path):
    """Start-up time is part of the product: the lint path imports neither (nor the HTML report's Jinja2)."""
    import subprocess
    import sys

    write("oregon.md", OREGON_MD)
    code = ("import sys, os\nfrom claimcheck.cli import main\n"
            "rc = main(['scan', 'oregon.md', '-o', os.devnull])\n"
            "heavy = sorted(m for m in ('rich', 'networkx', 'jinja2', 'markupsafe') if m in sys.modules)\n"
            "print(rc, heavy)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "1 []"


def test_force_exclude_filters_named_files_like_walked_ones(write, run):
    """pre-commit names every changed text file; only the FAQs should be read."""
    write("faq/oregon.md", OREGON_MD)
    write("faq/drafts/old.md", OREGON_MD)
    write("package.json", '{"name": "site"}')
    write(".github/workflows/ci.yml", "on: push\n")
    write("build.py", "print('hi')\n")
    write(".claimcheck.toml", 'exclude = ["drafts/", "package.json"]\n')
    named = ["faq/oregon.md", "faq/drafts/old.md", "package.json", ".github/workflows/ci.yml", "build.py",
             ".claimcheck.toml"]
    assert run("scan", *named).code == 2  # named files are all read by default
    result = run("scan", "--force-exclude", *named)
    assert result.code == 1, result.err
    assert result.out.splitlines()[-1].endswith("in 1 document")
    # Nothing left to check is not an error for a hook.
    nothing = run("scan", "--force-exclude", "package.json", "build.py")
    assert nothing.code == 0 and nothing.out.startswith("0 findings")


def test_progress_bar_only_on_a_terminal_and_for_long_scans(write, run, monkeypatch):
    import sys

    from claimcheck import cli

    calls: list[tuple[int, int]] = []
    monkeypatch.setattr(cli._ProgressBar, "MIN_FILES", 3)
    monkeypatch.setattr(cli._ProgressBar, "__call__", lambda self, done, total: calls.append((done, total)))
    for n in range(4):
        write(f"faq/oregon{n}.md", OREGON_MD)
    run("scan", "faq")
    assert calls == []  # captured stderr is not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    run("scan", "faq")
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_ctrl_c_is_one_line_and_exit_130(monkeypatch, capsys, tmp_path):
    from claimcheck import pipeline
    from claimcheck.cli import main

    faq = tmp_path / "faq.md"
    faq.write_text("## Is there an agreement?\n\nNo state agency has an agreement with ICE.\n", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "check", interrupted)
    assert main(["scan", str(faq), "--no-cache"]) == 130
    assert capsys.readouterr().err == "claimcheck: interrupted\n"


def test_format_choices_follow_the_registries():
    from claimcheck.cli import GraphFormat, ReportFormat, ScanFormat
    from claimcheck.graph import GRAPH_FORMATS
    from claimcheck.report import REPORT_FORMATS, SCAN_FORMATS

    assert [f.value for f in ScanFormat] == list(SCAN_FORMATS)
    assert [f.value for f in ReportFormat] == list(REPORT_FORMATS)
    assert sorted(f.value for f in GraphFormat) == sorted(GRAPH_FORMATS)


def test_report_html_writes_one_page(write, run, tmp_path):
    write("oregon.md", OREGON_MD)
    result = run("report", "oregon.md", "--format", "html", "-o", "report.html")
    assert result.code == 0, result.err
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.endswith("</html>\n")
    assert 'class="finding error"' in html and "<svg " in html
    # The page's own words are there, with rule explanations from the rule pack.
    assert 'id="d0-a1"' in html and "What to do:" in html


def test_graph_svg(write, run):
    write("oregon.md", OREGON_MD)
    result = run("graph", "oregon.md", "--format", "svg")
    assert result.code == 0, result.err
    assert result.out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'class="cc-edge cc-error"' in result.out
