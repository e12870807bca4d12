"""Benchmark: parsing one seed-sized edition in-process (issue target: median < 0.2 s).

Run from the repository root: ``python3 bench/bench_parse.py``.  Prints medians of
several runs, cold (empty text caches, as for the first edition a process reads) and warm, next to a
baseline measured in the same run: reading the file and splitting it into lines
(the least any parser must do), so the ratio is comparable across machines.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import clear_text_caches, median_seconds  # noqa: E402
from amendtrack.parse import facts  # noqa: E402
from amendtrack.parse.edition import parse_edition  # noqa: E402

SEED = Path(__file__).resolve().parent.parent / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"
RUNS = 9



def main() -> None:
    text = SEED.read_text(encoding="utf-8")

    def baseline() -> None:
        SEED.read_text(encoding="utf-8").splitlines()

    def cold() -> None:
        clear_text_caches()
        parse_edition(text, "seed")

    def warm() -> None:
        parse_edition(text, "seed")

    edition = parse_edition(text, "seed")

    def facts_cold() -> None:
        # Facts are not part of parsing (they are read on demand from the model):
        # their cost, for every position of the edition, is shown beside it.
        facts.facts_of.cache_clear()
        facts.read_item.cache_clear()
        facts.read_education.cache_clear()
        for p in edition.positions:
            facts.facts_of(p.requirements)

    base = median_seconds(baseline, RUNS)
    cold_s = median_seconds(cold, RUNS)
    warm_s = median_seconds(warm, RUNS)
    print(f"machine: {platform.machine()} · {platform.python_implementation()} {platform.python_version()}")
    print(f"input: {SEED.name}, {len(text):,} characters, {text.count(chr(10)):,} lines; median of {RUNS} runs")
    print(f"{'what':<34}{'median':>10}{'× baseline':>12}")
    print(f"{'baseline: read + split lines':<34}{base * 1000:>8.1f} ms{1:>12.0f}")
    print(f"{'parse_edition, cold caches':<34}{cold_s * 1000:>8.1f} ms{cold_s / base:>12.0f}")
    print(f"{'parse_edition, warm caches':<34}{warm_s * 1000:>8.1f} ms{warm_s / base:>12.0f}")
    facts_s = median_seconds(facts_cold, RUNS)
    print(f"{'facts of all positions, cold':<34}{facts_s * 1000:>8.1f} ms{facts_s / base:>12.0f}")
    verdict = "met" if cold_s < 0.2 else "NOT met"
    print(f"target: cold parse < 200 ms: {verdict}")


if __name__ == "__main__":
    main()
