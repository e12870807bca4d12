"""Hard positions of the seed, checked field by field against the printed text.

Each test names the artefact it covers and the source lines it was read from.
Expected texts are the printed words with line wraps joined, letter-spacing
undone, and no space before , ; : . ) » — typos and scrambled order kept.
"""

from __future__ import annotations

COMPETENCE_TAIL = "Осы санаттағы лауазымдар бойынша функционалдық міндеттерді орындау үшін қажетті басқа да міндетті білімдер."
INTRO = "Жұмыс тәжірибесі келесі талаптардың біріне сәйкес болуы тиіс:"


def test_scrambled_competence_and_letter_spaced_items(at_line) -> None:
    # Lines 67-123: competence with scrambled quotes and blank lines; items 3-5 end letter-spaced.
    p = at_line(67)
    assert (p.seq, p.title, p.category.code, p.unit.name) == (1, "Министрдің көмекшісі", "С-3", "Хатшылық")
    r = p.requirements
    assert r.education == (
        "Жоғары: әскери іс және қауіпсіздік немесе техникалық ғылымдар мен технология немесе "
        "әлеуметтік ғылымдар, экономика және бизнес немесе жаратылыстану ғылымдары "
        "немесе құқық немесе гуманитарлық ғылымдар саласында"
    )
    # Word order is kept as printed, scrambled (line 78 then 79).
    assert r.competence.startswith(
        "Қазақстан Республикасының, Қазақстан Республикасының Конституциясын «Қазақстан, Республикасының Президенті туралы»"
    )
    assert r.competence.endswith("жаңа саяси бағыты стратегиясын білуі. " + COMPETENCE_TAIL)
    assert r.experience.intro == INTRO
    assert r.experience.items == (
        "мемлекеттік қызмет өтілі үш жылдан кем емес;",
        "жоғары оқу бағдарламалары бойынша шетелдің жоғары оқу орындарында Шетелде кадрлар даярлау жөніндегі "
        "республикалық комиссия бекітетін басым мамандықтар бойынша оқуды аяқтаған жағдайда мемлекеттік қызмет "
        "өтілі бір жылдан кем емес;",
        "мемлекеттік органдарда басшылық немесе өзге лауазымдарда жұмыс өтілі екі жылдан кем емес;",
        "осы санаттағы нақты лауазымның функционалдық бағыттарына сәйкес облыстарда жұмыс өтілі төрт жылдан кем "
        "емес, оның ішінде басшылық лауазымдарда екі жылдан кем емес;",
        "жоғары оқу орындарынан кейінгі оқу бағдарламалары бойынша Қазақстан Республикасының Президенті жанындағы "
        "білім беру ұйымдарында мемлекеттік тапсырыс негізінде немесе шетелдің жоғары оқу орындарында Шетелде "
        "кадрлар даярлау жөніндегі республикалық комиссия бекітетін басым мамандықтар бойынша оқуды аяқтауы;",
        "ғылыми дәрежесінің болуы.",
    )
    assert r.experience.trailer is None
    assert r.duties == (
        "Министрлік басшылығы үшін талдау материалдарын жинау және жалпылау; бюджеттік бағдарламаларды әзірлеуге "
        "қатысу, Министрлік басшылығы айқындайтын өзге де өкілеттіліктерді жүзеге асыру, Министрде өтетін кеңес "
        "хаттамаларын жүргізу, Минитсрге келіп түсетін кіріс және шығыс хат-хабарларды алдын ала қарауды жүзеге асыру."
    )


def test_competence_label_displaced_after_page_break(at_line) -> None:
    # Lines 284-318: competence text starts at 291, its label is printed at 299 after the page break.
    p = at_line(284)
    r = p.requirements
    assert r.education.endswith("экономика және бизнес немеес құқық саласында")  # "немеес" sic
    assert r.competence.startswith("Қазақстан Республикасының Конституциясын, Қазақстан Республикасының «Қазақстан")
    assert "«Әкімшілік рәсімдер туралы», «Жеке және заңды тұлғалардың өтiнiштерiн қарау тәртiбi туралы» Заңдарын" in r.competence
    assert r.competence.endswith(COMPETENCE_TAIL)
    assert r.experience.items == (
        "Компьютерде Word, Excel, E-mail, Internet бағдарламаларымен, ұйымдастыру техникасы және факспен жұмыс істей білуі",
    )
    assert r.duties.startswith("Министрліктер мен ведомстволардан келіп түсетін кіріс хат-хабарларға бақылау жасау; іс")


def test_duties_label_displaced_and_letter_spaced_duties(at_line) -> None:
    # Lines 320-376: duties start at 356 (357 letter-spaced), label split over 367-368.
    p = at_line(320)
    assert p.unit.number is None and p.unit.name == "Төтенше жағдайлардың алдын алу департаменті"
    assert p.title == "Табиғи сипаттағы төтенше жағдайлардың алдын алу басқармасының бас сарапшысы"
    r = p.requirements
    assert r.experience.items[-1] == "ғылыми дәрежесінің болуы."
    assert r.duties.startswith(
        "Жұмыстың нақты салалары мен бағыттары бойынша қызметтік жағдайдың дамуын мониторингілеу, талдау және "
        "болжау: табиғи ТЖ алдын алу"
    )
    assert "табиғи сипаттағы төтенше жағдайлардың алдын алу мәселелері бойынша Министрлік аумақтық органдары" in r.duties
    assert "міндеттері" not in r.duties


def test_russian_labels(at_line) -> None:
    # Lines 802-864: glued numbered heading over two lines, Russian labels at 808, 811-812, 828.
    p = at_line(802)
    assert (p.title, p.category.code) == ("Департамент директоры", "С-1")
    assert (p.unit.number, p.unit.name) == (
        "5", "Стратегиялық жоспарлау, ақпараттық-талдау жұмыстары, ғылым және жаңа технологиялар департаменті",
    )
    assert [lb.text for lb in p.labels] == [
        "Өлшемшарттар Талаптар", "Образование", "Профессиональная компетентность", "Практический опыт",
        "Функционалдық міндеттері",
    ]
    r = p.requirements
    assert r.education == "Жоғары: жаратылыстану немесе әскери іс және қауіпсіздік немесе техникалық ғылымдар мен технология саласында"
    assert r.experience.items[0] == (
        "мемлекеттік қызмет өтілі бес жылдан кем емес, оның ішінде мемлекеттік органдарда басшылық немесе өзге "
        "лауазымдарда бір жылдан кем емес;"
    )


def test_experience_label_glued_inside_an_item(at_line) -> None:
    # Lines 1018-1068: item 2 starts at 1046, a page break, then 1050 "Практикалық тәжірибесі Республикасының …".
    p = at_line(1018)
    r = p.requirements
    assert r.competence.endswith(COMPETENCE_TAIL)
    assert r.experience.intro == INTRO
    assert r.experience.items == (
        "мемлекеттік қызмет өтілі екі жылдан кем емес немесе осы санаттағы нақты лауазымның функционалдық "
        "бағытына сәйкес облыстарда үш жылдан кем емес жұмыс өтілінің болуы;",
        "жоғары және жоғары оқу орындарынан кейінгі оқу бағдарламалары бойынша Қазақстан Республикасының "
        "Президенті жанындағы білім беру ұйымдарында мемлекеттік тапсырыс негізінде немесе шетелдің жоғары оқу "
        "орындарында Шетелде кадрлар даярлау жөніндегі республикалық комиссия бекітетін басым мамандықтар бойынша "
        "оқуды аяқтауы;",
        "ғылыми дәрежесінің болуы.",
    )


def test_stray_number_and_en_dash_code(at_line) -> None:
    # 1374: "1." before a title that is no heading; 1414-1415: "С–4" with an en dash.
    stray = at_line(1374)
    assert stray.title == "Ішкі бақылау, аудит және шешімдерді дайындау басқармасының сарапшысы"
    assert stray.printed_title.startswith("1. Ішкі бақылау")
    assert stray.unit.name == "Ішкі бақылау және аудита департаменті"  # the stray "1." opened no unit
    dash = at_line(1414)
    assert (dash.category.code, dash.category.printed) == ("С-4", "С–4")


def test_truncated_experience_then_duties_label_without_blank(at_line) -> None:
    # Lines 2453-2496: 2477 "Практический опыт Word, …, ұйымдастыру" then " Функионалдық" at 2478.
    p = at_line(2453)
    assert p.requirements.experience.items == (
        "Word, Excel, E-mail, Internet бағдарламаларымен компьютерде, ұйымдастыру",
    )
    assert [lb.text for lb in p.labels][-2:] == ["Практический опыт", "Функионалдық міндеттері"]
    assert p.requirements.duties.startswith("Министрлік қабылдайтын құқықтық актілерге")


def test_missing_duties_label(at_line) -> None:
    # Lines 2834-2880: experience ends 2867, page break, duties 2871-2880 with no label at all.
    p = at_line(2834)
    r = p.requirements
    assert r.education == (
        "Жоғары: құқық немесе әскери іс және қауіпсіздік немесе немесе техникалық ғылымдар және технология саласында."
    )  # "немесе немесе" sic
    assert r.experience.items[1].endswith("бағдарламалар бойынша оқуды аяқтауы;")  # 2866 letter-spaced
    assert r.experience.items[2] == "ғылыми дәрежесінің болуы."
    assert r.duties.startswith("Министрлік аумақтық органдарының барлық санаттағы персоналдарымен еңбек қатынасын ресімдеу;")
    assert [lb.field for lb in p.labels] == ["header", "education", "competence", "experience"]


def test_russian_experience_text(at_line) -> None:
    # Lines 2930-2966: the experience is printed in Russian (2957-2958); duties end with ";".
    r = at_line(2930).requirements
    assert r.experience.items == (
        "Умение работать на компьютере с программами Word, Excel, E-mail, Internet, с оргтехникой и факсом.",
    )
    assert r.duties.endswith("әлеуметтік мәселелер бойынша жұмысқа қатысу;")


def test_wrapped_code_and_glued_committee_heading(at_line) -> None:
    # Lines 4109-4111: "…комитеті Комитет төрағасының орынбасары, С-1" / "санаты".
    p = at_line(4109)
    assert (p.title, p.category.code) == ("Комитет төрағасының орынбасары", "С-1")
    assert (p.unit.number, p.unit.name) == (
        "18", "Төтенше жағдайларды және өнеркәсіптік қауіпсіздікті мемлекеттік бақылау комитеті",
    )
    # The same title twice in one committee (4173), told apart by its id.
    twin = at_line(4173)
    assert twin.title == p.title and twin.unit == p.unit and twin.id != p.id


def test_heading_glued_to_annex_title(at_line) -> None:
    # Line 4382 "…біліктілік талаптары 1. Департамент аппараты", title at 4383.
    p = at_line(4382)
    assert (p.seq, p.annex) == (84, 2)
    assert (p.unit.number, p.unit.name) == ("1", "Департамент аппараты")
    assert (p.title, p.category.code) == ("Төтенше жағдайлар департаментінің басшысы", "С-О-1")
    assert p.requirements.education == "Жоғары: әскери іс және қауіпсіздік немесе техникалық ғылымдар және технология саласында."


def test_letter_spaced_item_number_and_trailer(at_line) -> None:
    # Lines 4506-4559: "4 )  ғ ы л ы м и …" at 4541, then the unnumbered computer-skills line 4542.
    p = at_line(4506)
    assert (p.unit.number, p.unit.name, p.title) == ("2", "Ішкі бақылау бөлімі", "Ішкі бақылау бөлімінің басшысы")
    exp = p.requirements.experience
    assert exp.items[0] == "мемлекеттік қызмет өтілі бір жылдан кем емес;"
    assert exp.items[-1] == "ғылыми дәрежесінің болуы."
    assert len(exp.items) == 4
    assert exp.trailer == "Компьютерде Word, Excel бағдарламаларымен жұмыс істей білуі."
    assert p.requirements.duties.startswith("Бөлім жұмысына басшылық ету")


def test_residue_of_letter_spacing_is_rejoined(at_line) -> None:
    # Line 6027 prints "б ір  жылдан"; the word "бір" occurs elsewhere in the text.
    p = at_line(5999)
    assert (p.unit.name, p.title) == ("Қаржы басқармасы", "Басқарма басшысы")
    assert p.requirements.experience.items[2] == (
        "қаржы-экономикалық қызмет саласында жұмыс өтілі үш жылдан кем емес, оның ішінде басшылық "
        "лауазымдарда бір жылдан кем емес;"
    )


def test_duties_label_mid_sentence(at_line) -> None:
    # Lines 6926-6974: "…сабақтардың өту" | page break | label | "сапасын, …" (6956-6963).
    r = at_line(6926).requirements
    assert "Оқу-жаттығулардың, жаттығулардың, сабақтардың өту сапасын, Азаматтық қорғаныс" in r.duties
    assert r.duties.startswith("Азаматтық қорғаныс күштері мен басқару органдарының басшылық және")


def test_glued_subunit_heading_and_two_sentence_experience(at_line) -> None:
    # Lines 7073-7121 under the sub-unit of 7014; experience 7101-7102 is one text of two sentences.
    p = at_line(7073)
    assert p.subunit.name.endswith("мемлекеттік бақылау саласындағы бөлім")
    assert p.title == "Төтенше жағдайлар басқармасы төтенше жағдайлар және өнеркәсіптік қауіпсіздік саласындағы бөлімнің бас маманы"
    assert p.requirements.experience.intro is None
    assert p.requirements.experience.items == (
        "Жоғары білімі болғанда практикалық жұмыс тәжірибесіне талаптар қойылмайды. "
        "Компьютерде Word, Excel бағдарламаларымен жұмыс істей білуі",
    )
    sub_head = at_line(7014)
    assert sub_head.title == "Төтенше жағдайлар басқармасы төтенше жағдайлар және өнеркәсіптік қауіпсіздік саласындағы бөлім басшысы"
    assert sub_head.subunit == p.subunit


def test_unnumbered_heading_repeated_in_title(at_line) -> None:
    # Line 5486 "Азаматтық қорғаныс басқармасы Азаматтық қорғаныс бөлімінің бас" / "маманы, С-О-5 санаты".
    p = at_line(5486)
    assert (p.unit.number, p.unit.name) == (None, "Азаматтық қорғаныс басқармасы")
    assert p.title == "Азаматтық қорғаныс бөлімінің бас маманы"
    # 6752 repeats words of a heading but is a plain title of the 6714 sub-unit.
    plain = at_line(6752)
    assert plain.title == "Төтенше жағдайлар басқармасы Азаматтық қорғаныс және төтенше жағдайлар бөлімінің жетекші маманы"
    assert plain.subunit.lines.first == 6714
