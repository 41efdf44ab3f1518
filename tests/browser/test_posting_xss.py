"""The XSS corpus rendered by the posting code, parsed and run by Chromium: no script runs, no handler, no
javascript: link survives the browser's own HTML parser (which a Python parser could read differently)."""

from django.template.loader import render_to_string
from django.test import RequestFactory

from community.factories import MemberFactory
from community.forms import TopicForm
from community.text import render_markdown
from tests.community.conftest import forum, member, network  # noqa: F401 (fixtures)
from tests.community.test_posting_text import XSS_CORPUS

DOM_CHECK = """() => {
    const found = [];
    for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
            if (attribute.name.toLowerCase().startsWith("on")) found.push(element.tagName + " " + attribute.name);
        }
        const tag = element.tagName.toUpperCase();
        const forbidden = ["SCRIPT", "IFRAME", "OBJECT", "EMBED", "SVG", "MATH", "IMG", "STYLE"].includes(tag);
        if (forbidden && !element.closest("head")) found.push(tag);
    }
    for (const link of document.querySelectorAll("a[href]:not([href^='#'])")) {
        const scheme = new URL(link.href, "https://kennisplatform.test/").protocol;
        if (!["http:", "https:", "mailto:"].includes(scheme)) found.push("link " + link.href);
        if (link.closest("article") && link.rel !== "nofollow ugc noopener") found.push("rel " + link.rel);
    }
    return found;
}"""


def run_in_chromium(chromium_browser, markup):
    context = chromium_browser.new_context(java_script_enabled=True)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route("**/*", lambda route: route.abort())  # nothing leaves the page
    page.set_content(
        "<!doctype html><html lang='nl'><head><title>XSS</title>"
        "<script>window.__ran = 0; window.alert = () => { window.__ran += 1; };</script></head>"
        f"<body><main>{markup}</main></body></html>"
    )
    for link in page.query_selector_all("a"):
        link.hover()
    page.wait_for_timeout(200)
    result = page.evaluate(DOM_CHECK), page.evaluate("window.__ran"), dialogs
    context.close()
    return result


def test_xss_corpus_runs_no_script_in_chromium(chromium_browser, db):
    MemberFactory(username="anna")
    markup = "\n".join(f"<article>{render_markdown(text)}</article>" for text in XSS_CORPUS)
    found, ran, dialogs = run_in_chromium(chromium_browser, markup)
    assert found == [] and ran == 0 and dialogs == []


def test_post_form_with_hostile_input_runs_no_script_in_chromium(chromium_browser, forum, member):  # noqa: F811
    hostile = "\"><script>alert(1)</script></textarea><img src=x onerror=alert(1)>' onfocus='alert(1)"
    form = TopicForm({"title": hostile, "body": hostile, "image_alt": hostile}, forum=forum, user=member)
    form.is_valid()
    markup = render_to_string(
        "components/community/post_form.html",
        {"form": form, "action": "/", "submit_label": "Plaatsen", "heading_id": "kop"},
        request=RequestFactory().get("/"),
    )
    found, ran, dialogs = run_in_chromium(chromium_browser, f"<h1 id='kop'>Nieuw</h1>{markup}")
    assert found == [] and ran == 0 and dialogs == []
