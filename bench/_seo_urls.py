"""Print one absolute URL per live, public page type of the default site, and the public views that are not
pages (a tip's permalink, a forum topic, search with and without a query, the newsletter form, login).

Run with ``manage.py shell < bench/_seo_urls.py`` (bench/seo.sh does).
"""

import contextlib

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, Site

site = Site.objects.get(is_default_site=True)
root = site.root_url.rstrip("/")
seen = set()
for page in Page.objects.live().public().filter(depth__gt=1).order_by("path").specific().iterator():
    label = page.specific_class._meta.label if page.specific_class else None
    url = page.get_full_url()
    if label and url and label not in seen:
        seen.add(label)
        print(url)

for label, method in (("tips.Tip", "url"), ("community.Thread", "get_absolute_url")):
    try:
        model = apps.get_model(label)
    except LookupError:
        continue
    for item in model.objects.order_by("pk")[:20]:
        try:
            url = getattr(item, method)
            url = url() if callable(url) else url
        except Exception:  # noqa: S112 - not public or not routable: try the next one
            continue
        if url:
            print(root + url if url.startswith("/") else url)
            break

VIEWS = (("search", ""), ("search", "?q=vrijwilligers"), ("newsletter:subscribe", ""), ("account_login", ""))
for name, query in VIEWS:
    with contextlib.suppress(NoReverseMatch):
        print(root + reverse(name) + query)
