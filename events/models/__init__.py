"""Models of the shared event engine (abstract event page and registration) and of the email outbox."""

from .events import AbstractEventPage, AbstractRegistration, EventFormat, RegistrationQuerySet, RegistrationStatus
from .outbox import OutboxEmail, OutboxQuerySet, OutboxStatus

__all__ = [
    "AbstractEventPage",
    "AbstractRegistration",
    "EventFormat",
    "OutboxEmail",
    "OutboxQuerySet",
    "OutboxStatus",
    "RegistrationQuerySet",
    "RegistrationStatus",
]
