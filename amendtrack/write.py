"""Writing output files so that none is ever half-written.

Each file is written to a temporary file in the same folder, flushed and fsynced, then
renamed over the target; a failure (or Ctrl-C) leaves the old file or none.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable, Mapping
from typing import TypeVar

__all__ = [
    "write_atomic",
    "write_many_atomic",
]


# ================================================================ writing


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Replace `path` with `data` (str is written as UTF-8) so readers see old or new, never half.

    The data goes to a hidden temporary file in the same directory (``os.replace``
    is atomic only within one file system), is fsynced, and is then renamed over
    `path`; the directory is fsynced so the rename survives a power cut.  On any
    exception the temporary file is removed and the old `path` is untouched.  A
    process killed with SIGKILL can leave a ``.NAME.*.tmp`` file behind, never a
    half-written `path`.  An existing file's permission bits are kept; a new file
    gets the usual ones (0666 less the umask).  Errors are raised as they come
    (`OSError`, or `UnicodeEncodeError` for a str that is not valid Unicode).
    """
    target = os.fspath(path)
    payload = _payload(data)
    temp = _write_temp(target, payload)
    try:
        os.replace(temp, target)
    except BaseException:
        _remove_quietly(temp)
        raise
    _fsync_directory(os.path.dirname(os.path.abspath(target)))


_Path = TypeVar("_Path", bound="str | os.PathLike[str]")


def write_many_atomic(files: Mapping[_Path, str | bytes | Callable[[], str | bytes]]) -> None:
    """Write several files (a report folder) with each file atomic and the set nearly so.

    What is guaranteed, honestly:

    * Every file is, at every moment, either its old content or its new content in full.
    * Nothing is renamed until every new file has been written and fsynced, so any
      failure while writing (a full disk, bad data, a missing folder) leaves all
      targets as they were and no temporary files.
    * The renames happen one after another in the mapping's order.  A reader
      looking during that moment can see some files new and some old, and if a
      rename itself fails (rare: the targets are checked to be non-directories
      first) the files before it are new, the rest old, and the error is raised.
      Put the file that links to the others (the index page) last, so whoever
      sees the new index finds the new pages it links to.

    A file's data may be a function that makes it: it is called just before that
    file is written, so that a report never holds every page in memory at once
    (an error it raises leaves the targets as they were, like any other).
    """
    targets = [os.fsdecode(p) for p in files]
    resolved = [os.path.realpath(t) for t in targets]
    if len(set(resolved)) != len(resolved):
        raise ValueError("write_many_atomic: two entries name the same file")
    # Bad data fails before any disk work; data made by a function is made in turn.
    payloads: list[bytes | Callable[[], str | bytes]] = []
    for data in files.values():
        payloads.append(data if callable(data) else _payload(data))
    for target in targets:
        if os.path.isdir(target):
            raise IsADirectoryError(21, "Is a directory", target)

    temps: list[str] = []
    try:
        for target, payload in zip(targets, payloads, strict=True):
            temps.append(_write_temp(target, _payload(payload()) if callable(payload) else payload))
        for index, (temp, target) in enumerate(zip(temps, targets, strict=True)):
            os.replace(temp, target)
            temps[index] = ""
    except BaseException:
        for temp in temps:
            if temp:
                _remove_quietly(temp)
        raise
    for directory in {os.path.dirname(os.path.abspath(t)) for t in targets}:
        _fsync_directory(directory)


def _payload(data: str | bytes) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"write_atomic: data must be str or bytes, not {type(data).__name__}")


def _write_temp(target: str, payload: bytes) -> str:
    """Write `payload` to a new fsynced temporary file beside `target`; return its path."""
    directory, name = os.path.split(os.path.abspath(target))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    while True:
        temp = os.path.join(directory, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            # O_EXCL: never reuse or follow someone else's file; 0o666 lets the umask apply.
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
    except BaseException:
        _remove_quietly(temp)
        raise
    return temp


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _fsync_directory(directory: str) -> None:
    """Persist a rename; best effort, since some systems cannot open or fsync a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
