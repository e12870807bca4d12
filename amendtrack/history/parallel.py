"""Parse a corpus's new editions in parallel, into the store, before it is loaded.

A cold report (or history) parses every edition, one after another, and
parsing is nearly all of its time; the editions are independent, so worker
processes parse them side by side, one per core.  Each worker returns what
the store keeps of its edition (`history.store.edition_payload`: its JSON and texts), which the
parent writes to the store; `history.corpus.load_corpus` then finds every edition
there, as on a warm run.  Nothing else changes: the same parser makes the same
edition, and the store holds the same row as a serial run would write.

Only what pays: with one core, without a store, or with fewer than
`MIN_EDITIONS` editions to parse, nothing is done here (starting processes
costs more than it saves on one edition).  A file that cannot be read, does
not match the manifest or cannot be parsed is left alone: the serial load
that follows reports it exactly as before.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence

from amendtrack.history.store import EditionStore
from amendtrack.history.stored_texts import EditionPayload

MIN_EDITIONS = 3
"""Fewer editions than this to parse: parse them in the ordinary serial load."""


def _parse_payload(task: tuple[str, str]) -> tuple[str, EditionPayload] | None:
    """In a worker: (sha256, store payload) of one edition file, or None to leave it to the serial load."""
    from amendtrack.errors import AmendtrackError
    from amendtrack.history.store import edition_payload
    from amendtrack.parse.edition import parse_edition
    from amendtrack.read.files import read_bounded
    from amendtrack.read.text import decode_edition

    name, expected = task
    try:
        raw = read_bounded(name, adjustable=False)
        if hashlib.sha256(raw).hexdigest() != expected:
            return None
        edition = parse_edition(decode_edition(raw, name).text, name, expected)
    except (AmendtrackError, OSError):
        return None
    return expected, edition_payload(edition)


def ignore_ctrl_c() -> None:
    """In a worker process: leave SIGINT to the parent (a terminal's Ctrl-C reaches every
    process of the group, and a worker's traceback would follow the parent's one line)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start_worker() -> None:
    """A parse worker: Ctrl-C is the parent's, and the cyclic garbage collector is off.

    `parse_edition` pauses the collector for the parse itself; a worker keeps it off
    for the rest of its work too (reading the file, building the store's payload),
    which makes no reference cycles either (tests/test_parallel.py checks the parse),
    so that the collector never walks the worker's growing caches.
    """
    import gc

    ignore_ctrl_c()
    gc.disable()


def workers() -> int:
    """How many worker processes: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def prefill_store(files: Sequence[tuple[str, str]], store: EditionStore | None) -> int:
    """Parse, in parallel, the editions among `files` the store lacks, and store them.

    :param files: (path, SHA-256 the manifest records) of every edition to be loaded.
    :param store: the store the load reads from; None does nothing.
    :returns: how many editions were parsed and stored here.
    """
    if store is None or workers() < 2:
        return 0
    missing = list(dict.fromkeys((name, sha) for name, sha in files if not store.has(sha)))
    if len(missing) < MIN_EDITIONS:
        return 0
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: the workers start with the modules already imported (Linux); spawn elsewhere.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    done = 0
    # The workers ignore Ctrl-C (the parent stops them and says so in one line) and
    # parse with the cyclic garbage collector off (`_start_worker`).
    with ProcessPoolExecutor(max_workers=min(workers(), len(missing)), mp_context=context,
                             initializer=_start_worker) as pool:
        # In the manifest's order, one at a time per worker: results are stored as they come.
        for result in pool.map(_parse_payload, missing, chunksize=1):
            if result is not None:
                store.put_payload(*result)
                done += 1
    return done
