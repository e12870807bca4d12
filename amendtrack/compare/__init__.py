"""Two editions -> a `Comparison`: word diffs, matching, change records, directions.

Modules, in the order the data flows:

==================  ============================================================
``textdiff``        Word-level diffs of position texts: the one adapter around diff-match-patch.
``match``           Matching positions (and units) across two editions of an act.
``direction``       The direction of a change: did an amendment make a requirement stricter or looser?
``provision_diff``  What changed in the act's own text: provision by provision (parse/provisions.py).
``records``         The change records of a comparison: one small frozen type per kind of change, and `Comparison`.
``differ``          What changed between two editions, position by position: the differ.
==================  ============================================================
"""
