"""Annex II of A/72/840 (text) -> raw records.

The matrix is four tab-separated tables, one per pillar. What this loader copes with
(described in the README of the source documents): headers repeated at page breaks, sometimes in ``<b>``;
blank lines between rows; continuation lines that start with empty cells; serials that
repeat or skip; stated counts that disagree with the rows. It reads text and positions
only; splitting cells into fields is the domain's job (``matrix.titles``, ``matrix.build``).
"""
from __future__ import annotations

import re
from pathlib import Path

from loaders.records import LoadResult, RawRecord, SourceMeta
from matrix.errors import MatrixError
from matrix.model import parse_pillar
from matrix.quality import Issue
from matrix.text import plain_text

N_CELLS = 5

_ANNEX_START = re.compile(r"^#+\s*\**\s*Annex\s+II\s*\**\s*$", re.I)
_ANNEX_END = re.compile(r"^#+\s*\**\s*Annex\s+III\b", re.I)
_TABLE = re.compile(r"Pillar\s+(IV|III|II|I|[1-4])\s+of\s+the\s+UN\s+Global\s+Counter-Terrorism\s+Strategy", re.I)
_HEADER_COUNT = re.compile(r"^[#\s]*(\d+)\s+projects\s*$", re.I)
_PILLAR_NAME = re.compile(r"^#+\s*\**\s*Pillar\s+(IV|III|II|I|[1-4])\s*:\s*(.+?)\s*\**\s*$", re.I)
_STATED_TOTAL = re.compile(r"total\s+of\s+(\d+)\s+projects\s+across", re.I)
_STATED_PILLAR = re.compile(r"(\d+)\s+projects\s+under\s+Pillar\s+(IV|III|II|I|[1-4])\b", re.I)
_SERIAL = re.compile(r"^\d{1,6}[a-z]?$")


def _pillar_number(token: str) -> int:
    return parse_pillar(token)  # the regexes only let I..IV and 1..4 through


def read_text(path: Path) -> str:
    """The file as text, or a MatrixError that says why it is not readable text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MatrixError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None
    if not data.strip():
        raise MatrixError("file is empty", file=str(path))
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data[:nul].count(b"\n") + 1
        raise MatrixError("binary content (NUL byte): not a text matrix source", file=str(path), line=line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise MatrixError("not UTF-8 text: not a text matrix source", file=str(path), line=line) from None
    return text


def _annex_bounds(lines: list[str]) -> tuple[int, int]:
    """Index range of annex II if the file is the whole report, else the whole file."""
    start, end = 0, len(lines)
    for i, line in enumerate(lines):
        if _ANNEX_START.match(line):
            start = i
            break
    for i in range(start + 1, len(lines)):
        if _ANNEX_END.match(lines[i]):
            end = i
            break
    return start, end


def _is_header(cells: list[str]) -> bool:
    return plain_text(cells[0]).lower() == "serial"


def load_annex(path: str | Path) -> LoadResult:
    path = Path(path)
    source = str(path)
    lines = read_text(path).splitlines()
    start, end = _annex_bounds(lines)
    meta = SourceMeta(source=source)
    issues: list[Issue] = []
    records: list[RawRecord] = []

    annex_text = "\n".join(lines[start:end])
    total = _STATED_TOTAL.search(annex_text)
    if total:
        meta.stated_total = int(total.group(1))
        meta.stated_line = start + annex_text.count("\n", 0, total.start()) + 1
        sentence_end = annex_text.find(".", total.end())
        sentence = annex_text[total.start() : sentence_end if sentence_end > 0 else None]
        for count, pillar in _STATED_PILLAR.findall(sentence):
            meta.stated_by_pillar[_pillar_number(pillar)] = int(count)

    pillar: int | None = None
    awaiting_count = False
    for index in range(start, end):
        lineno = index + 1
        raw = lines[index]
        if not raw.strip():
            continue
        if "\t" not in raw:
            text = plain_text(raw)
            name = _PILLAR_NAME.match(raw)
            if name:
                meta.pillar_names.setdefault(_pillar_number(name.group(1)), plain_text(name.group(2)).strip("* "))
                continue
            table = _TABLE.search(text)
            if table and raw.lstrip().startswith("#"):
                pillar = _pillar_number(table.group(1))
                awaiting_count = True
                continue
            count = _HEADER_COUNT.match(raw)
            if count and awaiting_count and pillar is not None:
                meta.header_by_pillar[pillar] = int(count.group(1))
                meta.header_lines[pillar] = lineno
                awaiting_count = False
                continue
            if pillar is not None and not raw.lstrip().startswith("#"):
                issues.append(Issue("malformed_row", f"line inside the pillar {pillar} table is not a tab-separated row: {text[:80]!r}", line=lineno, pillar=pillar))
            continue

        cells = raw.split("\t")
        if _is_header(cells):
            awaiting_count = False
            continue
        if pillar is None:
            issues.append(Issue("malformed_row", "table row before any 'Pillar … of the UN Global Counter-Terrorism Strategy' heading; not counted", line=lineno))
            continue
        awaiting_count = False
        first = plain_text(cells[0])

        if not first:
            # Continuation: the cells carry the rest of the previous row's text.
            if not any(plain_text(c) for c in cells):
                continue
            if not records or records[-1].pillar != pillar:
                issues.append(Issue("malformed_row", "continuation line with no row above it in this table; not counted", line=lineno, pillar=pillar))
                continue
            prev = records[-1]
            for attr, cell in zip(("title_cell", "status", "activities", "geography"), cells[1:N_CELLS]):
                if cell.strip():
                    setattr(prev, attr, (getattr(prev, attr).rstrip() + " " + cell.strip()).strip())
            prev.merged_lines.append(lineno)
            issues.append(Issue("continuation_merged", f"continuation line merged into serial {prev.serial} (line {prev.line})", line=lineno, pillar=pillar, serial=prev.serial))
            continue

        if not _SERIAL.match(first):
            issues.append(Issue("malformed_row", f"row without a readable serial ({first[:30]!r}); not counted", line=lineno, pillar=pillar))
            continue
        if len(cells) != N_CELLS:
            issues.append(Issue("malformed_row", f"row has {len(cells)} cells, expected {N_CELLS}; " + ("missing cells left empty" if len(cells) < N_CELLS else "extra cells joined to the geography"), line=lineno, pillar=pillar, serial=first))
            if len(cells) < N_CELLS:
                cells = cells + [""] * (N_CELLS - len(cells))
            else:
                cells = cells[: N_CELLS - 1] + [" ".join(c for c in cells[N_CELLS - 1 :] if c.strip())]
        records.append(
            RawRecord(source=source, line=lineno, pillar=pillar, serial=first, title_cell=cells[1].strip(),
                      status=cells[2].strip(), activities=cells[3].strip(), geography=cells[4].strip())
        )

    if not records:
        raise MatrixError(
            "no matrix found: expected a '#### Pillar I of the UN Global Counter-Terrorism Strategy' "
            "heading followed by tab-separated rows under a 'Serial' header",
            file=source,
        )
    return LoadResult(meta=meta, records=records, issues=issues)
