"""Every file claimtrack writes appears whole or not at all.

It is written to a temporary file in the same folder (so the rename stays on one file system),
flushed, fsynced and renamed over the target; on any error, a kill or a full disk, the target keeps
its old content and the temporary file is removed (a SIGKILL leaves at most a hidden `.NAME.*.tmp`).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from claimtrack.errors import ClaimtrackError


class OutputError(ClaimtrackError):
    """A file or stream claimtrack writes to cannot take the output."""


def _target(path: Path) -> Path:
    """Where the content lands: through a symlink to the file it names, which keeps the link."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    if path.is_dir():
        raise OutputError(f"{path}: is a folder, not a file")
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        raise OutputError(f"{path}: not a regular file; write to a file instead")
    return path


def _mode(path: Path) -> int:
    """The old file's permissions, else what a new file gets under the umask (mkstemp gives 0600)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_write(path: Path | str, *, binary: bool = False, encoding: str = "utf-8",
                 newline: str | None = "") -> Iterator[IO]:
    """Open a temporary file beside `path` for writing; on a clean exit it replaces `path`."""
    path = _target(Path(path))
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise OutputError(f"{path}: cannot write: {err.strerror or err}") from None
    try:
        with (os.fdopen(handle, "wb") if binary else
              os.fdopen(handle, "w", encoding=encoding, newline=newline)) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _mode(path))
        os.replace(temporary, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(err, OSError):
            raise OutputError(f"{path}: cannot write: {err.strerror or err}; the old file is unchanged"
                              if path.exists() else f"{path}: cannot write: {err.strerror or err}") from None
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """The rename itself survives a power cut only once the folder is synced (POSIX)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
