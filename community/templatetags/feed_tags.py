"""The RSS feed of a forum in a page: ``{% load feed_tags %}``.

{% block extra_head %}{% forum_feed_link page %}{% endblock %}    <link rel="alternate"> for feed readers
<a href="{% forum_feed_url page %}">…</a>                         a visible link to the feed
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from community.feeds import forum_feed_url as _forum_feed_url

register = template.Library()


@register.simple_tag
def forum_feed_url(forum):
    return _forum_feed_url(forum)


@register.simple_tag
def forum_feed_link(forum):
    return format_html(
        '<link rel="alternate" type="application/rss+xml" title="{}" href="{}">',
        _("%(forum)s: new topics") % {"forum": forum.title},
        _forum_feed_url(forum),
    )
