"""The exhaustive metamorphic sweep of the parser (issue 12).

Every kind of extraction damage (tests/support/damage.py) at every place of the
seed edition where it can occur (tests/support/sweep.py enumerates them); each
damaged text must parse to the same model as the undamaged one.  Prints the
number of cases per kind, the failures, and exits 1 if there is any.

    python3 bench/sweep.py                # every case, on 2 processes
    python3 bench/sweep.py --every 10     # every 10th case
    python3 bench/sweep.py --only displace_label --show 20
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from amendtrack.parse.edition import parse_edition  # noqa: E402
from tests.support.sweep import Checker, cases  # noqa: E402

SEED = REPO / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"

_checker: Checker | None = None
_cases: list = []


def _init(selected: list[int]) -> None:
    global _checker, _cases
    text = SEED.read_text(encoding="utf-8")
    edition = parse_edition(text, str(SEED))
    lines = text.split("\n")
    _checker = Checker(edition, lines)
    everything = list(cases(edition, lines))
    _cases = [everything[i] for i in selected]


def _run(i: int) -> tuple[str, str | None]:
    assert _checker is not None
    case = _cases[i]
    return case.name, _checker.check(case)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--every", type=int, default=1, help="run every N-th case only")
    parser.add_argument("--only", default="", help="run only cases whose name starts with this")
    parser.add_argument("--show", type=int, default=40, help="print at most this many failures")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    text = SEED.read_text(encoding="utf-8")
    edition = parse_edition(text, str(SEED))
    everything = list(cases(edition, text.split("\n")))
    selected = [i for i, c in enumerate(everything) if c.name.startswith(args.only)][:: args.every]
    start = time.perf_counter()
    with multiprocessing.Pool(args.jobs, _init, (selected,)) as pool:
        results = pool.map(_run, range(len(selected)), chunksize=64)
    seconds = time.perf_counter() - start
    kinds = Counter(name.split(" ", 1)[0] for name, _ in results)
    failed = Counter(name.split(" ", 1)[0] for name, problem in results if problem)
    print(f"{len(results)} cases ({len(everything)} in all), {sum(failed.values())} failures, {seconds:.0f} s")
    for kind in sorted(kinds):
        print(f"  {kind:18} {kinds[kind]:6} cases  {failed[kind]:5} failures")
    shown = 0
    for name, problem in results:
        if problem and shown < args.show:
            print(f"FAIL {name}: {problem}")
            shown += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
