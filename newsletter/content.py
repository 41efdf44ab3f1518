"""What an issue presents: suggestions from the content registry, and the snapshot of each chosen item.

Suggestions are what was published since the last sent issue (pages: ``first_published_at``; other kinds: their
registered date), and for upcoming kinds (sessions, meetings) what is still to come and was not in a sent issue
yet. Everything goes through ``core.content_registry``: the newsletter imports no section.
"""

from django.db.models import Q
from wagtail.models import Page

from core import content_registry
from newsletter.models import Issue, IssueItem

SUGGESTIONS_PER_KIND = 10
SUMMARY_WORDS = 40


def item_key(kind_key, object_id):
    return f"{kind_key}:{object_id}"


def parse_key(key):
    kind_key, _sep, object_id = str(key).partition(":")
    if not object_id.isdigit():
        return None
    try:
        return content_registry.get(kind_key), int(object_id)
    except KeyError:
        return None


def is_page_kind(kind):
    return issubclass(kind.model, Page)


def last_sent_at():
    issue = Issue.objects.sent().exclude(send_started_at__isnull=True).order_by("-send_started_at").first()
    return issue.send_started_at if issue else None


def item_date(kind, item):
    """The date shown with an item (and used in feeds): its registered date, for upcoming kinds too."""
    return content_registry.as_datetime(kind.date_of(item))


def summary_of(item):
    return content_registry.summary_of(item, SUMMARY_WORDS)


def listing(kind, qs):
    qs = kind.listing(qs) if hasattr(kind, "listing") else qs
    return qs.prefetch_related("themes", "audiences")


def _sent_ids(kind):
    return IssueItem.objects.filter(issue__status=Issue.Status.SENT, kind=kind.key).values("object_id")


def suggestions(since=None, per_kind=SUGGESTIONS_PER_KIND):
    """[(kind, [items])] for every registered kind with something new: a constant number of queries per kind."""
    since = since if since is not None else last_sent_at()
    result = []
    for kind in content_registry.kinds():
        qs = kind.public()
        if kind.upcoming:
            qs = qs.exclude(pk__in=_sent_ids(kind))
        elif since is not None:
            field = "first_published_at" if is_page_kind(kind) else kind.date_field
            qs = qs.filter(Q(**{f"{field}__gt": since}))
        items = list(listing(kind, qs)[:per_kind])
        if items:
            result.append((kind, items))
    return result


def snapshot(kind, item):
    return {
        "title": str(item.title)[:255],
        "url": (item.get_url() or "")[:500],
        "summary": summary_of(item),
        "kind_label": str(getattr(kind, "label_singular", None) or kind.label)[:100],
        "date": item_date(kind, item),
        "theme_ids": sorted(theme.pk for theme in item.themes.all()),
        "audience_ids": sorted(audience.pk for audience in item.audiences.all()),
    }


def public_items(keys):
    """{key: (kind, item)} of these keys that are public now; one query (plus prefetches) per kind."""
    by_kind = {}
    for key in keys:
        parsed = parse_key(key)
        if parsed is not None:
            by_kind.setdefault(parsed[0].key, (parsed[0], set()))[1].add(parsed[1])
    found = {}
    for kind, ids in by_kind.values():
        for item in listing(kind, kind.public().filter(pk__in=ids)):
            found[item_key(kind.key, item.pk)] = (kind, item)
    return found


def set_items(issue, keys):
    """Make ``keys`` (in this order) the issue's items: new ones are snapshotted, dropped ones removed."""
    keys = list(dict.fromkeys(keys))
    existing = {item_key(item.kind, item.object_id): item for item in issue.items.all()}
    new = public_items([key for key in keys if key not in existing])
    issue.items.exclude(pk__in=[existing[key].pk for key in keys if key in existing]).delete()
    for position, key in enumerate(keys, start=1):
        if key in existing:
            if existing[key].position != position:
                IssueItem.objects.filter(pk=existing[key].pk).update(position=position)
        elif key in new:
            kind, item = new[key]
            IssueItem.objects.create(
                issue=issue, kind=kind.key, object_id=item.pk, position=position, **snapshot(kind, item)
            )


def refresh_items(issue):
    """Before sending: take each item's current title, link, summary, themes and audiences; drop what is no
    longer public (unpublished, or a session that has passed)."""
    items = list(issue.items.all())
    current = public_items([item_key(item.kind, item.object_id) for item in items])
    for item in items:
        found = current.get(item_key(item.kind, item.object_id))
        if found is None:
            item.delete()
            continue
        for name, value in snapshot(*found).items():
            setattr(item, name, value)
        item.save()
