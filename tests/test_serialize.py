"""The edition JSON round-trips, so it can serve as the store's format."""

from __future__ import annotations

import json

from amendtrack.formats.edition_json import edition_from_dict, edition_to_dict, edition_to_json
from amendtrack.model import Edition


def test_round_trip(seed: Edition) -> None:
    assert edition_from_dict(json.loads(edition_to_json(seed))) == seed


def test_positions_in_document_order_with_unit_fields(seed: Edition) -> None:
    d = edition_to_dict(seed)
    assert [p["seq"] for p in d["positions"]] == list(range(1, 153))
    p = d["positions"][151]
    assert (p["annex"], p["unit_number"], p["subunit"]) == (2, "16", None)
    assert p["category"] == "С-R-4" and p["category_printed"] == "С-R-4"  # line 7460, as printed
