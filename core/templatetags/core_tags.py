from django import template
from django.db.models import Value
from wagtail.models import Page, Site

from core import compiled
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

        # The middleware reads the menu with the site (core/middleware.py): no query or cache read here.
        menu = getattr(request, "_kp_main_menu", None)
        if menu is None or getattr(request, "_wagtail_site", None) is None or request._wagtail_site.root_page != root:
            menu = memoize(request, f"main-menu:{root.pk}", build)
        for item in menu:
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
    return {"ancestors": _ancestor_links(request, page), "page": page, "request": request}


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """``{% breadcrumb_ancestors page as ancestors %}``: the title and URL of the page's ancestors from the home
    page down, as the breadcrumbs show them, for breadcrumbs that go on below a page (a tip's permalink)."""
    if page is None or page.depth <= 2:
        return []
    return _ancestor_links(context.get("request"), page)


def _ancestor_links(request, page):
    """Kept per content generation, in this process only: built from the pages routing passed (no query), else with
    one query, which costs about what reading them from the shared cache would."""

    def build():
        ancestors = _routed_ancestors(request, page)
        if ancestors is None:
            ancestors = Page.objects.ancestor_of(page).filter(depth__gte=2).only("id", "title", "url_path", "path")
        return [{"title": ancestor.title, "url": ancestor.get_url(request)} for ancestor in ancestors]

    return memoize(request, f"breadcrumbs:{page.path}", build, shared=False)


def _routed_ancestors(request, page):
    """The page's ancestors from depth 2 as routing found them (``HomePage.route`` keeps the pages on the
    path on the request), or None when routing did not pass every one of them."""
    chain = getattr(request, "_kp_route_chain", None) or ()
    ancestors = sorted(
        (p for p in chain if p.depth >= 2 and p.depth < page.depth and page.path.startswith(p.path)),
        key=lambda p: p.depth,
    )
    if [p.depth for p in ancestors] != list(range(2, page.depth)):
        return None
    return ancestors


TAXONOMY = ("themes", "audiences", "tags")


@register.simple_tag(takes_context=True)
def taxonomy_of(context, obj):
    """The themes, audiences and tags of a page (or tip): in one query instead of three, kept per content
    generation. Prefetched values, and pages in preview (whose values are not saved), are used as they are."""
    request = context.get("request")
    prefetched = getattr(obj, "_prefetched_objects_cache", {})
    if (
        obj.pk is None
        or getattr(request, "is_preview", False)
        or set(TAXONOMY) & prefetched.keys()
        or not all(hasattr(obj, name) for name in TAXONOMY)
    ):
        return {name: list(getattr(obj, name).all()) for name in TAXONOMY}

    def build():
        result = {name: [] for name in TAXONOMY}
        for pk, name, slug, kind in sorted(_taxonomy_rows(obj), key=lambda row: (row[1].lower(), row[0])):
            result[kind].append({"id": pk, "name": name, "slug": slug})
        return result

    # In this process only: the compiled query costs what a round trip to the shared cache does.
    return memoize(request, f"taxonomy:{type(obj)._meta.label_lower}:{obj.pk}", build, shared=False)


def _taxonomy_query(obj):
    parts = [
        getattr(obj, name).all().order_by().annotate(kind=Value(name)).values_list("id", "name", "slug", "kind")
        for name in TAXONOMY
    ]
    return parts[0].union(*parts[1:], all=True)


def _taxonomy_rows(obj):
    """``(id, name, slug, kind)`` of the object's themes, audiences and tags: one query, compiled once per model
    (core/compiled.py; building and compiling it took 1.2-2.5 ms of a page's first view, running it 0.1 ms)."""
    model = type(obj)

    def build(pk):
        holder = model()
        for each in (model, *model._meta.get_parent_list()):
            setattr(holder, each._meta.pk.attname, pk)  # a page's own id and its Page id
        return _taxonomy_query(holder)

    return compiled.rows(("taxonomy", model), build, [obj.pk], obj._state.db or "default")


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
