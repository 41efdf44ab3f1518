from django.shortcuts import get_object_or_404

from events.views import calendar_feed
from networks.models import NetworkPage


def meetings_feed(request, network_id):
    """A network's iCalendar feed: every published meeting, to subscribe to in a calendar app."""
    network = get_object_or_404(NetworkPage.objects.live().public(), pk=network_id)
    meetings = network.get_meetings().order_by("start", "pk")
    return calendar_feed(request, meetings, name=network.title, filename=f"{network.slug}.ics")
