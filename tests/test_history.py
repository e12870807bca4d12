"""The versioned position model: events from notes, lineages, and what applied on a day."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from amendtrack.dates import LegalDate
from amendtrack.formats.edition_json import edition_from_dict, edition_to_dict, edition_to_json
from amendtrack.formats.history_output import (
    as_of_to_dict,
    history_to_dict,
    render_as_of,
    render_history,
    render_position,
)
from amendtrack.history.corpus import load_corpus, load_history
from amendtrack.history.as_of import State, as_of
from amendtrack.history.lineage import History, build_history, find_positions
from amendtrack.history.manifest import Expression
from amendtrack.model import Edition
from amendtrack.parse.edition import parse_edition
from amendtrack.parse.events import read_act_notes
from amendtrack.parse.notes import CitingAct
from tests.conftest import REPO

CORPUS = REPO / "corpus"
ORIGINAL = CORPUS / "V1400009344" / "kk" / "2014-04-09.txt"

# The header sentence and the note of the published repealed text (lines 9-12), as the parser joins them.
HEADER_SENTENCE = ("Күші жойылды - Казақстан Республикасы Ішкі істер министрінің 2015 жылғы 16 қарашадағы "
                   "№ 927 бұйрығымен")
NOTE = "Ескерту. Бұйрықтың күші жойылды - КР Ішкі істер министрінің 16.11.2015 жылғы бұйрығымен.№ 927"


@pytest.fixture(scope="module")
def history() -> History:
    return load_history(CORPUS, None)


def day(text: str) -> date:
    return date.fromisoformat(text)


# ================================================================ events


def test_the_repeal_reported_twice_is_one_event_with_both_texts(seed: Edition) -> None:
    assert seed.act.repeal_text == HEADER_SENTENCE and seed.act.notes == (NOTE,)
    notes = read_act_notes(seed.act)
    (recorded,) = notes.events
    assert recorded.source == "note"
    assert recorded.event.text == NOTE
    assert recorded.also_in == (("header", HEADER_SENTENCE),)
    ev = recorded.event
    assert (ev.action, ev.target) == ("repealed", "act")
    assert (ev.citing_act.number, ev.citing_act.date) == ("927", date(2015, 11, 16))
    assert notes.remarks == () and notes.unread == () and notes.warnings == ()


def test_edition_json_carries_events_and_still_round_trips(seed: Edition) -> None:
    act = edition_to_dict(seed)["act"]
    assert act["notes"] == [NOTE]
    assert act["events"] == [{
        "text": NOTE,
        "target": "act",
        "action": "repealed",
        "citing_act": {"issuer": "КР Ішкі істер министрінің", "type": "бұйрығымен", "number": "927",
                       "date": "2015-11-16"},
        "effective": None,
        "from": "note",
        "also_in": [{"from": "header", "text": HEADER_SENTENCE}],
    }]
    assert act["remarks"] == [] and act["unread_notes"] == [] and act["note_warnings"] == []
    assert edition_from_dict(json.loads(edition_to_json(seed))) == seed


def test_the_original_edition_has_no_events() -> None:
    original = parse_edition(ORIGINAL.read_text(encoding="utf-8"), str(ORIGINAL))
    act = edition_to_dict(original)["act"]
    assert (act["notes"], act["repeal_text"], act["events"]) == ([], None, [])


def test_header_and_note_citing_different_acts_stay_two_events_with_a_warning(seed: Edition) -> None:
    other = NOTE.replace("16.11.2015", "17.11.2015")
    notes = read_act_notes(dataclasses.replace(seed.act, notes=(other,)))
    assert [(e.source, e.event.citing_act.date) for e in notes.events] == [
        ("note", date(2015, 11, 17)), ("header", date(2015, 11, 16))]
    assert tuple(map(str, notes.warnings)) == (
        "the header's repeal sentence cites act No. 927 of 2015-11-16, a note cites No. 927 of 2015-11-17",)


def test_unread_notes_and_remarks_are_kept_never_dropped(seed: Edition) -> None:
    unreadable = "Ескерту. Бұйрыққа бірдеңе болды."
    remark = "РҚАО ескертпесі. Бұйрықтың мәтіні түпнұсқаға сәйкес келтірілді."
    # Two notes glued into one paragraph are split first, so each is read on its own.
    amended = ("Ескерту. 2-қосымша жаңа редакцияда - ҚР Ішкі істер министрінің 01.02.2015 № 55 бұйрығымен. "
               "Ескерту. 3-тармақ алып тасталды - ҚР Ішкі істер министрінің 02.03.2015 № 66 бұйрығымен.")
    act = dataclasses.replace(seed.act, notes=(unreadable, remark, amended), repeal_text=None)
    notes = read_act_notes(act)
    assert notes.remarks == (remark,)
    (unread,) = notes.unread
    assert (unread.source, unread.text, unread.reason) == ("note", unreadable, "no action recognised")
    assert [(e.event.target, e.event.action, e.event.citing_act.number) for e in notes.events] == [
        ("annex_2", "new_wording", "55"), ("point_3", "excluded", "66")]
    d = edition_to_dict(dataclasses.replace(seed, act=act))["act"]
    assert d["notes"] == [unreadable, remark, amended]
    assert d["unread_notes"] == [{"from": "note", "text": unreadable, "reason": "no action recognised"}]
    assert d["remarks"] == [remark]


def test_a_header_sentence_alone_is_an_event_from_the_header(seed: Edition) -> None:
    (recorded,) = read_act_notes(dataclasses.replace(seed.act, notes=())).events
    assert (recorded.source, recorded.event.text, recorded.also_in) == ("header", HEADER_SENTENCE, ())


# ================================================================ the bundled corpus


def test_timeline_of_the_bundled_corpus(history: History) -> None:
    original, repealed = history.editions
    assert (original.index, original.date, original.in_force) == (1, date(2014, 4, 9), True)
    assert (repealed.index, repealed.date, repealed.in_force) == (2, date(2015, 11, 16), False)
    # The manifest's date, and the bounds the corpus adds (amendtrack/history/bounds.py):
    # published after registration, in force ten days later at the earliest, and
    # published by the repealing order's date at the latest.
    assert original.applies_from == LegalDate.unknown(
        after=date(2014, 4, 18), rule="ten calendar days after first official publication",
        basis=original.expression.applies_from.basis)
    entry = history.entry_into_force
    assert entry is not None and entry == original.takes_effect
    assert (entry.not_before, entry.lower_exclusive, entry.not_after, entry.upper_exclusive) == (
        date(2014, 4, 29), False, date(2015, 11, 27), False)
    assert entry.rule == "ten calendar days after first official publication"
    repeal = history.repeal
    assert repeal is not None and repeal.edition == 2
    assert (repeal.act.number, repeal.act.date, repeal.act.issuer) == (
        "927", date(2015, 11, 16), "Қазақстан Республикасы Ішкі істер министрі")
    assert repeal.effective.describe().startswith("unknown (on or after 2015-11-16;")
    (event,) = repeal.events
    assert event.event.text == NOTE and event.also_in == (("header", HEADER_SENTENCE),)
    assert history.warnings == ()


def test_every_position_is_in_force_from_entry_into_force_until_the_repeal(history: History) -> None:
    assert len(history.lineages) == len(history.editions[0].edition.positions) == 152
    for lineage in history.lineages:
        assert [a.edition for a in lineage.appearances] == [1, 2]
        first, record = lineage.appearances
        assert first.change == "introduced"
        assert (record.change, record.stage, record.changes) == ("unchanged", "identical", ())
        assert lineage.introduced_in == 1
        assert lineage.in_force_from == history.entry_into_force
        assert lineage.ending is not None
        assert (lineage.ending.kind, lineage.ending.edition, lineage.ending.act.number) == ("repealed", 2, "927")
        assert lineage.ending.date == history.repeal.effective  # type: ignore[union-attr]
    # Lineages follow document order of the edition that introduced them.
    assert [g.appearances[0].position.seq for g in history.lineages] == list(range(1, 153))


# ---------------------------------------------------------------- as of a day


@pytest.mark.parametrize(
    ("when", "states"),
    [
        ("2014-04-09", ["not_yet_in_force"]),
        ("2014-04-15", ["not_yet_in_force"]),
        # "after 2014-04-18": the registration day itself is certainly too early.
        ("2014-04-18", ["not_yet_in_force"]),
        # Published after registration, in force ten days after publication at the earliest:
        ("2014-04-20", ["not_yet_in_force"]),
        ("2014-04-28", ["not_yet_in_force"]),
        ("2014-04-29", ["not_yet_in_force", "in_force"]),
        # Published by 2015-11-16 (the repealing order's date), so in force by 2015-11-27;
        # the repeal's entry into force has no later bound:
        ("2015-01-01", ["not_yet_in_force", "in_force"]),
        ("2015-11-15", ["not_yet_in_force", "in_force"]),
        ("2015-11-16", ["not_yet_in_force", "in_force", "repealed"]),
        ("2015-11-17", ["not_yet_in_force", "in_force", "repealed"]),
        ("2015-11-27", ["not_yet_in_force", "in_force", "repealed"]),
        ("2015-11-28", ["in_force", "repealed"]),
        ("2016-01-01", ["in_force", "repealed"]),
    ],
)
def test_as_of_on_the_bundled_corpus_never_narrows_an_unknown(history: History, when: str,
                                                              states: list[str]) -> None:
    result = as_of(history, day(when))
    assert [s.kind for s in result.states] == states
    assert result.answer == (states[0] if len(states) == 1 else "uncertain")


def test_conditions_name_the_unknown_dates(history: History) -> None:
    result = as_of(history, day("2015-11-17"))
    entry, repeal = result.transitions
    assert result.undecided == (0, 1)
    assert result.conditions(State("not_yet_in_force")) == ((entry, False),)
    assert result.conditions(State("in_force", 1)) == ((entry, True), (repeal, False))
    assert result.conditions(State("repealed")) == ((repeal, True),)


def _bounded(history: History) -> History:
    """The bundled history with hypothetical upper bounds on both unknown dates.

    Not facts: the corpus gives no such bounds.  They show what a manifest with
    bounds (e.g. from the publication dates) makes certain.
    """
    (e1, e2) = history.editions
    entry = LegalDate.unknown(after=date(2014, 4, 18), on_or_before=date(2014, 5, 31), basis="hypothetical")
    repeal = LegalDate.unknown(on_or_after=date(2015, 11, 16), on_or_before=date(2015, 12, 31), basis="hypothetical")
    return build_history(history.work, "kk", [
        (dataclasses.replace(e1.expression, applies_from=entry), e1.edition),
        (dataclasses.replace(e2.expression, applies_from=repeal), e2.edition),
    ])


@pytest.mark.parametrize(
    ("when", "states"),
    [
        ("2014-04-15", ["not_yet_in_force"]),
        ("2014-04-20", ["not_yet_in_force", "in_force"]),
        ("2015-01-01", ["in_force"]),
        ("2015-11-17", ["in_force", "repealed"]),
        ("2016-01-01", ["repealed"]),
    ],
)
def test_with_bounds_the_answers_become_certain(history: History, when: str, states: list[str]) -> None:
    result = as_of(_bounded(history), day(when))
    assert [s.kind for s in result.states] == states


def test_certain_answers_as_text(history: History) -> None:
    bounded = _bounded(history)
    in_force = render_as_of(bounded, as_of(bounded, day("2015-01-01"))).splitlines()
    assert in_force[4] == (
        "As of 2015-01-01: in force (edition 1 of 2014-04-09) (certain): Order No. 161 of 2014-04-09 entered into "
        "force between 2014-04-19 and 2014-05-31, and the repeal by Order No. 927 of 2015-11-16 took effect later, "
        "between 2015-11-16 and 2015-12-31.")
    assert "Positions in force (152):" in in_force
    assert in_force.count("  [С-3] Министрдің көмекшісі · annex 1, 1. Хатшылық · pa6ce6beb87") == 1
    repealed = render_as_of(bounded, as_of(bounded, day("2016-01-01"))).splitlines()
    assert repealed[4:6] == [
        "As of 2016-01-01: repealed by Order No. 927 of 2015-11-16 (certain): the repeal by Order No. 927 of "
        "2015-11-16 took effect between 2015-11-16 and 2015-12-31.",
        "  Order No. 927 of 2015-11-16, Қазақстан Республикасы Ішкі істер министрі; the repeal took effect on "
        "a date the corpus does not give: unknown (on or after 2015-11-16; on or before 2015-12-31; "
        "basis: hypothetical).",
    ]
    assert not any(line.startswith("Positions in force") for line in repealed)


def test_as_of_json_lists_positions_per_possible_state(history: History) -> None:
    d = as_of_to_dict(history, as_of(history, day("2015-01-01")))
    assert d["schema"] == "amendtrack/asof@1" and d["answer"] == "uncertain"
    assert [p["state"] for p in d["possible"]] == ["not_yet_in_force", "in_force"]
    in_force = d["possible"][1]
    assert in_force["edition"]["index"] == 1 and len(in_force["positions"]) == 152
    assert in_force["if"] == [{"act": history.edition(1).produced_by.to_dict(), "leads_to": "in_force",
                               "took_effect_by_date": True}]
    assert [u["date"]["description"][:29] for u in d["undecided"]] == ["unknown (on or after 2014-04-"]


# ================================================================ an amendment


@pytest.fixture(scope="module")
def amended() -> History:
    """The original, and a hypothetical amendment of it (Order No. 999, not a real act).

    The amendment adds the words "және сақтау" to the duties of the first
    position (line 117), deletes the fifth position's block ("Сарапшы", lines
    280-315) and carries the note citing it.
    """
    loaded = load_corpus(CORPUS, None)
    first = loaded.editions[0]
    lines = ORIGINAL.read_text(encoding="utf-8").split("\n")
    assert lines[116].endswith("хаттамаларын жүргізу, ") and lines[279] == "Сарапшы, С-5 санаты"
    lines[116] = lines[116].replace("хаттамаларын жүргізу,", "хаттамаларын жүргізу және сақтау,")
    del lines[279:315]
    lines.insert(8, "      Ескерту. 1-қосымшаға өзгеріс енгізілді - ҚР Төтенше жағдайлар министрінің "
                    "01.01.2015 № 999 бұйрығымен.")
    second = parse_edition("\n".join(lines), "amended.txt", "0" * 64)
    act = CitingAct("Қазақстан Республикасы Төтенше жағдайлар министрі", "бұйрық", "999", date(2015, 1, 1))
    expression = Expression("V1400009344/kk/2015-01-01.txt", "0" * 64, "kk", "in_force", act,
                            LegalDate.known(date(2015, 1, 11)))
    return build_history(loaded.work, "kk", [(first.expression, first.edition), (expression, second)])


def test_an_amendment_changes_one_position_and_removes_another(amended: History) -> None:
    assert len(amended.editions[1].edition.positions) == 151
    assert amended.repeal is None and amended.warnings == ()
    changed = [g for g in amended.lineages if g.changed_in]
    assert [(g.key, g.changed_in) for g in changed] == [("pa6ce6beb87", (2,))]
    (duties,) = changed[0].appearances[1].changes
    assert duties.field == "duties" and duties.substantive
    assert duties.old == amended.editions[0].edition.positions[0].requirements.duties
    assert duties.new.replace(" және сақтау,", ",") == duties.old
    assert changed[0].ids == ("pa6ce6beb87", changed[0].appearances[1].position.id)
    removed = [g for g in amended.lineages if g.ending is not None]
    assert [g.latest.title for g in removed] == ["Сарапшы"]
    ending = removed[0].ending
    assert ending is not None
    assert (ending.kind, ending.edition, ending.act.number, ending.date) == (
        "removed", 2, "999", LegalDate.known(date(2015, 1, 11)))
    still = [g for g in amended.lineages if g.ending is None]
    assert len(still) == 151


def test_amendment_as_text(amended: History) -> None:
    lines = render_history(amended).splitlines()
    assert "     event: amended (annex_1) by Order No. 999 of 2015-01-01" in lines
    assert "     151 positions (1 changed, 150 unchanged, 1 removed)" in lines
    assert ("  in force from the act's entry into force (edition 1 of 2014-04-09) until removed by Order No. 999 of "
            "2015-01-01 (edition 2 of 2015-01-01): 1") in lines
    assert ("  in force from the act's entry into force (edition 1 of 2014-04-09), still in force in the last edition "
            "of the corpus: 151") in lines
    (changed,) = find_positions(amended, "pa6ce6beb87")
    text = render_position(amended, changed).splitlines()
    assert any(line.startswith("Edition 2 · 2015-01-01 · in force · changed (matched: title, score ") for line in text)
    (redline,) = [line for line in text if line.startswith("  duties (substantive): ")]
    assert "Министрде өтетін кеңес хаттамаларын жүргізу{+ және сақтау+}, Минитсрге келіп" in redline
    (removed,) = find_positions(amended, "pc81a53e3db")
    assert render_position(amended, removed).splitlines()[-3] == (
        "Ended: removed by Order No. 999 of 2015-01-01, Қазақстан Республикасы Төтенше жағдайлар министрі, "
        "effective 2015-01-11")


def test_a_later_edition_taking_effect_proves_the_act_was_in_force(amended: History) -> None:
    # The original's entry into force is unknown, but edition 2 took effect on
    # 2015-01-11 and editions take effect in order: on 2015-02-01 edition 2 applied.
    assert [s for s in as_of(amended, day("2015-02-01")).states] == [State("in_force", 2)]
    assert [s.kind for s in as_of(amended, day("2015-01-10")).states] == ["not_yet_in_force", "in_force"]


def test_a_missing_note_for_the_amending_act_is_a_warning(amended: History) -> None:
    e1, e2 = amended.editions
    act = dataclasses.replace(e2.edition.act, notes=())
    rebuilt = build_history(amended.work, "kk", [(e1.expression, e1.edition),
                                                 (e2.expression, dataclasses.replace(e2.edition, act=act))])
    assert tuple(map(str, rebuilt.warnings)) == (
        "edition 2 of 2015-01-01, amended.txt: no note of this edition cites the act that produced it, "
        "Order No. 999 of 2015-01-01",)
    from amendtrack.i18n import interface_language
    with interface_language("ru"):
        assert rebuilt.warnings[0].translated() == (
            "редакция 2 от 2015-01-01, amended.txt: ни одна сноска этой редакции не ссылается на акт, которым "
            "она внесена (Приказ № 999 от 2015-01-01)")


# ================================================================ finding a position


def test_find_by_id_exact_title_and_words(history: History) -> None:
    assert [g.key for g in find_positions(history, "pa6ce6beb87")] == ["pa6ce6beb87"]
    assert [g.key for g in find_positions(history, "  министрдің КӨМЕКШІСІ ")] == ["pa6ce6beb87"]
    # Words begin title words: Kazakh adds endings ("директоры").
    directors = find_positions(history, "директор")
    assert len(directors) == 8 and {g.latest.title for g in directors} == {"Департамент директоры"}
    assert len(find_positions(history, "Департамент директоры")) == 8
    # An exact title wins over titles that merely contain it.
    assert {g.latest.title for g in find_positions(history, "Басқарма басшысы")} == {"Басқарма басшысы"}
    # A category code first or last narrows by category, in Cyrillic or Latin letters.
    experts = find_positions(history, "сарапшысы")
    assert {g.latest.category.code for g in experts} == {"С-4", "С-5"}
    five = find_positions(history, "сарапшысы С-5")
    assert set(five) == {g for g in experts if g.latest.category.code == "С-5"}
    assert find_positions(history, "C-5 сарапшысы") == five  # Latin C
    # The one position titled exactly "Сарапшы" wins over the titles containing the word.
    assert [g.key for g in find_positions(history, "сарапшы")] == ["pc81a53e3db"]
    assert find_positions(history, "ғарышкер") == ()
    assert find_positions(history, "  ") == ()


def test_history_json_summarises_every_lineage(history: History) -> None:
    d = history_to_dict(history)
    assert d["schema"] == "amendtrack/history@1"
    assert [e["in_force"] for e in d["editions"]] == [True, False]
    assert d["repeal"]["act"]["number"] == "927" and d["repeal"]["effective"]["known"] is False
    assert len(d["positions"]) == 152
    first = d["positions"][0]
    assert (first["id"], first["editions"], first["introduced_in"], first["changed_in"]) == (
        "pa6ce6beb87", [1, 2], 1, [])
    assert first["ending"]["kind"] == "repealed" and first["ending"]["act"]["number"] == "927"
    assert json.dumps(d, ensure_ascii=False) == json.dumps(history_to_dict(history), ensure_ascii=False)


def test_amended_lineage_json_has_requirements_per_edition_and_the_redline(amended: History) -> None:
    (g,) = find_positions(amended, "pa6ce6beb87")
    d = history_to_dict(amended, g)["position"]
    assert [a["change"] for a in d["appearances"]] == ["introduced", "changed"]
    req = [a["position"]["requirements"]["duties"] for a in d["appearances"]]
    assert "жүргізу және сақтау," not in req[0] and "жүргізу және сақтау," in req[1]
    (change,) = d["appearances"][1]["changes"]
    assert change["field"] == "duties" and "хаттамаларын жүргізу{+ және сақтау+}, Минитсрге" in change["redline"]


def test_stored_corpus_gives_the_same_history(tmp_path: Path, history: History) -> None:
    from amendtrack.history.store import EditionStore

    with EditionStore.open(tmp_path / "s.sqlite3") as store:
        load_history(CORPUS, store)
        warm = load_history(CORPUS, store)
    assert history_to_dict(warm) == history_to_dict(history)
