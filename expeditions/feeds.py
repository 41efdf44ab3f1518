"""RSS and Atom feeds of new lessons (with the same optional filters as the lesson overview)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 20


class LessonRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Lessons from the Expeditions New Faces")

    def description(self):
        return _("What volunteer organisations learned while reaching new volunteers, newest first.")

    subtitle = description

    def link(self):
        return self.index_page.get_full_url(self.request) + self.index_page.reverse_subpage("lessons")

    def items(self):
        return self.index_page.filtered_lessons(self.request)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at or timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return item.author.name if item.author_id else None

    def item_categories(self, item):
        categories = [item.get_lens_display()]
        if item.target_group:
            categories.append(item.get_target_group_display())
        if item.expedition_id:
            categories.append(item.expedition.get_province_display())
        return categories


class LessonAtomFeed(LessonRssFeed):
    feed_type = Atom1Feed
