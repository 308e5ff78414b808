"""``python -m matrix``: the command line, a thin shell over the library.

Exit status 0 on success; on bad input or arguments, status 2 and one line
``error: FILE:LINE: what is wrong`` on standard error, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from matrix.errors import MatrixError
from matrix.i18n import N_, _


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, status 2, as the contract says
        sys.stderr.write(f"error: {message}\n")
        raise SystemExit(2)


def _add_source(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", type=Path, default=None,
                        help=_("matrix source: the annex II text (default: data/raw/) or an .xlsx written by export"))


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m matrix", description=_("CT Matrix: the UN counter-terrorism projects matrix as data."))
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    build = commands.add_parser("build", help=_("read a matrix source and write the tidy tables"))
    _add_source(build)
    build.add_argument("--out", type=Path, default=None, help=_("folder for the tables (default: data/processed/)"))
    quality = commands.add_parser("quality", help=_("print the reconciliation and every data issue"))
    _add_source(quality)
    overlaps = commands.add_parser("overlaps", help=_("print overlap candidates: alike projects of different leads in one country"))
    _add_source(overlaps)
    export = commands.add_parser("export", help=_("write the (filtered) matrix as a workbook, a CSV or a slide deck"))
    from matrix.exports import FORMATS

    export.add_argument("--format", required=True, choices=FORMATS, help=_("file format"))
    export.add_argument("--out", type=Path, required=True, help=_("file to write"))
    from matrix.i18n import LANGUAGES

    export.add_argument("--lang", choices=LANGUAGES, default="en",
                        help=_("language of the workbook or deck: sheet names, headers, titles, labels (the CSV keeps the contract's words)"))
    _add_source(export)
    _add_filters(export)
    return parser


FILTER_OPTIONS = {
    "pillar": N_("I..IV or 1..4"), "status": N_("Ongoing, Completed, In development"),
    "entity": N_("canonical acronym or name"), "country": N_("ISO 3166 alpha-3"),
    "region": N_("UN M49 region or a named region"), "scope": N_("Global, Regional, Multi-country, National"),
    "theme": N_("theme or tag (data/reference/themes.csv)"), "resolution": N_("Security Council resolution number"),
    "q": N_("free text: every word must appear, as a word or part of one"),
}


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(_("filters (each may repeat: values of one filter are OR-ed, filters AND-ed)"))
    for name, meaning in FILTER_OPTIONS.items():
        group.add_argument(f"--{name}", action="append", default=[], metavar="VALUE", help=_(meaning))
    group.add_argument("--year-from", type=int, default=None, help=_("active in or after this year"))
    group.add_argument("--year-to", type=int, default=None, help=_("active in or before this year"))
    group.add_argument("--coverage", choices=["named", "all"], default="named",
                       help=_("countries for --country/--region: named only, or also via regions and missions"))


def filters_from_args(args, matrix):
    """CLI options -> Filters, checked against the data: a value that can match nothing
    is an error, not a silently empty export."""
    from matrix.filters import from_params
    from matrix.model import SCOPES, STATUSES, parse_pillar
    from matrix.options import filter_options

    params = {name: getattr(args, name) for name in FILTER_OPTIONS if getattr(args, name)}
    if args.year_from is not None:
        params["year_from"] = str(args.year_from)
    if args.year_to is not None:
        params["year_to"] = str(args.year_to)
    params["coverage"] = args.coverage
    if args.year_from is not None and args.year_to is not None and args.year_from > args.year_to:
        raise MatrixError(_("--year-from {a} is after --year-to {b}").format(a=args.year_from, b=args.year_to))
    for value in args.pillar:
        for part in value.split(","):
            if parse_pillar(part) is None:
                raise MatrixError(_("--pillar {value!r}: use I, II, III, IV or 1 to 4").format(value=part))
    filters = from_params(params)
    options = filter_options(matrix)
    checks = {"status": list(STATUSES), "scope": list(SCOPES), "entity": options["entity"], "country": options["country"],
              "region": options["region"], "theme": options["theme"], "resolution": options["resolution"]}
    for name, allowed in checks.items():
        unknown = [v for v in getattr(filters, name) if v not in allowed]
        if unknown:
            shown = ", ".join(allowed) if len(allowed) <= 12 else ", ".join(allowed[:12]) + ", …"
            raise MatrixError(_("--{name} {values}: not in the matrix (known: {shown})").format(
                name=name, values=", ".join(repr(u) for u in unknown), shown=shown))
    return filters


def load_and_build(source: Path | None):
    from loaders import load_source
    from matrix.build import build_tables
    from matrix.reference import DEFAULT_SOURCE

    return build_tables(load_source(source or DEFAULT_SOURCE))


def cmd_build(args) -> int:
    from matrix.reference import PROCESSED_DIR, relative_to_root
    from matrix.tables import write_tables

    tables = load_and_build(args.source)
    out = args.out or PROCESSED_DIR
    if out.exists() and not out.is_dir():
        raise MatrixError(_("output exists and is not a folder"), file=str(out))
    write_tables(tables, out)
    by_pillar = "/".join(str(p["parsed"]) for p in tables.quality["pillars"])
    print(_("{projects} projects parsed ({by_pillar} by pillar), {issues} issues found, from {source} into {out}").format(
        projects=len(tables.projects), by_pillar=by_pillar, issues=len(tables.issues),
        source=tables.quality["source"], out=relative_to_root(out)))
    return 0


def cmd_quality(args) -> int:
    tables = load_and_build(args.source)
    q = tables.quality
    print(_("source: {source}").format(source=q["source"]))
    stated = q["stated_total"] if q["stated_total"] is not None else "-"
    print(_("total: stated {stated}, parsed {parsed}").format(stated=stated, parsed=q["parsed_total"]))
    for p in q["pillars"]:
        print(_("pillar {pillar}: stated {stated}, header {header}, parsed {parsed}").format(
            pillar=p["pillar"], stated=p["stated"] if p["stated"] is not None else "-",
            header=p["header"] if p["header"] is not None else "-", parsed=p["parsed"]))
    for issue in tables.issues:
        print(issue.as_line(q["source"]))
    return 0


def cmd_export(args) -> int:
    from matrix.data import load_matrix, matrix_from_tables
    from matrix.exports import export
    from matrix.filters import apply_filters
    from matrix.i18n import set_language
    from matrix.reference import relative_to_root

    set_language(args.lang)
    matrix = matrix_from_tables(load_and_build(args.source)) if args.source else load_matrix()
    filters = filters_from_args(args, matrix)
    view = apply_filters(matrix, filters)
    out = export(view, filters, args.format, args.out)
    n = len(view.projects)
    if n == 0:
        print(_("No project matches these filters; wrote an empty {fmt} to {out}").format(fmt=args.format, out=relative_to_root(out)))
    else:
        print(_("Projects written to {out}: {n}").format(n=n, out=relative_to_root(out)))
    return 0


def cmd_overlaps(args) -> int:
    from matrix.data import load_matrix, matrix_from_tables

    matrix = matrix_from_tables(load_and_build(args.source)) if args.source else load_matrix()
    pairs = matrix.extra.get("overlaps")
    if pairs is None:
        raise MatrixError(_("no overlaps table here: run `python -m matrix build`"), file="data/processed/overlaps.csv")
    print(_("{n} overlap candidates (score = similarity of the descriptions, 0 to 1)").format(n=len(pairs)))
    for row in pairs.itertuples():
        print(f"{row.score:.3f}  {row.country}  {row.project_a} ({row.lead_a}) ~ {row.project_b} ({row.lead_b})"
              f"  [{row.shared_terms}]")
        print(f"       {row.project_a}: {row.title_a}")
        print(f"       {row.project_b}: {row.title_b}")
    return 0


COMMANDS = {"build": cmd_build, "quality": cmd_quality, "export": cmd_export, "overlaps": cmd_overlaps}


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except MatrixError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except BrokenPipeError:  # `python -m matrix quality | head`
        sys.stderr.close()
        return 0
    except OSError as exc:  # a folder that cannot be written, a disk that is full, …
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"error: {where}{exc.strerror or exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return 130
