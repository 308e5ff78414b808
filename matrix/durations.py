"""Durations as printed -> start and end years, recurring, open-ended.

Forms seen in annex II: ``Jul. 2015–Jun. 2019``, ``2016–2019``, ``2018``, ``since 2000``,
``2016-ongoing``, ``25-27 Sep. 2017``, ``30 October–1 November 2016``,
``Annual event. 2016, 2017 and 2018``, ``Annual event``. Every form names its years in
full, so the years are read as the four-digit numbers it contains: the first and last
bound the project. An open-ended duration has no end year: it is not guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_OPEN = re.compile(r"\b(?:since|ongoing|present|onwards?)\b", re.I)
_ANNUAL = re.compile(r"\bannual(?:ly)?\b|\byearly\b|\bevery year\b", re.I)


@dataclass(frozen=True)
class Duration:
    start_year: int | None
    end_year: int | None
    recurring: bool
    open_ended: bool


def parse_duration(text: str) -> Duration:
    text = text or ""
    years = [int(y) for y in _YEAR.findall(text)]
    open_ended = bool(_OPEN.search(text))
    recurring = bool(_ANNUAL.search(text))
    start = min(years) if years else None
    end = None if open_ended or not years else max(years)
    return Duration(start, end, recurring, open_ended)
