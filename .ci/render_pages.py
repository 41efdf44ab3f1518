# ruff: noqa: T201 - a command-line script: it reports by printing
"""Render the public pages of the database in DATABASE_URL, for comparing two databases (.ci/restore-check).

python .ci/render_pages.py render OUTPUT.json     every sitemap page and a few others, normalised
python .ci/render_pages.py compare A.json B.json  exit 1 when a page differs in status or content

Pages are rendered in-process with Django's test client against the default site's address. Per-request values
(CSRF tokens, CSP nonces) are blanked before comparing.
"""

import difflib
import json
import os
import re
import sys
import xml.etree.ElementTree as ET  # noqa: S405 - our own sitemap
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
EXTRA_PAGES = ["/robots.txt", "/zoeken/?q=vrijwilligers", "/zoeken/?q=kennisboostweek", "/bestaat-niet/"]
PER_REQUEST = [
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*'), r"\1"),
    (re.compile(r'(nonce=")[^"]*'), r"\1"),
    (re.compile(r'(name="csrf-token" content=")[^"]*'), r"\1"),
]
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def normalise(text):
    for pattern, replacement in PER_REQUEST:
        text = pattern.sub(replacement, text)
    return text


def render(output):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.test import Client
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    client = Client(HTTP_HOST=f"{site.hostname}:{site.port}")
    sitemap = client.get("/sitemap.xml")
    if sitemap.status_code != 200:
        sys.exit(f"/sitemap.xml answered {sitemap.status_code}")
    paths = [urlsplit(loc.text.strip()).path for loc in ET.fromstring(sitemap.content).iter(f"{SITEMAP_NS}loc")]  # noqa: S314
    pages = {"/sitemap.xml": [200, normalise(sitemap.content.decode())]}
    for path in [*paths, *EXTRA_PAGES]:
        response = client.get(path)
        pages[path] = [response.status_code, normalise(response.content.decode(errors="replace"))]
    Path(output).write_text(json.dumps(pages, ensure_ascii=False, indent=0))
    print(f"rendered {len(pages)} pages ({len(paths)} from the sitemap) into {output}")


def compare(first, second):
    a, b = json.loads(Path(first).read_text()), json.loads(Path(second).read_text())
    problems = []
    if set(a) != set(b):
        problems.append(f"different pages: only in {first}: {sorted(set(a) - set(b))[:10]}, "
                        f"only in {second}: {sorted(set(b) - set(a))[:10]}")  # fmt: skip
    for path in sorted(set(a) & set(b)):
        (status_a, html_a), (status_b, html_b) = a[path], b[path]
        if status_a != status_b:
            problems.append(f"{path}: status {status_a} before, {status_b} after")
        elif html_a != html_b:
            diff = difflib.unified_diff(html_a.splitlines(), html_b.splitlines(), "before", "after", n=1, lineterm="")
            problems.append(f"{path}: content differs\n" + "\n".join(list(diff)[:20]))
    bad = [path for path, (status, _html) in a.items() if status != 200 and path != "/bestaat-niet/"]
    if bad:
        problems.append(f"pages that did not answer 200 before the backup: {bad[:10]}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    print(f"all {len(a)} pages answer the same after the restore")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "render":
        render(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        compare(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
