"""Links to the theme and audience hubs, and the related-content block (core/hubs.py, core/related.py)."""

from django import template

from core import hubs, related
from core.templatetags.core_tags import taxonomy_of

register = template.Library()


@register.simple_tag(takes_context=True)
def theme_hub_url(context, theme):
    """``{% theme_hub_url theme as url %}``: the theme's hub, or "" when there is no hubs page."""
    return hubs.theme_url(theme, context.get("request"))


@register.simple_tag(takes_context=True)
def audience_hub_url(context, audience):
    """``{% audience_hub_url audience as url %}``: the audience's hub, or "" when there is no hubs page."""
    return hubs.audience_url(audience, context.get("request"))


def _ids(terms):
    return [term["id"] if isinstance(term, dict) else term.pk for term in terms]


@register.simple_tag(takes_context=True)
def related_content(context):
    """The related-content items of the detail page being shown: its ``related_object`` when the view sets one,
    else the tip of a tip's permalink, else the page. Pages a page lists itself (``related_pages``, e.g. a
    story's own "Read more about this") are left out."""
    obj = context.get("related_object") or context.get("tip") or context.get("page")
    if not related.shows_related(obj) or getattr(obj, "pk", None) is None:
        return []
    taxonomy = taxonomy_of(context, obj)
    own = [page.pk for page in context.get("related_pages") or () if getattr(page, "pk", None)]
    return related.related_items(
        obj, _ids(taxonomy["themes"]), _ids(taxonomy["audiences"]), context.get("request"), exclude_page_ids=own
    )
