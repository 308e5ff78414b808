"""A synthetic matrix N times larger: every row of each pillar replicated with new serials."""
from __future__ import annotations

from pathlib import Path

from matrix.reference import DEFAULT_SOURCE


def synthetic_source(factor: int, out: Path) -> Path:
    lines = DEFAULT_SOURCE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, l in enumerate(lines) if "Pillar I of the UN Global Counter-Terrorism Strategy" in l) - 2
    end = next(i for i, l in enumerate(lines) if l.startswith("## Annex III"))
    head, table, tail = lines[:start], lines[start:end], lines[end:]
    out_lines = list(head)
    block: list[str] = []
    for line in table + ["#### Pillar END"]:
        if line.startswith("#### Pillar") and block:
            rows = [l for l in block if l.split("\t")[0].strip().isdigit()]
            prelude = [l for l in block if l not in rows and "\t" not in l]
            out_lines += prelude
            serial = 0
            for _ in range(factor):
                for row in rows:
                    serial += 1
                    out_lines.append(f"{serial}\t{row.split(chr(9), 1)[1]}")
            block = []
        block.append(line)
    out.write_text("\n".join(out_lines + tail) + "\n", encoding="utf-8")
    return out
