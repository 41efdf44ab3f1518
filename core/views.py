from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Render the 500 page without context processors, so it works while the database is down."""
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({}))


def csrf_failure(request, reason=""):
    """A form that could not be accepted (no valid CSRF token, or posted from another site), explained in Dutch
    with what to do next, instead of Django's English page. The reason is for the log only: Django's CSRF
    middleware has already logged it as a warning."""
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
    response = render(request, "403_csrf.html", {"back": back}, status=403)
    response["Cache-Control"] = "private, no-store"
    return response


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
