"""The commands that write files for others: report (the HTML pages of a corpus), derive."""

from __future__ import annotations

import hashlib
import io
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from amendtrack.cli.common import (
    DEFAULT_CORPUS,
    LANG_HELP,
    STRICT_HELP,
    CLIError,
    cli_language,
    interface_language_of,
    long_lived_model,
    no_default_corpus,
    refuse_warnings,
    user_errors,
)
from amendtrack.errors import InputError
from amendtrack.i18n import gettext as _
from amendtrack.i18n import interface_language

DEFAULT_REPORTS = "reports"


def _check_output_folder(folder: str) -> None:
    """Refuse, before any work, a report folder that a file stands in the way of.

    :raises CLIError: `folder` is a file, or a folder it would be created in is one.
    """
    probe = os.path.normpath(folder)
    while probe and not os.path.lexists(probe):
        probe = os.path.dirname(probe)
    if not probe or os.path.isdir(probe):
        return  # creatable; a permission or disk problem shows when writing
    if probe == os.path.normpath(folder):
        raise CLIError(_("%(path)s: is a file, not a folder; -o names the folder to write the reports into")
                       % {"path": folder})
    raise CLIError(_("%(path)s: cannot be created: %(file)s is a file, not a folder") % {"path": folder, "file": probe})


def _corpus_languages(corpus: str) -> tuple[str, ...]:
    """The languages of the corpus's works, from its manifest (cheap: no edition is
    read); none when the manifest cannot be read, which the load reports in full."""
    from amendtrack.history.manifest import find_manifest, load_manifest

    try:
        manifest = load_manifest(find_manifest(corpus))
    except (InputError, OSError):
        return ()
    return tuple(language for work in manifest.works for language in work.languages)


@click.command()
@click.argument("corpus", required=False, metavar="[CORPUS]")
@click.option("-o", "--output", "out_dir", metavar="DIR", default=DEFAULT_REPORTS, show_default=True,
              help="The folder to write the pages into (created when missing; files are replaced atomically).")
@click.option("--generated-at", metavar="TEXT",
              help="A generation time to print on every page.  Default: none, so the same corpus always "
                   "gives the same bytes.")
@click.option("--db", metavar="PATH",
              help="The store of parsed editions (default: $XDG_CACHE_HOME/amendtrack/store.sqlite3).")
@click.option("--no-store", is_flag=True, help="Parse every edition, neither reading nor writing the store.")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@click.option("--lang", "lang", metavar="ru|kk|en", help=LANG_HELP)
def report(corpus: str | None, out_dir: str, generated_at: str | None, db: str | None, no_store: bool,
           strict: bool, lang: str | None) -> None:
    """Write the HTML reports of a corpus into DIR (default: reports/).

    index.html lists every act, its editions with their dates and the acts
    that produced them, what each amendment changed, every position, and what
    the tool could not place or read.  Each consecutive pair of editions gets
    a redline page, and each position a history page.  Pages are
    self-contained (open them from disk) and the same corpus gives the same
    bytes.  Pages an earlier run wrote into DIR and this one does not are
    removed (DIR/.amendtrack-report lists them); other files in DIR are kept.

    \b
    Examples:
      amendtrack report
      amendtrack report corpus -o /tmp/reports
      amendtrack report --lang ru -o /tmp/reports-ru
    """
    # Only what a run with nothing to do needs: the pages' modules (jinja2) come after.
    from amendtrack.history.store import open_store
    from amendtrack.report.incremental import (
        folder_is_intact,
        folder_key,
        make_state,
        recorded_pages,
        run_key,
        unchanged_on_disk,
    )

    index = os.path.join(out_dir, "index.html")
    with user_errors():
        if corpus is None:
            if not os.path.isdir(DEFAULT_CORPUS):
                raise CLIError(no_default_corpus())
            corpus = DEFAULT_CORPUS
        _check_output_folder(out_dir)  # before the work, not after it
        language = interface_language_of(lang, _corpus_languages(corpus))
        store = open_store(db, enabled=not no_store)
        # The pages are built and rendered as they are written: all of it in the language.
        with interface_language(language):
            try:
                # With a store, only what changed is redone (report/incremental.py).
                key = run_key(corpus, {"generated_at": generated_at, "strict": strict, "lang": language}) if store else None
                state = store.get_report_state(folder_key(out_dir)) if store else None
                recorded = recorded_pages(state)
                if key is not None and state is not None and state.get("run") == key and \
                        folder_is_intact(out_dir, recorded):
                    with interface_language(cli_language()):
                        click.echo(_("Nothing changed: the %(count)s pages in %(folder)s are up to date: open %(index)s")
                                   % {"count": len(recorded), "folder": out_dir + os.sep, "index": index})
                    return
                from amendtrack.report import plan_report
                from amendtrack.report.folder import (
                    load_report_histories,
                    write_report_folder,
                )
                from amendtrack.report.render_pool import page_renderers

                with long_lived_model():
                    histories = load_report_histories(corpus, store)
                if strict:
                    refuse_warnings(e.edition for h in histories for e in h.editions)
                pages = plan_report(histories, generated_at=generated_at)
                # A page is rendered when its file is written (write_many_atomic calls
                # its function), and only its UTF-8 bytes are kept, until written:
                # holding every page at once was most of the peak memory.
                to_render: list[tuple[Any, str | None]] = []
                unchanged: list[str] = []
                written: dict[str, tuple[str, str]] = {}
                for page in pages:
                    make_fingerprint = getattr(page, "fingerprint", None) if store is not None else None
                    # The same data in another interface language is another page.
                    fingerprint = f"{language}:{make_fingerprint()}" if make_fingerprint else None
                    same = unchanged_on_disk(out_dir, page.path, fingerprint, recorded)
                    if same is not None:
                        unchanged.append(page.path)
                        written[page.path] = same
                    else:
                        to_render.append((page, fingerprint))
                # The bar on a terminal only: elsewhere click prints its label as a line
                # of its own, and stderr must hold nothing but warnings and the error.
                bar_file = sys.stderr if sys.stderr.isatty() else io.StringIO()
                # Pages are rendered by worker processes a few pages ahead of the writer
                # where that pays (report/render_pool.py).
                with page_renderers([page for page, _ in to_render], language) as renderers, \
                        click.progressbar(length=len(to_render), label="Writing reports", file=bar_file) as bar:
                    files = {page.path: _page_maker(page.path, render, fingerprint, written)
                             for (page, fingerprint), render in zip(to_render, renderers, strict=True)}
                    makers = {path: _with_progress(make, bar) for path, make in files.items()}
                    try:
                        # The index goes last (plan_report puts it there): whoever sees the
                        # new index finds the new pages it links to.
                        done = write_report_folder(out_dir, makers, unchanged)
                    except OSError as exc:
                        # The folder, not exc.filename: that is often a hidden temporary file the user never asked for.
                        with interface_language(cli_language()):
                            problem = _("%(path)s: cannot write the reports: %(reason)s") % {
                                "path": out_dir, "reason": exc.strerror or exc}
                        raise CLIError(problem) from None
                if store is not None:
                    # Only pages whose file is exactly what was written are recorded.
                    kept_pages = {p: v for p, v in written.items() if p not in done.kept}
                    store.put_report_state(folder_key(out_dir), make_state(key, kept_pages))
            finally:
                if store is not None:
                    store.close()
    if done.removed:
        shown = ", ".join(done.removed[:3])
        if len(done.removed) > 3:
            shown = _("%(first)s and %(more)s more") % {"first": shown, "more": len(done.removed) - 3}
        click.echo(_("Removed %(count)s pages an earlier run wrote and this one does not: %(pages)s")
                   % {"count": len(done.removed), "pages": shown})
    for rel in done.kept:
        click.echo(_("warning: %(path)s: an earlier run wrote it, but it is no longer its page; kept")
                   % {"path": os.path.join(out_dir, rel)}, err=True)
    if unchanged:
        click.echo(_("Wrote %(count)s pages to %(folder)s (%(unchanged)s unchanged, not rewritten): open %(index)s")
                   % {"count": len(files), "folder": out_dir + os.sep, "unchanged": len(unchanged), "index": index})
    else:
        click.echo(_("Wrote %(count)s pages to %(folder)s: open %(index)s")
                   % {"count": len(files), "folder": out_dir + os.sep, "index": index})


def _page_maker(path: str, render: Callable[[], str], fingerprint: str | None,
                written: dict[str, tuple[str, str]]) -> Callable[[], bytes]:
    """A function rendering a page to UTF-8 that records its fingerprint and SHA-256 in `written`."""

    def make() -> bytes:
        data = render().encode("utf-8")
        if fingerprint is not None:
            written[path] = (fingerprint, hashlib.sha256(data).hexdigest())
        return data

    return make


def _with_progress(make: Callable[[], bytes], bar: Any) -> Callable[[], bytes]:
    def made() -> bytes:
        data = make()
        bar.update(1)
        return data

    return made


@click.command()
@click.argument("published", type=click.Path(dir_okay=True, path_type=str))
@click.option("-o", "--output", required=True, metavar="FILE",
              help="Where to write the original edition (atomically).")
def derive(published: str, output: str) -> None:
    """Write the original edition of a repealed act: PUBLISHED without the repeal annotations.

    PUBLISHED is the published text of a repealed act (UTF-8).  The publisher's
    status line, repeal sentence and repeal note are removed and every other
    byte is kept; an amendment note is an error, since the result would mix
    editions (see amendtrack/history/derive.py).

    \b
    Examples:
      amendtrack derive corpus/V1400009344/kk/2015-11-16.txt -o corpus/V1400009344/kk/2014-04-09.txt
    """
    from amendtrack.history.derive import derive_original
    from amendtrack.read.files import read_bounded
    from amendtrack.write import write_atomic

    with user_errors():
        raw = read_bounded(published, adjustable=False)
        try:
            # Not decode_edition: that normalises, and the derived file must keep every byte.
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(published, f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        write_atomic(output, derive_original(text, source=published).encode("utf-8"))

