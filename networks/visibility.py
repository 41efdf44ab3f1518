"""Which pages the public may see: the view restrictions, read once per content generation.

A view restriction is content (saving one makes a new content generation, core/caching.py), so the paths of the
restricted pages are kept with the other per-generation invariants instead of being read on every view.
"""

from core.caching import restricted_sections


def restricted_paths(request=None):
    """Paths of the pages behind a view restriction (everything below them is restricted too)."""
    return [path for path, _depth in restricted_sections()]
