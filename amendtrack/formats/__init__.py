"""The outputs other than the HTML reports: the JSON documents and the terminal texts.

Modules, in the order the data flows:

==================  ============================================================
``edition_json``    The edition model as JSON (`amendtrack/edition@1`) and back.
``outline``         A readable outline of a parsed edition, for the terminal (`amendtrack parse`).
``redline_text``    A comparison as text for the terminal: the summary, then each changed position with a compact word redline.
``history_output``  The history and as-of answers for people (terminal text) and programs (JSON).
``drift_output``    `amendtrack drift` output: text for a terminal, JSON (`amendtrack/drift@1`) and CSV.
``diff_json``       The ``amendtrack/diff@1`` JSON of a `Comparison` (docs/json-diff.md).
==================  ============================================================
"""
