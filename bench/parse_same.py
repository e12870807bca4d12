"""The same texts parsed by this tree and by an earlier commit: the editions must be the same bytes.

A parser made quicker must give the same edition on every text, not only on the
bundled corpus (the golden files).  This script makes texts the tests never see,

* amendment sets made by the generator (`tests.support.generate`: 1 to 15
  amendments of every kind, directed ones included, with layout noise on none,
  a fifth, half or all of the positions), from either bundled edition, and
* the published seed with 5 to 60 kinds of extraction damage at random lines at
  once (`tests.support.damage`: page breaks, letter-spacing of lines and of
  their tails, spaces, Latin look-alikes, en dashes, joined lines, split labels,
  stray numbers), where the sweep (bench/sweep.py) does one at a time,

parses each with both trees, each in a process of its own, and compares the
SHA-256 of each edition's JSON (`formats.edition_json.edition_to_json`), or of
its error.  The earlier commit is exported with ``git archive`` into a temporary
folder; nothing in the repository changes.  Exit status 1 when any text differs.

Run from the repository root::

    python3 bench/parse_same.py --against 70bdab0             # 300 + 300 texts
    python3 bench/parse_same.py --against 70bdab0 --texts 50
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from amendtrack.parse.edition import parse_edition  # noqa: E402
from tests.support import damage  # noqa: E402
from tests.support.generate import (  # noqa: E402
    AMENDMENTS,
    DIRECTED_AMENDMENTS,
    NOISE,
    generate_edition,
)

ORIGINAL = ROOT / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
PUBLISHED = ROOT / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"

# Run in each tree (PYTHONPATH): one line per text, its name and the digest of what the parse gave.
DIGESTS = r'''
import hashlib, sys
from pathlib import Path
from amendtrack.formats.edition_json import edition_to_json
from amendtrack.parse.edition import parse_edition
for path in sorted(Path(sys.argv[1]).iterdir()):
    try:
        out = edition_to_json(parse_edition(path.read_text(encoding="utf-8"), path.name))
    except Exception as exc:  # the same error in both trees is the same answer
        out = f"error {type(exc).__name__}: {exc}"
    print(path.name, hashlib.sha256(out.encode("utf-8")).hexdigest())
'''


def generated_texts(folder: Path, count: int) -> None:
    """`count` amendment sets with layout noise, from the original and the published edition in turn."""
    bases = []
    for path in (ORIGINAL, PUBLISHED):
        text = path.read_text(encoding="utf-8")
        bases.append((parse_edition(text, str(path)), text))
    for k in range(count):
        rng = random.Random(1000 + k)
        edition, text = bases[k % 2]
        kinds = [rng.choice(AMENDMENTS + DIRECTED_AMENDMENTS) for _ in range(rng.randint(1, 15))]
        made = generate_edition(edition, text, rng, kinds, noise=NOISE, noise_rate=rng.choice([0.0, 0.2, 0.5, 1.0]))
        (folder / f"generated-{k:04d}.txt").write_text(made.text, encoding="utf-8")


def _damage_once(lines: list[str], rng: random.Random) -> list[str]:
    at = rng.randrange(1, len(lines) - 2)
    kind = rng.choice(["page_break", "letter_space", "tail", "spaces", "latin", "dash", "join", "split", "stray"])
    if kind == "page_break":
        return damage.page_break(lines, at)
    if kind == "letter_space":
        return damage.letter_space(lines, at)
    if kind == "tail":
        return damage.letter_space(lines, at, tail_words=2)
    if kind == "spaces":
        return damage.spaces(lines, at, rng.choice(["leading", "trailing", "doubled"]))
    if kind == "latin":
        return damage.latin_lookalikes(lines, at)
    if kind == "dash":
        return damage.en_dash(lines, at)
    if kind == "join":
        return damage.join_lines_at(lines, at)
    if kind == "split":
        return damage.split_label(lines, at)
    return damage.stray_number(lines, at)


def damaged_texts(folder: Path, count: int) -> None:
    """`count` copies of the published seed, each with 5 to 60 damages at random lines."""
    seed = PUBLISHED.read_text(encoding="utf-8").split("\n")
    for k in range(count):
        rng = random.Random(5000 + k)
        lines = list(seed)
        for _ in range(rng.randint(5, 60)):
            try:
                lines = list(_damage_once(lines, rng))
            except (ValueError, IndexError):
                pass  # a damage that does not fit its line (no label to split, no hyphen): the next one
        (folder / f"damaged-{k:04d}.txt").write_text("\n".join(lines), encoding="utf-8")


def digests(tree: Path, texts: Path) -> dict[str, str]:
    out = subprocess.run([sys.executable, "-c", DIGESTS, str(texts)], cwd=tree, env={"PYTHONPATH": str(tree)},
                         capture_output=True, text=True, check=True).stdout
    return dict(line.split(" ", 1) for line in out.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", required=True, help="the earlier commit")
    parser.add_argument("--texts", type=int, default=300, help="texts of each kind (default 300)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before, texts = Path(tmp, "before"), Path(tmp, "texts")
        before.mkdir()
        texts.mkdir()
        archive = subprocess.run(["git", "archive", args.against], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
        generated_texts(texts, args.texts)
        damaged_texts(texts, args.texts)
        old, new = digests(before, texts), digests(ROOT, texts)
    differ = sorted(name for name in new if old.get(name) != new[name])
    print(f"{len(new)} texts ({args.texts} generated, {args.texts} damaged): "
          f"{len(new) - len(differ)} parsed the same by {args.against} and this tree, {len(differ)} differently")
    for name in differ:
        print(f"  differs: {name}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
