"""What the campaign pages show: the calendar, a week with its actions and materials, the materials library, and
the overview of approved actions. Every list costs the same few queries however long it is."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone

from campaign.forms import ActionFilterForm, MaterialFilterForm
from campaign.models import CampaignMaterial, CampaignWeekPage, LocalAction, MaterialType
from campaign.models.actions import CACHE_DEPENDENCY
from campaign.models.materials import PLACEHOLDER
from core.caching import depends_on

ACTIONS_PER_PAGE = 20
MATERIALS_PER_PAGE = 30
SEARCH_RESULTS_MAX = 1000


def _page_number(request):
    return request.GET.get("page") or 1


def weeks_with_counts(index):
    """The live, public weeks below the index, with their number of approved actions (one query)."""
    return (
        CampaignWeekPage.objects.child_of(index)
        .live()
        .public()
        .annotate(action_count=Count("local_actions", filter=Q(local_actions__status=LocalAction.Status.APPROVED)))
        .prefetch_related("themes")
    )


def index_context(page, request):
    depends_on(CACHE_DEPENDENCY)
    today = timezone.localdate()
    # One query for all weeks (and one for their themes), split here: upcoming soonest first, past latest first.
    weeks = list(weeks_with_counts(page).order_by("start_date", "pk"))
    tools = page.get_children().live().public().not_type(CampaignWeekPage).order_by("path").specific(defer=False)
    return {
        "upcoming_weeks": [week for week in weeks if week.end_date >= today],
        "past_weeks": [week for week in reversed(weeks) if week.end_date < today],
        "tools": list(tools),
        "actions_url": page.url + page.reverse_subpage("actions") if page.url else "",
    }


def week_context(page, request):
    depends_on(CACHE_DEPENDENCY)
    form = ActionFilterForm(request.GET or None)
    actions = LocalAction.objects.approved().filter(week=page).for_listing()
    province = form.value("province")
    if province:
        actions = actions.filter(province=province)
    page_obj = Paginator(actions, ACTIONS_PER_PAGE).get_page(_page_number(request))
    materials = CampaignMaterial.objects.for_listing().filter(weeks=page)
    week_url = page.url or ""
    return {
        "filter_form": form,
        "actions": page_obj.object_list,
        "page_obj": page_obj,
        "materials": list(materials),
        "register_url": week_url + page.reverse_subpage("register") if not page.is_past else "",
        "materials_url": _materials_url(page),
        "week_url": week_url,
    }


def _materials_url(week):
    from campaign.models import MaterialsPage

    library = MaterialsPage.objects.sibling_of(week).live().public().first()
    if library is None:
        return ""
    return f"{library.url}?week={week.pk}"


def materials_context(page, request):
    form = MaterialFilterForm(request.GET or None)
    materials = (
        CampaignMaterial.objects.for_listing().of_type(form.value("type")).for_week(form.value("week")).distinct()
    )
    page_obj = Paginator(materials, MATERIALS_PER_PAGE).get_page(_page_number(request))
    municipality = form.value("gemeente") or ""
    items = list(page_obj.object_list)
    for material in items:
        material.display_title = material.title.replace(PLACEHOLDER, municipality or "je gemeente")
        if material.material_type == MaterialType.SOCIAL:
            material.filled_text = material.text_for(municipality)
    return {
        "filter_form": form,
        "materials": items,
        "page_obj": page_obj,
        "municipality": municipality,
    }


def actions_context(index, request):
    depends_on(CACHE_DEPENDENCY)
    weeks = CampaignWeekPage.objects.child_of(index).live().public().order_by("start_date", "pk")
    form = ActionFilterForm(request.GET or None, weeks=weeks)
    actions = LocalAction.objects.public().filter(week__in=weeks.values("pk")).for_listing()
    week = form.value("week")
    if week:
        actions = actions.filter(week=week)
    province = form.value("province")
    if province:
        actions = actions.filter(province=province)
    query = form.value("q")
    if query:
        # Wagtail search (the database backend here, Elasticsearch where configured) finds the matching ids;
        # the listing then reads them with the filters and order of the other lists.
        results = LocalAction.objects.approved().search(query, operator="and")[:SEARCH_RESULTS_MAX]
        actions = actions.filter(pk__in=[action.pk for action in results])
    page_obj = Paginator(actions, ACTIONS_PER_PAGE).get_page(_page_number(request))
    return {
        "filter_form": form,
        "actions": page_obj.object_list,
        "page_obj": page_obj,
        "query": query,
        "index_url": index.url or "",
    }
