"""Models of the Expedities Nieuwe Gezichten: pages, snippets and the rows that tie them together."""

from .access import ExpeditionAccess
from .choices import ContactPreference, ExpeditionStatus, Lens, OrganisationKind, Province, TargetGroup
from .expedition import ExpeditionLeadership, ExpeditionPage, ExpeditionParticipation, ExpeditionTargetGroup
from .index import ExpeditionIndexPage
from .lesson import LessonPage
from .snippets import ExpeditionLeader, Organisation

__all__ = [
    "ContactPreference",
    "ExpeditionAccess",
    "ExpeditionIndexPage",
    "ExpeditionLeader",
    "ExpeditionLeadership",
    "ExpeditionPage",
    "ExpeditionParticipation",
    "ExpeditionStatus",
    "ExpeditionTargetGroup",
    "Lens",
    "LessonPage",
    "Organisation",
    "OrganisationKind",
    "Province",
    "TargetGroup",
]
