from django import template
from django.db.models import Avg, Count

from core import caching
from feedback import conf, usefulness
from feedback.forms import PageVoteForm
from feedback.models import Evaluation

register = template.Library()


@register.inclusion_tag("feedback/components/evaluation_summary.html")
def evaluation_summary(page):
    """The average mark participants gave the events under ``page`` (a week), once enough of them answered."""
    if page is None or not page.pk:
        return {"show": False}
    caching.depends_on(f"evaluations:{page.pk}")
    figures = Evaluation.objects.for_group(page).answered().aggregate(answered=Count("pk"), average=Avg("mark"))
    return {
        "show": figures["answered"] >= conf.public_minimum_responses() and figures["average"] is not None,
        "average": figures["average"],
        "answered": figures["answered"],
    }


@register.inclusion_tag("feedback/components/usefulness_form.html", takes_context=True)
def usefulness_form(context):
    """ "Was deze pagina nuttig?" under content pages, lessons, stories and tips' permalinks; nothing elsewhere."""
    page = context.get("page")
    request = context.get("request")
    if page is None or request is None or not getattr(page, "pk", None) or getattr(request, "is_preview", False):
        return {"show": False}
    path = usefulness.path_to_ask_about(page, request)
    if path is None:
        return {"show": False}
    return {"show": True, "page_id": page.pk, "path": path, "form": PageVoteForm(auto_id="usefulness-%s")}
