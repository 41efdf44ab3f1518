"""A small network built with the factories: index, network, municipalities index, members with pages."""

from dataclasses import dataclass

import pytest

from core.models import Province
from networks.factories import (
    InclusionAgendaPageFactory,
    MunicipalityFactory,
    MunicipalityIndexPageFactory,
    MunicipalityPageFactory,
    NetworkIndexPageFactory,
    NetworkPageFactory,
)
from networks.models import LifeDomain, MemberRole, NetworkMember


@dataclass
class Tree:
    index: object
    network: object
    municipalities: object

    def add(self, name, cbs_code, province=Province.OVERIJSSEL, role=MemberRole.SIGNATORY, inhabitants=50_000):
        """A member municipality with its page."""
        municipality = MunicipalityFactory(name=name, cbs_code=cbs_code, province=province, inhabitants=inhabitants)
        NetworkMember.objects.create(network=self.network, municipality=municipality, role=role)
        return MunicipalityPageFactory(parent=self.municipalities, municipality=municipality)

    @staticmethod
    def agenda(municipality_page, domains=(), **fields):
        fields.setdefault("title", f"Lokale Inclusie Agenda {municipality_page.municipality.name}")
        agenda = InclusionAgendaPageFactory(parent=municipality_page, **fields)
        if domains:
            agenda.life_domains.set(LifeDomain.objects.filter(code__in=domains))
            agenda.save()
        return agenda


@pytest.fixture
def tree(home_page):
    index = NetworkIndexPageFactory(parent=home_page)
    network = NetworkPageFactory(parent=index)
    municipalities = MunicipalityIndexPageFactory(parent=network)
    return Tree(index=index, network=network, municipalities=municipalities)
