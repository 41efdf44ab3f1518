from django import template

from events import places
from events.ical import public_location

register = template.Library()


@register.filter
def where(event):
    """Where an event is, as the public may know it: the venue, "Online", or both."""
    return public_location(event)


@register.simple_tag
def live_places(event, template_name, **context):
    """``{% live_places event "components/events/live/places.html" %}``: what the template shows of the event's
    places (``live``: events.models.Places) stays exact in cached copies of the page (events.places)."""
    return places.live_places(event, template_name, **context)
