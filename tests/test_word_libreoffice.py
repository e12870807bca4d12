"""Every .docx we write, opened by a real client: LibreOffice Writer, headless.

LibreOffice (Debian's ``libreoffice-writer-nogui``; .ci/run installs it) opens our
documents three ways:

* ``soffice --convert-to fodt``: the flat ODF shows the tracked changes it
  imported (``text:changed-region``), the comments (``office:annotation``) and
  their author;
* tests/lo_resolve.py, through LibreOffice's own UNO bridge: the Review menu's
  "Accept All" and "Reject All" (.uno:AcceptAllTrackedChanges /
  .uno:RejectAllTrackedChanges), each result saved as text and compared,
  paragraph by paragraph, with the editions' texts -- the real client doing the
  real thing, not our reading of its file format;
* ``soffice --convert-to pdf`` and pdftoppm: pages to look at.

LibreOffice joins neighbouring changes of one author and date into one region,
so its region count is at most our count of change elements, never more.
LibreOffice 7.4 headless loses its UNO bridge loading a document with comments
(``--convert-to`` is not affected), so Accept/Reject All run on a copy without
the comments part; comments are not text of either edition.

Each soffice gets its own profile (-env:UserInstallation), so parallel runs do not
collide.  Rendered pages go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from amendtrack.parse.edition import parse_file
from amendtrack.word.documents import edition_docx
from amendtrack.word.layout import Para, edition_blocks, resolve
from tests.test_word import NEW, OLD, REPO, _content, _redline, amended_text

ARTIFACTS = REPO / "tests" / "artifacts"
SOFFICE = shutil.which("soffice")
PDFTOPPM = shutil.which("pdftoppm")

pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) not found: apt-get install -y libreoffice-writer-nogui")

def soffice(args: list[str], workdir: Path) -> None:
    profile = workdir / "lo-profile"
    cmd = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", *args]
    done = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def lo(tmp_path_factory):
    """Our documents, and what LibreOffice made of them (fodt, docx from text, pdf)."""
    work = tmp_path_factory.mktemp("libreoffice")
    amended = work / "amended.txt"
    amended.write_text(amended_text(), encoding="utf-8")
    made = {}
    for name, (old, new) in {"repeal": (OLD, NEW), "amendment": (OLD, amended)}.items():
        comparison, doc = _redline(old, new)
        (work / f"{name}.docx").write_bytes(doc.data)
        made[name] = (comparison, doc)
    (work / "export.docx").write_bytes(edition_docx(parse_file(str(NEW))))
    shutil.copy(NEW, work / "seed.txt")
    out = work / "out"
    soffice(["--convert-to", "fodt", "--outdir", str(out), "repeal.docx", "amendment.docx", "export.docx"], work)
    soffice(["--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", "docx:MS Word 2007 XML",
             "--outdir", str(out), "seed.txt"], work)
    soffice(["--convert-to", "pdf", "--outdir", str(out), "repeal.docx", "amendment.docx"], work)
    return work, out, made


# ---------------------------------------------------------------- LibreOffice's Accept All / Reject All

UNO_PYTHON = "/usr/bin/python3"
LO_RESOLVE = REPO / "tests" / "lo_resolve.py"


def _has_uno() -> bool:
    if not Path(UNO_PYTHON).exists():
        return False
    return subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


def _without_comments(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if name == "word/comments.xml":
                continue
            part = src.read(name)
            if name == "word/document.xml":
                part = re.sub(rb'<w:commentRange(?:Start|End) w:id="\d+"/>', b"", part)
                part = re.sub(rb'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                              rb'<w:commentReference w:id="\d+"/></w:r>', b"", part)
            elif name in ("[Content_Types].xml", "word/_rels/document.xml.rels"):
                part = re.sub(rb'<Override PartName="/word/comments.xml"[^>]*/>', b"", part)
                part = re.sub(rb'<Relationship Id="rId2"[^>]*/>', b"", part)
            dst.writestr(name, part)
    return out.getvalue()


def lo_accept_reject(work: Path, name: str, data: bytes) -> tuple[list[str], list[str]]:
    """The non-empty paragraphs after LibreOffice's Accept All and Reject All."""
    source = work / f"{name}-nocomments.docx"
    source.write_bytes(_without_comments(data))
    accepted, rejected = work / f"{name}-accepted.txt", work / f"{name}-rejected.txt"
    done = subprocess.run([UNO_PYTHON, str(LO_RESOLVE), str(work / f"uno-{name}"), str(source),
                           str(accepted), str(rejected)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]

    def paragraphs(path: Path) -> list[str]:
        return [" ".join(line.split()) for line in path.read_text(encoding="utf-8-sig").split("\n") if line.strip()]

    return paragraphs(accepted), paragraphs(rejected)


def our_paragraphs(blocks) -> list[str]:
    """The non-empty paragraphs of blocks, table cells included, in document order."""
    out = []
    for b in blocks:
        paras = [b] if isinstance(b, Para) else [p for r in b.rows for c in r.cells for p in c.paras]
        out += [" ".join(p.text.split()) for p in paras if p.text.strip()]
    return out


@pytest.mark.parametrize("name", ["repeal", "amendment"])
def test_libreoffice_sees_our_tracked_changes_and_comments(lo, name):
    work, out, made = lo
    comparison, doc = made[name]
    fodt = out / f"{name}.fodt"
    text = fodt.read_text(encoding="utf-8")
    regions = text.count("<text:changed-region")
    assert 0 < regions <= doc.tracked_changes
    if name == "repeal":
        # The status line; the repeal sentence and the note after it, one insertion
        # (redline.shift_marks); the header sentence's style kept on rejection.
        assert regions == 3
    assert text.count("<office:annotation>") + text.count("<office:annotation ") == doc.redline.comments
    assert re.findall(r"<dc:creator>([^<]*)</dc:creator>", text)[0] == doc.revision.author


@pytest.mark.skipif(not _has_uno(), reason=f"{UNO_PYTHON} cannot import uno: apt-get install -y python3-uno")
@pytest.mark.parametrize("name", ["repeal", "amendment"])
def test_libreoffice_accept_all_and_reject_all_give_the_two_editions(lo, name):
    work, _, made = lo
    comparison, doc = made[name]
    accepted, rejected = lo_accept_reject(work, name, doc.data)
    summary = our_paragraphs(doc.summary)
    assert accepted[: len(summary)] == rejected[: len(summary)] == summary
    assert accepted[len(summary):] == our_paragraphs(edition_blocks(comparison.new))
    assert rejected[len(summary):] == our_paragraphs(resolve(doc.redline.blocks, accept=False))
    if name == "repeal":  # nothing editorial differs: reject all is the 2014 edition itself
        assert rejected[len(summary):] == our_paragraphs(edition_blocks(comparison.old))


def test_libreoffice_opens_a_clean_export_with_no_changes(lo):
    _, out, _ = lo
    text = (out / "export.fodt").read_text(encoding="utf-8")
    assert "<text:changed-region" not in text
    assert text.count("<table:table ") == len(parse_file(str(NEW)).positions)


def test_a_docx_libreoffice_makes_from_the_seed_text_parses_like_the_text(lo):
    _, out, _ = lo
    from_word = parse_file(str(out / "seed.docx"))
    from_text = parse_file(str(NEW))
    assert len(from_word.positions) == 152
    assert _content(from_word) == _content(from_text)
    # One paragraph per line: even the line numbers agree.
    assert [p.lines for p in from_word.positions] == [p.lines for p in from_text.positions]


@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm not found: apt-get install -y poppler-utils")
@pytest.mark.parametrize("name", ["repeal", "amendment"])
def test_libreoffice_renders_the_redline(lo, name):
    work, out, _ = lo
    pdf = out / f"{name}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    ARTIFACTS.mkdir(exist_ok=True)
    # Page 1 is the summary; page 2 starts the act's text with its first tracked changes.
    prefix = ARTIFACTS / f"redline-{name}"
    subprocess.run([PDFTOPPM, "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf), str(prefix)],
                   check=True, timeout=120)
    pages = sorted(ARTIFACTS.glob(f"redline-{name}-*.png"))
    assert len(pages) == 2 and all(p.stat().st_size > 5000 for p in pages)
