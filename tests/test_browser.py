"""Checked as a person sees it: the report and the Dagster UI in headless Chromium.

Debian's `chromium` (`apt-get install -y chromium`; `.ci/run` installs it) is driven by
Playwright's Python package with `executable_path`, so no browser is downloaded. Without
it these tests skip, saying how to install it, unless PARLEY_REQUIRE_BROWSER=1 or CI=true
(CI), where a missing browser fails them instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from parley.report.charts import CHARTS
from pipelines.cli import command as parley_command
from pipelines.cli import main as parley
from pipelines.definitions import build_definitions
from pipelines.supervise import processes, stop_session

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "articles"
INSTALL = "apt-get install -y chromium"


def chromium_path() -> str:
    found = os.environ.get("PARLEY_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    message = (
        f"the browser tests need Debian's chromium: `{INSTALL}` (or set PARLEY_CHROMIUM to a Chromium binary)"
    )
    if os.environ.get("PARLEY_REQUIRE_BROWSER") == "1" or os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """One headless Chromium for the module; closed (with Playwright's driver) even on failure."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path]:
    """A warehouse of the fixture articles with its report, on a Dagster home the UI can show."""
    root = tmp_path_factory.mktemp("browser")
    home, warehouse = root / "home", root / "warehouse"
    home.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DAGSTER_HOME", str(home))
        with dg.DagsterInstance.get() as instance:
            defs = build_definitions(str(FIXTURES), str(warehouse))
            assert defs.resolve_job_def("parley").execute_in_process(instance=instance).success
        assert parley(["report", "--warehouse", str(warehouse)]) == 0
    return home, warehouse


def watched(page) -> tuple[list[str], list[str]]:
    """Console errors and uncaught exceptions on `page`, and every request that left file://."""
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors, requests


def test_report_opens_offline_with_every_chart_drawn(browser, published):
    _, warehouse = published
    page = browser.new_page()
    errors, requests = watched(page)

    def offline(route) -> None:  # no network: anything that is not the file itself is refused
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    page.route("**/*", offline)
    page.goto((warehouse / "report" / "index.html").as_uri())
    charts = page.locator(".vega-chart")
    page.wait_for_function(
        "document.querySelectorAll('.vega-chart svg.marks').length === document.querySelectorAll('.vega-chart').length",
        timeout=60_000,
    )
    assert charts.count() >= len(CHARTS) - 1  # on three articles one chart may have no rows yet
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.locator("svg.marks .mark-rect, svg.marks .role-mark").count() > 0  # marks drawn
        assert chart.locator("svg.marks .role-title-text").first.text_content()  # titled
        assert chart.locator("svg.marks .role-axis-title").count() >= 1  # axis labels
    assert page.locator("pre code.sql").count() == len(CHARTS) + 1  # each query shown, and the table's
    assert page.locator("#latest table tbody tr").count() >= 1
    assert errors == [] and requests == []
    page.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def dagster_ui(published) -> Iterator[str]:
    """`parley ui` on a free port of 127.0.0.1; stopped with everything it started, also on failure."""
    home, warehouse = published
    port = free_port()
    env = os.environ | {"DAGSTER_HOME": str(home)}
    command = parley_command(
        "ui", "--port", str(port), "--articles", str(FIXTURES), "--warehouse", str(warehouse)
    )
    ui = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            assert time.monotonic() < deadline, "the Dagster UI never answered"
            assert ui.poll() is None, "parley ui exited early"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2):
                    break
            except OSError:
                time.sleep(1)
        yield f"http://127.0.0.1:{port}"
    finally:
        if ui.poll() is None:
            ui.send_signal(signal.SIGTERM)
            try:
                ui.wait(timeout=60)
            except subprocess.TimeoutExpired:
                ui.kill()
                ui.wait()
        stop_session(ui.pid)  # its session: dagster dev, the webserver, the daemon, code servers
        left = [pid for pid, (_, session, state) in processes().items() if session == ui.pid and state != "Z"]
        assert not left, f"still running after the UI stopped: {left}"


def test_dagster_ui_shows_the_graph_a_column_schema_and_the_report(browser, dagster_ui):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors, _ = watched(page)
    page.goto(f"{dagster_ui}/asset-groups")
    for group in (
        "fetch",
        "ingest",
        "extract",
        "events",
        "warehouse",
        "analysts",
    ):  # the groups the README names
        page.get_by_text(group, exact=True).first.wait_for(timeout=60_000)

    page.goto(f"{dagster_ui}/assets/meetings")
    page.get_by_text("evidence_start", exact=True).wait_for(timeout=60_000)
    status = page.locator("tr", has=page.get_by_text("status", exact=True)).first
    expect(status).to_contain_text("(held, planned, cancelled)")  # the allowed values, as in the dictionary

    page.goto(f"{dagster_ui}/assets/report")
    page.get_by_text("[Show Markdown]").first.click(timeout=60_000)
    images = page.locator("img[src^='data:image/svg+xml']")
    images.first.wait_for(timeout=30_000)
    assert images.count() >= len(CHARTS) - 1
    for i in range(images.count()):
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0"), i
    assert page.get_by_text("Full report:").count() == 1
    assert errors == [], errors
    page.close()
