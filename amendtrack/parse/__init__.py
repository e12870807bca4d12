"""Text -> model: an edition's regions, header, annexes, positions, fields, notes and facts.

Modules, in the order the data flows:

==============  ============================================================
``edition``     The plain-text reader: an edition's published text → `model.Edition`.
``vocabulary``  The printed vocabulary of the genre, in Kazakh and Russian.
``headings``    Unit headings and position titles.
``fields``      Split a position's body into its four requirement fields.
``ids``         Position ids: unique within an edition, and unchanged while the position's own text is.
``accounting``  Lossless accounting: every word of the input is somewhere in the model.
``notes``       The publisher's editorial notes (Ескерту / Сноска), read as amendment events.
``events``      The publisher's notes on an act, read into amendment events.
``facts``       Requirement facts: years of experience and education read as data beside the text.
``provisions``  The act's own text as addressable provisions: everything of an edition that is not a position.
``repairs``     Where the PDF extraction damaged a position's text, field by field.
==============  ============================================================
"""
