"""Turning what a format parser found into a ``Document``: ids, suppressions,
trimming and jurisdiction, done the same way for every format."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from claimcheck.errors import LoadError
from claimcheck.models import Answer, Document

#: ``<!-- claimcheck: ignore RULE[, RULE...] -->`` (also usable in HTML).
SUPPRESS_COMMENT = re.compile(r"<!--\s*claimcheck\s*:\s*ignore\b(.*?)-->", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_LEADING_NUMBER = re.compile(r"^\s*(?:Q(?:uestion)?\s*)?(\d{1,4})\s*[.):]\s+(?=\S)", re.I)


def rule_ids(spec: str) -> tuple[str, ...]:
    """Rule ids in ``"R1, R2 R3"`` order of appearance, without repeats."""
    return tuple(dict.fromkeys(p for p in re.split(r"[\s,]+", spec) if p))


def take_comments(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove HTML comments from ``text`` (keeping its line breaks) and return
    the rule ids of the ``claimcheck: ignore`` ones among them."""
    if "<!--" not in text:
        return text, ()
    rules: list[str] = []
    for match in SUPPRESS_COMMENT.finditer(text):
        rules.extend(rule_ids(match.group(1)))
    cleaned = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    return cleaned, tuple(dict.fromkeys(rules))


def split_number(question: str) -> tuple[str | None, str]:
    """``"3. Can I ...?"`` -> ``("3", "Can I ...?")``; no number -> ``(None, question)``."""
    match = _LEADING_NUMBER.match(question)
    if not match:
        return None, question.strip()
    return match.group(1), question[match.end():].strip()


def assign_ids(wanted: Sequence[str | None]) -> list[str]:
    """Ids for answers: the wanted one, or the 1-based position when None.

    A repeated id (numbering that restarts in a second section) becomes
    ``"<id>-2"``, ``"<id>-3"``, ... in document order, skipping any taken id.
    """
    ids: list[str] = []
    taken: set[str] = set()
    for position, want in enumerate(wanted, start=1):
        base = want if want else str(position)
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def trimmed(text: str, lines: Sequence[int]) -> tuple[str, tuple[int, ...]]:
    """Strip trailing spaces per line and blank lines at both ends, keeping
    ``lines`` (the file line of each text line) aligned with the text."""
    rows = [row.rstrip() for row in text.split("\n")]
    keep = list(lines) + [lines[-1] if lines else 1] * (len(rows) - len(lines))
    while rows and not rows[0].strip():
        rows.pop(0)
        keep.pop(0)
    while rows and not rows[-1].strip():
        rows.pop()
        keep.pop()
    return "\n".join(rows), tuple(keep[: len(rows)])


def make_answer(*, id: str, question: str, text: str, lines: Sequence[int],
                question_line: int, suppress: Iterable[str] = ()) -> Answer:
    """An Answer whose ``line_map`` is dropped when the lines are consecutive."""
    body, mapped = trimmed(text, lines)
    first = mapped[0] if mapped else (lines[0] if lines else question_line)
    consecutive = all(b == a + 1 for a, b in pairwise(mapped))
    return Answer(id=id, question=" ".join(question.split()), text=body, line=first,
                  question_line=question_line,
                  line_map=() if consecutive else mapped,
                  suppress=tuple(dict.fromkeys(suppress)))


def build_document(*, path: str, format: str, answers: Sequence[Answer], title: str = "",
                   jurisdiction: object = None, source: str = "",
                   jurisdiction_line: int | None = None) -> Document:
    """The Document, with the jurisdiction normalised or else inferred from the
    title and questions (the state named most often)."""
    from claimcheck.loading.jurisdiction import (
        infer_jurisdiction,
        normalize_jurisdiction,
    )

    if not answers:
        raise LoadError("no questions found", path=path)
    code: str | None = None
    if jurisdiction not in (None, ""):
        if not isinstance(jurisdiction, str) or not (code := normalize_jurisdiction(jurisdiction)):
            raise LoadError(f"unknown jurisdiction {jurisdiction!r} (expected a US state name "
                            "or postal code, or 'US')", path=path, key="jurisdiction",
                            line=jurisdiction_line)
    else:
        code = infer_jurisdiction([title, *(a.question for a in answers)])
    return Document(path=path, format=format, title=" ".join(title.split()),
                    jurisdiction=code, source=source.strip(), answers=tuple(answers))
