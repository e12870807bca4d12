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


def test_a_warning_keeps_its_message_through_the_json(seed: Edition) -> None:
    # The store keeps editions as this JSON; a report in Kazakh, built from the store,
    # shows the parser's warnings in Kazakh only if the message survives the round trip.
    back = edition_from_dict(json.loads(edition_to_json(seed)))
    missing = [w for w in seed.warnings if w.said is not None and w.said != back.warnings[seed.warnings.index(w)].said]
    assert missing == []
    duties = next(w for w in back.warnings if w.line == 2871)
    assert duties.message == ("the functional duties label is missing; "
                              "the functional duties text was read from line 2871 by its content")
    from amendtrack.i18n import interface_language
    assert duties.said is not None
    with interface_language("kk"):
        assert duties.said.translated() == ("«функционалдық міндеттері» өлшемшартының атауы жоқ; "
                                            "«функционалдық міндеттері» мәтіні 2871-жолдан мазмұны бойынша оқылды")
