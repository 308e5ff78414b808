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
    return _translations(get_language()).gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (translated where shown)."""
    return message
