"""iCalendar (RFC 5545) for feeds and email attachments. Never contains the meeting link."""

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from knowledgeboost.models import EventFormat

PRODID = "-//Kennisplatform Vrijwillige Inzet//Kennisboostweken//NL"


def public_location(session):
    """Where the session is, as the public may know it: the venue, or just "Online"."""
    if session.format == EventFormat.ONLINE:
        return _("Online")
    if session.format == EventFormat.HYBRID:
        return _("%(location)s and online") % {"location": session.location}
    return session.location


def session_event(session, request=None):
    event = Event()
    event.add("uid", f"kennisplatform-session-{session.pk}@kennisplatform")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.start)
    event.add("dtend", session.end)
    event.add("summary", session.title)
    description = session.listing_summary or strip_tags(session.introduction or "")
    url = session.get_full_url(request)
    if url:
        event.add("url", url)
        description = f"{description}\n\n{url}".strip()
    event.add("description", description)
    event.add("location", public_location(session))
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    return event


def build_calendar(sessions, name="", request=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    for session in sessions:
        calendar.add_component(session_event(session, request))
    return calendar.to_ical()


def ics_attachment(session):
    return {
        "filename": f"{session.slug}.ics",
        "content": build_calendar([session]).decode(),
        "mimetype": "text/calendar",
    }
