from .agenda import InclusionAgendaPage
from .choices import AgendaStatus, LifeDomainCode, MemberRole
from .life_domains import LifeDomain
from .matching import InclusionAgendaOverviewPage, Match, MatchRequest, MatchStatus
from .meetings import NetworkMeetingPage, NetworkMeetingRegistration
from .municipality import MunicipalityIndexPage, MunicipalityPage
from .network import NetworkIndexPage, NetworkMember, NetworkPage

__all__ = [
    "AgendaStatus",
    "InclusionAgendaOverviewPage",
    "InclusionAgendaPage",
    "LifeDomain",
    "LifeDomainCode",
    "Match",
    "MatchRequest",
    "MatchStatus",
    "MemberRole",
    "MunicipalityIndexPage",
    "MunicipalityPage",
    "NetworkIndexPage",
    "NetworkMeetingPage",
    "NetworkMeetingRegistration",
    "NetworkMember",
    "NetworkPage",
]
