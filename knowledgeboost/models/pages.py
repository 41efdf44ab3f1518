"""Page types of the Kennisboostweken: index, week and session."""

import datetime
import itertools

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageManager, PageQuerySet
from wagtail.search import index

from core.blocks import BaseStreamBlock, DocumentLinkBlock
from core.models import BasePage
from events.models import AbstractEventPage, RegistrationStatus
from knowledgeboost.blocks import MaterialLinkBlock, SpeakersBlock


class SessionQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        return self.filter(end__gt=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(end__lte=now or timezone.now()).order_by("-start", "pk")

    def with_registration_counts(self):
        """The places of each session read with the sessions (``live_places``, ``registered_count``): listings show
        them as live fragments, which cached copies of the listing read again (events.places)."""
        return self.annotate(
            num_registered=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED))
        )

    def for_listing(self):
        return self.live().public().select_related("listing_image").with_registration_counts()


class WeekQuerySet(PageQuerySet):
    def upcoming(self, today=None):
        return self.filter(end_date__gte=today or timezone.localdate()).order_by("start_date", "pk")

    def past(self, today=None):
        return self.filter(end_date__lt=today or timezone.localdate()).order_by("-start_date", "pk")


class KnowledgeBoostIndexPage(RoutablePageMixin, BasePage):
    """The Kennisboostweken section: upcoming and past weeks, and single information sessions."""

    template = "pages/knowledge_boost_index_page.html"
    parent_page_types = ["core.HomePage"]
    subpage_types = ["knowledgeboost.KnowledgeBoostWeekPage", "knowledgeboost.SessionPage", "core.ContentPage"]
    max_count = 1
    PAST_SESSIONS_SHOWN = 12

    class Meta:
        verbose_name = _("Knowledge boost index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        weeks = KnowledgeBoostWeekPage.objects.child_of(self).live().public().select_related("listing_image")
        context["upcoming_weeks"] = weeks.upcoming()
        context["past_weeks"] = weeks.past()
        sessions = SessionPage.objects.child_of(self).for_listing()
        context["single_sessions"] = sessions.upcoming()
        context["past_single_sessions"] = sessions.past()[: self.PAST_SESSIONS_SHOWN]
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("agenda/", name="feed")
    def feed(self, request):
        from events.views import calendar_feed

        sessions = SessionPage.objects.descendant_of(self).live().public().upcoming()
        return calendar_feed(request, sessions, name=self.title, filename="kennisboostweken.ics")


class KnowledgeBoostWeekPage(RoutablePageMixin, BasePage):
    """An online week of knowledge sessions, with its programme and one form for several sessions."""

    theme = models.CharField(
        _("theme of the week"),
        max_length=150,
        blank=True,
        help_text=_("The topic that connects the sessions, for example 'New faces in your organisation'."),
    )
    start_date = models.DateField(_("first day"), help_text=_("First day of the week's programme."))
    end_date = models.DateField(_("last day"), help_text=_("Last day of the week's programme."))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("theme"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("theme", boost=2),
        index.SearchField("body"),
        index.FilterField("start_date"),
    ]

    objects = PageManager.from_queryset(WeekQuerySet)()

    template = "pages/knowledge_boost_week_page.html"
    parent_page_types = ["knowledgeboost.KnowledgeBoostIndexPage"]
    subpage_types = ["knowledgeboost.SessionPage", "core.ContentPage"]

    class Meta:
        verbose_name = _("Knowledge boost week")
        verbose_name_plural = _("Knowledge boost weeks")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})

    @property
    def search_result_date(self):
        """An aware datetime like every other search result, so results can be sorted together."""
        return timezone.make_aware(datetime.datetime.combine(self.start_date, datetime.time()))

    @property
    def date(self):
        return self.start_date

    @property
    def is_past(self):
        return self.end_date < timezone.localdate()

    def get_sessions(self):
        return SessionPage.objects.child_of(self).for_listing().order_by("start", "pk")

    @staticmethod
    def group_by_day(sessions):
        """[(local date, [sessions])] for a day-by-day programme."""
        return [
            (day, list(items)) for day, items in itertools.groupby(sessions, key=lambda s: timezone.localdate(s.start))
        ]

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.registration_response(request)

    def registration_response(self, request):
        """The week with its form, or the outcome of a registration (events.views.register_for_page posts here)."""
        from events.views import registration_page

        sessions = list(self.get_sessions())
        extra = {"programme": self.group_by_day(sessions)}
        return registration_page(request, self, sessions, multiple=True, extra_context=extra)

    @path("aangemeld/", name="confirmation")
    def confirmation(self, request):
        from events.views import confirmation_page

        return confirmation_page(request, self, "knowledgeboost.sessionpage")

    @path("agenda/", name="feed")
    def feed(self, request):
        from events.views import calendar_feed

        sessions = SessionPage.objects.child_of(self).live().public().order_by("start", "pk")
        return calendar_feed(request, sessions, name=self.title, filename=f"{self.slug}.ics")


class SessionPage(RoutablePageMixin, AbstractEventPage):
    """One knowledge session (webinar, workshop, talk show) or information session."""

    speakers = StreamField(SpeakersBlock(), blank=True, verbose_name=_("hosts and speakers"))
    accessibility = models.TextField(
        _("accessibility provisions"),
        blank=True,
        help_text=_("One provision per line, for example 'Sign language interpreter' or 'Live captions'."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("description"))
    recording_url = models.URLField(
        _("recording"), blank=True, help_text=_("Link to the recording, shown after the session.")
    )
    materials = StreamField(
        [("document", DocumentLinkBlock()), ("link", MaterialLinkBlock())],
        blank=True,
        verbose_name=_("materials"),
        help_text=_("Slides and handouts, shown after the session."),
    )

    content_panels = [
        *BasePage.content_panels,
        *AbstractEventPage.event_panels,
        FieldPanel("speakers"),
        FieldPanel("accessibility"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("recording_url"), FieldPanel("materials")], heading=_("After the session")),
    ]
    search_fields = [*AbstractEventPage.search_fields, index.SearchField("body"), index.SearchField("speakers")]

    objects = PageManager.from_queryset(SessionQuerySet)()

    ical_uid_kind = "session"  # the UIDs calendars have known since before the engine was shared
    template = "pages/session_page.html"
    parent_page_types = ["knowledgeboost.KnowledgeBoostWeekPage", "knowledgeboost.KnowledgeBoostIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Session")
        verbose_name_plural = _("Sessions")

    @property
    def accessibility_list(self):
        return [line.strip() for line in self.accessibility.splitlines() if line.strip()]

    @property
    def num_registered(self):
        return self.registered_count

    @num_registered.setter
    def num_registered(self, value):
        self._registered_count = value

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.registration_response(request)

    def registration_response(self, request):
        """The session with its form, or the outcome of a registration (events.views.register_for_page)."""
        from events.views import registration_page, state_message

        def extra():
            parent = self.get_parent().specific
            return {
                "parent_week": parent if isinstance(parent, KnowledgeBoostWeekPage) else None,
                "state_message": state_message(self, self.registration_state()),
            }

        return registration_page(request, self, [self], multiple=False, extra_context=extra)

    @path("aangemeld/", name="confirmation")
    def confirmation(self, request):
        from events.views import confirmation_page

        return confirmation_page(request, self, "knowledgeboost.sessionpage")

    @path("agenda/", name="feed")
    def feed(self, request):
        from events.views import calendar_feed

        return calendar_feed(request, [self], name=self.title, filename=f"{self.slug}.ics")
