"""``seed_demo`` content of matching: the agenda overview below the network, a few matches in every status and
one request from the public form. Runs after the network demo (networks.demo); idempotent.

Matches are stored with their introduction already recorded, so seeding never sends an email.
"""

import datetime

from django.utils import timezone

from core.models import Municipality
from networks.models import InclusionAgendaOverviewPage, LifeDomain, Match, MatchRequest, MatchStatus, NetworkPage

OVERVIEW_INTRO = (
    "<p>Welke gemeenten in het netwerk hebben een Lokale Inclusie Agenda, hoe ver zijn ze en aan welke "
    "levensdomeinen werken ze? Filter op status, provincie of levensdomein en download de lijst.</p>"
)

# (municipality A, municipality B, life domains, status, days ago requested, days ago introduced, days ago closed)
MATCHES = [
    ("Zwolle", "Deventer", ["housing", "mobility"], MatchStatus.ACTIVE, 120, 100, None),
    ("Utrecht", "Amersfoort", ["work_income"], MatchStatus.INTRODUCED, 40, 30, None),
    ("Groningen", "Leeuwarden", ["accessibility", "participation"], MatchStatus.CLOSED, 400, 380, 60),
    ("Tilburg", "Breda", ["education"], MatchStatus.REQUESTED, 5, None, None),
]


def seed_matching(demo):
    network = NetworkPage.objects.filter(slug="iedereen-doet-mee").first()
    if network is None:
        return
    demo.ensure_page(
        network,
        InclusionAgendaOverviewPage,
        slug="agendas",
        title="Lokale Inclusie Agenda's",
        introduction=OVERVIEW_INTRO,
        listing_summary="Welke gemeenten een Lokale Inclusie Agenda hebben, per status, provincie en levensdomein.",
    )
    if Match.objects.exists():
        return
    members = {m.name: m for m in Municipality.objects.filter(network_memberships__network=network).distinct()}
    domains = {domain.code: domain for domain in LifeDomain.objects.all()}
    today = timezone.localdate()
    for name_a, name_b, codes, status, requested, introduced, closed in MATCHES:
        if name_a not in members or name_b not in members:
            continue
        match = Match(
            municipality_a=members[name_a],
            municipality_b=members[name_b],
            status=status,
            requested_on=today - datetime.timedelta(days=requested),
            introduced_on=today - datetime.timedelta(days=introduced) if introduced else None,
            closed_on=today - datetime.timedelta(days=closed) if closed else None,
            introduction_sent_at=timezone.now() if introduced else None,
            notes="Voorbeeldkoppeling uit de demo.",
        )
        match.life_domains = [domains[code] for code in codes if code in domains]
        match.save()
        demo.created += 1
        demo.log(f"  + match: {match}")
    if "Breda" in members and not MatchRequest.objects.exists():
        MatchRequest.objects.create(
            municipality=members["Breda"],
            name="Sanne de Vries",
            email="sanne@voorbeeld.example",
            requester_municipality="Tilburg",
            question="Hoe hebben jullie jongeren met een beperking betrokken bij het onderwijs?",
        )
        demo.created += 1
