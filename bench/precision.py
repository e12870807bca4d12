"""The differ's precision and recall on generated amendment sets with noise (issue 12).

Each set: the bundled original (corpus/V1400009344/kk/2014-04-09.txt), 14
amendments drawn from `tests.support.generate.AMENDMENTS` by `random.Random(seed)`, and the
generator's layout noise (every kind, on a fifth of the positions and lines);
parsed back and compared.  What the differ reports is scored against what the
generator planned, by the suite's own checker (tests/test_diff.py `problems`):
a planned change not reported is missed, a substantive change reported and not
planned is false.

    python3 bench/precision.py                 # 1,000 sets, 2 processes
    python3 bench/precision.py --sets 50 --show 20
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from amendtrack.compare.differ import compare_editions  # noqa: E402
from amendtrack.parse.edition import parse_edition  # noqa: E402
from tests.support.generate import AMENDMENTS, generate_edition  # noqa: E402
from tests.test_diff import problems  # noqa: E402

ORIGINAL = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
AMENDMENTS_PER_SET = 14
_state: dict = {}


def _init() -> None:
    text = ORIGINAL.read_text(encoding="utf-8")
    _state["text"], _state["original"] = text, parse_edition(text, "original.txt")


def _one(seed: int) -> tuple[int, int, int, int, list[str]]:
    """(planned, missed, false, noise applied, problems) for one set."""
    rng = random.Random(seed)
    kinds = [rng.choice(AMENDMENTS) for _ in range(AMENDMENTS_PER_SET)]
    generated = generate_edition(_state["original"], _state["text"], rng, kinds)
    new = parse_edition(generated.text, f"generated-{seed}.txt")
    found = problems(compare_editions(_state["original"], new), generated)
    missed = sum(p.startswith("missed") for p in found)
    false = sum(p.startswith("false") for p in found)
    assert generated.dropped_noise == (), generated.dropped_noise
    return len(generated.expected), missed, false, len(generated.noise), [f"set {seed}: {p}" for p in found]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", type=int, default=1000)
    parser.add_argument("--first", type=int, default=0, help="the first set's seed")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", type=int, default=40)
    args = parser.parse_args()
    start = time.perf_counter()
    with multiprocessing.Pool(args.jobs, _init) as pool:
        results = pool.map(_one, range(args.first, args.first + args.sets), chunksize=4)
    planned = sum(r[0] for r in results)
    missed = sum(r[1] for r in results)
    false = sum(r[2] for r in results)
    noise = sum(r[3] for r in results)
    found = planned - missed
    reported = found + false
    print(f"{args.sets} sets (seeds {args.first}–{args.first + args.sets - 1}), {planned} planned changes, {reported} reported: {found} right, {false} false, "
          f"{missed} missed; noise applied {noise}, dropped 0; {time.perf_counter() - start:.0f} s")
    print(f"precision {found / reported if reported else 1.0:.4f}  recall {found / planned if planned else 1.0:.4f}")
    for line in [p for r in results for p in r[4]][: args.show]:
        print(line)
    return 1 if missed or false else 0


if __name__ == "__main__":
    sys.exit(main())
