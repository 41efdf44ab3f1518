"""``{% reactions target %}``: the reactions below a page or tip; ``{% reactions_meta target %}``: "1915 keer
bekeken · 3 reacties" (and counting this response as a view of the target, see community/reactions.py)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import ngettext

from community import reactions as reactions_module

register = template.Library()


@register.inclusion_tag("components/community/reactions.html", takes_context=True)
def reactions(context, target):
    return reactions_module.component_context(context.get("request"), target)


@register.simple_tag(takes_context=True)
def reactions_meta(context, target):
    """Views and reactions of ``target``, as the source platform showed them below the title."""
    request = context.get("request")
    reactions_module.note_view(request, target)
    views = reactions_module.view_count(target, request)
    viewed = ngettext("%(count)s view", "%(count)s views", views) % {"count": views}
    if not reactions_module.reactions_allowed(target, request):
        return format_html('<p class="reactions-meta">{}</p>', viewed)
    _thread, count = reactions_module.summary_for(request, target)
    reacted = ngettext("%(count)s reaction", "%(count)s reactions", count) % {"count": count}
    return format_html(
        '<p class="reactions-meta">{} · <a href="#{}">{}</a></p>', viewed, reactions_module.ANCHOR, reacted
    )
