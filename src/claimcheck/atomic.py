"""Write a file so that readers see the old version or the new one, never half of one.

Reports (``-o``), baselines and cache entries all go through
:func:`write_atomic`: the bytes go to a temporary file beside the target,
which is then renamed over it. An interrupted or failed write leaves the
old file intact and no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ClaimcheckError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
