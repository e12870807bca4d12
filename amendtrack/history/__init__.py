"""A corpus of editions: its manifest, the store, lineages across editions, as-of, drift.

Modules, in the order the data flows:

=====================  ============================================================
``manifest``           The corpus manifest: which acts (works) and editions (expressions) the corpus holds.
``derive``             Recover an act's original edition from its published repealed text.
``store``              A SQLite store of parsed editions and of their alignments, so that a second run neither parses nor matches again.
``corpus``             Loading a corpus: its manifest, every edition's bytes checked, each edition parsed once.
``parallel``           Parse a corpus's new editions in parallel, into the store, before it is loaded.
``lineage``            The versioned position model: an act's editions, the acts that produced them, and each position's life across them.
``bounds``             The dates a history can rely on: every bound the sources give, and why.
``provenance``         Which edition a text is: its date, the act that produced it, and from when it applies.
``drift``              Requirement drift: how the bar moved across an act's editions, per category code.
``provision_history``  One provision of the order across its editions (``history --provision``), and the order's provisions in force on a day (``asof``).
=====================  ============================================================
"""
