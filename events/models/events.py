"""The reusable event engine: an abstract event page and an abstract registration.

A section builds a concrete page on ``AbstractEventPage`` and a concrete registration on
``AbstractRegistration`` whose foreign key to the page has ``related_name="registrations"``, and registers
the pair with ``events.registry.register``. The services in ``events.registrations`` only rely on that and
on the fields declared here.
"""

import uuid
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from core import caching
from core.models import BasePage


class EventFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    ON_LOCATION = "on_location", _("On location")
    HYBRID = "hybrid", _("Hybrid")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("Waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class AbstractEventPage(BasePage):
    """A dated event people register for, with an optional capacity and waiting list."""

    start = models.DateTimeField(_("start"), help_text=_("Date and time in Dutch time (Europe/Amsterdam)."))
    end = models.DateTimeField(_("end"), help_text=_("Date and time in Dutch time (Europe/Amsterdam)."))
    format = models.CharField(
        _("format"),
        max_length=20,
        choices=EventFormat.choices,
        default=EventFormat.ONLINE,
        help_text=_("Online, on location or both."),
    )
    location = models.CharField(
        _("location"),
        max_length=255,
        blank=True,
        help_text=_("Address or venue for events on location or hybrid events. Shown on the site."),
    )
    meeting_url = models.URLField(
        _("online meeting link"),
        max_length=500,
        blank=True,
        help_text=_(
            "Teams or Zoom link. Never shown on the site or in feeds: only registered participants receive it "
            "by email, one working day before the start."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Maximum number of participants. Empty: unlimited. When full, people join the waiting list."),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: registration is open right away.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: registration closes at the start.")
    )
    is_cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Tick and publish to cancel. Everyone registered or on the waiting list is told by email."),
    )
    cancellation_reason = models.CharField(
        _("reason for cancelling"),
        max_length=255,
        blank=True,
        help_text=_("Shown on the page and in the email to participants."),
    )

    event_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("format"),
                FieldPanel("location"),
                FieldPanel("meeting_url"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
                FieldPanel("is_cancelled"),
                FieldPanel("cancellation_reason"),
            ],
            heading=_("Registration"),
        ),
    ]

    search_fields = [*BasePage.search_fields, index.FilterField("start"), index.SearchField("location")]

    # Part of the iCalendar UID ("kennisplatform-<kind>-<page id>"); never change it for existing events.
    ical_uid_kind = "event"

    class Meta:
        abstract = True

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.format in (EventFormat.ON_LOCATION, EventFormat.HYBRID) and not self.location:
            errors["location"] = _("Give the location of an event on location or a hybrid event.")
        if errors:
            raise ValidationError(errors)

    # What the search app and cards show.
    @property
    def search_result_date(self):
        return self.start

    @property
    def date(self):
        return self.start

    @property
    def is_past(self):
        return self.end <= timezone.now()

    @property
    def registration_closes(self):
        return self.registration_closes_at or self.start

    def registration_state(self, now=None):
        """One of "open", "not_yet_open", "closed", "past", "cancelled"."""
        now = now or timezone.now()
        if self.is_cancelled:
            return "cancelled"
        if self.end <= now:
            return "past"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet_open"
        if now >= self.registration_closes:
            return "closed"
        return "open"

    @property
    def registration_is_open(self):
        return self.registration_state() == "open"

    @cached_property
    def registered_count(self):
        """Uses the annotation of ``with_registration_counts()`` when present. A page that shows it outside a live
        fragment (``{% live_places %}``) is not kept in the page cache past the event's next registration."""
        caching.depends_on(f"event:{self.pk}")
        return self.live_places.registered

    @cached_property
    def live_places(self):
        """The places now, read without making a cached copy of the page depend on them: only for the live
        fragments that show them (``{% live_places %}`` in events_tags), which every cached copy renders afresh."""
        if hasattr(self, "_registered_count"):
            return Places(self.capacity, self._registered_count)
        return Places(self.capacity, self.registrations.filter(status=RegistrationStatus.REGISTERED).count())

    @property
    def places(self):
        return Places(self.capacity, self.registered_count)

    @property
    def places_left(self):
        return self.places.places_left

    @property
    def is_full(self):
        return self.places.is_full

    @property
    def is_nearly_full(self):
        return self.places.is_nearly_full


@dataclass(frozen=True)
class Places:
    """The places of an event with ``capacity`` (None: no limit) of which ``registered`` are taken."""

    capacity: int | None
    registered: int

    @property
    def places_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.registered, 0)

    @property
    def is_full(self):
        return self.capacity is not None and self.places_left == 0

    @property
    def is_nearly_full(self):
        return self.capacity is not None and 0 < self.places_left <= max(2, self.capacity // 10)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def registered(self):
        return self.filter(status=RegistrationStatus.REGISTERED)

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED)

    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)


class AbstractRegistration(models.Model):
    """One person's registration for one event. Personal data: anonymised after the event.

    The concrete model adds the foreign key to its event page (``related_name="registrations"``) and is
    registered with ``events.registry.register``, which names that key; ``registration.event`` follows it.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"), help_text=_("Stored in lower case."))
    organisation = models.CharField(_("organisation"), max_length=200)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    needs = models.TextField(_("what they need to take part"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    # The mails about this registration (confirmation, reminder …): cancelling, reminders and anonymising
    # find them here. The outbox itself knows no section.
    emails = models.ManyToManyField(
        "events.OutboxEmail",
        blank=True,
        related_name="%(app_label)s_%(class)s",
        verbose_name=_("emails"),
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs):
        self.email = self.normalise_email(self.email)
        super().save(*args, **kwargs)

    @staticmethod
    def normalise_email(email):
        return (email or "").strip().lower()

    @classmethod
    def event_type(cls):
        from events.registry import for_registration

        return for_registration(cls)

    def page_cache_dependencies(self):
        """A registration changes the places left on its event, not the site's content (core/caching.py)."""
        return [f"event:{getattr(self, self.event_type().event_field + '_id')}"]

    @property
    def event(self):
        """The event page this registration is for (through the foreign key named at registration)."""
        return getattr(self, self.event_type().event_field)

    @event.setter
    def event(self, page):
        setattr(self, self.event_type().event_field, page)
