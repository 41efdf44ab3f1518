# ruff: noqa: T201 - a command-line script: it reports by printing
"""Walk a running `make production` over HTTP (standard library only); used by .ci/production-smoke.

python3 .ci/production_smoke.py ready BASE_URL                 exit 0 once /readyz answers 200
python3 .ci/production_smoke.py check BASE_URL USER PASSWORD TOTP_SECRET   the newcomer pages and one page of each
    section (.ci/newcomer-pages), every sitemap page, /healthz and /readyz, static files, then the admin login of
    USER with the code of the authenticator app whose secret is TOTP_SECRET (production requires it of staff)
python3 .ci/production_smoke.py drained BASE_URL               exit 0 once no task waits for the worker
"""

import base64
import hashlib
import hmac
import json
import re
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET  # noqa: S405 - our own server's sitemap

import newcomer_pages  # .ci/newcomer_pages.py, beside this script

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Keeps cookies itself: the production cookies are Secure, which browsers accept on 127.0.0.1 but
    http.cookiejar does not."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path, data=None):
        headers = {"User-Agent": "kennisplatform-ci-production-smoke"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310 - http://127.0.0.1
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, response.read().decode(errors="replace")


def fail(message):
    sys.exit(f"FAIL: {message}")


def readiness(base):
    status, body = newcomer_pages.fetch(f"{base}/readyz", timeout=10)
    try:
        return status, json.loads(body)
    except ValueError:
        return status, {}


def check_health(base):
    status, body = newcomer_pages.fetch(f"{base}/healthz")
    if (status, body) != (200, b"ok"):
        fail(f"/healthz answered {status} {body[:100]!r}")
    status, report = readiness(base)
    if status != 200 or report.get("status") != "ok":
        fail(f"/readyz answered {status}: {report}")
    if report["checks"]["tasks"].get("backend") != "database":
        fail(f"the production task queue is not the database: {report['checks']['tasks']}")
    print(f"  200 /healthz and /readyz ({', '.join(f'{k} ok' for k in report['checks'])})")


def check_every_sitemap_page(base):
    status, body = newcomer_pages.fetch(f"{base}/sitemap.xml")
    locations = [loc.text.strip() for loc in ET.fromstring(body).iter(f"{SITEMAP_NS}loc")]  # noqa: S314
    failures = []
    static = set()
    for url in locations:
        status, html = newcomer_pages.fetch(url)
        if status != 200:
            failures.append(f"{url}: {status}")
        static.update(re.findall(r'(?:href|src)="(/static/[^"]+)"', html.decode(errors="replace")))
    if failures:
        fail("sitemap pages that did not answer 200:\n  " + "\n  ".join(failures))
    print(f"  200 for all {len(locations)} sitemap pages")
    # Static files come from the collected, hashed files (WhiteNoise), with a long cache lifetime.
    for path in sorted(static)[:10]:
        request = urllib.request.Request(base + path)  # noqa: S310 - http://127.0.0.1
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            if response.status != 200 or "max-age" not in (response.headers.get("Cache-Control") or ""):
                fail(f"{path}: {response.status} {response.headers.get('Cache-Control')}")
    if not static:
        fail("no page links a static file")
    print(f"  200 with Cache-Control for {min(len(static), 10)} of {len(static)} static files the pages use")


def totp_code(secret, at=None):
    """The current code of an authenticator app (RFC 6238: HMAC-SHA1, 30 seconds, 6 digits), as allauth checks it."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"


def csrf_token(html):
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return token.group(1) if token else None


def check_admin_login(base, username, password, totp_secret):
    """The admin logs in through the site's login (allauth) and, as production requires of staff, with the code of
    an authenticator app."""
    browser = Browser(base)
    status, headers, _html = browser.request("/admin/login/")
    if status != 302 or not headers.get("Location", "").startswith("/account/login/"):
        fail(f"/admin/login/ answered {status} {headers.get('Location')} instead of sending on to /account/login/")
    login_path = "/account/login/?" + urllib.parse.urlencode({"next": "/admin/"})
    status, _headers, html = browser.request(login_path)
    if status != 200 or not csrf_token(html):
        fail(f"{login_path} answered {status} without a login form")
    form = {"csrfmiddlewaretoken": csrf_token(html), "login": username, "password": password}
    status, headers, html = browser.request(login_path, form)
    second_factor = headers.get("Location", "")
    if status != 302 or not second_factor.startswith("/account/2fa/authenticate/"):
        fail(f"logging in as {username} answered {status} {second_factor} instead of asking for the code: {html[:300]}")
    status, _headers, html = browser.request(second_factor)
    if status != 200 or not csrf_token(html):
        fail(f"{second_factor} answered {status} without a form for the code")
    status, headers, html = browser.request(
        second_factor, {"csrfmiddlewaretoken": csrf_token(html), "code": totp_code(totp_secret)}
    )
    if status != 302 or headers.get("Location") != "/admin/":
        fail(f"the authenticator code for {username} answered {status} {headers.get('Location')}: {html[:300]}")
    status, _headers, html = browser.request("/admin/")
    if status != 200 or "/admin/logout/" not in html:
        fail(f"the admin dashboard answered {status} without a logout link")
    status, _headers, html = browser.request("/admin/pages/")
    if status != 200:
        fail(f"the admin page explorer answered {status}")
    print(f"  admin login as {username} with an authenticator code: dashboard and page explorer answer 200")


def wait(what, condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(2)
    fail(f"{what} after {timeout}s")


def main():
    command, base, *rest = sys.argv[1:] or [""]
    base = base.rstrip("/")
    if command == "ready" and not rest:
        sys.exit(0 if readiness(base)[0] == 200 else 1)
    elif command == "drained" and not rest:
        wait("tasks still wait for the worker", lambda: readiness(base)[1]["checks"]["tasks"]["pending"] == 0, 300)
        print("  the worker emptied the task queue")
    elif command == "check" and len(rest) == 3:
        check_health(base)
        newcomer_pages.check(base)
        check_every_sitemap_page(base)
        check_admin_login(base, *rest)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
