"""pytest wiring: pytest-plone fixtures over the add-on's layers, plus shared helpers."""

from pytest_plone import fixtures_factory
from shaoyang.licensing.testing import FUNCTIONAL_TESTING
from shaoyang.licensing.testing import INTEGRATION_TESTING

from pathlib import Path

import os
import pytest
import shutil


pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


# -- tiers: `make test-fast` runs what needs no Plone site, no search node and no browser ----------

SITE_FIXTURES = {"integration", "functional"}  # every fixture that needs a site depends on one
SLOW_MARKERS = {"search", "browser"}


def pytest_collection_modifyitems(config, items):
    """Mark as ``fast`` every test that asks for no site layer (directly or through its
    fixtures) and is not marked as needing the search node or the browser."""
    for item in items:
        needs_site = SITE_FIXTURES & set(getattr(item, "fixturenames", ()))
        if not needs_site and not SLOW_MARKERS & {m.name for m in item.iter_markers()}:
            item.add_marker(pytest.mark.fast)


@pytest.fixture(scope="session")
def package_name():
    return "shaoyang.licensing"


# -- the browser layer: one Playwright and one Chromium for the whole run ----------------------
# (a second sync_playwright() in the same process fails, so every browser test module uses these)

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
# Without these, Chromium tries Google's services at start and this closed network refuses them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make system-packages`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, functional):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


