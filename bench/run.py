"""Benchmarks: prints figures, asserts nothing. `make bench` or `python bench/run.py [area ...]`.

Areas: build (more are added by later work: app, export). Figures are medians of
repeated runs on this machine; the goals are in the issue notes and the README.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def timed(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_build() -> None:
    from loaders import load_source
    from matrix.build import build_tables
    from matrix.geography import gazetteer
    from matrix.entities import entity_table
    from matrix.reference import DEFAULT_SOURCE
    from synthetic import synthetic_source

    t0 = time.perf_counter()
    gazetteer(), entity_table()
    print(f"build: reference data load (once per process): {time.perf_counter() - t0:.3f} s")
    real = timed(lambda: build_tables(load_source(DEFAULT_SOURCE)))
    n_real = len(build_tables(load_source(DEFAULT_SOURCE)).projects)
    with tempfile.TemporaryDirectory() as tmp:
        path = synthetic_source(100, Path(tmp) / "synthetic.txt")
        big = timed(lambda: build_tables(load_source(path)), repeat=3)
        n_big = len(build_tables(load_source(path)).projects)
    print(f"build: real matrix, {n_real} projects: {real * 1000:.0f} ms (goal < 1000 ms)")
    print(f"build: synthetic 100x, {n_big} projects: {big * 1000:.0f} ms")
    print(f"build: growth factor {big / real:.1f}x for {n_big / n_real:.0f}x rows (goal <= 100x)")


AREAS = {"build": bench_build}


def main(argv: list[str]) -> None:
    for name in argv or list(AREAS):
        AREAS[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
