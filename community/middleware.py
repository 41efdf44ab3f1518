"""Cookie-free view counts that also count pages served from the page cache (see community/reactions.py)."""

import logging

from community import reactions

logger = logging.getLogger(__name__)


class ViewCountMiddleware:
    """Counts a view for GET 200 HTML responses that carry ``X-Kp-View`` (set by the page that shows a count).

    Sits just outside ``core.middleware.AnonymousPageCacheMiddleware``, so cache hits count as well as rendered
    pages. Stores nothing about the visitor: no cookie, no address, no session; bots (by User-Agent), HEAD
    requests and previews are not counted. The header is removed before the response leaves the site.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        target = response.get(reactions.VIEW_HEADER)
        if target is None:
            return response
        del response[reactions.VIEW_HEADER]
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(request, "is_preview", False)
            and not reactions.is_bot(request)
        ):
            try:
                reactions.record_view(target)
            except Exception:  # a cache that is down must not take the page with it
                logger.exception("View counts: could not count a view")
        return response
