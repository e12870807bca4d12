"""Ctrl-C to a real `amendtrack` process, as a terminal sends it (tests of the one error line).

`interrupted_command` runs the command line in a new process group with one function
of the package replaced by a slow twin that touches a marker file once the command is
under way; when the marker appears, SIGINT goes to the whole group (the command and
any worker processes it started), and the command's status and output come back.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent

INTERRUPTED = "Error: interrupted (Ctrl-C); no output file was left half-written\n"
"""The command's one line on Ctrl-C."""

_SCRIPT = """
import signal, sys, time
from pathlib import Path
# A shell without job control starts background jobs with SIGINT ignored, and
# Python keeps an ignored SIGINT ignored: such a suite would wait out the
# sleeps below.  A user at a terminal has the default handler; so does this.
signal.signal(signal.SIGINT, signal.default_int_handler)
import {module} as patched
real = patched.{name}
def slow(*args, **kwargs):
    if {condition}:
        time.sleep({before})
        Path({marker!r}).touch()  # tells the test that the command is under way
        time.sleep({after})
    return real(*args, **kwargs)
patched.{name} = slow
from amendtrack.cli import main
sys.argv = ["amendtrack", *sys.argv[1:]]
main()
"""


def interrupted_command(args: list[str], *, module: str, name: str, marker: str, condition: str = "True",
                        before: float = 0, after: float = 60, env: dict[str, str] | None = None,
                        timeout: float = 60) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of ``amendtrack ARGS`` interrupted while `module.name` runs.

    :param condition: a Python expression over ``args`` and ``kwargs``: the calls that are
        slowed (the others run as they are).
    :param before: seconds the slowed call waits before it touches `marker` (time for
        other workers to finish their share and wait idle).
    :param after: seconds it waits after; the command is interrupted in between.
    """
    script = _SCRIPT.format(module=module, name=name, condition=condition, before=before, after=after,
                            marker=marker)
    process = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})})
    deadline = time.monotonic() + timeout
    while not Path(marker).exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"the command never reached {module}.{name}"
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)  # the whole group, as a terminal does
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err
