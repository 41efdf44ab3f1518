from urllib.parse import quote, urlencode

from django import template
from django.urls import reverse

from tips import appreciation
from tips.models import Appreciation

register = template.Library()


@register.inclusion_tag("components/tips/appreciate_button.html", takes_context=True)
def appreciate_button(context, obj, count=None, title="", next_url=""):
    """The 'Waarderen' form for a tip, story or lesson. Pass `count` in listings (see Appreciation.counts_for)."""
    request = context.get("request")
    if obj.pk is None:  # an unsaved item in a preview cannot be appreciated yet
        return {"hidden": True}
    if count is None:
        count = getattr(obj, "appreciation_count", None)
    if count is None:
        count = Appreciation.objects.counts_for([obj]).get(obj.pk, 0)
    if not next_url and request is not None:
        next_url = request.get_full_path()
    return {
        "action": reverse("tips:appreciate", kwargs={"label": obj._meta.label_lower, "pk": obj.pk}),
        "count": count,
        "appreciated": appreciation.has_appreciated(request, obj),
        "title": title or getattr(obj, "title", ""),
        "next_url": next_url,
        "dom_id": f"appreciate-{obj._meta.model_name}-{obj.pk}",
    }


@register.inclusion_tag("components/tips/share_links.html", takes_context=True)
def share_links(context, url, title, heading_level=2):
    """Plain share links (e-mail, LinkedIn, WhatsApp) and a copy-link link that JavaScript turns into a button."""
    request = context.get("request")
    # Prefer a full URL (the canonical one, from the site's hostname); relative ones are completed from the request.
    absolute_url = request.build_absolute_uri(url) if request is not None and url.startswith("/") else url
    return {
        "url": absolute_url,
        "title": title,
        "heading_tag": f"h{heading_level}",
        "mailto": f"mailto:?subject={quote(title, safe='')}&body={quote(absolute_url, safe='')}",
        "linkedin": f"https://www.linkedin.com/sharing/share-offsite/?{urlencode({'url': absolute_url})}",
        "whatsapp": f"https://wa.me/?text={quote(f'{title} {absolute_url}', safe='')}",
    }
