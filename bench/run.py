"""Benchmarks: prints figures, asserts nothing. `make bench` or `python bench/run.py [area ...]`.

Areas: build, app (AppTest script time; BENCH_LANG=ar for a page in Arabic), browser (headless Chromium, network refused), export. Figures are medians of
repeated runs on this machine; the goals are in the issue notes and the README.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))


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


def _synthetic_tables(factor: int, folder: Path) -> Path:
    from loaders import load_source
    from matrix.build import build_tables
    from matrix.tables import write_tables
    from synthetic import synthetic_source

    write_tables(build_tables(load_source(synthetic_source(factor, folder / "synthetic.txt"))), folder / "tables")
    return folder / "tables"


# Distinct filter settings, so that every rerun filters afresh (no cache hit).
FILTER_CHANGES = [("f_pillar", [1]), ("f_pillar", [2]), ("f_pillar", [3]), ("f_pillar", [4]), ("f_pillar", [1, 2]),
                  ("f_pillar", [3, 4]), ("f_pillar", [2, 3]), ("f_pillar", [1, 4]), ("f_pillar", [1, 3]),
                  ("f_pillar", [2, 4]), ("f_pillar", [1, 2, 3])]


def _share_script_cache() -> None:
    """The server compiles app.py once and keeps the bytecode (one ScriptCache per runtime);
    AppTest makes a new cache for every run, so each of its reruns would also time a fresh
    compile of the script. The bench shares one cache across runs, as the server does."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def _app_script_times(data_folder: Path | None) -> dict[str, float]:
    import os

    from streamlit.testing.v1 import AppTest

    _share_script_cache()

    if data_folder:
        os.environ["CTMATRIX_DATA"] = str(data_folder)
    else:
        os.environ.pop("CTMATRIX_DATA", None)
    out = {}
    import streamlit as st

    for name in ("overview", "map", "entities", "timeline", "projects", "coordination", "coordination/resolutions",
                 "coordination/overlaps", "coordination/gaps", "quality"):
        view, _sep, tab = name.partition("/")
        # Every view filters afresh: without this, views after the first would find the same
        # filter settings already in the app's cache and time only the drawing.
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.query_params["view"] = view
        if os.environ.get("BENCH_LANG"):  # e.g. BENCH_LANG=ar: the same figures for a page in that language
            at.query_params["lang"] = os.environ["BENCH_LANG"]
            # AppTest writes widget values through their labels in this thread, as a browser
            # sends back the labels it shows: the labels must be in the page's language here too.
            from matrix.i18n import set_language

            set_language(os.environ["BENCH_LANG"])
        at.run()
        if tab:  # Coordination draws only its chosen lens: each is timed on its own
            at.session_state["lens"] = tab
            at.run()
        times = []
        for key, value in FILTER_CHANGES:
            at.session_state[key] = value
            t0 = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t0)
            assert not at.exception, at.exception
        out[name] = statistics.median(times)
    return out


def bench_app() -> None:
    real = _app_script_times(None)
    with tempfile.TemporaryDirectory() as tmp:
        big = _app_script_times(_synthetic_tables(100, Path(tmp)))
    for view in real:
        print(f"app: filter change, view {view:24s}: real {real[view] * 1000:6.0f} ms (goal <= 100), "
              f"100x {big[view] * 1000:6.0f} ms (goal <= 500)")


def _browser_load(browser, url: str, runs: int = 5) -> tuple[float, float]:
    from browser import FIRST_CHART_JS, offline_page, wait_settled

    first, settled = [], []
    for _ in range(runs):
        page = offline_page(browser)
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_function(FIRST_CHART_JS, timeout=60000, polling="raf")
        first.append(time.perf_counter() - t0)
        wait_settled(page, 60000)
        settled.append(time.perf_counter() - t0)
        assert not page.blocked, page.blocked
        page.close()
    return statistics.median(first), statistics.median(settled)


ARM_CLICK_TIMER_JS = """(selector) => {
  // Timed inside the page, from the click event to the first frame where the view is
  // settled (tests/browser.py IS_SETTLED): Playwright's own latency is not counted. The
  // rerun is seen by a MutationObserver, which misses no change of the script state (a
  // rerun shorter than a frame would slip between two animation frames).
  const settled = (IS_SETTLED);
  const app = document.querySelector('[data-testid=stApp]');
  window.__clickToSettled = new Promise((resolve, reject) => {
    let clicked = null, sawRun = false;
    const seen = new MutationObserver((records) => {
      if (clicked !== null && records.some(r => r.oldValue === 'running' || app.getAttribute('data-test-script-state') === 'running')) sawRun = true;
    });
    seen.observe(app, {attributes: true, attributeFilter: ['data-test-script-state'], attributeOldValue: true});
    document.querySelector(selector).addEventListener('click', () => { clicked = performance.now(); },
                                                       {capture: true, once: true});
    const give_up = setTimeout(() => { seen.disconnect(); reject(new Error('no settled view 30 s after the click')); }, 30000);
    const tick = () => {
      if (clicked !== null && sawRun && settled()) {
        seen.disconnect(); clearTimeout(give_up);
        return resolve(performance.now() - clicked);
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}"""


def _browser_click(browser, url: str, runs: int = 9) -> float:
    """Median time from a click on a filter (the coverage toggle) to the settled view."""
    from browser import IS_SETTLED, offline_page, wait_settled

    page = offline_page(browser)
    page.goto(url)
    wait_settled(page, 60000)
    arm = ARM_CLICK_TIMER_JS.replace("(IS_SETTLED)", IS_SETTLED)
    selector = ".st-key-f_coverage label"
    times = []
    for _ in range(runs):
        page.evaluate(arm, selector)
        page.locator(selector).click()
        times.append(page.evaluate("window.__clickToSettled") / 1000)
        wait_settled(page, 60000)
    page.close()
    return statistics.median(times)


def bench_browser() -> None:
    from browser import chromium, streamlit_server

    with chromium() as browser:
        with streamlit_server(ROOT / "bench" / "one_chart.py") as url:
            base_first, base_settled = _browser_load(browser, url)
        print(f"browser: one-chart page: first chart {base_first:.2f} s, settled {base_settled:.2f} s")
        with streamlit_server() as url:
            for view in (os.environ.get("BENCH_VIEWS") or "overview,map,entities,timeline,projects,coordination,quality").split(","):
                if view in ("overview", "map"):
                    first, settled = _browser_load(browser, f"{url}/?view={view}")
                    print(f"browser: app {view:8s}: first chart {first:.2f} s ({first / base_first:.2f}x the one-chart page, "
                          f"goal <= 1.2x), settled {settled:.2f} s")
                click = _browser_click(browser, f"{url}/?view={view}&country=MLI")
                print(f"browser: app {view:8s}: click on a filter to settled view {click * 1000:.0f} ms (goal <= 300 ms)")


def bench_export() -> None:
    from matrix.data import load_matrix
    from matrix.exports import export
    from matrix.filters import Filters

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        real = load_matrix()
        big = load_matrix(_synthetic_tables(100, tmp))
        goals = {"xlsx": " (goal < 2 s)", "pptx": " (goal < 3 s)", "csv": ""}
        for fmt in ("xlsx", "csv", "pptx"):
            t_real = timed(lambda: export(real, Filters(), fmt, tmp / f"real.{fmt}"), repeat=3)
            t_big = timed(lambda: export(big, Filters(), fmt, tmp / f"big.{fmt}"), repeat=1)
            print(f"export: {fmt:4s} real matrix {t_real:.2f} s{goals[fmt]}, 100x ({len(big.projects)} projects) {t_big:.2f} s")


AREAS = {"build": bench_build, "app": bench_app, "browser": bench_browser, "export": bench_export}


def main(argv: list[str]) -> None:
    for name in argv or list(AREAS):
        AREAS[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
