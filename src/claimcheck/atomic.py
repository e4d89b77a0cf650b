"""Write a file so that readers see the old version or the new one, never half of one.

Reports (``-o``), baselines and cache entries all go through
:func:`write_atomic`: the bytes go to a temporary file beside the target,
which is then renamed over it. An interrupted or failed write leaves the
old file intact and no temporary file behind.

A target that exists and is not a regular file (``-o /dev/null``, a named
pipe, ``/dev/stdout``) is written in place: renaming over it would replace
the device or pipe with a regular file, which for ``/dev/null`` run as root
breaks every other program on the machine.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import ClaimcheckError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _is_special(path: Path) -> bool:
    """True for an existing target that is not a regular file (a device, a pipe, a socket)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8 with ``\\n`` newlines).

    The new file gets the usual mode for a new file (0666 less the umask),
    not the 0600 of a temporary file. Raises :class:`ClaimcheckError`
    ("cannot write output") for any operating-system error.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    tmp: str | None = None
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "is a directory")
        if _is_special(path):
            with open(path, "wb") as fh:
                fh.write(payload)
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise ClaimcheckError(f"cannot write output: {exc.strerror or exc}", path=str(path)) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
