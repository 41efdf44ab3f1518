"""Template tags of the search shared by every page (the header search box, the 404 page)."""

from django import template

from search.engines.base import MAX_QUERY_LENGTH

register = template.Library()


@register.simple_tag
def search_query_max_length():
    """The maxlength of every search input: the search uses this many characters (longer queries are cut) and
    gunicorn's request limits are computed from it (platform/gunicorn.conf.py)."""
    return MAX_QUERY_LENGTH
