"""Loaders turn a source file into raw records with their provenance.

Nothing else in the project knows a source's format. ``load_source`` picks the loader
by the file's suffix: ``.xlsx`` is a workbook written by ``python -m matrix export``,
anything else is read as the annex II text of A/72/840.
"""
from __future__ import annotations

from pathlib import Path

from loaders.records import LoadResult, RawRecord, SourceMeta
from matrix.errors import MatrixError

__all__ = ["LoadResult", "RawRecord", "SourceMeta", "load_source"]


def load_source(path: str | Path) -> LoadResult:
    path = Path(path)
    if not path.exists():
        raise MatrixError("no such file", file=str(path))
    if path.is_dir():
        raise MatrixError("is a directory, not a matrix source", file=str(path))
    if path.suffix.lower() == ".xlsx":
        from loaders.xlsx import load_xlsx

        return load_xlsx(path)
    from loaders.annex import load_annex

    return load_annex(path)
