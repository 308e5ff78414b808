"""Themes and cross-cutting tags from keyword rules in data/reference/themes.csv.

A keyword is a word or phrase; ``*`` continues a word (``radicali*``). A keyword in
capitals (``PVE``, ``CBRN``) matches capitals only; any other matches regardless of case.
Keywords match whole words in a project's title and main activities, and every label
records the words that made it, so each one can be explained.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from matrix.reference import read_reference, split_list

THEME_COLUMNS = ["project_id", "theme", "kind", "matched"]


@dataclass(frozen=True)
class Rule:
    theme: str
    kind: str
    pillar: int | None
    pattern: re.Pattern


def _keyword_regex(keyword: str) -> str:
    body = re.escape(keyword.strip()).replace(r"\*", r"[\w-]*").replace(r"\ ", r"\s+")
    return body + r"(?![\w])"  # the word start is checked once for all keywords (_compile)


def _compile(keywords: list[str]) -> re.Pattern:
    parts = []
    for kw in sorted(keywords, key=len, reverse=True):
        capitals = sum(c.isupper() for c in kw) >= 2 and not any(c.islower() for c in kw)
        regex = _keyword_regex(kw)
        parts.append(regex if capitals else f"(?i:{regex})")
    # One lookbehind before the alternation, not one per keyword: the same matches, and the
    # engine tries the keywords only where a word starts (the build's costliest step).
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")")


@lru_cache(maxsize=1)
def theme_rules() -> tuple[Rule, ...]:
    rules = []
    for _, row in read_reference("themes.csv", ("theme", "kind", "keywords")):
        pillar = int(row["pillar"]) if row.get("pillar", "").isdigit() else None
        rules.append(Rule(row["theme"], row["kind"], pillar, _compile(split_list(row["keywords"]))))
    return tuple(rules)


def project_themes(projects: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for pid, title, activities in zip(projects["project_id"], projects["title"], projects["activities"]):
        text = f"{title}\n{activities}"
        for rule in theme_rules():
            found = []
            for match in rule.pattern.finditer(text):
                word = re.sub(r"\s+", " ", match.group(0))
                if word.casefold() not in (w.casefold() for w in found):
                    found.append(word)
            if found:
                rows.append({"project_id": pid, "theme": rule.theme, "kind": rule.kind, "matched": "; ".join(found)})
    return pd.DataFrame(rows, columns=THEME_COLUMNS)


def theme_names(kind: str | None = None) -> list[str]:
    return [r.theme for r in theme_rules() if kind is None or r.kind == kind]
