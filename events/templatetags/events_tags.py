from django import template

from events.ical import public_location

register = template.Library()


@register.filter
def where(event):
    """Where an event is, as the public may know it: the venue, "Online", or both."""
    return public_location(event)
