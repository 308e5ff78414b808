"""Reference tables: small CSV files under data/reference/ that staff can correct.

Each loader checks the columns it needs and reports a bad row as ``FILE:LINE``.
"""
from __future__ import annotations

import csv
from pathlib import Path

from matrix.errors import MatrixError

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = ROOT / "data" / "reference"
RAW_DIR = ROOT / "data" / "raw"
PROCESSED_DIR = ROOT / "data" / "processed"
DEFAULT_SOURCE = RAW_DIR / "A-72-840_report_ar_annexes_en.txt"


def read_reference(name: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of data/reference/NAME as (line, row) with every value stripped."""
    path = REFERENCE_DIR / name
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise MatrixError(f"missing column(s) {', '.join(missing)}", file=str(path), line=1)
            rows = []
            for row in reader:
                clean = {k: (v or "").strip() for k, v in row.items() if k is not None}
                if not any(clean.values()):
                    continue
                for col in required:
                    if not clean.get(col):
                        raise MatrixError(f"empty {col!r}", file=str(path), line=reader.line_num)
                rows.append((reader.line_num, clean))
            return rows
    except FileNotFoundError:
        raise MatrixError("reference table missing", file=str(path)) from None


def split_list(value: str) -> list[str]:
    """A list cell (``a; b; c``) -> items."""
    return [item.strip() for item in (value or "").split(";") if item.strip()]


def relative_to_root(path: str | Path) -> str:
    """A path as shown in outputs: relative to the project when it lies inside it."""
    p = Path(path).resolve()
    try:
        return p.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
