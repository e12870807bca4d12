"""The interface in Russian, Kazakh and English (issue 15): complete catalogues,
pages with no English left in the interface, the act's text as printed.

The catalogues are amendtrack/locale/{ru,kk}/LC_MESSAGES/amendtrack.po; after
changing a message, run `python3 -m tests.i18n_catalogue --write`, translate what
it reports as untranslated, and run it again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from amendtrack import i18n
from amendtrack.cli import cli
from tests import i18n_catalogue

REPO = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def _placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


@pytest.fixture(scope="module")
def template():
    return i18n_catalogue.extracted()


@pytest.mark.parametrize("language", i18n_catalogue.TRANSLATED)
def test_the_catalogue_translates_every_message_the_code_and_templates_use(template, language):
    catalog = i18n_catalogue.read_catalog(language)
    missing, broken = [], []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = () if found is None else found.string if isinstance(found.string, tuple) else (found.string,)
        if found is None or found.fuzzy or not strings or not all(strings):
            missing.append(message.id)
            continue
        wanted = _placeholders(message.id[0] if isinstance(message.id, tuple) else message.id)
        if any(_placeholders(s) != wanted for s in strings):
            broken.append(message.id)
    assert missing == [], f"{language}: untranslated (python3 -m tests.i18n_catalogue --write): {missing[:5]}"
    assert broken == [], f"{language}: placeholders differ from the message: {broken[:5]}"


def test_no_kazakh_message_is_the_russian_one_copied():
    # The Kazakh catalogue once carried the Russian wording of the ten-day rule, shown on
    # every Kazakh page: a test of letters cannot see it (Kazakh has every Russian
    # letter), an equal translation can.  Short strings (a code, a number pattern) may agree.
    russian = i18n_catalogue.read_catalog("ru")
    copied = []
    for message in i18n_catalogue.read_catalog("kk"):
        other = russian.get(message.id) if message.id else None
        if other is None or not message.string:
            continue
        words = re.findall(r"[^\W\d_]{2,}", re.sub(r"%\(\w+\)[sd]|&\w+;", " ", str(message.string)))
        if len(words) >= 2 and message.string == other.string:
            copied.append(message.id)
    assert copied == []


def test_the_compiled_catalogues_are_those_of_the_po_files():
    assert i18n_catalogue.main([]) == 0, "run python3 -m tests.i18n_catalogue --write and commit the .po and .mo"


def test_russian_plurals_take_three_forms_and_kazakh_nouns_none():
    with i18n.interface_language("ru"):
        shown = [i18n.ngettext("Show %(num)d position", "Show %(num)d positions", n) % {"num": n} for n in (1, 3, 5, 21)]
    assert shown == ["Показать 1 должность", "Показать 3 должности", "Показать 5 должностей", "Показать 21 должность"]
    with i18n.interface_language("kk"):
        shown = [i18n.ngettext("Show %(num)d position", "Show %(num)d positions", n) % {"num": n} for n in (1, 152)]
    assert shown == ["1 лауазымды көрсету", "152 лауазымды көрсету"]


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown interface language 'de'"):
        with i18n.interface_language("de"):
            pass


# ---------------------------------------------------------------- pages


def _report(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Path:
    out = tmp_path / "reports"
    result = CliRunner().invoke(cli, ["report", str(REPO / "corpus"), "-o", str(out), "--no-store", *args],
                                env=env)
    assert result.exit_code == 0, result.output
    return out


PAGES = ("index.html", "V1400009344/kk/diff-2014-04-09-2015-11-16.html", "V1400009344/kk/drift.html",
         "V1400009344/kk/positions/pa6ce6beb87.html")
# Latin words an interface in any language shows: the program's name, the file
# format, and the hash's name.
LATIN_ALLOWED = {"amendtrack", "PDF", "SHA"}


def _interface_text(page: Path) -> str:
    """The page's visible words that are the interface's: without the act's text (its
    language's elements), the English reasoning marked lang="en", file names, ids and
    hashes, scripts and styles."""
    root = html.parse(str(page)).getroot()
    for element in root.xpath('//script | //style | //*[@lang and @lang != /html/@lang]'
                              ' | //*[contains(concat(" ", @class, " "), " path ")]'
                              ' | //*[contains(concat(" ", @class, " "), " code ")]'
                              ' | //*[contains(concat(" ", @class, " "), " sha ")]'):
        element.drop_tree()
    return " ".join(root.text_content().split())


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_report_pages_have_no_english_left_in_the_interface(tmp_path, language):
    out = _report(tmp_path, "--lang", language)
    for name in PAGES:
        root = html.parse(str(out / name)).getroot()
        assert root.get("lang") == language, name
        text = _interface_text(out / name)
        latin = sorted({w for w in re.findall(r"[A-Za-z]{3,}", text)} - LATIN_ALLOWED)
        assert latin == [], f"{language} {name}: English left in the interface: {latin[:12]}"
        # And the act's text is there as printed, in an element saying it is Kazakh.
        assert root.xpath('//*[@lang="kk"]'), name


@pytest.mark.parametrize(("language", "said"), [
    ("ru", "после его государственной регистрации 2014-04-18"),
    ("kk", "2014-04-18 мемлекеттік тіркелгеннен кейін"),
    ("en", "after its state registration on 2014-04-18"),
])
def test_the_reasoning_behind_a_date_is_in_the_page_s_language(tmp_path, language, said):
    # history/bounds.py works out the entry into force from the registration date and the
    # ten-day rule; its reasons reach the page in the page's language, not marked English.
    out = _report(tmp_path, "--lang", language)
    root = html.parse(str(out / "index.html")).getroot()
    bases = [" ".join(b.text_content().split()) for b in root.xpath('//*[@class="date-basis"]')]
    reasoned = [b for b in bases if said in b]
    assert reasoned, bases
    untranslated = root.xpath('//*[@class="date-basis"]//*[@lang="en"]')
    # Only the manifest's own words (written in English by the corpus's author) stay English.
    assert all("the repealing order is dated" in e.text_content() for e in untranslated) or language == "en"


def test_the_parser_s_warnings_in_the_ledger_are_in_the_page_s_language(tmp_path):
    out = _report(tmp_path, "--lang", "ru")
    root = html.parse(str(out / "index.html")).getroot()
    texts = [" ".join(e.text_content().split()) for e in root.xpath('//*[@class="ledger-text"]')]
    assert any(t.startswith("в должности [С-5]") and "не начинает заголовок подразделения" in t for t in texts), texts
    assert not root.xpath('//*[@class="ledger-text" and @lang="en"]')


def test_the_act_text_is_the_same_in_every_interface_language(tmp_path):
    texts = {}
    for language in ("ru", "kk", "en"):
        out = _report(tmp_path / language, "--lang", language)
        root = html.parse(str(out / PAGES[3])).getroot()
        texts[language] = [e.text_content() for e in root.xpath('//dl[@class="requirements"]//*[@lang="kk"]')]
    assert texts["ru"] == texts["kk"] == texts["en"]
    assert any(t.startswith("Жоғары: әскери іс және қауіпсіздік") for t in texts["ru"])
    assert "Жұмыс тәжірибесі келесі талаптардың біріне сәйкес болуы тиіс:" in texts["ru"]


def test_the_default_language_is_the_corpus_s_and_amendtrack_lang_overrides_it(tmp_path):
    root = html.parse(str(_report(tmp_path / "default", env={"AMENDTRACK_LANG": None}) / "index.html")).getroot()
    assert root.get("lang") == "kk"
    assert root.xpath("//h1")[0].text_content() == "Редакциялар мен өзгерістер"
    root = html.parse(str(_report(tmp_path / "env", env={"AMENDTRACK_LANG": "ru"}) / "index.html")).getroot()
    assert root.get("lang") == "ru"
    assert root.xpath("//h1")[0].text_content() == "Редакции и изменения"
    # The locale is the reader's terminal, not the report's audience: it changes nothing.
    root = html.parse(str(_report(tmp_path / "locale", env={"AMENDTRACK_LANG": None, "LANG": "en_US.UTF-8"})
                          / "index.html")).getroot()
    assert root.get("lang") == "kk"


@pytest.mark.parametrize("args, env, shown", [
    (["--lang", "de"], {}, "--lang 'de': no such interface language; use one of ru, kk, en"),
    ([], {"AMENDTRACK_LANG": "fr"}, "AMENDTRACK_LANG 'fr': no such interface language; use one of ru, kk, en"),
])
def test_an_unknown_interface_language_is_one_line_and_exit_2(tmp_path, args, env, shown):
    out = tmp_path / "reports"
    result = CliRunner().invoke(cli, ["report", str(REPO / "corpus"), "-o", str(out), "--no-store", *args], env=env)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"Error: {shown}"]
    assert not out.exists()


def test_a_report_in_another_language_rewrites_every_page(tmp_path):
    # With a store, unchanged pages are not rewritten; a page in another language is not unchanged.
    out, db = tmp_path / "reports", tmp_path / "store.sqlite3"
    for language in ("kk", "ru"):
        result = CliRunner().invoke(cli, ["report", str(REPO / "corpus"), "-o", str(out), "--db", str(db),
                                          "--lang", language])
        assert result.exit_code == 0, result.output
    assert html.parse(str(out / PAGES[3])).getroot().get("lang") == "ru"
    assert "История должности" in (out / PAGES[3]).read_text(encoding="utf-8")


def test_diff_html_in_russian_and_a_warning_for_texts_in_two_languages(tmp_path):
    old = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
    new = REPO / "corpus" / "V1400009344" / "kk" / "2015-11-16.txt"
    page = tmp_path / "diff.html"
    result = CliRunner().invoke(cli, ["diff", str(old), str(new), "--format", "html", "-o", str(page),
                                      "--lang", "ru"])
    assert result.exit_code == 1, result.output
    root = html.parse(str(page)).getroot()
    assert root.get("lang") == "ru"
    assert root.xpath("//h1")[0].text_content() == "Изменения между двумя редакциями"
    assert "different languages" not in result.stderr


def test_a_kazakh_and_a_russian_edition_are_compared_with_a_warning(tmp_path):
    kazakh = REPO / "corpus" / "V1400009344" / "kk" / "2014-04-09.txt"
    russian = REPO / "tests" / "fixtures" / "ru_edition.txt"
    page = tmp_path / "diff.html"
    result = CliRunner().invoke(cli, ["diff", str(kazakh), str(russian), "--format", "html", "-o", str(page)],
                                env={"AMENDTRACK_LANG": None})
    assert result.exit_code == 1, result.output
    warnings = [line for line in result.stderr.splitlines() if "languages" in line]
    assert warnings == [f"warning: {kazakh} is in Kazakh and {russian} in Russian: the texts are not compared "
                        "across languages, so every position reads as removed and added; compare editions in "
                        "one language"]
    root = html.parse(str(page)).getroot()
    banner = root.xpath('//div[contains(@class, "banner-languages")]')
    assert len(banner) == 1
    # Two languages, no corpus language to follow: the page's interface is Russian.
    assert root.get("lang") == "ru"
    assert "Редакции на разных языках (казахский и русский)." in banner[0].text_content()


def test_directions_of_changes_are_in_the_page_s_language(tmp_path):
    # compare/direction.py tells whether a change made a requirement stricter or looser;
    # its steps are messages, so a Russian page says "строже: стаж … 2 → 3 года".
    from tests.test_report import write_chain_corpus

    corpus = write_chain_corpus(tmp_path / "chain")
    out = tmp_path / "reports"
    result = CliRunner().invoke(cli, ["report", str(corpus), "-o", str(out), "--no-store", "--lang", "ru"])
    assert result.exit_code == 0, result.output
    said = []
    for page in sorted((out / "V1400009344" / "kk").glob("diff-*.html")):
        said += [" ".join(p.text_content().split()) for p in html.parse(str(page)).getroot().xpath(
            '//p[contains(concat(" ", @class, " "), " direction ")]')]
    drift = html.parse(str(out / "V1400009344" / "kk" / "drift.html")).getroot()
    rows = [" ".join(td.text_content().split()) for td in drift.xpath('//table[.//th]//tr/td[5]')]
    assert said and rows
    for text in said + rows:
        assert not re.search(r"[A-Za-z]{3,}", text), text
    assert any(t.startswith(("строже: ", "мягче: ", "в обе стороны: ")) for t in said), said
    assert not drift.xpath('//td[@lang="en"]')


def test_the_history_s_findings_in_the_ledger_are_in_the_page_s_language(tmp_path):
    # The fictional third edition (tests/fictional.py) gives the history findings to
    # report (no note cites its amending act; the repealed text lacks a position) and
    # a requirement not read as facts: all in Russian on a Russian page, the act's
    # text marked as the act's language.
    from tests.fictional import write_fictional_corpus

    corpus = write_fictional_corpus(tmp_path / "corpus")
    out = tmp_path / "reports"
    result = CliRunner().invoke(cli, ["report", str(corpus), "-o", str(out), "--no-store", "--lang", "ru"])
    assert result.exit_code == 0, result.output
    root = html.parse(str(out / "index.html")).getroot()
    entries = [" ".join(e.text_content().split()) for e in root.xpath('//ul[@class="ledger-list"]/li')]
    assert any("ни одна сноска этой редакции не ссылается на акт, которым она внесена (Приказ № 50 от 2015-03-01)"
               in e for e in entries), entries
    assert any("в тексте, утратившем силу, нет должности" in e and "есть в предыдущей редакции (редакция 2 от 2015-03-01)" in e
               for e in entries), entries
    assert any("не устанавливает лет стажа" in e for e in entries), entries
    assert not root.xpath('//*[@class="ledger-text" and @lang="en"]')
    facts = root.xpath('//li[span[@class="tag"]="Требование, не разобранное на факты"]/div[@class="ledger-text"]')
    assert facts and all(f.get("lang") == "kk" for f in facts)
