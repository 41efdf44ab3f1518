"""Reflow (WCAG 2.1, 1.4.10): at 320 CSS pixels wide no public page of the demo scrolls sideways.

Every URL of the demo's sitemap.xml (tip permalinks included) and a few public pages that are not in it
(search results, zero results, the 404 page) are opened in one narrow browser tab on the seeded demo."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import open_tab

NARROW = {"width": 320, "height": 640}
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NOT_IN_SITEMAP = {
    "/zoeken/?q=vrijwilligers": 200,
    "/zoeken/?q=ervaringsdeskundigen+gemeenten": 200,
    "/zoeken/?q=toegankelijkheidsverklaringsonderzoek": 200,
    "/deze-pagina-bestaat-niet/": 404,
}

# Horizontal overflow of the page, and the elements that stick out of the viewport. An element that is
# clipped (visually hidden text) or inside a scrolling or clipping box is not counted: it cannot make the
# page scroll. Only the outermost element that sticks out is named, not all of its descendants.
OVERFLOW_JS = """
() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const clipped = (node) => {
        for (let box = node.parentElement; box && box !== document.body && box !== root; box = box.parentElement) {
            const style = getComputedStyle(box);
            if (style.overflowX !== "visible" || style.clip !== "auto") return true;
        }
        return false;
    };
    const sticksOut = (element) => {
        const style = getComputedStyle(element);
        if (style.visibility === "hidden" || style.display === "contents" || style.clip !== "auto") return false;
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) return false;
        return rect.right > width + 0.5 || rect.left < -0.5;
    };
    const describe = (element) => {
        let name = element.tagName.toLowerCase();
        if (element.id) name += "#" + element.id;
        for (const cls of element.classList) name += "." + cls;
        const rect = element.getBoundingClientRect();
        const text = (element.innerText || element.getAttribute("alt") || "").trim().replace(/\\s+/g, " ");
        return `${name} (${Math.round(rect.left)}..${Math.round(rect.right)} px) "${text.slice(0, 60)}"`;
    };
    const offenders = [];
    for (const element of document.body.querySelectorAll("*")) {
        if (!sticksOut(element) || clipped(element)) continue;
        if (element.parentElement !== document.body && sticksOut(element.parentElement)) continue;
        offenders.push(describe(element));
    }
    // Text wider than its own box (a long word that does not wrap) leaves the box where it is.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!node.textContent.trim() || sticksOut(parent) || clipped(node)) continue;
        if (getComputedStyle(parent).clip !== "auto") continue;
        range.selectNodeContents(node);
        const outside = [...range.getClientRects()].some((rect) => rect.right > width + 0.5 || rect.left < -0.5);
        if (outside) offenders.push("text in " + describe(parent));
    }
    return {scrollWidth: root.scrollWidth, clientWidth: width, offenders: offenders};
}
"""


@pytest.fixture
def narrow_page(chromium_browser, demo_live_server):
    yield from open_tab(chromium_browser, demo_live_server.url, viewport=NARROW)


def sitemap_paths(page, base_url):
    response = page.request.get(base_url + "/sitemap.xml")
    assert response.status == 200
    sitemap = ET.fromstring(response.body())  # noqa: S314 (our own test server's sitemap)
    locations = [loc.text for loc in sitemap.iterfind("sm:url/sm:loc", SITEMAP_NS)]
    paths = []
    for location in locations:
        parts = urlsplit(location)
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def test_no_public_page_scrolls_sideways_at_320_pixels(demo_live_server, narrow_page):
    base_url = demo_live_server.url
    paths = sitemap_paths(narrow_page, base_url)
    assert len(paths) >= 50, f"the demo's sitemap lists only {len(paths)} pages"
    assert len(paths) > len(demo_live_server.pages), "tip permalinks are in the sitemap besides the pages"
    expected = dict.fromkeys(paths, 200) | NOT_IN_SITEMAP
    problems = []
    for path, status in expected.items():
        response = narrow_page.goto(base_url + path)
        assert response.status == status, f"{path} answered {response.status}, expected {status}"
        result = narrow_page.evaluate(OVERFLOW_JS)
        if result["scrollWidth"] > result["clientWidth"] or result["offenders"]:
            lines = [f"{path}: {result['scrollWidth']} px wide in a {result['clientWidth']} px viewport"]
            lines += [f"    {offender}" for offender in result["offenders"][:8]]
            problems.append("\n".join(lines))
    assert not problems, f"{len(problems)} of {len(expected)} pages scroll sideways at 320 px:\n" + "\n".join(problems)
