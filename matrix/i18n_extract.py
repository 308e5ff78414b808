"""Babel extractor for the vocabulary kept in ``data/reference/`` CSV files.

Theme names, entity groups, named regions and resolution subjects are user-facing words
that live in CSV files staff can edit, not in Python. ``babel.cfg`` names this extractor
for those files, so ``make messages`` puts their words into the catalogues beside the
interface strings, and the completeness test fails when a new theme has no translation.

Options (from ``babel.cfg``): ``columns``, the columns whose cells are messages;
``skip_single``, a column that, when it names exactly one value, means the row needs no
message of its own (a named region that is one UN M49 region takes that region's UN name).
"""
from __future__ import annotations

import csv
import re
import io
from pathlib import Path


def extract_reference(fileobj, keywords, comment_tags, options):
    columns = options.get("columns", "").split()
    skip_single = options.get("skip_single", "")
    reader = csv.DictReader(io.TextIOWrapper(fileobj, encoding="utf-8", newline=""))
    for line, row in enumerate(reader, start=2):
        if skip_single and len([v for v in (row.get(skip_single) or "").split(";") if v.strip()]) == 1:
            continue
        for column in columns:
            value = (row.get(column) or "").strip()
            if value:
                yield line, None, value, [f"data/reference: column {column}"]


# --- catalogue upkeep (``make messages`` and tests/test_i18n.py) ---------------------------

_FIELD = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")


def placeholders(text: str) -> list[str]:
    """The ``str.format`` fields of a message, sorted: ``{n}``, ``{total}``…"""
    return sorted(_FIELD.findall(text))


def catalogue_problems(path: str | Path) -> list[str]:
    """Every entry of a ``.po`` file that is untranslated, fuzzy, or whose translation
    does not carry exactly the message's ``{placeholders}``: one line each."""
    from babel.messages.pofile import read_po

    with open(path, "rb") as handle:
        catalogue = read_po(handle)
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        if not message.string:
            problems.append(f"{path}: untranslated: {message.id!r}")
        elif message.fuzzy:
            problems.append(f"{path}: fuzzy: {message.id!r}")
        elif placeholders(message.id) != placeholders(message.string):
            problems.append(f"{path}: placeholders differ: {message.id!r} -> {message.string!r}")
    return problems


def fill_source(path: str | Path) -> None:
    """The English catalogue translates each message to itself (English is the source)."""
    from babel.messages.pofile import read_po, write_po

    with open(path, "rb") as handle:
        catalogue = read_po(handle)
    for message in catalogue:
        if message.id and not message.string:
            message.string = message.id
    with open(path, "wb") as handle:
        write_po(handle, catalogue, omit_header=False, sort_output=True, width=100)


if __name__ == "__main__":
    import sys

    args = sys.argv[1:]
    if args[:1] == ["--fill-source"]:
        for name in args[1:]:
            fill_source(name)
    elif args[:1] == ["--check"]:
        found = [line for name in args[1:] for line in catalogue_problems(name)]
        print("\n".join(found) or "no problems")
        sys.exit(1 if found else 0)
    else:
        sys.exit("usage: python -m matrix.i18n_extract --fill-source PO… | --check PO…")
