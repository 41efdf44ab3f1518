"""Browser harness: Playwright for Python driving Debian's Chromium against a live test server.

Locally the browser tests skip with a clear reason when Chromium or Playwright is missing; in CI
(CI=true) a missing browser is an error, so they can never pass by being skipped.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse the ORM calls
# the fixtures make between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _missing_browser_reason():
    if not os.path.exists(CHROMIUM):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -r requirements-dev.txt)"
    return ""


@pytest.fixture(scope="session")
def chromium_browser():
    reason = _missing_browser_reason()
    if reason:
        if IN_CI:
            pytest.fail(f"Browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_url(live_server):
    return live_server.url


def open_tab(chromium_browser, base_url, viewport=None):
    """A fresh browser tab (generator); fails the test if the page loads anything from another host or
    breaks the Content-Security-Policy."""
    context = chromium_browser.new_context(locale="nl-NL", viewport=viewport or {"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    foreign_requests = []

    def record(request):
        url = request.url
        if not (url.startswith(base_url) or url.startswith("data:") or url.startswith("about:")):
            foreign_requests.append(url)

    page.on("request", record)
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert not foreign_requests, f"Third-party requests: {foreign_requests}"
    assert not csp_errors, f"Content-Security-Policy violations: {csp_errors}"


@pytest.fixture
def browser_page(chromium_browser, live_server):
    """A fresh browser tab on the live server (a transactional test: tables are flushed afterwards)."""
    yield from open_tab(chromium_browser, live_server.url)


@pytest.fixture
def demo_url(demo_live_server):
    """The address of the live server of the session's seeded demo (tests/conftest.py)."""
    return demo_live_server.url


@pytest.fixture
def demo_page(chromium_browser, demo_url):
    """A fresh browser tab on the live server of the seeded demo (seeded once for all such tests)."""
    yield from open_tab(chromium_browser, demo_url)
