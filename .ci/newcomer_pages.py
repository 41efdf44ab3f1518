# ruff: noqa: T201 - a command-line script: it reports by printing
"""Fetch the pages .ci/newcomer-pages lists from a running demo site (standard library only).

python3 .ci/newcomer_pages.py ready BASE_URL   exit 0 once the server answers at all
python3 .ci/newcomer_pages.py check BASE_URL   every listed page and one sitemap page per section: 200,
                                               and every sitemap link on BASE_URL (the demo Site record)
"""

import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET  # noqa: S405 - our own server's sitemap
from pathlib import Path

PAGES = Path(__file__).with_name("newcomer-pages")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def fetch(url, timeout=60):
    """(status, body) of a GET; status 0 with the error text when there is no HTTP answer."""
    request = urllib.request.Request(url, headers={"User-Agent": "kennisplatform-ci-newcomer"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http://127.0.0.1
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (OSError, urllib.error.URLError) as error:
        return 0, str(error).encode()


def listed_pages():
    for number, line in enumerate(PAGES.read_text().splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, path, *what = line.split()
        if kind not in {"section", "page"} or not path.startswith("/"):
            sys.exit(f"{PAGES}:{number}: expected 'section|page /path description', got {line!r}")
        yield kind, path, " ".join(what)


def check(base):
    failures = []

    def expect_200(url, what):
        status, body = fetch(url)
        if status == 200:
            print(f"  200 {url} ({what})")
        else:
            detail = " ".join(body[:500].decode(errors="replace").split())[:200]
            failures.append(f"{url} ({what}): {status or 'no answer'} {detail}")
            print(f"  FAIL {status or 'no answer'} {url} ({what})")

    status, body = fetch(f"{base}/sitemap.xml")
    if status != 200:
        sys.exit(f"FAIL {base}/sitemap.xml: {status or 'no answer'} {body[:300]!r}")
    locations = [loc.text.strip() for loc in ET.fromstring(body).iter(f"{SITEMAP_NS}loc")]  # noqa: S314
    print(f"  200 {base}/sitemap.xml ({len(locations)} pages)")
    elsewhere = [url for url in locations if not url.startswith(f"{base}/")]
    if not locations or elsewhere:
        failures.append(f"the sitemap must link to {base}/ only (the demo Site record), not: {elsewhere[:5]}")

    pages = list(listed_pages())
    sections = [base + path for kind, path, _ in pages if kind == "section"]
    for kind, path, what in pages:
        url = base + path
        expect_200(url, what)
        if kind != "section":
            continue
        if url not in locations:
            failures.append(f"{url} ({what}) is not in the sitemap")
            continue
        # The first sitemap page below this section that no other (deeper) listed section claims.
        below = [
            loc
            for loc in locations
            if loc.startswith(url) and loc != url and not any(loc.startswith(s) for s in sections if len(s) > len(url))
        ]
        if not below:
            failures.append(f"the sitemap has no page below {url} ({what})")
        else:
            expect_200(below[0], f"a page of {what}")

    if failures:
        print("\nThe newcomer path fails:", *failures, sep="\n  ", file=sys.stderr)
        sys.exit(1)
    print(f"All {len(pages)} listed pages and one page of each of the {len(sections)} sections answered 200.")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in {"ready", "check"}:
        sys.exit(__doc__)
    command, base = sys.argv[1], sys.argv[2].rstrip("/")
    if command == "ready":
        sys.exit(0 if fetch(f"{base}/", timeout=5)[0] else 1)
    check(base)


if __name__ == "__main__":
    main()
