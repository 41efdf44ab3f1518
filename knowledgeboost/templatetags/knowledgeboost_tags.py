import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from events.ical import public_location
from events.models import EventFormat
from events.places import live_places

register = template.Library()

# Like Django's json_script: nothing in the data can close the <script> element or open a comment.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

ATTENDANCE_MODES = {
    EventFormat.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EventFormat.ON_LOCATION: "https://schema.org/OfflineEventAttendanceMode",
    EventFormat.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def event_data(session, request=None, organisation_name=""):
    """schema.org Event for a session. The location of an online session is its public page, never the meeting link."""
    url = session.get_full_url(request)
    virtual = {"@type": "VirtualLocation", "url": url}
    place = {"@type": "Place", "name": session.location, "address": session.location}
    locations = {EventFormat.ONLINE: virtual, EventFormat.ON_LOCATION: place, EventFormat.HYBRID: [place, virtual]}
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "description": session.summary,
        "url": url,
        "startDate": localtime(session.start).isoformat(),
        "endDate": localtime(session.end).isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if session.is_cancelled
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES.get(session.format, ATTENDANCE_MODES[EventFormat.ONLINE]),
        "location": locations.get(session.format, virtual),
        "isAccessibleForFree": True,
        "inLanguage": "nl",
    }
    if organisation_name:
        data["organizer"] = {"@type": "Organization", "name": str(organisation_name)}
    performers = [
        {"@type": "Person", "name": block.value["name"]} for block in session.speakers if block.block_type == "speaker"
    ]
    if performers:
        data["performer"] = performers
    if session.capacity is not None:
        data["maximumAttendeeCapacity"] = session.capacity
    return data


def json_ld_script(data, remaining=None):
    """``data`` in a JSON-LD script element; ``remaining`` (markup for a number) is added as its last member,
    remainingAttendeeCapacity."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    if remaining is not None:  # into the object, before its closing brace
        payload = format_html('{}, "remainingAttendeeCapacity": {}}}', mark_safe(payload[:-1]), remaining)  # noqa: S308
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def session_json_ld(context, session):
    site_settings = context.get("settings")
    organisation = ""
    try:
        organisation = site_settings["core"]["SiteSettings"].organisation_name
    except (TypeError, KeyError, AttributeError):
        organisation = ""
    remaining = None
    if session.capacity is not None and not session.is_past and not session.is_cancelled:
        # The places left stay exact in cached copies of the page: the number is a live fragment (events.places).
        remaining = live_places(session, "components/events/live/remaining.txt")
    return json_ld_script(event_data(session, context.get("request"), organisation), remaining)


@register.filter
def where(session):
    return public_location(session)
