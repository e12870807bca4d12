"""Test and benchmark tooling shared by tests/ and bench/ (not part of the runtime package).

Modules, in the order the data flows:

=======================  ============================================================
``generate``             An amendment generator, for tests and benchmarks: a new edition's TEXT with chosen amendments and chosen layout noise, plus what a correct differ must report.
``generate_provisions``  Amendments of the order's own text, for the generator (tests/support/generate.py).
``damage``               The layout damage the PDF extraction does, as pure functions on lines.
``sweep``                Metamorphic cases for the parser: every kind of extraction damage (`damage`) at every place of an edition where it can occur, and the check that the damaged text parses to the same model.
=======================  ============================================================
"""
