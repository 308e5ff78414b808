"""Raw records -> the tidy tables and the reconciliation.

Every record becomes one project; every problem becomes an Issue with its line. The
stated counts come from the source text (``SourceMeta``), never from this code.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pandas as pd

from loaders.records import LoadResult, RawRecord
from matrix.durations import parse_duration
from matrix.entities import entity_table
from matrix.geography import gazetteer
from matrix.model import COUNTRY_COLUMNS, ENTITY_COLUMNS, PILLAR_NAMES, PILLARS, PROJECT_COLUMNS, STATUSES
from matrix.quality import Issue
from matrix.reference import relative_to_root
from matrix.text import plain_text
from matrix.titles import split_title_cell

_STATUS_KEYS = {s.casefold(): s for s in STATUSES}
_SERIAL_PARTS = re.compile(r"^(\d+)([a-z]?)$")


@dataclass
class Tables:
    projects: pd.DataFrame
    project_entities: pd.DataFrame
    project_countries: pd.DataFrame
    quality: dict
    issues: list[Issue] = field(default_factory=list)
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)  # more tables, by file name


def canonical_status(printed: str) -> str | None:
    key = re.sub(r"\s+", " ", plain_text(printed)).strip().casefold()
    return _STATUS_KEYS.get(key)


def _project_ids(records: list[RawRecord], issues: list[Issue]) -> list[str]:
    seen: Counter = Counter()
    ids = []
    for rec in records:
        match = _SERIAL_PARTS.match(rec.serial)
        number, letter = (int(match.group(1)), match.group(2)) if match else (0, "")
        base = f"P{rec.pillar}-{number:03d}{letter}"
        seen[base] += 1
        if seen[base] == 1:
            ids.append(base)
            continue
        pid = base + "abcdefghijklmnopqrstuvwxyz"[min(seen[base] - 1, 25)]
        ids.append(pid)
        issues.append(Issue("duplicate_serial",
                            f"pillar {rec.pillar} prints serial {rec.serial} again; this row is {pid}",
                            line=rec.line, pillar=rec.pillar, serial=rec.serial, project_id=pid))
    return ids


def _missing_serials(records: list[RawRecord], issues: list[Issue]) -> None:
    by_pillar: dict[int, list[RawRecord]] = defaultdict(list)
    for rec in records:
        if rec.serial.isdigit():
            by_pillar[rec.pillar].append(rec)
    for pillar, recs in sorted(by_pillar.items()):
        ordered = sorted(recs, key=lambda r: int(r.serial))
        expected = 1
        for rec in ordered:  # one pass: each gap is reported at the row where the numbering resumes
            number = int(rec.serial)
            for missing in range(expected, number):
                issues.append(Issue("missing_serial", f"pillar {pillar} has no serial {missing} "
                                    f"(the numbering jumps to {rec.serial} here)",
                                    line=rec.line, pillar=pillar, serial=str(missing)))
            expected = max(expected, number + 1)


def build_tables(result: LoadResult) -> Tables:
    meta, records = result.meta, result.records
    issues: list[Issue] = list(result.issues)
    entities, places = entity_table(), gazetteer()
    is_organisation = lambda name: entities.canonical(name) is not None  # noqa: E731

    given = [rec.project_id for rec in records]
    if records and all(given) and len(set(given)) == len(given):
        # A workbook export: ids are given, and gaps in the numbering come from filtering.
        ids = given
    else:
        if all(given):
            for pid, n in Counter(given).items():
                if n > 1:
                    issues.append(Issue("duplicate_serial", f"project id {pid} appears {n} times in the workbook; "
                                        "ids are made again from pillar and serial", project_id=pid))
        ids = _project_ids(records, issues)
        _missing_serials(records, issues)

    projects, entity_rows, country_rows = [], [], []
    for pid, rec in zip(ids, records):
        line = rec.source_line or rec.line
        where = dict(line=rec.line, pillar=rec.pillar, serial=rec.serial, project_id=pid)
        if rec.title is not None:  # a workbook: fields already split
            title, duration_text, printed_entities = rec.title, rec.duration_text or "", list(rec.entities or [])
        else:
            parts = split_title_cell(rec.title_cell, entities)
            title, duration_text, printed_entities = parts.title, parts.duration_text, parts.entities
        if not title:
            issues.append(Issue("missing_title", "row has no title", **where))

        duration = parse_duration(duration_text)
        if duration.start_year is None:
            issues.append(Issue("undated", f"no year in the duration ({duration_text!r})" if duration_text
                                else "no duration printed", **where))

        status = canonical_status(rec.status)
        if status is None:
            issues.append(Issue("unknown_status", f"status {plain_text(rec.status)!r} is not one of "
                                + ", ".join(STATUSES) + "; left empty", **where))

        canon: list[str] = []
        for printed in printed_entities:
            entity = entities.canonical(printed)
            if entity is None:
                issues.append(Issue("unknown_entity", f"entity {printed!r} is not in data/reference/entities.csv; kept as printed", **where))
                entity = printed
            if entity not in canon:
                canon.append(entity)
        if not canon:
            issues.append(Issue("unknown_entity", "no implementing entity found in the title cell", **where))
        for i, entity in enumerate(canon):
            info = entities.get(entity)
            entity_rows.append({"project_id": pid, "entity": entity, "entity_name": info.name if info else entity,
                                "entity_group": info.group if info else "", "role": "lead" if i == 0 else "partner",
                                "parent": info.parent if info else ""})

        geography = plain_text(rec.geography)
        geo = places.resolve(geography, is_organisation)
        if not geography:
            issues.append(Issue("unresolved_geography", "geographical scope is empty", **where))
        for item in geo.unresolved:
            issues.append(Issue("unresolved_geography", f"{item!r} is neither a country, a region nor a mission in data/reference/", **where))
        for iso3, basis, via in geo.countries:
            info = places.country(iso3)
            country_rows.append({"project_id": pid, "iso3": iso3, "country": info.name if info else iso3,
                                 "region": info.region if info else "", "subregion": info.subregion if info else "",
                                 "basis": basis, "intermediate_region": info.intermediate_region if info else "",
                                 "via": via})

        projects.append({
            "project_id": pid, "pillar": rec.pillar,
            "pillar_name": meta.pillar_names.get(rec.pillar) or PILLAR_NAMES[rec.pillar],
            "serial": rec.serial, "title": title, "duration_text": duration_text,
            "start_year": duration.start_year, "end_year": duration.end_year,
            "recurring": duration.recurring, "open_ended": duration.open_ended,
            "status": status or "", "activities": plain_text(rec.activities), "geography": geography,
            "scope": geo.scope, "entities": canon, "lead_entity": canon[0] if canon else "",
            "countries": geo.named, "source_line": line, "regions": geo.regions,
        })

    project_frame = pd.DataFrame(projects, columns=PROJECT_COLUMNS)
    for col in ("start_year", "end_year", "source_line", "pillar"):
        project_frame[col] = project_frame[col].astype("Int64")
    parsed = Counter(rec.pillar for rec in records)
    pillars = []
    for pillar in sorted(set(PILLARS) | set(parsed)):
        stated, header = meta.stated_by_pillar.get(pillar), meta.header_by_pillar.get(pillar)
        pillars.append({"pillar": pillar, "stated": stated, "header": header, "parsed": parsed.get(pillar, 0)})
        for label, value, line in (("the summary sentence states", stated, meta.stated_line),
                                   ("the table header says", header, meta.header_lines.get(pillar))):
            if value is not None and value != parsed.get(pillar, 0):
                issues.append(Issue("count_mismatch", f"pillar {pillar}: {label} {value} projects, "
                                    f"{parsed.get(pillar, 0)} rows parsed", line=line, pillar=pillar))
    if meta.stated_total is not None and meta.stated_total != len(records):
        issues.append(Issue("count_mismatch", f"the summary sentence states {meta.stated_total} projects in all, "
                            f"{len(records)} rows parsed", line=meta.stated_line))
    if meta.stated_total is not None and meta.stated_by_pillar and sum(meta.stated_by_pillar.values()) != meta.stated_total:
        issues.append(Issue("count_mismatch", f"the per-pillar figures in the summary sentence add up to "
                            f"{sum(meta.stated_by_pillar.values())}, not the stated {meta.stated_total}", line=meta.stated_line))

    # The coordination lens: themes, resolutions cited, overlap candidates.
    from matrix.overlaps import overlap_candidates
    from matrix.resolutions import project_resolutions
    from matrix.themes import project_themes

    themes = project_themes(project_frame)
    themed = set(themes.loc[themes["kind"] == "theme", "project_id"])
    lines = dict(zip(project_frame["project_id"], [r.line for r in records]))
    for pid, pillar in zip(project_frame["project_id"], project_frame["pillar"]):
        if pid not in themed:
            issues.append(Issue("untagged", "no theme keyword in the title or activities (data/reference/themes.csv)",
                                line=lines[pid], project_id=pid, pillar=int(pillar)))
    resolutions = project_resolutions(project_frame, issues, lines)
    overlaps = overlap_candidates(project_frame, pd.DataFrame(country_rows, columns=COUNTRY_COLUMNS))
    named_regions = sorted({r for rs in project_frame["regions"] for r in rs if r in places.regions})
    region_members = pd.DataFrame([{"region": r, "iso3": iso, "source": places.regions[r].source}
                                   for r in named_regions for iso in places.regions[r].members],
                                  columns=["region", "iso3", "source"])

    issues.sort(key=lambda i: (i.line is None, i.line or 0))
    quality = {
        "source": relative_to_root(meta.source),
        "stated_total": meta.stated_total,
        "parsed_total": len(records),
        "pillars": pillars,
        "issues": [issue.as_dict() for issue in issues],
    }
    return Tables(project_frame, pd.DataFrame(entity_rows, columns=ENTITY_COLUMNS),
                  pd.DataFrame(country_rows, columns=COUNTRY_COLUMNS), quality, issues,
                  extra={"project_themes.csv": themes, "project_resolutions.csv": resolutions, "overlaps.csv": overlaps,
                         "region_members.csv": region_members})
