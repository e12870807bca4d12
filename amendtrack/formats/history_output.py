"""The history and as-of answers: formats/history_text.py (people) and formats/history_json.py (programs).

Kept so that older imports (report/plan.py imports `history_to_dict` from here)
keep working; new code imports the module it needs.
"""

from __future__ import annotations

from amendtrack.formats.history_json import (
    AS_OF_SCHEMA,
    HISTORY_SCHEMA,
    as_of_to_dict,
    history_to_dict,
    matches_to_dict,
)
from amendtrack.formats.history_text import (
    as_of_headline,
    render_as_of,
    render_history,
    render_matches,
    render_position,
)

__all__ = [
    "AS_OF_SCHEMA",
    "HISTORY_SCHEMA",
    "as_of_headline",
    "as_of_to_dict",
    "history_to_dict",
    "matches_to_dict",
    "render_as_of",
    "render_history",
    "render_matches",
    "render_position",
]
