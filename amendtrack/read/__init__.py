"""Reading edition files: the bounded read, what kind of file, which encoding, the text.

Modules, in the order the data flows:

============  ============================================================
``files``     The bounded read: a file's bytes, refused before reading unless it is a small regular file.
``sniff``     What kind of file the bytes are: text, HTML, a PDF or office document, UTF-16 without a BOM.
``encoding``  Which encoding an edition file is in, and the refusal of text decoded in the wrong one.
``text``      An edition file as text: the bounded read, the sniff, the encoding, the refusals of damaged text.
============  ============================================================
"""
