from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10


def search(request):
    query = request.GET.get("q", "").strip()
    notice = ""
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        notice = _("Your search was longer than %(max)s characters and has been shortened.") % {
            "max": MAX_QUERY_LENGTH
        }

    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
        Query.get(query).add_hit()

    paginator = Paginator(results, PAGE_SIZE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)

    return TemplateResponse(
        request,
        "pages/search_results.html",
        {"query": query, "page_obj": page_obj, "results": page_obj.object_list, "notice": notice},
    )
