"""Headless Chromium against a real running app: shared by the browser tests and the bench.

Debian's Chromium (no browser download), driven by Playwright, with every request that
does not go to this machine's loopback refused and recorded.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SHOTS = ROOT / "screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(script: str | Path = ROOT / "app.py", env: dict | None = None):
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(base + "/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("streamlit did not start")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def offline_page(browser, width: int = 1440, height: int = 1000):
    """A page that may only talk to this machine; ``page.blocked`` lists what it tried."""
    page = browser.new_page(viewport={"width": width, "height": height})
    blocked: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    page.route("**/*", route)
    page.blocked = blocked
    return page


# Settled: the run is over, nothing is stale, no element is still a loading skeleton,
# and every chart has drawn.
IS_SETTLED = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-stale=true], [data-testid=stSkeleton]')) return false;
  return [...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('.main-svg'));
}"""
SETTLED_JS = IS_SETTLED
FIRST_CHART_JS = "() => !!document.querySelector('[data-testid=stPlotlyChart] .main-svg')"


def wait_settled(page, timeout: float = 30000) -> None:
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=timeout)
    page.wait_for_function(SETTLED_JS, timeout=timeout, polling="raf")


def metric(page, label: str = "Projects") -> str:
    return page.evaluate("""(label) => {
      for (const m of document.querySelectorAll('[data-testid=stMetric]')) {
        const l = m.querySelector('[data-testid=stMetricLabel]');
        if (l && l.innerText.trim() === label) return m.querySelector('[data-testid=stMetricValue]').innerText.trim();
      }
      return null; }""", label)


def wait_metric(page, value: str, timeout: float = 20000) -> None:
    page.wait_for_function("""(v) => {
      const m = document.querySelector('[data-testid=stMetric] [data-testid=stMetricValue]');
      return m && m.innerText.trim() === v; }""", arg=value, timeout=timeout, polling="raf")
    wait_settled(page, timeout)
