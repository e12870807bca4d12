"""Benchmark: comparing two parsed seed-sized editions (issue target: median < 0.3 s).

Run from the repository root: ``python3 bench/bench_compare.py``.  Prints medians
of several runs of `compare_editions` (the editions parsed beforehand; text caches
emptied before every run, as for the first comparison a process makes) on:

* the bundled pair (2014 original → 2015 repealed edition: every position
  identical, the cheapest case);
* the original against generated amendments (tests.support.generate, fixed seeds):
  12 amendments, and 40 amendments with layout noise on a fifth of the
  positions -- the second leaves dozens of positions to the similarity stage;
* a bad case: every title and every duties text changed, so no position
  matches by id or title and all go to the similarity stage (which compares
  within each unit first; were every position also moved to another unit, all
  152 × 152 pairs would be compared: about 0.45 s on the machine below);

next to a baseline measured in the same run: parsing one edition, so the ratio
is comparable across machines.  Also the whole command, ``python3 -m amendtrack
diff`` on the bundled pair, as a user runs it (process start, reading, two
parses, comparing, printing).
"""

from __future__ import annotations

import os
import platform
import random
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from measure import clear_text_caches, median_seconds  # noqa: E402
from amendtrack.compare.differ import compare_editions  # noqa: E402
from amendtrack.model import Edition  # noqa: E402
from amendtrack.parse.edition import parse_edition  # noqa: E402
from amendtrack.parse.ids import assign_ids  # noqa: E402
from tests.support.generate import AMENDMENTS, PROVISION_AMENDMENTS, generate_edition  # noqa: E402

ORIGINAL = ROOT / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
PUBLISHED = ROOT / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"
RUNS = 7
CLI_RUNS = 5
TARGET_S = 0.3



def clear_caches() -> None:
    """Empty every text cache the parser and the differ keep."""
    clear_text_caches()


def amended(original: Edition, text: str, seed: int, count: int, noise_rate: float) -> Edition:
    rng = random.Random(seed)
    kinds = [rng.choice(AMENDMENTS) for _ in range(count)]
    generated = generate_edition(original, text, rng, kinds, noise_rate=noise_rate,
                                 provision_amendments=PROVISION_AMENDMENTS)
    return parse_edition(generated.text, f"generated-{seed}")


def everything_changed(original: Edition) -> Edition:
    positions = [
        replace(p, title=p.title + " (жаңа)",
                requirements=replace(p.requirements, duties=p.requirements.duties + " Жаңа міндет."))
        for p in original.positions
    ]
    return replace(original, positions=tuple(assign_ids(positions)))


def main() -> None:
    original_text = ORIGINAL.read_text(encoding="utf-8")
    original = parse_edition(original_text, str(ORIGINAL))
    published = parse_edition(PUBLISHED.read_text(encoding="utf-8"), str(PUBLISHED))
    cases = [
        ("bundled pair (repeal)", published),
        ("12 amendments", amended(original, original_text, 1, 12, 0.0)),
        ("40 amendments + noise", amended(original, original_text, 2, 40, 0.2)),
    ]
    cases.append(("every title and duty changed", everything_changed(original)))

    def baseline() -> None:
        clear_caches()
        parse_edition(original_text, "baseline")

    def compare(new: Edition) -> Callable[[], object]:
        def run() -> None:
            clear_caches()
            compare_editions(original, new)

        return run

    base = median_seconds(baseline, RUNS)
    rows = []
    for name, new in cases:
        c = compare_editions(original, new)
        s = c.summary
        similar = sum(1 for e in c.positions if getattr(e, "stage", "") == "similar")
        what = f"{s.added}+ {s.removed}- {s.changed}~ {similar} by similarity"
        rows.append((name, median_seconds(compare(new), RUNS), what))

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "amendtrack", "diff", str(ORIGINAL), str(PUBLISHED)]

    def cli() -> None:
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    cli_s = median_seconds(cli, CLI_RUNS)

    print(f"machine: {platform.machine()} · {platform.python_implementation()} {platform.python_version()} · "
          f"{os.cpu_count()} CPUs")
    print(f"editions: {len(original.positions)} positions each; median of {RUNS} runs, caches emptied per run")
    print(f"{'what':<48}{'median':>10}{'× baseline':>12}  result")
    print(f"{'baseline: parse_edition (one edition)':<48}{base * 1000:>8.1f} ms{1:>12.2f}")
    for name, seconds, what in rows:
        print(f"{'compare_editions, ' + name:<48}{seconds * 1000:>8.1f} ms{seconds / base:>12.2f}  {what}")
    print(f"{'amendtrack diff (whole command, bundled)':<48}{cli_s * 1000:>8.1f} ms{cli_s / base:>12.2f}"
          f"  median of {CLI_RUNS}")
    slowest = max(seconds for _, seconds, _ in rows)
    verdict = "met" if slowest < TARGET_S else "NOT met"
    print(f"target: compare_editions < {TARGET_S * 1000:.0f} ms on every case: {verdict}")


if __name__ == "__main__":
    main()
