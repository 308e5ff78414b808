"""``python -m matrix``: the command line, a thin shell over the library.

Exit status 0 on success; on bad input or arguments, status 2 and one line
``error: FILE:LINE: what is wrong`` on standard error, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from matrix.errors import MatrixError
from matrix.i18n import _


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
    return parser


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


COMMANDS = {"build": cmd_build, "quality": cmd_quality}


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except MatrixError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return 130
