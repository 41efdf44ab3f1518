"""Models of the Kennisboostweken: the event engine, pages, registrations and the email outbox."""

from .events import AbstractEventPage, AbstractRegistration, EventFormat, RegistrationStatus
from .outbox import OutboxEmail, OutboxStatus
from .pages import KnowledgeBoostIndexPage, KnowledgeBoostWeekPage, SessionPage
from .registrations import Registration

__all__ = [
    "AbstractEventPage",
    "AbstractRegistration",
    "EventFormat",
    "KnowledgeBoostIndexPage",
    "KnowledgeBoostWeekPage",
    "OutboxEmail",
    "OutboxStatus",
    "Registration",
    "RegistrationStatus",
    "SessionPage",
]
