from django import template
from wagtail.models import Page, Site

from core.caching import memoize

register = template.Library()


def _site_root(context):
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_kennisplatform_site_root"):
        site = Site.find_for_request(request)
        # The page cache middleware keeps the Site with its (specific) root page: no query then.
        request._kennisplatform_site_root = site.root_page.specific if site else None
    return request._kennisplatform_site_root


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    root = _site_root(context)
    request = context.get("request")
    current_path = getattr(context.get("page"), "path", "")
    items = []
    if root is not None:

        def build():
            children = root.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth")
            return [{"title": child.title, "url": child.get_url(request), "path": child.path} for child in children]

        for item in memoize(request, f"main-menu:{root.pk}", build):
            if item["path"] == current_path:
                state = "page"
            elif current_path.startswith(item["path"]):
                state = "true"
            else:
                state = ""
            items.append({**item, "current": state})
    return {
        "root": root,
        "root_current": root is not None and root.path == current_path,
        "items": items,
        "request": request,
    }


@register.inclusion_tag("navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None):
    page = page or context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": [], "page": page}
    request = context.get("request")

    def build():
        ancestors = Page.objects.ancestor_of(page).filter(depth__gte=2).only("id", "title", "url_path", "path", "depth")
        return [{"title": ancestor.title, "url": ancestor.get_url(request)} for ancestor in ancestors]

    return {"ancestors": memoize(request, f"breadcrumbs:{page.path}", build), "page": page, "request": request}


@register.simple_tag(takes_context=True)
def site_root(context):
    return _site_root(context)


@register.filter
def document_size(document):
    """File size of a document without writing to the database while rendering."""
    if document.file_size:
        return document.file_size
    try:
        return document.file.size
    except (OSError, ValueError):
        return None


@register.filter
def filesize_nl(num_bytes):
    """Human readable size with Dutch decimal comma: 1,2 MB."""
    try:
        size = float(num_bytes)
    except (TypeError, ValueError):
        return ""
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            text = f"{size:.0f}" if unit == "B" else f"{size:.1f}"
            return f"{text.replace('.', ',')} {unit}"
        size /= 1024
    return ""


@register.simple_tag(takes_context=True)
def query_string(context, **kwargs):
    """The current GET parameters with some replaced (None removes one): keeps filters in links."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def elided_page_range(page_obj):
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
