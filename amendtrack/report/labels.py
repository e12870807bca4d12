"""The words the report pages use for the data's codes (statuses, kinds, fields).

One place, so a page and its JSON never disagree on what a code is called.
"""

from __future__ import annotations

from collections.abc import Mapping

# Field order on a card: what the position is, where it sits, then its requirements
# in the order the act prints them.
FIELD_ORDER: tuple[str, ...] = ("title", "category", "unit", "education", "competence", "experience", "duties")
FIELD_LABELS: Mapping[str, str] = {
    "title": "Title",
    "category": "Category",
    "unit": "Unit",
    "education": "Education",
    "competence": "Professional competence",
    "experience": "Practical experience",
    "duties": "Functional duties",
}
STATUS_LABELS: Mapping[str, str] = {
    "added": "Added",
    "removed": "Removed",
    "changed": "Changed",
    "unchanged": "Unchanged",
    "repealed": "Repealed",
    "absent": "Not in this edition",
    "in_force": "In force",
}
# The act's status as the data codes it (edition@1 "status"), in words.
ACT_STATUS_WORDS: Mapping[str, str] = {"in_force": "in force", "repealed": "repealed"}
POSITION_STATUSES: tuple[str, ...] = ("added", "removed", "changed", "unchanged", "repealed")
# "small" is the differ's tag for a typo-sized change (one or two letters): still
# substantive, because the official text changed, but a reviewer may filter it.
KIND_LABELS: Mapping[str, str] = {
    "substantive": "substantive",
    "small": "typo-sized",
    "editorial": "editorial",
    "reordering": "word order only",
    "added": "added",
    "removed": "removed",
    "annotation": "publisher's annotation",
}
ACT_FIELD_LABELS: Mapping[str, str] = {
    "title": "Title of the act",
    "issuer": "Issuer",
    "act_type": "Type of act",
    "number": "Number",
    "date": "Date",
    "registration": "Registration",
    "status": "Status",
    "status_text": "Publisher's status line",
    "repeal_text": "Publisher's repeal sentence",
    "notes": "Publisher's editorial notes",
}
MATCH_LABELS: Mapping[str, str] = {
    "identical": "identical text",
    "title": "same title in the same unit",
    "similar": "similar title and requirements",
}
UNIT_ACTION_LABELS: Mapping[str, str] = {"added": "Unit added", "removed": "Unit removed", "changed": "Unit changed"}
LEDGER_LABELS: Mapping[str, str] = {
    "unplaced": "Text the parser could not place",
    "parse_warning": "Parser warning",
    "unparsed_note": "Editorial note that could not be read",
    "note_warning": "Notes that disagree",
    "history_warning": "History finding",
    "unread_fact": "Requirement not read as facts",
}

# What the extraction did to a text, for the reader beside it (amendtrack/parse/repairs.py).
# "scrambled" is the one kind shown as extracted; the others were repaired.
REPAIR_EXPLANATIONS: Mapping[str, str] = {
    "scrambled": (
        "Damaged by the PDF extraction (source {lines}): commas, closing quotes and some words were moved "
        "to other lines. The text is shown as extracted; check the word order against the official publication."
    ),
    "page_break": "Runs across a page break of the source (blank {lines}); read as one text.",
    "displaced_label": (
        "After a page break the source printed the row label {labels} inside this text ({lines}); "
        "it is left out of the text."
    ),
    "letter_spacing": "Printed letter-spaced in the source ({lines}); the letters are joined.",
    "label_missing": "The source prints no label for this text; it was placed by its content (from {lines}).",
}
