"""Which pages ask "Was deze pagina nuttig?" and what a vote is about.

The page types are named by label in ``FEEDBACK_USEFULNESS_PAGE_TYPES`` (feedback imports no section): content
pages, lessons and stories ask about themselves; a tip collection only on a tip's permalink (the routable view
``tip_detail``), so a vote there is about that one tip. A vote names the page and the path it was given on; the
path is checked by routing it again, so nobody can file votes under an address of their own.
"""

from urllib.parse import urlsplit

from django.http import Http404

from feedback import conf


def _required_route(page):
    types = conf.usefulness_page_types()
    label = page.specific_class._meta.label_lower if page.specific_class else None
    if label not in types:
        return False, None
    return True, types[label]


def _page_path(page, request):
    url = page.get_url(request=request)
    return urlsplit(url).path if url else None


def path_to_ask_about(page, request):
    """The path a vote on this rendering is about, or None when this page does not ask."""
    asks, route = _required_route(page)
    if not asks:
        return None
    if route is None:
        return _page_path(page, request)
    match = getattr(request, "routable_resolver_match", None)
    if match is None or match.url_name != route:
        return None
    return request.path


def is_valid_target(page, path, request):
    """True when ``path`` is where this page (or, for a routable one, the required view of it) is served."""
    asks, route = _required_route(page)
    page_path = _page_path(page, request)
    if not asks or not page_path or not isinstance(path, str) or len(path) > 255:
        return False
    if route is None:
        return path == page_path
    if not path.startswith(page_path):
        return False
    try:
        match = page.specific.resolve_subpage("/" + path[len(page_path) :])
    except (Http404, AttributeError):
        return False
    if match.url_name != route:
        return False
    try:  # the routable view itself knows whether the item (a tip's slug) exists
        response = match.func(request, *match.args, **match.kwargs)
    except Http404:
        return False
    return getattr(response, "status_code", 200) == 200
