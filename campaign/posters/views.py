"""The poster maker's views: the page's context, the form post, the poster image (preview and download) and the
share image of pages.

CSRF: the poster maker page is served from the anonymous page cache and carries no CSRF token, so the form posts
to ``make``, which is ``csrf_exempt``: a post changes nothing that belongs to a visitor or a session (it renders
an image from what is posted and stores an uploaded picture under a new random token nobody else knows), so a
forged post could only make the forger's own poster. It is rate-limited per client like the image view.
"""

from urllib.parse import urlencode

from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from core.crossorigin import cross_site_refused
from core.ratelimit import hit

from . import engine, share, uploads
from .forms import SAMPLE_TEXTS, PosterForm
from .models import PosterMakerPage, PosterTemplate

PREVIEW_SIDE = 720
MAX_ID = 2**63 - 1  # a larger number in the URL is no row (and overflows SQLite's integers)
THUMBNAIL_CACHE_TIMEOUT = 60 * 60 * 24 * 7
RATE_LIMITS = {
    # scope: (attempts, seconds)
    "poster-make": (40, 600),
    "poster-preview": (300, 600),
    "poster-download": (60, 600),
}


def _limited(request, scope):
    limit, window = RATE_LIMITS[scope]
    return hit(request, scope, limit, window)


def _too_many():
    response = HttpResponse(
        _("You made too many posters in a short time. Wait a few minutes and try again."),
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = "120"
    return response


def templates_queryset():
    return PosterTemplate.objects.active().select_related("artwork").prefetch_related("zones")


def image_url(template, values, *, ext="png", preview=False, download=False):
    params = {name: values.get(name) or "" for name in ("format", *engine.TEXT_FIELDS)}
    for name in ("photo_token", "logo_token"):
        if values.get(name):
            params[name] = values[name]
    if preview:
        params["preview"] = "1"
    if download:
        params["download"] = "1"
    return f"{reverse('poster_image', args=[template.pk, ext])}?{urlencode(params)}"


def _downloads(template, values, unfit):
    items = []
    for format_key in template.formats:
        poster_format = engine.FORMATS[format_key]
        links = []
        if format_key not in unfit:
            for ext in poster_format.extensions:
                links.append(
                    {"ext": ext, "url": image_url(template, {**values, "format": format_key}, ext=ext, download=True)}
                )
        items.append({"key": format_key, "label": poster_format.label, "links": links, "error": unfit.get(format_key)})
    return items


def _initial(template):
    values = {name: str(SAMPLE_TEXTS[name]) for name in engine.TEXT_FIELDS}
    values["format"] = template.formats[0] if template.formats else ""
    values["template"] = template.pk
    return values


def _form_context(page, template, form, values, unfit):
    return {
        "poster_template": template,
        "poster_form": form,
        "poster_action": reverse("poster_make", args=[page.pk]),
        "preview_url": image_url(template, values, preview=True) if values else "",
        "preview_base": reverse("poster_image", args=[template.pk, "png"]),
        "preview_headline": values.get("headline", "") if values else "",
        "downloads": _downloads(template, values, unfit) if values else [],
        "photo_token": values.get("photo_token", "") if values else "",
        "logo_token": values.get("logo_token", "") if values else "",
    }


def maker_context(page, request):
    """The page's context: the templates to choose from or, with ?sjabloon=<id>, the form for one."""
    templates = list(templates_queryset())
    choice = request.GET.get("sjabloon")
    context = {"poster_templates": templates, "poster_status": 200}
    context["template_cards"] = [
        {"template": template, "url": f"?sjabloon={template.pk}", "thumbnail": _thumbnail_url(template)}
        for template in templates
        if template.formats
    ]
    if choice is None:
        return context
    template = next((t for t in templates if str(t.pk) == choice.strip() and t.formats), None)
    if template is None:
        context["poster_status"] = 404
        context["poster_unknown_template"] = True
        return context
    values = _initial(template)
    form = PosterForm(initial=values, template=template)
    context.update(_form_context(page, template, form, values, {}))
    return context


def _thumbnail_url(template):
    if not template.formats:
        return ""
    values = _initial(template)
    values["format"] = "square" if "square" in template.formats else template.formats[0]
    return image_url(template, values, preview=True)


def _live_maker_page(page_id):
    if page_id > MAX_ID:
        raise Http404
    page = PosterMakerPage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page


@csrf_exempt  # see the module's docstring
@cross_site_refused  # browsers' posts from other sites (core.crossorigin)
@require_http_methods(["GET", "HEAD", "POST"])
def make(request, page_id):
    """The posted form: the page again with the preview and the download links, or with the errors."""
    page = _live_maker_page(page_id)
    if request.method != "POST":
        return HttpResponseRedirect(page.url)
    if _limited(request, "poster-make"):
        response = TemplateResponse(
            request, page.get_template(request), {**page.get_context(request), "poster_refusal": True}, status=429
        )
        patch_cache_control(response, private=True, no_store=True)
        return response
    context = page.get_context(request)
    templates = {str(t.pk): t for t in context["poster_templates"] if t.formats}
    template = templates.get((request.POST.get("template") or "").strip())
    status = 200
    if template is None:
        context["poster_status"] = 400
        context["poster_unknown_template"] = True
        status = 400
    else:
        form = PosterForm(request.POST, request.FILES, template=template)
        if form.is_valid():
            values = {**form.cleaned_data}
            fresh = PosterForm(initial=values, template=template)
            context.update(_form_context(page, template, fresh, values, form.unfit_formats))
            context["poster_made"] = True
        else:
            status = 400
            values = {name: form.data.get(name, "") for name in ("format", "photo_token", "logo_token")}
            context.update(_form_context(page, template, form, None, {}))
            context["photo_token"] = values["photo_token"]
            context["logo_token"] = values["logo_token"]
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _error(message, status=400):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _is_sample_request(request):
    """True for the maker page's thumbnail URL: the sample texts, no upload, nothing else a visitor typed."""
    allowed = {"format", "preview", *engine.TEXT_FIELDS}
    if set(request.GET) - allowed or any(len(request.GET.getlist(name)) > 1 for name in request.GET):
        return False
    return all(request.GET.get(name, "") == str(SAMPLE_TEXTS[name]) for name in engine.TEXT_FIELDS)


def _png_response(content):
    response = HttpResponse(content, content_type="image/png")
    patch_cache_control(response, private=True, max_age=300)
    return response


@require_safe
def poster_image(request, template_id, ext):
    """The poster as PNG or PDF from the texts in the query string; ``preview=1`` small, ``download=1`` saved.

    ``check=1`` draws nothing: it answers only why these texts are refused (400 with the message) or 204 when
    they are fine. The poster maker's script asks it after a preview image failed to load, to show the reason."""
    download = request.GET.get("download") == "1"
    preview = not download and request.GET.get("preview") == "1"
    thumbnail_key = None
    if preview and ext == "png" and template_id <= MAX_ID and _is_sample_request(request):
        # The template thumbnails on the maker page: the same picture for every visitor until the template changes.
        stamp = PosterTemplate.objects.active().filter(pk=template_id).values_list("updated_at", flat=True).first()
        if stamp is not None:
            thumbnail_key = (
                f"posters:thumbnail:{template_id}:{round(stamp.timestamp() * 1_000_000)}:"
                f"{request.GET.get('format', '')[:20]}:{get_language()}"
            )
            cached = cache.get(thumbnail_key)
            if cached is not None:
                return _png_response(cached)
    if _limited(request, "poster-download" if download else "poster-preview"):
        return _too_many()
    if ext not in ("png", "pdf"):
        return _error(_("This file type is not offered. Choose PNG or PDF."), 404)
    template = templates_queryset().filter(pk=template_id).first() if template_id <= MAX_ID else None
    if template is None or not template.formats:
        return _error(_("This template does not exist (any more). Choose one from the list."), 404)
    data = request.GET.copy()
    data["template"] = str(template.pk)
    form = PosterForm(data, template=template, accept_files=False, check_all_formats=False)
    if not form.is_valid():
        messages = [str(error) for errors in form.errors.values() for error in errors]
        return _error("\n".join(messages))
    if request.GET.get("check") == "1":
        # The script asks this when a preview image failed: the texts are valid, nothing is drawn.
        return HttpResponse(status=204)
    format_key = form.cleaned_data["format"]
    poster_format = engine.FORMATS[format_key]
    if ext == "pdf" and not poster_format.is_print:
        return _error(_("This format has no PDF; download the PNG."))
    photo = uploads.open_image(form.cleaned_data.get("photo_token"), "photo")
    logo = uploads.open_image(form.cleaned_data.get("logo_token"), "logo")
    texts = form.texts()
    filename = f"poster-{template.pk}-{format_key}.{ext}"
    try:
        if ext == "pdf":
            content = engine.render_pdf(template, format_key, texts, photo, logo, title=texts["headline"])
            content_type = "application/pdf"
        else:
            scale = min(1.0, PREVIEW_SIDE / max(poster_format.canvas_size)) if preview else 1.0
            image = engine.render(template, format_key, texts, photo, logo, scale=scale).image
            content = engine.to_png(image)
            content_type = "image/png"
    except engine.PosterError as error:
        return _error(str(error))
    if thumbnail_key is not None:
        cache.set(thumbnail_key, content, THUMBNAIL_CACHE_TIMEOUT)
    response = HttpResponse(content, content_type=content_type)
    if download:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, max_age=300)
    return response


@require_safe
def share_image(request, page_id):
    """The og:image of a live, public page (404 for anything else). With ``?v=`` of the current version the
    response may be kept for a year (the version changes with every publish); without it for a day."""
    page = share.live_public_page(page_id) if page_id <= MAX_ID else None
    if page is None:
        raise Http404
    response = HttpResponse(share.share_image_png(page), content_type="image/png")
    if request.GET.get("v") == share.page_version(page):
        patch_cache_control(response, public=True, max_age=60 * 60 * 24 * 365, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    return response
