"""Documents built by hand for the citations tests."""

from __future__ import annotations

import re
from pathlib import Path

from claimcheck.models import Answer, Document

SEED = Path("/work/shared/seed/000_a78f4cfef25a95ac.txt")


def make_doc(*texts: str, jurisdiction: str | None = "MT", path: str = "faq.txt") -> Document:
    """A document whose answers are ``texts``, with ids "1", "2", ..."""
    answers = tuple(Answer(id=str(i), question=f"Question {i}?", text=text, line=2 * i)
                    for i, text in enumerate(texts, start=1))
    return Document(path=path, format="text", jurisdiction=jurisdiction, answers=answers)


def seed_document() -> Document:
    """The seed FAQ, split into answers at its numbered questions (no loader needed)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    answers, question, body, number = [], None, [], 0
    for line in lines:
        if re.match(r"\d+\. .*\?$", line) and line.startswith(f"{number + 1}."):
            if question is not None:
                answers.append(Answer(id=str(number), question=question, text="\n".join(body)))
            number, question, body = number + 1, line, []
        else:
            body.append(line)
    answers.append(Answer(id=str(number), question=question or "", text="\n".join(body)))
    return Document(path="seed.txt", format="text", jurisdiction="MT", answers=tuple(answers))
