from .agenda import InclusionAgendaPage
from .choices import AgendaStatus, LifeDomainCode, MemberRole
from .life_domains import LifeDomain
from .municipality import MunicipalityIndexPage, MunicipalityPage
from .network import NetworkIndexPage, NetworkMember, NetworkPage

__all__ = [
    "AgendaStatus",
    "InclusionAgendaPage",
    "LifeDomain",
    "LifeDomainCode",
    "MemberRole",
    "MunicipalityIndexPage",
    "MunicipalityPage",
    "NetworkIndexPage",
    "NetworkMember",
    "NetworkPage",
]
