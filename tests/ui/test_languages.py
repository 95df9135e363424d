"""English and Spanish: every screen switches at once, the visit's end brings the organisation's
language back, and the translation files are complete and up to date."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QLocale

from portal.seed import DEMO_EMAIL_SIMPSON, DEMO_PASSWORD
from portal.services import catalog as portal_catalog
from scripts.update_translations import (
    QM_FILE,
    TS_FILE,
    core_strings,
    portal_dynamic_strings,
    portal_strings,
    run_lrelease,
    untranslated,
    update,
)
from tests.ui.conftest import current_screen, find, screenshot, tap, type_into, visible_items
from ui.bridges.formats import format_date, format_datetime, format_money
from ui.bridges.language_bridge import LanguageBridge

ROOT = Path(__file__).resolve().parents[2]


def _text(app, name: str) -> str:
    item = find(app.window, name)
    assert item is not None, f"{name} is not on screen"
    return str(item.property("text"))


def _wait_for_landing(qtbot, app) -> None:
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    qtbot.waitUntil(lambda: find(app.window, "landingLanguage") is not None, timeout=5000)


def _begin(qtbot, app) -> None:
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=3000)


def test_spanish_switches_the_landing_dashboard_and_toolbar_at_once(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _wait_for_landing(qtbot, app)
    assert _text(app, "clickToBegin") == "Tap to Begin"
    assert _text(app, "landingLanguage") == "Español"

    tap(qtbot, app, "landingLanguage")
    qtbot.waitUntil(lambda: _text(app, "clickToBegin") == "Toque para comenzar", timeout=2000)
    assert app.language.property("language") == "es"
    assert _text(app, "learnMore") == "Más información"
    assert _text(app, "landingLanguage") == "English"
    assert _text(app, "landingTextSize") == "Texto más grande"
    screenshot(app.window, "lang-es-01-landing")

    tap(qtbot, app, "clickToBegin")
    qtbot.waitUntil(lambda: find(app.window, "welcomeContinue") is not None, timeout=3000)
    assert _text(app, "welcomeContinue") == "Continuar"
    tap(qtbot, app, "welcomeContinue")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=3000)
    assert _text(app, "tile_booking") == "Reservar"
    assert _text(app, "tile_my_account") == "Mi cuenta"
    assert _text(app, "tile_news") == "Noticias"
    assert _text(app, "tile_log_in") == "Iniciar sesión"
    assert _text(app, "toolbarHome") == "Inicio"
    assert _text(app, "toolbar_cart") == "Carrito"
    assert _text(app, "toolbarLanguage") == "English"
    screenshot(app.window, "lang-es-02-dashboard")

    # Back to English from the toolbar: the same screen, no restart.
    tap(qtbot, app, "toolbarLanguage")
    qtbot.waitUntil(lambda: _text(app, "tile_booking") == "Booking", timeout=2000)
    assert _text(app, "toolbarHome") == "Home"
    assert _text(app, "toolbar_cart") == "Cart"
    assert _text(app, "toolbarLanguage") == "Español"
    assert app.language.property("language") == "en"

    tap(qtbot, app, "toolbarLanguage")
    qtbot.waitUntil(lambda: _text(app, "tile_booking") == "Reservar", timeout=2000)


def test_python_made_words_dates_and_money_follow_the_language(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _wait_for_landing(qtbot, app)
    _begin(qtbot, app)
    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, "booking_classes")
    qtbot.waitUntil(lambda: find(app.window, "classCard0") is not None, timeout=5000)
    schedule_en = str(find(app.window, "classCard0").property("scheduleText"))
    assert re.search(r"\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat)\b", schedule_en), schedule_en
    assert re.search(r"\b[AP]M\b", schedule_en), schedule_en

    # On the class list itself: the chips (QML) and the cards (the core's words) switch in place.
    tap(qtbot, app, "toolbarLanguage")
    qtbot.waitUntil(lambda: _text(app, "filterDay2") == "Lun", timeout=2000)
    qtbot.waitUntil(
        lambda: (
            re.search(
                r"\b(Dom|Lun|Mar|Mié|Jue|Vie|Sáb)\b",
                str(find(app.window, "classCard0").property("scheduleText")),
            )
            is not None
        ),
        timeout=2000,
    )
    schedule_es = str(find(app.window, "classCard0").property("scheduleText"))
    assert "a.m." in schedule_es or "p.m." in schedule_es, schedule_es
    assert _text(app, "filterClear") == "Quitar todos los filtros"
    screenshot(app.window, "lang-es-03-classes")

    # Dates and times as Spanish speakers write them; money in the same locale (es_US: $85.00).
    assert QLocale().name() == "es_US"
    assert format_date(date(2026, 12, 5)) == "sáb, 5 dic"
    assert format_datetime(datetime(2026, 12, 5, 9, 0)).startswith("sáb, 5 dic 2026 · 9:00")
    spanish = QLocale(QLocale.Language.Spanish, QLocale.Country.UnitedStates)
    assert format_money(123456) == spanish.toCurrencyString(1234.56, spanish.currencySymbol(), 2)
    news_date_es = app.news.get(0)["dateText"]

    tap(qtbot, app, "toolbarLanguage")
    qtbot.waitUntil(lambda: _text(app, "filterDay2") == "Mon", timeout=2000)
    assert QLocale().name() == "en_US"
    assert format_date(date(2026, 12, 5)) == "Sat, Dec 5"
    assert format_money(8500) == "$85.00"
    assert app.news.get(0)["dateText"] != news_date_es

    # The core's validation sentences follow too (kiosk._() through QCoreApplication.translate).
    tap(qtbot, app, "toolbarLanguage")
    tap(qtbot, app, "toolbarHome")
    tap(qtbot, app, "tile_log_in")
    qtbot.waitUntil(lambda: current_screen(app) == "loginScreen", timeout=3000)
    assert _text(app, "loginYes") == "Sí, iniciar sesión"
    screenshot(app.window, "lang-es-04-login-question")
    tap(qtbot, app, "loginYes")
    type_into(qtbot, app, "loginEmail", "not-an-email")
    tap(qtbot, app, "loginSubmit")
    qtbot.waitUntil(lambda: find(app.window, "loginEmailError") is not None, timeout=3000)
    assert _text(app, "loginEmailError").startswith("Eso no parece un correo")
    screenshot(app.window, "lang-es-05-login")


def test_a_class_detail_switches_its_python_made_words_in_place(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _wait_for_landing(qtbot, app)
    _begin(qtbot, app)
    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, "booking_classes")
    tap(qtbot, app, "classCard0")
    qtbot.waitUntil(lambda: current_screen(app) == "classDetailScreen", timeout=3000)
    schedule_en = _text(app, "classSchedule")
    assert re.search(r"\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat)\b", schedule_en), schedule_en
    tap(qtbot, app, "toolbarLanguage")
    qtbot.waitUntil(
        lambda: bool(re.search(r"\b(Dom|Lun|Mar|Mié|Jue|Vie|Sáb)\b", _text(app, "classSchedule"))),
        timeout=2000,
    )
    assert _text(app, "enroll") == "Inicie sesión para inscribirse"


def test_idle_time_out_brings_back_the_organisations_language(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _wait_for_landing(qtbot, app)
    tap(qtbot, app, "landingLanguage")
    tap(qtbot, app, "landingTextSize")
    qtbot.waitUntil(lambda: app.display.property("largeText"), timeout=2000)
    _begin(qtbot, app)
    assert _text(app, "tile_news") == "Noticias"

    app.idle.set_timeouts(0.2, 1)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=8000)
    qtbot.waitUntil(lambda: _text(app, "clickToBegin") == "Tap to Begin", timeout=2000)
    assert app.language.property("language") == "en"
    assert not app.display.property("largeText")
    assert QLocale().name() == "en_US"


def test_log_out_brings_back_the_organisations_language(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _wait_for_landing(qtbot, app)
    _begin(qtbot, app)
    tap(qtbot, app, "toolbarLanguage")
    tap(qtbot, app, "tile_log_in")
    tap(qtbot, app, "loginYes")
    type_into(qtbot, app, "loginEmail", DEMO_EMAIL_SIMPSON)
    type_into(qtbot, app, "loginPassword", DEMO_PASSWORD)
    tap(qtbot, app, "loginSubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    assert app.language.property("language") == "es"
    tap(qtbot, app, "toolbar_menu")
    tap(qtbot, app, "menu_log_out")
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=5000)
    qtbot.waitUntil(lambda: app.language.property("language") == "en", timeout=2000)
    assert _text(app, "clickToBegin") == "Tap to Begin"


def test_starting_over_without_logging_in_resets_too(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _wait_for_landing(qtbot, app)
    _begin(qtbot, app)
    tap(qtbot, app, "toolbarLanguage")
    tap(qtbot, app, "toolbarTextSize")
    qtbot.waitUntil(lambda: app.display.property("largeText"), timeout=2000)
    tap(qtbot, app, "toolbar_menu")
    tap(qtbot, app, "menu_landing")
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=5000)
    assert app.language.property("language") == "en"
    assert not app.display.property("largeText")


def test_an_organisation_in_spanish_starts_and_resets_in_spanish(qapp):
    language = LanguageBridge()
    try:
        language.set_default("es_US")
        assert language.property("language") == "es"
        language.setLanguage("en")
        language.reset()
        assert language.property("language") == "es"
        assert QLocale().name() == "es_US"
        # A language the kiosk has no words for: English.
        language.set_default("fr_CA")
        assert language.property("language") == "en"
    finally:
        language.setLanguage("en")


# ----- the translation files --------------------------------------------------------------------


def _messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for ctx in ET.parse(ts_file).getroot().iter("context"):
        for message in ctx.iter("message"):
            out[(ctx.findtext("name") or "", message.findtext("source") or "")] = message
    return out


def test_every_spanish_translation_is_written_and_finished():
    missing = untranslated(TS_FILE)
    assert not missing, "translate these in resources/translations/kiosk_es.ts:\n" + "\n".join(
        missing
    )
    # Placeholders survive translation: %1 for Qt's .arg(), {name} for the core's .format().
    for (context, source), message in _messages(TS_FILE).items():
        translation = message.findtext("translation") or ""
        for pattern in (r"%\d", r"\{\w+\}"):
            assert sorted(re.findall(pattern, source)) == sorted(
                re.findall(pattern, translation)
            ), f"{context}: {source!r} -> {translation!r}"


def test_the_spanish_file_has_every_sentence_of_the_sources(tmp_path):
    """lupdate over ui/ plus the core's _() sentences, into a copy: nothing new may be missing."""
    ts_copy = tmp_path / TS_FILE.name
    shutil.copyfile(TS_FILE, ts_copy)
    update(ts_copy, tmp_path / QM_FILE.name)
    missing = untranslated(ts_copy)
    assert not missing, (
        "new sentences without a Spanish translation (run scripts/update_translations.py, "
        "then translate them in kiosk_es.ts):\n" + "\n".join(missing)
    )
    committed = _messages(TS_FILE)
    for source in core_strings():
        assert ("kiosk", source) in committed, f"kiosk core sentence missing: {source!r}"


def test_the_shipped_qm_is_built_from_the_shipped_ts(tmp_path):
    rebuilt = tmp_path / "kiosk_es.qm"
    run_lrelease(TS_FILE, rebuilt)
    assert rebuilt.read_bytes() == QM_FILE.read_bytes(), (
        "kiosk_es.qm is out of date: run scripts/update_translations.py"
    )


# ----- QML words go through qsTr ----------------------------------------------------------------

_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'')
# Strings that are not words for people: keys, ids, property paths, colours, file names.
_NOT_WORDS = re.compile(
    r"[a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*[.:]?"  # keys: "booking", "guardian.email", "reader:"
    r"|\.[A-Za-z0-9_.]+"  # suffixes: ".firstName", ".svg"
    r"|(\.{1,2}/)*([\w.-]+/)+[\w.-]*"  # file paths
    r"|#[0-9a-fA-F]{3,8}"  # colours
    r"|(\\[nt])+"  # line breaks
    r"|[^A-Za-z]*"  # digits, symbols, separators: "16+", " · ", "⌫"
)


def _without_comments(source: str) -> str:
    out, i = [], 0
    while i < len(source):
        ch = source[i]
        if ch in "\"'":
            j = i + 1
            while j < len(source) and source[j] != ch:
                j += 2 if source[j] == "\\" else 1
            out.append(source[i : j + 1])
            i = j + 1
        elif source.startswith("//", i):
            j = source.find("\n", i)
            j = len(source) if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif source.startswith("/*", i):
            j = source.find("*/", i) + 2
            out.append(re.sub(r"[^\n]", " ", source[i:j]))
            i = j
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def untranslated_qml_words(qml_dir: Path) -> list[str]:
    problems = []
    for path in sorted(qml_dir.rglob("*.qml")):
        source = _without_comments(path.read_text(encoding="utf-8"))
        lines = source.splitlines()
        for match in _STRING.finditer(source):
            text = match.group(1) if match.group(1) is not None else match.group(2)
            line_no = source.count("\n", 0, match.start()) + 1
            line = lines[line_no - 1].strip()
            before = source[max(0, match.start() - 20) : match.start()]
            if re.search(r"\b(qsTr|qsTranslate|QT_TR_NOOP|QT_TRANSLATE_NOOP)\(\s*$", before):
                continue
            if _NOT_WORDS.fullmatch(text) or line.startswith(
                ("import ", "objectName:", "console.")
            ):
                continue
            problems.append(f"{path.relative_to(qml_dir)}:{line_no}: {text!r}")
    return problems


def test_qml_shows_no_words_outside_qstr():
    problems = untranslated_qml_words(ROOT / "ui" / "qml")
    assert not problems, "wrap these in qsTr() (or make them keys):\n" + "\n".join(problems)


def test_the_qml_scan_catches_a_bare_sentence(tmp_path):
    (tmp_path / "Bad.qml").write_text(
        'import QtQuick\nText {\n    // "Comments are fine"\n    text: "Hello there"\n'
        '    objectName: "fine"\n    property string ok: qsTr("Fine")\n}\n',
        encoding="utf-8",
    )
    problems = untranslated_qml_words(tmp_path)
    assert len(problems) == 1 and "Hello there" in problems[0]


def test_visible_text_items_are_never_empty_placeholders(qtbot, portal, make_kiosk):
    """No '%1' or '{name}' reaches the screen in Spanish (a translation that lost .arg())."""
    app = make_kiosk(portal.url)
    _wait_for_landing(qtbot, app)
    tap(qtbot, app, "landingLanguage")
    _begin(qtbot, app)
    for item in visible_items(app.window):
        text = item.property("text")
        if isinstance(text, str):
            assert not re.search(r"%\d|\{\w+\}", text), text


# ----- the portal's sentences -------------------------------------------------------------------


def test_the_portals_refusals_read_in_spanish(qtbot, portal, make_kiosk):
    """The portal writes English; a Spanish-speaking family reads its refusals in Spanish."""
    app = make_kiosk(portal.url)
    _wait_for_landing(qtbot, app)
    tap(qtbot, app, "landingLanguage")
    _begin(qtbot, app)
    tap(qtbot, app, "tile_log_in")
    tap(qtbot, app, "loginYes")
    type_into(qtbot, app, "loginEmail", DEMO_EMAIL_SIMPSON)
    type_into(qtbot, app, "loginPassword", "not-the-password")
    tap(qtbot, app, "loginSubmit")
    qtbot.waitUntil(lambda: find(app.window, "loginMessage") is not None, timeout=10000)
    assert _text(app, "loginMessage") == (
        "Ese correo y esa contraseña no coinciden con nuestros registros. Inténtelo de nuevo."
    )
    screenshot(app.window, "lang-es-06-wrong-password")

    type_into(qtbot, app, "loginPassword", DEMO_PASSWORD)
    tap(qtbot, app, "loginSubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, "booking_classes")
    tap(qtbot, app, "filterStudent0")
    tap(qtbot, app, "filterOpenings")
    tap(qtbot, app, "classCard0")
    qtbot.waitUntil(lambda: current_screen(app) == "classDetailScreen", timeout=3000)
    # The last seat goes at the front desk while the family reads (the kiosk does not know yet).
    class_id = int(find(app.window, "classDetailScreen").property("classId"))
    with portal.session_factory.begin() as s:
        cls = portal_catalog.update_class(s, class_id, allow_waitlist=False)
        cls.enrolled = cls.capacity
    tap(qtbot, app, "enrollStudent0")
    tap(qtbot, app, "enroll")
    qtbot.waitUntil(lambda: _text(app, "enrollMessage") != "", timeout=10000)
    assert _text(app, "enrollMessage") == "Esa clase está llena."
    screenshot(app.window, "lang-es-07-class-full")


def test_the_spanish_file_has_every_portal_sentence():
    """Each sentence the portal sends for families (scripts/update_translations.py finds them in
    portal/) is in the .ts with its Spanish: a new one fails
    test_the_spanish_file_has_every_sentence_of_the_sources until it is translated."""
    sentences = portal_strings()
    # The scan finds the portal's ways of saying no: constants, form rules, field errors,
    # helpers called with a literal.
    for expected in (
        "That email and password don't match our records. Please try again.",  # a constant
        "That class is full.",  # _full("class", ...), an f-string filled from its callers
        "Please enter a first name.",  # rules.name_rule("a first name"), in another module
        "Please enter the card number.",  # FieldError("number", "...")
        "Please check the highlighted fields.",  # FormError(FORM_MESSAGE, ...)
    ):
        assert expected in sentences, expected
    committed = _messages(TS_FILE)
    for source in sentences:
        assert ("portal", source) in committed, f"portal sentence missing: {source!r}"


def test_a_new_portal_sentence_is_found(tmp_path):
    service = tmp_path / "portal" / "services"
    service.mkdir(parents=True)
    (service / "errors.py").write_text(
        "class ServiceError(Exception):\n    pass\n\n\nclass Refused(ServiceError):\n    pass\n",
        encoding="utf-8",
    )
    (service / "things.py").write_text(
        "from portal.services.errors import Refused\n\n"
        'GONE = "That thing is gone."\n\n\n'
        "def take(name):\n"
        "    if not name:\n"
        "        raise Refused(GONE)\n"
        '    raise Refused(f"{name} is taken.")\n',
        encoding="utf-8",
    )
    assert portal_strings(tmp_path) == ["That thing is gone."]
    assert portal_dynamic_strings(tmp_path) == ["portal/services/things.py:9: f'{name} is taken.'"]


def test_spanish_says_a_la_una_but_a_las_tres():
    from ui.bridges.formats import with_time

    assert (
        with_time("Llegada registrada a las %1", "1:05 p.m.") == "Llegada registrada a la 1:05 p.m."
    )
    assert (
        with_time("Llegada registrada a las %1", "3:05 p.m.")
        == "Llegada registrada a las 3:05 p.m."
    )
    assert with_time("Checked in at %1", "1:05 PM") == "Checked in at 1:05 PM"
