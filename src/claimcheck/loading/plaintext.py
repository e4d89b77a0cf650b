"""Plain-text FAQs: numbered questions (``7. Can ...?``) or ``Q:``/``A:`` pairs.

Numbered style. Answers often hold their own numbered lists, so a numbered
line is a question only when

* its text ends in ``?`` (a closing quote or bracket may follow), and
* it does not continue the list of the answer it sits in: a ``?``-line
  numbered one more than the previous list item, or right after a line ending
  in ``:``, is a list item, unless its number is the next question number
  (and no later ``?``-line repeats that number, which would make the later one
  the question).

Known limit: when numbering skips exactly where an answer's list would go on
(an answer's list ends at 4 and the next question is numbered 5 instead of 4),
that question is read as a list item.

Numbering may skip or restart (sections that start again at 1). Ids are the
numbers as written; a repeated number gets a suffix (``1``, then ``1-2``).
Lines before the first question are a header: its first line that does not
start with "Categories" is the title. Answer text keeps its lines, so answer
line + row is the file line.
"""

from __future__ import annotations

import re
from itertools import islice

from claimcheck.errors import LoadError
from claimcheck.loading import assemble
from claimcheck.loading.keys import RecordKeys
from claimcheck.models import Answer, Document

_NUMBERED = re.compile(r"^\s*(\d{1,4})[.)]\s+(\S.*?)\s*$")
_ENDS_QUESTION = re.compile(r"\?[\s\"'\u201d\u2019)\]*_]*$")
_Q = re.compile(r"^\s*(?:Q|Question)\s*(\d{1,4})?\s*[:.)]\s*(.*?)\s*$", re.I)
_A = re.compile(r"^\s*(?:A|Answer)\s*(?:\d{1,4})?\s*[:.)]\s?(.*?)\s*$", re.I)
_HINT = ("no questions found; expected numbered questions ending in '?' "
         "(e.g. '1. Can the agency share records?') or 'Q:' / 'A:' lines")


def parse(text: str, *, path: str, keys: RecordKeys | None = None) -> Document:
    """Parse a plain-text FAQ (numbered or Q:/A: style)."""
    lines = text.split("\n")
    if any(_Q.match(line) and _Q.match(line).group(2) for line in lines):
        found = _qa_style(lines)
    else:
        found = _numbered_style(lines)
    if not found:
        raise LoadError(_HINT, path=path)
    first_q = found[0][2]
    title = next((ln.strip() for ln in lines[: first_q - 1]
                  if ln.strip() and not ln.strip().lower().startswith("categories")), "")
    answers = _answers(lines, found)
    return assemble.build_document(path=path, format="text", answers=answers, title=title)


def _numbered_style(lines: list[str]) -> list[tuple[str | None, str, int, int, int]]:
    """(id, question, question line, body start line, body end line) per question."""
    numbered = [(i + 1, int(m.group(1)), m.group(1), m.group(2))
                for i, line in enumerate(lines) if (m := _NUMBERED.match(line))]
    asks = [n for _, n, _, body in numbered if _ENDS_QUESTION.search(body)]
    questions: list[list] = []
    expected: int | None = None
    last_item: int | None = None  # number of the last list item in the current answer
    seen_asks = 0
    for lineno, number, written, body in numbered:
        is_ask = bool(_ENDS_QUESTION.search(body))
        seen_asks += is_ask
        previous = next((lines[j] for j in range(lineno - 2, -1, -1) if lines[j].strip()), "")
        after_colon = previous.rstrip().endswith(":")
        if is_ask and _is_question(number, bool(questions), expected, last_item, after_colon,
                                   asks, seen_asks):
            if questions:
                questions[-1][4] = lineno - 1
            questions.append([written, body, lineno, lineno + 1, len(lines)])
            expected, last_item = number + 1, None
        elif questions:
            last_item = number
    return [tuple(q) for q in questions]


def _is_question(number: int, started: bool, expected: int | None, last_item: int | None,
                 after_colon: bool, asks: list[int], later: int) -> bool:
    """Whether a ``?``-ending numbered line starts a question (see the module
    docstring); ``asks[later:]`` are the numbers of the ``?``-lines after it."""
    if not started:
        return True
    in_list = after_colon or (last_item is not None and number == last_item + 1)
    if number != expected:
        return not in_list
    if in_list:
        # Both readings fit. If the next "?"-line with a plausible question
        # number repeats this number, that one is the question and this an item.
        following = next((n for n in islice(asks, later, None) if n in (number, number + 1, 1)),
                         None)
        return following != number
    return True


def _qa_style(lines: list[str]) -> list[tuple[str | None, str, int, int, int]]:
    questions: list[list] = []
    for lineno, line in enumerate(lines, start=1):
        q = _Q.match(line)
        if q and q.group(2):
            if questions:
                questions[-1][4] = lineno - 1
            questions.append([q.group(1), q.group(2), lineno, lineno + 1, len(lines)])
        elif questions and questions[-1][3] > 0 and _A.match(line) and \
                not any(row.strip() for row in lines[questions[-1][3] - 1:lineno - 1]):
            # The answer starts on its "A:" line; that line's prefix is cut below.
            questions[-1][3] = -lineno
    return [tuple(q) for q in questions]


def _answers(lines: list[str], found: list) -> list[Answer]:
    ids = assemble.assign_ids([f[0] for f in found])
    answers = []
    for ident, (_, question, q_line, start, end) in zip(ids, found):
        rows = lines[abs(start) - 1:end]
        if start < 0 and rows:
            rows[0] = _A.match(rows[0]).group(1)
        body, suppress = assemble.take_comments("\n".join(rows))
        answers.append(assemble.make_answer(
            id=ident, question=question, text=body, question_line=q_line,
            lines=range(abs(start), abs(start) + body.count("\n") + 1), suppress=suppress))
    return answers
