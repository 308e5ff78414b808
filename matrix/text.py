"""Cleaning text that comes from sources: it is data, never markup."""
from __future__ import annotations

import html
import re

_LINK = re.compile(r"<a\b[^>]*?href\s*=\s*[\"']([^\"']*)[\"'][^>]*>(.*?)</a\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # no place in text, and illegal in xlsx
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def _link_text(match: re.Match) -> str:
    href, text = match.group(1).strip(), _TAG.sub("", match.group(2)).strip()
    # A link keeps its address as text, unless it points nowhere or repeats its text.
    if href and href != "#" and href != text:
        return f"{text} ({href})" if text else href
    return text


def plain_text(value: str) -> str:
    """HTML fragment -> plain text: links keep their address, tags go, entities decode,
    non-breaking and odd spaces become one ordinary space."""
    if not value:
        return ""
    text = _LINK.sub(_link_text, value)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = text.replace("\u00ad", "")  # soft hyphen
    text = _CONTROL.sub(" ", text)
    text = _SPACE.sub(" ", text)
    return text.strip()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Spreadsheet-safe text: a cell that a spreadsheet would run as a formula gets a
    leading apostrophe-like quote so it is shown, not evaluated. Non-strings pass."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(value) -> str:
    """Source text shown inside Markdown: every Markdown character escaped, so a title
    can never turn into a link, an image, a heading or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))
