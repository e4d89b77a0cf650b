"""Which files to check: directories expanded, excludes applied, loops survived.

Patterns follow .gitignore: a pattern without ``/`` matches a file or directory
name at any depth; one with ``/`` is anchored at the directory given on the
command line (or matched against the path as shown); ``**`` spans directories;
a trailing ``/`` matches directories only. An excluded directory is not entered.
Files named explicitly are always kept; hidden files and directories (``.git``)
are skipped while walking.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from claimcheck.errors import LoadError

#: Extensions picked up when walking a directory.
EXTENSIONS = frozenset({".json", ".txt", ".md", ".markdown", ".html", ".htm", ".yaml", ".yml"})


def discover(paths: Sequence[str | Path], *, exclude: Iterable[str] = (),
             include: Iterable[str] = ()) -> list[Path]:
    """Files to check under ``paths``, sorted by their forward-slash path.

    Directories are walked recursively (symlinked directories are followed
    once each; a file reached along several paths is listed once, under the
    first of them in sorted order). When ``include`` patterns are given, walked files must match
    one of them instead of having a supported extension. Raises LoadError for a
    path that does not exist or cannot be reached (permissions, a symlink loop).
    """
    excludes = [_compile(p) for p in exclude if p.strip()]
    includes = [_compile(p) for p in include if p.strip()]
    found: dict[str, Path] = {}
    links: list[bool] = []  # whether a walk met a symbolic link
    for given in paths:
        root = Path(given)
        try:
            info = os.stat(root)
        except FileNotFoundError:
            raise LoadError("no such file or directory", path=root.as_posix()) from None
        except OSError as exc:  # a folder on the way cannot be entered, a symlink loop, ...
            raise LoadError(f"cannot read: {exc.strerror or exc}", path=root.as_posix()) from None
        if stat.S_ISDIR(info.st_mode):
            for file in _walk(root, excludes, includes, links):
                found.setdefault(file.as_posix(), file)
        else:
            found.setdefault(root.as_posix(), root)
    if len(paths) == 1 and not any(links):
        # One folder walked without a link in it: no file was reached twice,
        # and resolving every path (a syscall per component) can be skipped.
        return [found[key] for key in sorted(found)]
    # One file reached along several paths (a symlinked folder, two roots that
    # overlap) is checked once, under its first path in sorted order, so that
    # neither the order of the paths given nor the links change the result.
    by_real: dict[str, str] = {}
    for key in sorted(found):
        by_real.setdefault(os.path.realpath(found[key]), key)
    return [found[key] for key in sorted(by_real.values())]


def _walk(root: Path, excludes: list, includes: list, links: list[bool]) -> list[Path]:
    """Wanted files under ``root``; appends to ``links`` whether a symbolic link was met."""
    files: list[Path] = []
    linked = os.path.islink(root)
    seen: set[str] = set()
    pending: list[tuple[Path, str]] = [(root, "")]
    while pending:
        directory, rel = pending.pop()
        real = os.path.realpath(directory)
        if real in seen:  # symlink loop or a directory reached twice
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            raise LoadError(f"cannot list directory: {exc.strerror or exc}",
                            path=directory.as_posix()) from None
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child_rel = f"{rel}{entry.name}"
            child = directory / entry.name
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
                linked = linked or entry.is_symlink()
            except OSError:
                continue
            if _matches(excludes, child_rel, child.as_posix(), is_dir):
                continue
            if is_dir:
                pending.append((child, child_rel + "/"))
            elif is_file and _wanted(entry.name, child_rel, child.as_posix(), includes):
                files.append(child)
    links.append(linked)
    return files


def _wanted(name: str, rel: str, shown: str, includes: list) -> bool:
    if includes:
        return _matches(includes, rel, shown, False)
    return os.path.splitext(name)[1].lower() in EXTENSIONS


def _matches(patterns: list, rel: str, shown: str, is_dir: bool) -> bool:
    for regex, dir_only in patterns:
        if dir_only and not is_dir:
            continue
        if regex.match(rel) or regex.match(shown):
            return True
    return False


@lru_cache(maxsize=256)
def _compile(pattern: str) -> tuple[re.Pattern[str], bool]:
    """gitignore-style glob -> (regex over forward-slash paths, directories only)."""
    pat = pattern.strip().replace("\\", "/")
    dir_only = pat.endswith("/")
    pat = pat.rstrip("/")
    anchored = "/" in pat
    pat = pat.lstrip("/")
    if pat.startswith("./"):
        pat = pat[2:]
    out = []
    i = 0
    while i < len(pat):
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif pat[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pat[i] == "?":
            out.append("[^/]")
            i += 1
        elif pat[i] == "[" and "]" in pat[i + 2:]:
            end = pat.index("]", i + 2)
            body = pat[i + 1:end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(pat[i]))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    try:
        return re.compile(prefix + "".join(out) + r"\Z"), dir_only
    except re.error:
        raise LoadError(f"invalid glob pattern {pattern!r}") from None
