"""One translation function for every user-facing string.

``_("Projects")`` returns the string in the current language. Catalogues are gettext
``.mo`` files under ``locale/<lang>/LC_MESSAGES/ctmatrix.mo``; a language without a
catalogue falls back to the English source string. The current language is a context
variable so that the app (one session per thread) and the exports can each set their own.
"""
from __future__ import annotations

import gettext
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "ctmatrix"
LANGUAGES = ("en", "ar", "zh", "fr", "ru", "es")
RTL_LANGUAGES = frozenset({"ar"})

_current: ContextVar[str] = ContextVar("ctmatrix_language", default="en")


@lru_cache(maxsize=None)
def _translations(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True)


def set_language(lang: str) -> str:
    """Make ``lang`` current; unknown codes fall back to English. Returns the code used."""
    lang = lang if lang in LANGUAGES else "en"
    _current.set(lang)
    return lang


def get_language() -> str:
    return _current.get()


def is_rtl(lang: str | None = None) -> bool:
    return (lang or get_language()) in RTL_LANGUAGES


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return translate(message, get_language())


def translate(message: str, lang: str) -> str:
    """Translate ``message`` into ``lang``, whatever the current language."""
    return _translations(lang).gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (translated where shown)."""
    return message


# --- the languages' own names and formats (Babel / CLDR) ---------------------------------

# The UN writes British English: "25 November 2026".
_CLDR_LOCALE = {"en": "en_GB"}


def _locale() -> str:
    return _CLDR_LOCALE.get(get_language(), get_language())


def language_name(lang: str) -> str:
    """A language's name in that language, as a picker shows it: "العربية", "中文", "Français"."""
    from babel import Locale

    name = Locale.parse(lang).get_language_name(lang)
    return name[:1].upper() + name[1:]


def number(value: int | float) -> str:
    """A count in the current language's format (grouping as CLDR says: 1,234 / 1 234)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale())


def percent(share: float) -> str:
    """A share as a percentage in the current language's format (45%, 45 %, ٪45)."""
    from babel.numbers import format_percent

    return format_percent(share, locale=_locale())


def date(when) -> str:
    """A date in the current language's long format (25 November 2026, 25 novembre 2026, 2026年11月25日)."""
    from babel.dates import format_date

    return format_date(when, format="long", locale=_locale())
