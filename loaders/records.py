"""What a loader hands to the domain: raw records that remember where they came from."""
from __future__ import annotations

from dataclasses import dataclass, field

from matrix.quality import Issue


@dataclass
class RawRecord:
    source: str  # the file, as the user named it
    line: int  # line (text) or sheet row (workbook) where the row starts
    pillar: int
    serial: str  # as printed
    title_cell: str = ""  # raw cell: title, duration and entities packed together
    status: str = ""
    activities: str = ""
    geography: str = ""
    # A workbook already holds the split fields; the text loader leaves these None.
    title: str | None = None
    duration_text: str | None = None
    entities: list[str] | None = None
    source_line: int | None = None  # original provenance carried by a workbook
    project_id: str | None = None  # carried by a workbook, so a filtered export keeps its ids
    merged_lines: list[int] = field(default_factory=list)


@dataclass
class SourceMeta:
    source: str
    stated_total: int | None = None
    stated_by_pillar: dict[int, int] = field(default_factory=dict)
    header_by_pillar: dict[int, int] = field(default_factory=dict)
    stated_line: int | None = None  # line of the summary sentence
    header_lines: dict[int, int] = field(default_factory=dict)  # pillar -> line of 'NNN projects'
    pillar_names: dict[int, str] = field(default_factory=dict)


@dataclass
class LoadResult:
    meta: SourceMeta
    records: list[RawRecord]
    issues: list[Issue]
