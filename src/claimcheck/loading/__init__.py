"""Loading stage: files -> ``Document``.

    discover(paths)        directories expanded to the files to check
    load_document(path)    read (decode.py), pick a format, parse -> Document
    parse_text(text, ...)  the same on text already decoded

One module per input format, each with ``parse(text, *, path, keys) -> Document``;
``FORMATS`` maps format names to them. Format modules are imported only when
used, so that the CLI starts fast.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path

from claimcheck.errors import LoadError
from claimcheck.loading.decode import DEFAULT_MAX_BYTES, normalize_newlines, read_text
from claimcheck.loading.discover import EXTENSIONS, discover
from claimcheck.loading.keys import RecordKeys
from claimcheck.models import Document

__all__ = ["EXTENSIONS", "FORMATS", "LoadError", "RecordKeys", "detect_format", "discover",
           "load_document", "parse_text", "to_qa_json"]

Parser = Callable[..., Document]


def _lazy(module: str) -> Parser:
    def parse(text: str, *, path: str, keys: RecordKeys | None = None) -> Document:
        return importlib.import_module(f"claimcheck.loading.{module}").parse(
            text, path=path, keys=keys)

    parse.__name__ = parse.__qualname__ = f"parse_{module}"
    parse.__doc__ = f"Parse text in the {module!r} format (claimcheck.loading.{module})."
    return parse


#: Input format name -> parser. Also the CLI's ``--input-format`` choices.
FORMATS: dict[str, Parser] = {
    "qajson": _lazy("qajson"),
    "text": _lazy("plaintext"),
    "markdown": _lazy("markdown"),
    "html": _lazy("html"),
    "records": _lazy("records"),
}

_ALIASES = {"json": "qajson", "qa.json": "qajson", "txt": "text", "md": "markdown",
            "htm": "html", "yaml": "records", "yml": "records"}
_BY_EXTENSION = {".txt": "text", ".md": "markdown", ".markdown": "markdown",
                 ".html": "html", ".htm": "html", ".yaml": "records", ".yml": "records"}


def load_document(path: str | Path, *, input_format: str | None = None,
                  keys: RecordKeys | None = None, display_path: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read, decode and parse one file. Raises LoadError for any bad input.

    ``Document.path`` is ``display_path`` or ``path`` as given, with forward
    slashes. The format is ``input_format`` if given, else chosen from the
    extension, else sniffed from the content.
    """
    shown = (display_path or str(path)).replace("\\", "/")
    text = read_text(path, display_path=shown, max_bytes=max_bytes)
    return parse_text(text, path=shown, input_format=input_format, keys=keys)


def parse_text(text: str, *, path: str, input_format: str | None = None,
               keys: RecordKeys | None = None) -> Document:
    """Parse already-decoded ``text``; ``path`` is used for messages and detection."""
    path = path.replace("\\", "/")
    text = normalize_newlines(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    fmt = detect_format(text, path=path, input_format=input_format)
    return FORMATS[fmt](text, path=path, keys=keys)


def detect_format(text: str, *, path: str, input_format: str | None = None) -> str:
    """Format name for ``text``: explicit choice, then extension, then content."""
    if input_format and input_format != "auto":
        name = _ALIASES.get(input_format.lower(), input_format.lower())
        if name not in FORMATS:
            raise LoadError(f"unknown input format {input_format!r} (choose from "
                            f"{', '.join(sorted(FORMATS))})", path=path)
        return name
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "qajson" if _looks_like_qajson(text) else "records"
    return _BY_EXTENSION.get(suffix) or _sniff(text)


def _looks_like_qajson(text: str) -> bool:
    """A JSON object whose ``items`` hold question/answer records (cheap text test)."""
    head = text.lstrip()
    return head.startswith("{") and re.search(r'"items"\s*:\s*\[', text) is not None and \
        re.search(r'"question"\s*:', text) is not None and \
        re.search(r'"answer"\s*:', text) is not None


def _sniff(text: str) -> str:
    head = text.lstrip()[:2048]
    low = head.lower()
    if low.startswith(("<!doctype html", "<html", "<head", "<body", "<script", "<div",
                       "<section", "<main", "<article")) or "itemtype=" in low \
            or "application/ld+json" in text:
        return "html"
    if head.startswith(("{", "[")):
        return "qajson" if _looks_like_qajson(text) else "records"
    if _looks_like_yaml(text):
        return "records"
    if re.search(r"^#{1,6}\s+\S", text, re.M) or re.search(r"^\s*\*\*.+\?\*\*\s*$", text, re.M):
        return "markdown"
    return "text"


_YAML_LINE = re.compile(r"^(?:\s*-\s+)?[\w-]+\s*:(?:\s|$)|^\s+\S|^\s*-\s|^---\s*$")


_QA_LINE = re.compile(r"(?:Q|A|Question|Answer)\s*\d*\s*:\s", re.I)


def _looks_like_yaml(text: str) -> bool:
    """Most non-comment lines are ``key:``, ``- item`` or indented continuations."""
    rows = [r for r in text.split("\n")[:200] if r.strip() and not r.lstrip().startswith("#")]
    if not rows or not _YAML_LINE.match(rows[0]) or rows[0][0].isspace():
        return False
    if any(_QA_LINE.match(r) for r in rows):  # "Q: ..." / "A: ..." plain text
        return False
    return sum(1 for r in rows if _YAML_LINE.match(r)) >= 0.9 * len(rows)


def to_qa_json(doc: Document) -> dict:
    """The qa.json shape of a document (``claimcheck import``)."""
    return {
        "title": doc.title,
        "jurisdiction": doc.jurisdiction,
        "source": doc.source,
        "items": [{"id": a.id, "question": a.question, "answer": a.text} for a in doc.answers],
    }
