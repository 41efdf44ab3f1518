"""Pages with the production static storage: hashed file names (collectstatic with
CompressedManifestStaticFilesStorage) served by WhiteNoise, as gunicorn serves them.

The search suggestions script used to add a second stylesheet link to every page because it did not
recognise the hashed name of the stylesheet already in the head (console errors on every production page).
"""

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.test.testcases import LiveServerThread
from wagtail.models import Site

from core.factories import HomePageFactory
from tests.conftest import ensure_wagtail_base

pytestmark = pytest.mark.browser


def production_static(static_root):
    """Settings as in production for static files: the manifest storage, served from STATIC_ROOT by WhiteNoise."""
    return override_settings(
        STATIC_ROOT=static_root,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        WHITENOISE_AUTOREFRESH=False,
        WHITENOISE_USE_FINDERS=False,
    )


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """What `collectstatic` writes for production: hashed, compressed files and their manifest."""
    static_root = tmp_path_factory.mktemp("static")
    with production_static(static_root):
        call_command("collectstatic", interactive=False, verbosity=0)
    return static_root


@pytest.fixture
def production_static_server(transactional_db, collected_static):
    """A live server with the production static storage; no static handler of the test server in front."""
    root = ensure_wagtail_base()
    home = HomePageFactory(parent=root, slug="kennisplatform", title="Kennisplatform")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Kennisplatform")

    overrides = {conn.alias: conn for conn in connections.all() if conn.vendor == "sqlite" and conn.is_in_memory_db()}
    with production_static(collected_static):
        # WhiteNoise in the middleware serves /static/, as in production.
        thread = LiveServerThread("localhost", static_handler=lambda app: app, connections_override=overrides)
        thread.daemon = True
        for conn in overrides.values():
            conn.inc_thread_sharing()
        thread.start()
        thread.is_ready.wait()
        try:
            if thread.error:
                raise thread.error
            yield f"http://{thread.host}:{thread.port}"
        finally:
            thread.terminate()
            for conn in overrides.values():
                conn.dec_thread_sharing()


@pytest.mark.parametrize("path", ["/", "/zoeken/?q=vrijwilligers"])
def test_pages_load_one_search_stylesheet_and_no_errors(chromium_browser, production_static_server, path):
    context = chromium_browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on(
        "response",
        lambda response: problems.append(f"{response.status}: {response.url}") if response.status >= 400 else None,
    )
    try:
        page.goto(production_static_server + path)
        page.wait_for_load_state("networkidle")
        # The suggestions script has run: it made the search input a combobox.
        assert page.locator("input[data-search-suggest][role=combobox]").count() >= 1
        stylesheets = page.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(link => link.href)")
        search_sheets = [href for href in stylesheets if "/static/search/" in href]
        assert len(search_sheets) == 1, stylesheets
        assert "/static/search/css/search." in search_sheets[0]
        assert search_sheets[0].endswith(".css") and not search_sheets[0].endswith("/search.css"), "not hashed"
        assert problems == []
    finally:
        context.close()
