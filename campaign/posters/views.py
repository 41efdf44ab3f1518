from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from . import share


@require_safe
def share_image(request, page_id):
    """The og:image of a live, public page (404 for anything else). With ``?v=`` of the current version the
    response may be kept for a year (the version changes with every publish); without it for a day."""
    page = share.live_public_page(page_id)
    if page is None:
        raise Http404
    response = HttpResponse(share.share_image_png(page), content_type="image/png")
    if request.GET.get("v") == share.page_version(page):
        patch_cache_control(response, public=True, max_age=60 * 60 * 24 * 365, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    return response
