"""Where each value of a JSON text starts, so errors and answers get real lines.

``json.loads`` validates and builds the values; this second, iterative pass
(no recursion, so deep nesting cannot overflow) only records the character
offset at which every value starts, keyed by its path of keys and indexes.
"""

from __future__ import annotations

import bisect
import json
import re

from claimcheck.errors import LoadError

# Strings as "unrolled loops" (runs of plain characters between escapes): the same
# strings as "(?:[^"\\]|\\.)*", matched a run at a time instead of a character
# at a time (answers are kilobytes long).
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]|[^\s{}\[\],:"]+', re.S)

Path = tuple[str | int, ...]


def loads(text: str, *, path: str) -> object:
    """``json.loads`` that raises LoadError with the line of a syntax error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(f"invalid JSON: {exc.msg} (column {exc.colno})", path=path,
                        line=exc.lineno) from None
    except RecursionError:
        raise LoadError("invalid JSON: nested too deeply", path=path) from None


def value_offsets(text: str) -> dict[Path, int]:
    """Offset of each value in valid JSON ``text``, by path (``("items", 0, "answer")``)."""
    offsets: dict[Path, int] = {}
    # Each frame: [container kind, path, next index or current key, expecting key]
    stack: list[list] = []
    pending_key: str | None = None
    for match in _TOKEN.finditer(text):
        tok = match.group()
        if tok in ",:":
            continue
        if tok in "}]":
            stack.pop()
            continue
        if stack and stack[-1][0] == "{" and pending_key is None:
            pending_key = json.loads(tok)  # a key
            continue
        if not stack:
            here: Path = ()
        elif stack[-1][0] == "{":
            here = (*stack[-1][1], pending_key)
            pending_key = None
        else:
            here = (*stack[-1][1], stack[-1][2])
            stack[-1][2] += 1
        offsets[here] = match.start()
        if tok in "{[":
            stack.append([tok, here, 0])
    return offsets


class LineIndex:
    """Maps character offsets of a text to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        """1-based line containing ``offset``."""
        return bisect.bisect_right(self._starts, offset)

    def start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[max(0, min(line, len(self._starts)) - 1)]
