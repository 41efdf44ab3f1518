"""Network meetings (netwerkbijeenkomsten): events of a network on the shared engine in ``events``.

Registration without an account, capacity and waiting list, the meeting link one working day before, and
iCalendar all come from the engine; this module only says what a network meeting adds: the municipalities
that take part (it appears on their pages) and a description.
"""

from django import forms
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.models import BasePage
from events.models import AbstractEventPage, AbstractRegistration


class NetworkMeetingQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        return self.filter(end__gt=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(end__lte=now or timezone.now()).order_by("-start", "pk")

    def for_municipality(self, municipality):
        """Meetings that name this municipality, upcoming first (soonest), then past ones (newest)."""
        return self.filter(municipalities=municipality).order_by(
            models.Case(models.When(end__gt=timezone.now(), then=0), default=1), "start", "pk"
        )


class NetworkMeetingPage(RoutablePageMixin, AbstractEventPage):
    """A (digital) meeting of a network, below the network page."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("description"))
    municipalities = ParentalManyToManyField(
        "core.Municipality",
        blank=True,
        related_name="network_meetings",
        verbose_name=_("participating municipalities"),
        help_text=_("Municipalities that present or host at this meeting; it is shown on their pages."),
    )

    content_panels = [
        *BasePage.content_panels,
        *AbstractEventPage.event_panels,
        FieldPanel("body"),
        FieldPanel("municipalities", widget=forms.SelectMultiple(attrs={"size": 10})),
    ]
    search_fields = [
        *AbstractEventPage.search_fields,
        index.SearchField("body"),
        index.RelatedFields("municipalities", [index.SearchField("name")]),
    ]

    objects = PageManager.from_queryset(NetworkMeetingQuerySet)()

    ical_uid_kind = "netwerkbijeenkomst"
    template = "pages/network_meeting_page.html"
    parent_page_types = ["networks.NetworkPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")

    @property
    def search_municipalities(self):
        return list(self.municipalities.all())

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.registration_response(request)

    def registration_response(self, request):
        """The meeting with its form, or the outcome of a registration (events.views.register_for_page)."""
        from events.views import registration_page, state_message

        def extra():
            return {
                "network": self.get_parent().specific,
                "participating": self.municipalities.order_by("name"),
                "state_message": state_message(self, self.registration_state()),
            }

        return registration_page(request, self, [self], multiple=False, extra_context=extra)

    @path("aangemeld/", name="confirmation")
    def confirmation(self, request):
        from events.views import confirmation_page

        return confirmation_page(request, self, "networks.networkmeetingpage")

    @path("agenda/", name="feed")
    def feed(self, request):
        from events.views import calendar_feed

        return calendar_feed(request, [self], name=self.title, filename=f"{self.slug}.ics")


class NetworkMeetingRegistration(AbstractRegistration):
    meeting = models.ForeignKey(
        NetworkMeetingPage, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("meeting")
    )

    wagtail_reference_index_ignore = True

    class Meta(AbstractRegistration.Meta):
        verbose_name = _("meeting registration")
        verbose_name_plural = _("meeting registrations")
        constraints = [
            models.UniqueConstraint(
                "meeting",
                Lower("email"),
                condition=Q(anonymised_at__isnull=True),
                name="networks_registration_unique_email_per_meeting",
                violation_error_message=_("This email address is already registered for this meeting."),
            )
        ]
        indexes = [models.Index(fields=["meeting", "status", "created_at"], name="nw_reg_meeting_status")]

    def meeting_title(self):
        return self.meeting.title

    meeting_title.short_description = _("meeting")

    def meeting_start(self):
        return self.meeting.start

    meeting_start.short_description = _("start")
