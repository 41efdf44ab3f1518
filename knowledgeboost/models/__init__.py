"""Models of the Kennisboostweken: pages and registrations, built on the shared event engine (``events``).

The engine's names are re-exported for the section's code and tests.
"""

from events.models import (
    AbstractEventPage,
    AbstractRegistration,
    EventFormat,
    OutboxEmail,
    OutboxStatus,
    RegistrationStatus,
)

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
