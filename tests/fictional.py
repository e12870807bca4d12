"""A copy of the bundled corpus with a FICTIONAL third edition, for tests of what a
lawyer reads (issue 15).

The copy holds the bundled original (2014-04-09) and the repealed text
(2015-11-16) as they are, and between them an edition said to be produced by
"Order No. 50 of 2015-03-01, applying from 2015-03-15".  That order does not
exist: its text is made by `tests.support.generate.generate_edition` from the
original edition (fixed seed), and the manifest and the issuer's name say that
it is fictional.
"""

from __future__ import annotations

import functools
import hashlib
import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FICTIONAL_DATE = "2015-03-01"
FICTIONAL_APPLIES = "2015-03-15"
FICTIONAL_NUMBER = "50"
FICTIONAL_ISSUER = "Ойдан шығарылған министр (fictional test issuer)"

_EXPRESSION = f"""
# FICTIONAL: no Order No. 50 of 2015-03-01 exists.  tests/fictional.py made this
# edition with tests.support.generate from the original edition.
[[work.expression]]
file = "V1400009344/kk/{FICTIONAL_DATE}.txt"
sha256 = "{{sha}}"
language = "kk"
status = "in_force"
produced_by = {{{{ issuer = "{FICTIONAL_ISSUER}", type = "бұйрық", number = "{FICTIONAL_NUMBER}", date = {FICTIONAL_DATE} }}}}
applies_from = {{{{ on = {FICTIONAL_APPLIES}, basis = "fictional: point 2 of the made-up Order No. 50 (tests/fictional.py)" }}}}
"""


@functools.lru_cache(maxsize=1)
def fictional_text() -> str:
    """The fictional edition's text: the original with generated amendments (fixed seed)."""
    from amendtrack.parse.edition import parse_edition
    from tests.support.generate import AMENDMENTS, generate_edition

    path = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
    text = path.read_text(encoding="utf-8")
    return generate_edition(parse_edition(text, "original.txt"), text, random.Random(50), AMENDMENTS).text


def write_fictional_corpus(folder: Path) -> Path:
    """Copy the bundled corpus into `folder` and add the fictional edition; returns `folder`."""
    shutil.copytree(REPO / "corpus", folder)
    data = fictional_text().encode("utf-8")
    (folder / "V1400009344" / "kk" / f"{FICTIONAL_DATE}.txt").write_bytes(data)
    manifest = folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    # Insert before the repealed edition, so the manifest stays in date order.
    at = text.index("# The published repealed edition.")
    addition = _EXPRESSION.format(sha=hashlib.sha256(data).hexdigest())
    manifest.write_text(text[:at] + addition.lstrip("\n") + "\n" + text[at:], encoding="utf-8")
    assert re.search(r'number = "50", date = 2015-03-01', manifest.read_text(encoding="utf-8"))
    return folder
