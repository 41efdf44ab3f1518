"""The places left on events as live fragments of cached pages (core.caching.live_fragment).

A page that shows an event's places renders them with ``{% live_places event "template" %}``: a cached copy of
the page stays valid across registrations, and each copy served reads the places of all its events again, with
one query per kind of event (``load_places``)."""

from django.db.models import Count

from core import caching
from events import registry
from events.models import RegistrationStatus
from events.models.events import Places

KIND = "event-places"


def live_key(event):
    """What a hole keeps of its event: the capacity only changes when the page is published, which makes a new
    content generation (and so a new cached copy)."""
    return (registry.for_page(event).label, event.pk, event.capacity)


def load_places(keys):
    """``{(label, pk, capacity): Places}`` for the events of ``keys``: one query per event type."""
    pks_by_label = {}
    for label, pk, _capacity in keys:
        pks_by_label.setdefault(label, set()).add(pk)
    counts = {}
    for label, pks in pks_by_label.items():
        event_type = registry.for_label(label)
        field = f"{event_type.event_field}_id"
        rows = (
            event_type.registrations()
            .filter(**{f"{field}__in": pks}, status=RegistrationStatus.REGISTERED)
            .order_by()
            .values_list(field)
            .annotate(count=Count("pk"))
        )
        counts.update({(label, pk): count for pk, count in rows})
    return {key: Places(key[2], counts.get(key[:2], 0)) for key in keys}


def live_places(event, template_name, **context):
    """``template_name`` rendered with ``live``: the event's Places, fresh in every cached copy of the page."""
    return caching.live_fragment(KIND, live_key(event), event.live_places, template_name, context)
