"""Bytes to text: read a file safely and decode it, or say clearly why not.

Accepted: UTF-8 (with or without BOM) and UTF-16 (with a BOM, or without one
when the NUL pattern makes it unmistakable). Everything else is refused with a
message that names the offending byte and the encoding expected, because a
silently mis-decoded legal text would yield wrong claims.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from claimcheck.errors import LoadError

#: Largest file read by default (bytes).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_SNIFF = 4096


def read_text(path: str | Path, *, display_path: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode one file; raise LoadError for anything unreadable.

    The size is checked with ``stat`` before reading, so an oversized file is
    refused without loading it into memory.
    """
    shown = display_path or Path(path).as_posix()
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise LoadError("no such file", path=shown) from None
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}", path=shown) from None
    if stat.S_ISDIR(info.st_mode):
        raise LoadError("is a directory, not a file", path=shown)
    if info.st_size > max_bytes:
        raise LoadError(f"file too large ({info.st_size} bytes; the limit is {max_bytes})",
                        path=shown)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise LoadError("permission denied", path=shown) from None
    except IsADirectoryError:
        raise LoadError("is a directory, not a file", path=shown) from None
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}", path=shown) from None
    if len(data) > max_bytes:  # grew between stat and read
        raise LoadError(f"file too large (over {max_bytes} bytes)", path=shown)
    return decode_bytes(data, path=shown)


def decode_bytes(data: bytes, *, path: str) -> str:
    """Decode file content to text with ``\\n`` line ends; raise LoadError if unfit."""
    if not data:
        raise LoadError("empty file", path=path)
    encoding, body = _detect(data, path)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise LoadError(f"not valid {encoding.upper()} (byte offset {exc.start})",
                            path=path) from None
        line = data.count(b"\n", 0, exc.start) + 1
        raise LoadError(
            f"not valid UTF-8: byte 0x{body[exc.start]:02x} at offset {exc.start}; "
            "claimcheck reads UTF-8 (or UTF-16 with a BOM) - re-save the file as UTF-8, "
            "e.g. `iconv -f latin1 -t utf-8`", path=path, line=line) from None
    text = normalize_newlines(text)
    if not text.strip():
        raise LoadError("empty file (only whitespace)", path=path)
    return text


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``, so line numbers match editors."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _detect(data: bytes, path: str) -> tuple[str, bytes]:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", data[len(codecs.BOM_UTF8):]
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise LoadError("UTF-32 text is not supported; re-save the file as UTF-8", path=path)
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", data[2:]
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", data[2:]
    head = data[:_SNIFF]
    if b"\x00" not in head and b"\x00" not in data:
        return "utf-8", data
    guess = _utf16_without_bom(head)
    if guess:
        return guess, data[: len(data) - len(data) % 2]
    raise LoadError("binary file (contains NUL bytes); expected UTF-8 text", path=path)


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 of mostly-ASCII text has a NUL in every other byte, on one side."""
    even = head[0::2]
    odd = head[1::2]
    if len(head) < 4:
        return None
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / max(1, len(odd))
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None
