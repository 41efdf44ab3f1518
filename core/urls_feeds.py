"""Feeds of the platform's content (core/feeds.py), mounted at /feeds/ by config/urls.py."""

from django.urls import path

from core import feeds


def _pair(route, feed_class, name):
    rss = type(feed_class.__name__, (feed_class,), {"url_name": name})
    atom = type(f"{feed_class.__name__}Atom", (feeds.atom(feed_class),), {"url_name": f"{name}_atom"})
    return [path(route, rss(), name=name), path(f"{route}atom/", atom(), name=f"{name}_atom")]


urlpatterns = [
    *_pair("nieuw/", feeds.NewestFeed, "feed_newest"),
    *_pair("soort/<slug:key>/", feeds.KindFeed, "feed_kind"),
    *_pair("thema/<str:slug>/", feeds.TermFeed, "feed_theme"),
    *_pair("doelgroep/<str:slug>/", feeds.AudienceFeed, "feed_audience"),
]
