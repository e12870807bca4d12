"""Parse speed of this tree against an earlier commit, in one run (issue 16 part 2).

Run from the repository root::

    python3 bench/parse_speed.py --against 9355f96

The earlier commit is exported with ``git archive`` into a temporary folder (no
worktree, nothing in the repository changes).  Two figures, each a median of
CPU time (user + system, so that other jobs on a shared machine weigh less than
on wall time), the two trees alternating so that load weighs on both:

1. ``parse_edition`` in-process on the seed-sized edition, text caches emptied
   before every run, next to reading the file and splitting it into lines;
2. ``amendtrack parse FILE --format json`` end to end (a whole process, output
   to /dev/null), next to a Python process that reads and splits the file.

The machine's load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITION = "corpus/V1400009344/kk/2015-11-16.txt"

IN_PROCESS = r'''
import json, statistics, sys, time
from pathlib import Path
from amendtrack.parse.edition import parse_edition
sys.path.insert(0, sys.argv[3])
from measure import clear_text_caches
path = Path(sys.argv[1])
text = path.read_text(encoding="utf-8")
def cold():
    clear_text_caches()
    parse_edition(text, "seed")
cold()
base, parse = [], []
for _ in range(int(sys.argv[2])):
    t = time.process_time(); path.read_text(encoding="utf-8").splitlines(); base.append(time.process_time() - t)
    t = time.process_time(); cold(); parse.append(time.process_time() - t)
print(json.dumps([statistics.median(base), statistics.median(parse)]))
'''


def child_cpu(command: list[str], tree: Path) -> float:
    """CPU seconds (user + system) of one child process run in `tree`."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(tree), "HOME": tempfile.gettempdir()}
    proc = subprocess.Popen(command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed in {tree} (status {status})")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--against", required=True, help="the earlier commit")
    parser.add_argument("--runs", type=int, default=9, help="runs per figure (default 9)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp, "before")
        before.mkdir()
        archive = subprocess.run(["git", "archive", args.against], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
        trees = {f"before ({args.against})": before, "after (this tree)": ROOT}

        inproc: dict[str, list[list[float]]] = {k: [] for k in trees}
        for _ in range(3):
            for name, tree in trees.items():
                out = subprocess.run([sys.executable, "-c", IN_PROCESS, str(tree / EDITION), str(args.runs),
                                      str(ROOT / "bench")],
                                     cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)},
                                     capture_output=True, text=True, check=True).stdout
                inproc[name].append(json.loads(out))

        command = [sys.executable, "-m", "amendtrack", "parse", EDITION, "--format", "json"]
        for tree in trees.values():
            child_cpu(command, tree)  # writes __pycache__, as a second run from a clone finds it
        split = [sys.executable, "-c", f"open({EDITION!r}, encoding='utf-8').read().splitlines()"]
        end_to_end: dict[str, list[float]] = {k: [] for k in trees}
        base: list[float] = []
        for _ in range(args.runs):
            base.append(child_cpu(split, ROOT))
            for name, tree in trees.items():
                end_to_end[name].append(child_cpu(command, tree))

    print(f"load average: {Path('/proc/loadavg').read_text().split()[:3] if Path('/proc/loadavg').exists() else '?'}")
    print(f"CPU time, medians; in-process: 3 × {args.runs} runs per tree; end to end: {args.runs} runs")
    print(f"{'':22}{'baseline':>12}{'parse_edition':>15}{'× base':>8}{'baseline':>12}{'parse --format json':>21}{'× base':>8}")
    b2 = statistics.median(base)
    for name in trees:
        b1 = statistics.median(x[0] for x in inproc[name])
        p1 = statistics.median(x[1] for x in inproc[name])
        p2 = statistics.median(end_to_end[name])
        print(f"{name:22}{b1 * 1000:>9.1f} ms{p1 * 1000:>12.1f} ms{p1 / b1:>8.0f}"
              f"{b2 * 1000:>9.0f} ms{p2 * 1000:>18.0f} ms{p2 / b2:>8.1f}")


if __name__ == "__main__":
    main()
