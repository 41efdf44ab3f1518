"""RSS 2.0 and Atom feeds of the platform's content, built on the content registry (core imports no section).

    /feeds/nieuw/                      feed_newest      (Atom: feed_newest_atom,   …/atom/)
    /feeds/soort/<kind key>/           feed_kind        (Atom: feed_kind_atom)
    /feeds/thema/<theme slug>/         feed_theme       (Atom: feed_theme_atom)
    /feeds/doelgroep/<audience slug>/  feed_audience    (Atom: feed_audience_atom)

An item's date is when it appeared: the registered date of its kind, or, for upcoming kinds (sessions, meetings,
whose registered date lies ahead), when its page was first published. A feed costs a constant number of queries:
per kind one for the items and one for their themes (per path where they live), however many items there are.

The newest-content feed presents what the programme published; a theme's or audience's feed follows its hub
and has forum topics too (``content_registry.kinds(include_community=True)``), as has the feed of that kind.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from core import content_registry
from core.models import Audience, SiteSettings, Theme

FEED_LENGTH = 20
SUMMARY_WORDS = 60


def _date_of(kind, item):
    if kind.upcoming and hasattr(item, "first_published_at"):
        return content_registry.as_datetime(item.first_published_at)
    return content_registry.as_datetime(kind.date_of(item))


class Entry:
    __slots__ = ("date", "item", "kind", "link")

    def __init__(self, kind, item, request=None):
        self.kind, self.item, self.date = kind, item, _date_of(kind, item)
        self.link = item.get_url(request) or "/"


def _newest_first(kind, qs):
    if kind.upcoming and hasattr(kind.model, "first_published_at"):
        qs = qs.order_by("-first_published_at", "-pk")
    return qs


def entries(kinds, narrow=None, limit=FEED_LENGTH, request=None):
    """The newest ``limit`` items of these kinds (``narrow(kind, qs)`` filters each kind's public items), newest
    first."""
    found = []
    for kind in kinds:
        qs = kind.public()
        if narrow is not None:
            qs = narrow(kind, qs)
        qs = _newest_first(kind, qs)
        if hasattr(kind, "listing"):
            qs = kind.listing(qs)
        found += [Entry(kind, item, request) for item in kind.with_terms(qs, ["themes"])[:limit]]
    oldest = timezone.make_aware(datetime.datetime(1970, 1, 1))
    found.sort(key=lambda entry: entry.date or oldest, reverse=True)
    return found[:limit]


class Selection:
    """What one feed shows: its title, description, page link, own address and entries."""

    def __init__(self, title, description, link, url, entries):
        self.title, self.description, self.link, self.url, self.entries = title, description, link, url, entries


def _organisation(request):
    try:
        return SiteSettings.for_request(request).organisation_name or "Kennisplatform"
    except Exception:  # no site for this host  # noqa: BLE001
        return "Kennisplatform"


class ContentFeed(Feed):
    feed_type = Rss201rev2Feed
    url_name = ""

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=900"
        return response

    def selection(self, request, **kwargs):
        raise NotImplementedError

    def get_object(self, request, **kwargs):
        return self.selection(request, **kwargs)

    def title(self, selection):
        return selection.title

    def description(self, selection):
        return selection.description

    def subtitle(self, selection):
        return selection.description

    def link(self, selection):
        return selection.link or "/"

    def feed_url(self, selection):
        return selection.url

    def items(self, selection):
        return selection.entries

    def item_title(self, entry):
        return entry.item.title

    def item_description(self, entry):
        return content_registry.summary_of(entry.item, SUMMARY_WORDS)

    def item_link(self, entry):
        return entry.link

    def item_guid(self, entry):
        return f"{entry.kind.key}:{entry.item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.date

    def item_updateddate(self, entry):
        return entry.date

    def item_categories(self, entry):
        label = getattr(entry.kind, "label_singular", None) or entry.kind.label
        return [str(label), *(theme.name for theme in entry.kind.terms_of(entry.item, "themes"))]


class NewestFeed(ContentFeed):
    def selection(self, request):
        organisation = _organisation(request)
        return Selection(
            _("New on %(site)s") % {"site": organisation},
            _("The newest lessons, tips, stories, sessions and more on %(site)s.") % {"site": organisation},
            "/",
            reverse(self.url_name),
            entries(content_registry.kinds(), request=request),
        )


class KindFeed(ContentFeed):
    def selection(self, request, key):
        try:
            kind = content_registry.get(key)
        except KeyError:
            raise Http404(_("There is no feed of this kind.")) from None
        organisation = _organisation(request)
        return Selection(
            f"{kind.label} | {organisation}",
            _("The newest %(kind)s on %(site)s.") % {"kind": str(kind.label).lower(), "site": organisation},
            "/",
            reverse(self.url_name, args=[key]),
            entries([kind], request=request),
        )


class TermFeed(ContentFeed):
    model = Theme
    field = "themes"

    def hub_url(self, term, request):
        from core import hubs

        return hubs.theme_url(term, request)

    def describe(self, term, organisation):
        return _("The newest about the theme %(term)s on %(site)s.") % {"term": term.name, "site": organisation}

    def selection(self, request, slug):
        # A NUL byte cannot be in a slug (and PostgreSQL refuses it in a query).
        term = self.model.objects.filter(slug=slug).first() if "\x00" not in slug else None
        if term is None:
            raise Http404(_("There is no feed for this theme or audience."))
        organisation = _organisation(request)
        return Selection(
            f"{term.name} | {organisation}",
            self.describe(term, organisation),
            self.hub_url(term, request),
            reverse(self.url_name, args=[slug]),
            entries(
                content_registry.kinds(include_community=True),
                narrow=lambda kind, qs: kind.tagged(qs=qs, **{self.field: [term]}),
                request=request,
            ),
        )


class AudienceFeed(TermFeed):
    model = Audience
    field = "audiences"

    def hub_url(self, term, request):
        from core import hubs

        return hubs.audience_url(term, request)

    def describe(self, term, organisation):
        return _("The newest for %(term)s on %(site)s.") % {"term": term.name, "site": organisation}


def atom(feed_class):
    """The Atom variant of a feed class."""
    return type(f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": Atom1Feed})


def feed_links(request=None, theme=None, audience=None, kind=None):
    """[(title, type, url)] for ``<link rel="alternate">``: the newest content, or that of a theme, audience or kind."""
    if theme is not None:
        name, args = "feed_theme", [theme.slug]
    elif audience is not None:
        name, args = "feed_audience", [audience.slug]
    elif kind is not None:
        name, args = "feed_kind", [kind]
    else:
        name, args = "feed_newest", []
    return [
        ("RSS", "application/rss+xml", reverse(name, args=args)),
        ("Atom", "application/atom+xml", reverse(f"{name}_atom", args=args)),
    ]
