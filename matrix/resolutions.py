"""Security Council resolutions cited in a project's title or activities.

Forms in annex II: ``resolution 2178 (2014)``, ``UNSCR 1540 (2004)``, ``Resolutions 2199,
2253 and 2347``, ``resolutions 2178 (2014) , 2349 (2017) and 2396 (2017)``, ``UNSCR 1540
Committee`` and ``1540 Committee`` (a committee named after its resolution). A citation
without a year takes it from data/reference/resolutions.csv.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from matrix.quality import Issue
from matrix.reference import read_reference

RESOLUTION_COLUMNS = ["project_id", "resolution", "year", "field"]
_ANCHOR = re.compile(r"\b(?:resolutions?|UNSCR|S/RES/)\s*", re.I)
_NUMBER = re.compile(r"(\d{3,4})(?!\s*/)(?:\s*\((\d{4})\))?")
_SEPARATOR = re.compile(r"\s*(?:,|\band\b|&)\s*", re.I)
_COMMITTEE = re.compile(r"\b(\d{4})\s+Committee\b")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict]:
    return {row["resolution"]: row for _, row in read_reference("resolutions.csv", ("resolution", "year", "subject"))}


def citations(text: str) -> list[tuple[str, str | None]]:
    """(number, year as printed or None) in order of appearance, each number once."""
    found: dict[str, str | None] = {}
    for anchor in _ANCHOR.finditer(text):
        pos = anchor.end()
        while True:
            match = _NUMBER.match(text, pos)
            if not match:
                break
            found.setdefault(match.group(1), match.group(2))
            pos = match.end()
            sep = _SEPARATOR.match(text, pos)
            if not sep or not _NUMBER.match(text, sep.end()):
                break
            pos = sep.end()
    for match in _COMMITTEE.finditer(text):
        found.setdefault(match.group(1), None)
    return list(found.items())


def project_resolutions(projects: pd.DataFrame, issues: list[Issue] | None = None, lines: dict | None = None) -> pd.DataFrame:
    known = catalogue()
    rows = []
    for pid, title, activities in zip(projects["project_id"], projects["title"], projects["activities"]):
        seen = set()
        for field, text in (("title", title), ("activities", activities)):
            for number, year in citations(text):
                if number in seen:
                    continue
                seen.add(number)
                entry = known.get(number)
                if issues is not None and entry and year and year != entry["year"]:
                    issues.append(Issue("resolution_year", f"cites resolution {number} ({year}); resolution {number} "
                                        f"was adopted in {entry['year']}", line=(lines or {}).get(pid), project_id=pid))
                if issues is not None and not entry:
                    issues.append(Issue("unknown_resolution", f"cites resolution {number}, which is not in "
                                        "data/reference/resolutions.csv", line=(lines or {}).get(pid), project_id=pid))
                rows.append({"project_id": pid, "resolution": number,
                             "year": int(year) if year else (int(entry["year"]) if entry else None), "field": field})
    frame = pd.DataFrame(rows, columns=RESOLUTION_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    return frame
