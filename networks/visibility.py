"""Which pages the public may see: the view restrictions, read once per content generation.

A view restriction is content (saving one makes a new content generation, core/caching.py), so the paths of the
restricted pages are kept with the other per-generation invariants instead of being read on every view.
"""

from wagtail.models import PageViewRestriction


def restricted_paths(request=None):
    """Paths of the pages behind a view restriction (everything below them is restricted too)."""

    def build():
        return list(PageViewRestriction.objects.values_list("page__path", flat=True))

    if request is None:
        return build()
    from core.caching import memoize

    return memoize(request, "networks:restricted-paths", build)
