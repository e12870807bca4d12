"""The words the report pages use for the data's codes (statuses, kinds, fields).

One place, so a page and its JSON never disagree on what a code is called.  The
words are the English msgids; each lookup gives them in the interface language in
effect (amendtrack/i18n.py), so the catalogues translate them.
"""

from __future__ import annotations

from collections.abc import Mapping

from amendtrack.i18n import N_, TranslatedLabels

# Field order on a card: what the position is, where it sits, then its requirements
# in the order the act prints them.
FIELD_ORDER: tuple[str, ...] = ("title", "category", "unit", "education", "competence", "experience", "duties")
FIELD_LABELS: Mapping[str, str] = TranslatedLabels({
    "title": N_("Title"),
    "category": N_("Category"),
    "unit": N_("Unit"),
    "education": N_("Education"),
    "competence": N_("Professional competence"),
    "experience": N_("Practical experience"),
    "duties": N_("Functional duties"),
})
STATUS_LABELS: Mapping[str, str] = TranslatedLabels({
    "added": N_("Added"),
    "removed": N_("Removed"),
    "changed": N_("Changed"),
    "unchanged": N_("Unchanged"),
    "repealed": N_("Repealed"),
    "absent": N_("Not in this edition"),
    "in_force": N_("In force"),
})
# The act's status as the data codes it (edition@1 "status"), in words.
ACT_STATUS_WORDS: Mapping[str, str] = TranslatedLabels({"in_force": N_("in force"), "repealed": N_("repealed")})
POSITION_STATUSES: tuple[str, ...] = ("added", "removed", "changed", "unchanged", "repealed")
# "small" is the differ's tag for a typo-sized change (one or two letters): still
# substantive, because the official text changed, but a reviewer may filter it.
KIND_LABELS: Mapping[str, str] = TranslatedLabels({
    "substantive": N_("substantive"),
    "small": N_("typo-sized"),
    "editorial": N_("editorial"),
    "reordering": N_("word order only"),
    "added": N_("added"),
    "removed": N_("removed"),
    "annotation": N_("publisher's annotation"),
})
ACT_FIELD_LABELS: Mapping[str, str] = TranslatedLabels({
    "title": N_("Title of the act"),
    "issuer": N_("Issuer"),
    "act_type": N_("Type of act"),
    "number": N_("Number"),
    "date": N_("Date"),
    "registration": N_("Registration"),
    "status": N_("Status"),
    "status_text": N_("Publisher's status line"),
    "repeal_text": N_("Publisher's repeal sentence"),
    "notes": N_("Publisher's editorial notes"),
})
MATCH_LABELS: Mapping[str, str] = TranslatedLabels({
    "identical": N_("identical text"),
    "title": N_("same title in the same unit"),
    "similar": N_("similar title and requirements"),
})
UNIT_ACTION_LABELS: Mapping[str, str] = TranslatedLabels({"added": N_("Unit added"), "removed": N_("Unit removed"), "changed": N_("Unit changed")})
LEDGER_LABELS: Mapping[str, str] = TranslatedLabels({
    "unplaced": N_("Text the parser could not place"),
    "parse_warning": N_("Parser warning"),
    "unparsed_note": N_("Editorial note that could not be read"),
    "note_warning": N_("Notes that disagree"),
    "history_warning": N_("History finding"),
    "unread_fact": N_("Requirement not read as facts"),
})

# What the extraction did to a text, for the reader beside it (amendtrack/parse/repairs.py).
# "scrambled" is the one kind shown as extracted; the others were repaired.
REPAIR_EXPLANATIONS: Mapping[str, str] = TranslatedLabels({
    "scrambled": N_(
        "Damaged by the PDF extraction (source {lines}): commas, closing quotes and some words were moved "
        "to other lines. The text is shown as extracted; check the word order against the official publication."
    ),
    "page_break": N_("Runs across a page break of the source (blank {lines}); read as one text."),
    "displaced_label": N_(
        "After a page break the source printed the row label {labels} inside this text ({lines}); "
        "it is left out of the text."
    ),
    "letter_spacing": N_("Printed letter-spaced in the source ({lines}); the letters are joined."),
    "label_missing": N_("The source prints no label for this text; it was placed by its content (from {lines})."),
})
