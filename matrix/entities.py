"""Canonical entities: acronyms, full names, groups and aliases from entities.csv."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from matrix.reference import read_reference, split_list

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def _key(name: str) -> str:
    name = _DASHES.sub("-", name)
    name = re.sub(r"\s+", " ", name).strip().strip(".").strip()
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    return name.casefold()


@dataclass(frozen=True)
class Entity:
    entity: str
    name: str
    group: str
    parent: str


class EntityTable:
    def __init__(self, rows: list[dict[str, str]]):
        self.entities: dict[str, Entity] = {}
        self._alias: dict[str, str] = {}
        for row in rows:
            ent = Entity(row["entity"], row["name"], row["group"], row.get("parent", ""))
            self.entities[ent.entity] = ent
            for alias in [ent.entity, ent.name, *split_list(row.get("aliases", ""))]:
                self._alias.setdefault(_key(alias), ent.entity)
        # Longest first, so that "DPKO-UNMAS" wins over "DPKO" and "UN Women" over "UN".
        names = sorted(self._alias, key=len, reverse=True)
        self._trailing = re.compile(
            r"(?:^|(?<=[\s,;]))(" + "|".join(re.escape(n) for n in names) + r")\s*[,;]?\s*$", re.I
        )

    def canonical(self, printed: str) -> str | None:
        return self._alias.get(_key(printed))

    def get(self, entity: str) -> Entity | None:
        return self.entities.get(entity)

    def trailing_entity(self, text: str) -> tuple[str, str] | None:
        """If ``text`` ends with a known entity name, return (rest, printed name)."""
        match = self._trailing.search(_DASHES.sub("-", text))
        if not match:
            return None
        return text[: match.start()].rstrip(" ,;"), text[match.start(1) : match.end(1)]

    def split(self, printed: str) -> list[str]:
        """'CTED, UNODC, AU and Lake Chad Basin Commission' -> printed names, in order."""
        out: list[str] = []
        for part in re.split(r"\s*[,;]\s*", printed):
            part = re.sub(r"^(?:and|&)\s+", "", part.strip(), flags=re.I).strip()
            if not part:
                continue
            if self.canonical(part) is None and re.search(r"\s(?:and|&)\s", part):
                pieces = [p.strip() for p in re.split(r"\s+(?:and|&)\s+", part)]
                if all(self.canonical(p) for p in pieces):
                    out.extend(pieces)
                    continue
            out.append(part)
        return out


@lru_cache(maxsize=1)
def entity_table() -> EntityTable:
    return EntityTable([row for _, row in read_reference("entities.csv", ("entity", "name", "group"))])
