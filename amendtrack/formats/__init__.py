"""The outputs other than the HTML reports: the JSON documents and the terminal texts.

Modules, in the order the data flows:

==================  ============================================================
``edition_json``    The edition model as JSON (`amendtrack/edition@1`) and back.
``outline``         A readable outline of a parsed edition, for the terminal (`amendtrack parse`).
``redline_text``    A comparison as text for the terminal: the summary, then each changed position with a compact word redline.
``history_text``    The history and as-of answers for people (terminal text).
``history_json``    The history and as-of answers for programs (`amendtrack/history@1`, `amendtrack/asof@1`).
``history_output``  Both, re-exported for older imports.
``drift_output``    `amendtrack drift` output: text for a terminal, JSON (`amendtrack/drift@1`) and CSV.
``diff_json``       The ``amendtrack/diff@1`` JSON of a `Comparison` (docs/json-diff.md).
==================  ============================================================
"""
