"""core.crossorigin: which posts count as sent by a page of another site."""

import pytest
from django.test import RequestFactory

from core.crossorigin import is_cross_site


@pytest.mark.parametrize(
    ("headers", "cross"),
    [
        ({}, False),  # no browser said anything: a script or an old browser
        ({"HTTP_SEC_FETCH_SITE": "same-origin"}, False),
        ({"HTTP_SEC_FETCH_SITE": "none"}, False),  # the address bar or a bookmark
        ({"HTTP_ORIGIN": "http://testserver"}, False),
        ({"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}, False),
        ({"HTTP_ORIGIN": "https://kennis.example", "HTTP_SEC_FETCH_SITE": "same-site"}, False),  # trusted
        ({"HTTP_ORIGIN": "https://www.gemeente.example"}, False),  # trusted: https://*.gemeente.example
        ({"HTTP_ORIGIN": "http://www.gemeente.example"}, True),  # not over https
        ({"HTTP_ORIGIN": "https://gemeente.example.aanval.example"}, True),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, True),
        ({"HTTP_SEC_FETCH_SITE": "same-site"}, True),  # a sibling subdomain, not trusted
        ({"HTTP_ORIGIN": "https://aanval.example"}, True),
        ({"HTTP_ORIGIN": "null"}, True),  # a sandboxed frame or a data: page
        ({"HTTP_ORIGIN": "https://testserver"}, True),  # another scheme is another origin
        ({"HTTP_ORIGIN": "http://testserver.aanval.example"}, True),
    ],
)
def test_cross_site_posts_are_told_apart(settings, headers, cross):
    settings.CSRF_TRUSTED_ORIGINS = ["https://kennis.example", "https://*.gemeente.example"]
    request = RequestFactory().post("/aanmelden/1/", **headers)
    assert is_cross_site(request) is cross
