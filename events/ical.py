"""iCalendar (RFC 5545) for feeds and email attachments. Never contains the meeting link.

``build_calendar(events, name=..., request=...)`` gives the bytes of a feed of any event pages
(``AbstractEventPage`` subclasses, also of different sections); ``ics_attachment(event)`` an outbox attachment.
"""

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from events.models import EventFormat

PRODID = "-//Kennisplatform Vrijwillige Inzet//Kennisplatform//NL"


def public_location(event):
    """Where the event is, as the public may know it: the venue, or just "Online"."""
    if event.format == EventFormat.ONLINE:
        return _("Online")
    if event.format == EventFormat.HYBRID:
        return _("%(location)s and online") % {"location": event.location}
    return event.location


def ical_event(page, request=None):
    event = Event()
    # Stable per page, so calendars that subscribed update the event instead of adding a second one.
    event.add("uid", f"kennisplatform-{page.ical_uid_kind}-{page.pk}@kennisplatform")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", page.start)
    event.add("dtend", page.end)
    event.add("summary", page.title)
    description = page.listing_summary or strip_tags(page.introduction or "")
    url = page.get_full_url(request)
    if url:
        event.add("url", url)
        description = f"{description}\n\n{url}".strip()
    event.add("description", description)
    event.add("location", public_location(page))
    event.add("status", "CANCELLED" if page.is_cancelled else "CONFIRMED")
    return event


def build_calendar(events, name="", request=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    for page in events:
        calendar.add_component(ical_event(page, request))
    return calendar.to_ical()


def ics_attachment(event):
    return {
        "filename": f"{event.slug}.ics",
        "content": build_calendar([event]).decode(),
        "mimetype": "text/calendar",
    }
