"""Split annex II's title cell into title, duration and implementing entities.

The cell packs three fields: ``Title (Jul. 2015–Jun. 2019) <b>UNICRI, UNDP</b>``. The
entities are usually in bold at the end, sometimes plain text after the title
(``#SpreadNoHate Initiative UNAOC``), sometimes half in bold (``UNODA, <b>1540
Committee</b>``). A bold ``(Annual event)`` is a duration, not an entity. Not every
final parenthesis is a duration: ``(PVE)`` or ``resolution 2178 (2014)`` belong to titles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from matrix.entities import EntityTable
from matrix.text import plain_text

_TRAILING_BOLD = re.compile(r"<b>((?:(?!</?b>).)*)</b>\s*$", re.I | re.S)
_ANNUAL = re.compile(r"^\(?\s*annual\s+event\s*\)?\.?$", re.I)
_FINAL_PAREN = re.compile(r"\(([^()]*)\)\s*\.?\s*$")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_DURATION_WORDS = re.compile(r"\b(?:annual\s+event|ongoing|since)\b", re.I)
_RESOLUTION_BEFORE = re.compile(r"\b\d{3,4}\s*$")
_BARE_YEAR = re.compile(r"^\s*(?:19|20)\d{2}\s*$")


@dataclass
class TitleParts:
    title: str
    duration_text: str = ""
    entities: list[str] = field(default_factory=list)  # as printed, in order


def looks_like_duration(content: str) -> bool:
    return bool(_YEAR.search(content) or _DURATION_WORDS.search(content))


def is_resolution_reference(before: str, content: str) -> bool:
    """``resolution 2178 (2014)``: a bare year in brackets right after a resolution number."""
    return bool(_BARE_YEAR.match(content) and _RESOLUTION_BEFORE.search(before))


def _peel_entities(text: str, table: EntityTable, found: list[str], require_separator: bool) -> str:
    """Take known entity names off the end of ``text``; a second one needs a comma."""
    while True:
        if require_separator:
            stripped = text.rstrip()
            if not stripped.endswith((",", ";")):
                return text
            text = stripped[:-1]
        hit = table.trailing_entity(text)
        if not hit:
            return text
        _, printed = hit
        found.insert(0, printed)
        text = text[: len(text.rstrip()) - len(printed)] if text.rstrip().endswith(printed) else hit[0]
        require_separator = True


def split_title_cell(cell: str, table: EntityTable) -> TitleParts:
    rest = cell.strip()
    bold_entities: list[str] = []
    annual = False
    while True:
        match = _TRAILING_BOLD.search(rest)
        if not match:
            break
        content = plain_text(match.group(1))
        if _ANNUAL.match(content):
            annual = True
        elif content:
            bold_entities.insert(0, content)
        rest = rest[: match.start()]

    text = plain_text(rest)
    printed: list[str] = []
    if bold_entities:
        # Half in bold: "… UNODA, <b>1540 Committee</b>" -> plain names before the bold part.
        text = _peel_entities(text, table, printed, require_separator=True)
        for group in bold_entities:
            printed.extend(table.split(group))
    else:
        text = _peel_entities(text, table, printed, require_separator=False)

    duration = ""
    match = _FINAL_PAREN.search(text)
    if match and looks_like_duration(match.group(1)) and not is_resolution_reference(text[: match.start()], match.group(1)):
        duration = plain_text(match.group(1)).strip()
        text = text[: match.start()]
    if annual and not re.search(r"annual", duration, re.I):
        duration = "Annual event" + (f". {duration}" if duration else "")
    return TitleParts(title=text.strip(), duration_text=duration, entities=printed)
