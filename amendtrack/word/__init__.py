"""Word documents (.docx, WordprocessingML): one module per job.

* `package` opens the zip safely (size, entry-count, name, encryption and macro
  checks) and parses its XML with entity resolution and network access off;
* `reader` turns ``word/document.xml`` into the `layout.Document` blocks and
  those into the text lines the parser reads (the same lines a .txt edition has);
* `layout` lays an `Edition` (or a comparison) out as blocks: the act's text,
  annex headings, unit headings, each position as a title and a two-column
  criteria/requirements table, and turns blocks back into text lines;
* `redline` aligns two editions' blocks and marks every substantive difference
  as a tracked insertion or deletion, word by word;
* `writer` writes blocks as a .docx package (document, styles, comments).

lxml is imported only here, and only when a Word document is read or written,
so commands that never touch .docx do not pay for it.
"""
