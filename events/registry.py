"""Which sections have events: each registers its event page model and registration model once.

    # <section>/apps.py, in ready():
    from events import registry
    registry.register(MeetingPage, MeetingRegistration, event_field="meeting", cancel_url_name="networks:cancel")

The engine (registering, reminders, anonymising, the emails, the generic views) finds everything it needs of
a section here, so ``events`` never imports a section.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class EventType:
    """One kind of event: a concrete ``AbstractEventPage`` and its concrete ``AbstractRegistration``."""

    page_model: type
    registration_model: type
    event_field: str  # the registration's foreign key to the page (related_name="registrations")
    cancel_url_name: str  # URL name of the section's cancel view, which takes the signed token
    template_prefix: str  # the section's templates under <prefix>/ override the generic ones under events/
    form_class: type  # the registration form (events.forms.RegistrationForm or a subclass with own wording)

    @property
    def label(self):
        return self.page_model._meta.label_lower

    @property
    def salt_prefix(self):
        """Salts of the signed links; the app label keeps links sent before the engine was shared valid."""
        return self.page_model._meta.app_label

    def template_names(self, name):
        """[section template, generic template] for ``select_template``; ``name`` is relative, e.g. "cancel.html"."""
        return [f"{self.template_prefix}/{name}", f"events/{name}"]

    def registrations(self):
        return self.registration_model._default_manager.all()


_types = {}


def register(page_model, registration_model, *, event_field, cancel_url_name, template_prefix=None, form_class=None):
    """Make an event page model and its registration model known to the engine. Idempotent."""
    from events.forms import RegistrationForm

    field = registration_model._meta.get_field(event_field)
    if field.related_model is not page_model or field.remote_field.related_name != "registrations":
        raise ImproperlyConfigured(
            f"{registration_model._meta.label}.{event_field} must be a foreign key to {page_model._meta.label} "
            'with related_name="registrations".'
        )
    event_type = EventType(
        page_model=page_model,
        registration_model=registration_model,
        event_field=event_field,
        cancel_url_name=cancel_url_name,
        template_prefix=template_prefix or page_model._meta.app_label,
        form_class=form_class or RegistrationForm,
    )
    _types[page_model._meta.label_lower] = event_type
    return event_type


def all_types():
    return list(_types.values())


def for_label(label):
    """The event type by its page model's label, e.g. "networks.meetingpage" (as URLconfs name it)."""
    try:
        return _types[label.lower()]
    except KeyError:
        raise LookupError(f"No event type {label!r} is registered with events.registry") from None


def for_page(page):
    """The event type of an event page (instance or model)."""
    model = page if isinstance(page, type) else type(page)
    try:
        return _types[model._meta.concrete_model._meta.label_lower]
    except KeyError:
        raise LookupError(f"{model._meta.label} is not registered with events.registry") from None


def for_registration(registration):
    """The event type of a registration (instance or model)."""
    model = registration if isinstance(registration, type) else type(registration)
    model = model._meta.concrete_model
    for event_type in _types.values():
        if event_type.registration_model is model:
            return event_type
    raise LookupError(f"{model._meta.label} is not registered with events.registry")
