"""Figures of the evaluations and the page votes for the admin reports. Every function runs a fixed number of
queries, however many events, weeks or votes there are."""

from django.apps import apps
from django.db.models import Avg, Count, Q
from wagtail.models import Page

from events import registry
from feedback.models import Evaluation, PageVote

ANSWERED = Q(answered_at__isnull=False)
COMMENTS_SHOWN = 200


def programme_label(label):
    """ "Kennisboostweken", "Netwerken": the app of the event type, e.g. knowledgeboost.sessionpage."""
    try:
        return str(apps.get_app_config(label.split(".", 1)[0]).verbose_name)
    except LookupError:
        return label


def programmes():
    """[(label, name)] of every registered event type."""
    return [(event_type.label, programme_label(event_type.label)) for event_type in registry.all_types()]


def rate(answered, invited):
    return round(100 * answered / invited) if invited else None


def with_rate(figures):
    figures["rate"] = rate(figures["answered"], figures["invited"])
    return figures


def scope(programme=None, group_id=None, event_id=None):
    queryset = Evaluation.objects.all()
    if programme:
        queryset = queryset.filter(programme=programme)
    if group_id:
        queryset = queryset.filter(group_id=group_id)
    if event_id:
        queryset = queryset.filter(event_id=event_id)
    return queryset


def summary(queryset):
    """Invited, answered, response rate (%), average mark and the distribution over 1–10: two queries."""
    return with_rate(queryset.summary())


def rows(queryset, key):
    """Figures per programme, group (week or network) or event: one query, plus one for the pages' titles."""
    grouped = list(
        queryset.values(key)
        .annotate(invited=Count("pk"), answered=Count("pk", filter=ANSWERED), average=Avg("mark", filter=ANSWERED))
        .order_by(key)
    )
    if key == "programme":
        names = dict(programmes())
        for row in grouped:
            row["name"] = names.get(row["programme"], programme_label(row["programme"]))
            row["id"] = row["programme"]
    else:
        pages = Page.objects.in_bulk([row[key] for row in grouped if row[key] is not None])
        for row in grouped:
            page = pages.get(row[key])
            row["page"] = page
            row["name"] = page.title if page else "–"
            row["id"] = row[key]
        grouped.sort(key=lambda row: (row["page"].path if row["page"] else "", row["id"] or 0), reverse=True)
    return [with_rate(row) for row in grouped]


def comments(queryset, limit=COMMENTS_SHOWN):
    """The latest answers with a comment, with their event: one query."""
    return list(
        queryset.answered()
        .exclude(useful="", better="")
        .select_related("event")
        .order_by("-answered_at", "-pk")[:limit]
    )


def export_rows(queryset):
    """Every answer in scope, oldest first, with its programme, week or network and event: two queries."""
    answers = list(queryset.answered().select_related("event").order_by("answered_at", "pk"))
    groups = Page.objects.in_bulk({answer.group_id for answer in answers if answer.group_id})
    names = dict(programmes())
    for answer in answers:
        group = groups.get(answer.group_id)
        yield {
            "programme": names.get(answer.programme, answer.programme),
            "group": group.title if group else "",
            "event": answer.event.title,
            "answered_at": answer.answered_at,
            "mark": answer.mark,
            "useful": answer.useful,
            "better": answer.better,
        }


def least_useful_pages(minimum_votes, limit=50, comments_per_page=5):
    """Pages (and tips) with at least ``minimum_votes`` votes, the largest share of "no" first, with the latest
    comments: three queries."""
    targets = list(
        PageVote.objects.values("page_id", "path")
        .annotate(votes=Count("pk"), no=Count("pk", filter=Q(useful=False)))
        .filter(votes__gte=minimum_votes)
        .order_by()
    )
    for target in targets:
        target["share_no"] = round(100 * target["no"] / target["votes"])
    targets.sort(key=lambda target: (-target["share_no"], -target["votes"], target["path"]))
    targets = targets[:limit]
    pages = Page.objects.in_bulk([target["page_id"] for target in targets])
    wanted = Q()
    for target in targets:
        wanted |= Q(page_id=target["page_id"], path=target["path"])
    by_target = {}
    if targets:
        for vote in PageVote.objects.filter(wanted).exclude(comment="").order_by("-created_at", "-pk"):
            bucket = by_target.setdefault((vote.page_id, vote.path), [])
            if len(bucket) < comments_per_page:
                bucket.append(vote)
    for target in targets:
        target["page"] = pages.get(target["page_id"])
        target["comments"] = by_target.get((target["page_id"], target["path"]), [])
    return targets
