"""Extraction damage recorded per field (amendtrack/parse/repairs.py), and shown on the position page.

The counts are those of the seed's catalogue of artefacts
(/work/shared/notes/seed-artifacts.md, section c), counted there by reading the
file: page breaks inside fields (30 competence, 27 duties, 16 experience), 37
displaced labels, one missing duties label (seq 55, line 2871) and 27 scrambled
competence blocks.
"""

from __future__ import annotations

from collections import Counter

from amendtrack.formats.edition_json import edition_from_dict, edition_to_dict
from amendtrack.model import LineSpan, Repair


def _count(seed, kind):
    return Counter(r.field for p in seed.positions for r in p.repairs if r.kind == kind)


def test_page_breaks_inside_fields_are_those_of_the_catalogue(seed):
    assert _count(seed, "page_break") == {"competence": 30, "duties": 27, "experience": 16}


def test_displaced_labels_are_the_37_of_the_catalogue(seed):
    assert _count(seed, "displaced_label") == {"competence": 13, "experience": 10, "duties": 14}
    # Line 299: the competence text starts at 291, its label stands at 299.
    (found,) = [r for p in seed.positions for r in p.repairs if r.kind == "displaced_label" and r.lines.first == 299]
    assert found == Repair("competence", "displaced_label", LineSpan(299, 299), "Кәсіби құзыреттілігі")


def test_the_missing_duties_label_of_seq_55(seed):
    missing = [(p.seq, r) for p in seed.positions for r in p.repairs if r.kind == "label_missing"]
    assert missing == [(55, Repair("duties", "label_missing", LineSpan(2871, 2871)))]


def test_scrambled_competence_blocks_are_the_27_of_the_catalogue(seed):
    scrambled = sorted({p.seq for p in seed.positions for r in p.repairs if r.kind == "scrambled"})
    assert scrambled == [1, 7, 13, 19, 25, 32, 38, 44, 49, 56, 62, 68, 75, 81, 87, 93, 99, 105, 110, 115,
                         121, 127, 133, 138, 143, 148, 152]
    # Seq 2 wraps a closing quote to a line start (139: "» Конституциялық …") and reads
    # in order: an honest wrap, not the scramble.
    assert not [r for r in seed.positions[1].repairs if r.kind == "scrambled"]
    first = seed.positions[0]
    assert [r.lines for r in first.repairs if r.kind == "scrambled"] == [LineSpan(79, 85)]


def test_letter_spacing_is_found_where_the_text_prints_it(seed, seed_text):
    lines = seed_text.split("\n")
    assert lines[105] == "к е м  е м е с ;"  # line 106
    owner = next(p for p in seed.positions if p.lines.first <= 106 <= p.lines.last)
    assert Repair("experience", "letter_spacing", LineSpan(106, 106)) in owner.repairs


def test_repairs_survive_the_json_round_trip(seed):
    assert edition_from_dict(edition_to_dict(seed)) == seed
    assert edition_to_dict(seed)["positions"][0]["repairs"][0] == {
        "field": "competence", "kind": "scrambled", "lines": [79, 85], "detail": None}


def test_the_position_page_shows_the_lead_in_and_flags_the_damage():
    from amendtrack.history.corpus import load_history
    from amendtrack.report import render_position_history_html
    from tests.test_report import REPO, text_of, tree_of

    h = load_history(REPO / "corpus", None)
    page = tree_of(render_position_history_html(h, h.lineages[0]))
    first = page.xpath("//article")[0]
    experience = first.xpath('.//dl[@class="requirements"]/dt[.="Practical experience"]/following-sibling::dd[1]')[0]
    # The lead-in is what makes the items alternatives.
    assert text_of(experience.xpath('p[@class="lead-in"]')[0]) == (
        "Жұмыс тәжірибесі келесі талаптардың біріне сәйкес болуы тиіс:")
    assert len(experience.xpath("ol/li")) == 6
    competence = first.xpath('.//dl[@class="requirements"]/dt[.="Professional competence"]/following-sibling::dd[1]')[0]
    flag = competence.xpath('p[contains(@class, "repair-scrambled")]')
    assert len(flag) == 1
    assert "source lines 75–81" in text_of(flag[0]) and "shown as extracted" in text_of(flag[0])
    assert "«Мемлекеттік қызмет туралы,,,»" in text_of(competence.xpath("p")[0])
