"""The bounded read: a file's bytes, refused before reading unless it is a small regular file.

IO happens here and in `amendtrack.read.text.read_text` only; the other modules of
`amendtrack.read` are pure functions of the bytes.
"""

from __future__ import annotations

import os
import stat

from amendtrack.errors import InputError
from amendtrack.i18n import Message, message

__all__ = [
    "printable_path",
    "DEFAULT_MAX_BYTES",
]


DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""The largest file `read_text` reads unless told otherwise.

A seed-sized edition is under 1 MiB; ten times that leaves room for the largest
orders while refusing, before reading them, the multi-gigabyte files that a
wrong path (a disk image, a log) would otherwise pull into memory.
"""


def printable_path(path: str) -> str:
    """The path as it can stand in a one-line message: control characters escaped."""
    if path.isprintable():
        return path
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in path)


def read_bounded(name: str, max_bytes: int = DEFAULT_MAX_BYTES, *, adjustable: bool = True) -> bytes:
    """The file's bytes, refusing before reading anything that is not a small regular file.

    :param adjustable: whether the command lets the user raise `max_bytes`
        (--max-size); the message suggests it only then.
    :raises InputError: missing, unreadable, a folder, a device or pipe, or over `max_bytes`.
    """
    path = printable_path(name)  # for messages only
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise InputError(path, message("no such file")) from None
    except NotADirectoryError:
        raise InputError(path, message("no such file (a folder in the path is a file)")) from None
    except PermissionError:
        raise InputError(path, message("cannot be read: permission denied")) from None
    except ValueError:  # an embedded NUL character in the path
        raise InputError(path, message("is not a valid file name")) from None
    except OSError as exc:
        raise InputError(path, message("cannot be read: %(reason)s", reason=_reason(exc))) from None

    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, message("is a directory, expected an edition text file"))
    if not stat.S_ISREG(info.st_mode):
        # A FIFO would block the read forever and /dev/zero would never end.
        raise InputError(
            path, message("is not a regular file (a device, pipe or socket); expected an edition text file")
        )
    if info.st_size > max_bytes:
        raise InputError(path, _too_large(info.st_size, max_bytes, adjustable))

    try:
        with open(name, "rb") as handle:
            # One byte more than allowed: a file that grew since the stat is still caught.
            raw = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(path, message("cannot be read: permission denied")) from None
    except IsADirectoryError:
        raise InputError(path, message("is a directory, expected an edition text file")) from None
    except OSError as exc:
        raise InputError(path, message("cannot be read: %(reason)s", reason=_reason(exc))) from None
    if len(raw) > max_bytes:
        raise InputError(
            path,
            message("is more than %(limit)s (it grew while being read); an edition text is at most %(limit)s",
                    limit=_human_size(max_bytes)),
        )
    return raw


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _too_large(size: int, limit: int, adjustable: bool) -> Message:
    if adjustable:
        return message("is %(size)s; an edition text is at most %(limit)s "
                       "(raise the limit with --max-size if this really is one edition)",
                       size=_human_size(size), limit=_human_size(limit))
    return message("is %(size)s; an edition text is at most %(limit)s", size=_human_size(size),
                   limit=_human_size(limit))


def _human_size(n: int) -> Message:
    if n < 1024:
        return message("%(count)s bytes", count=n)
    if n < 1024 * 1024:
        return message("%(count)s KB", count=f"{n / 1024:.1f}")
    return message("%(count)s MB", count=f"{n / (1024 * 1024):.1f}")
