"""``seed_demo`` content of the inclusion networks: the network *Iedereen doet mee!*, its member
municipalities and their pages, twenty Lokale Inclusie Agenda's (some with a generated PDF), and links from
existing lessons, tips and stories to municipalities.

Idempotent: everything is looked up by slug, CBS code or name first, so a second run creates nothing.
The sentences are our own, written from the VNG's announcement of the network (31 August 2020).
"""

import datetime
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Page

from core.models import Municipality
from networks import permissions
from networks.importing import DEMO_CSV, import_municipalities
from networks.models import (
    InclusionAgendaPage,
    LifeDomain,
    LifeDomainCode,
    MemberRole,
    MunicipalityIndexPage,
    MunicipalityPage,
    NetworkIndexPage,
    NetworkMeetingPage,
    NetworkMeetingRegistration,
    NetworkMember,
    NetworkPage,
)
from networks.pdfgen import make_pdf

from .demo_data.agendas import AGENDAS
from .demo_data.meetings import MEETINGS
from .demo_data.texts import FRONT_RUNNERS, INDEX_INTRO, NETWORK_AIMS, NETWORK_INTRO, PARTICIPANTS, SIGNATORIES

LINKS_PER_KIND = 3


def seed_networks(demo):
    result = import_municipalities(DEMO_CSV)
    demo.created += len(result.added)
    if result.added:
        demo.log(f"  + {len(result.added)} municipalities")
    index = demo.ensure_page(
        demo.home,
        NetworkIndexPage,
        slug="netwerken",
        title="Netwerken",
        introduction=INDEX_INTRO,
        listing_summary="Gemeenten en hun ervaringsdeskundige inwoners leren van elkaar in open netwerken.",
        show_in_menus=True,
    )
    permissions.ensure_workflow(index)
    network = demo.ensure_page(
        index,
        NetworkPage,
        slug="iedereen-doet-mee",
        title="Iedereen doet mee!",
        introduction=NETWORK_INTRO,
        listing_summary=(
            "Het open netwerk van gemeenten die met ervaringsdeskundige inwoners werken aan het VN-verdrag Handicap."
        ),
        aims=NETWORK_AIMS,
    )
    _members(demo, network)
    municipalities_index = demo.ensure_page(
        network,
        MunicipalityIndexPage,
        slug="gemeenten",
        title="Gemeenten",
        introduction="<p>Alle gemeenten in het netwerk, per provincie. Elke gemeente heeft een eigen pagina.</p>",
    )
    pages = _municipality_pages(demo, network, municipalities_index)
    _agendas(demo, pages)
    _meetings(demo, network)
    _meeting_registrations(demo, network)
    _link_content(demo)
    return network


def _members(demo, network):
    if network.members.exists():
        return
    codes = {**dict.fromkeys(FRONT_RUNNERS, MemberRole.FRONT_RUNNER)}
    codes.update(dict.fromkeys(SIGNATORIES, MemberRole.SIGNATORY))
    codes.update(dict.fromkeys(PARTICIPANTS, MemberRole.PARTICIPANT))
    municipalities = {m.cbs_code: m for m in Municipality.objects.filter(cbs_code__in=codes)}
    since = {
        MemberRole.FRONT_RUNNER: datetime.date(2017, 3, 1),
        MemberRole.SIGNATORY: datetime.date(2018, 6, 1),
        MemberRole.PARTICIPANT: datetime.date(2020, 9, 1),
    }
    for number, (code, role) in enumerate(codes.items()):
        municipality = municipalities[code]
        network.members.add(
            NetworkMember(
                municipality=municipality,
                role=role,
                since=since[role] + datetime.timedelta(days=(number % 12) * 30),
                contact_persons=[
                    (
                        "person",
                        {
                            "name": f"Beleidsadviseur inclusie {municipality.name}",
                            "role": "contactpersoon netwerk",
                            "email": f"inclusie@{municipality.slug}.gemeente.example",
                            "phone": "",
                        },
                    )
                ],
            )
        )
    network.save_revision().publish()
    demo.created += len(codes)
    demo.log(f"  + {len(codes)} network members")


def _municipality_pages(demo, network, parent):
    pages = {}
    existing = {page.municipality_id: page for page in MunicipalityPage.objects.child_of(parent)}
    for member in network.members.select_related("municipality"):
        municipality = member.municipality
        page = existing.get(municipality.pk)
        if page is None:
            page = demo.ensure_page(
                parent,
                MunicipalityPage,
                slug=municipality.slug,
                title=municipality.name,
                municipality=municipality,
                introduction=(
                    f"<p>{municipality.name} werkt samen met inwoners met een beperking aan een gemeente waar "
                    "iedereen mee kan doen.</p>"
                ),
            )
        permissions.ensure_municipality_editors(page)
        pages[municipality.cbs_code] = page
    return pages


def _agendas(demo, pages):
    LifeDomain.ensure_all()
    domains = {domain.code: domain for domain in LifeDomain.objects.all()}
    for spec in AGENDAS:
        parent = pages.get(spec["cbs_code"])
        if parent is None or InclusionAgendaPage.objects.child_of(parent).exists():
            continue
        name = parent.municipality.name
        agenda = InclusionAgendaPage(
            slug="inclusie-agenda",
            title=f"Lokale Inclusie Agenda {name}",
            status=spec["status"],
            adopted_on=spec.get("adopted_on"),
            presented_on=spec.get("presented_on"),
            period_start=spec.get("period", (None, None))[0],
            period_end=spec.get("period", (None, None))[1],
            agenda_summary=f"<p>{spec['summary']}</p>",
            lived_experience=f"<p>{spec['lived_experience']}</p>",
            contact_name=f"Programmaleider inclusie {name}",
            contact_role="gemeente " + name,
            contact_email=f"inclusie@{parent.municipality.slug}.gemeente.example",
        )
        agenda.life_domains = [domains[code] for code in spec["domains"]]
        if spec.get("pdf"):
            _attach_pdf(agenda, name, spec)
        parent.add_child(instance=agenda)
        agenda.save_revision().publish()
        demo.created += 1
        demo.log(f"  + agenda: {agenda.title}")


def _attach_pdf(agenda, name, spec):
    from networks.pdf import check_pdf

    labels = [str(LifeDomainCode(code).label) for code in spec["domains"]]
    lines = [
        f"Lokale Inclusie Agenda {name}",
        "",
        *spec["summary"].split(". "),
        "",
        "Levensdomeinen in deze agenda: " + ", ".join(labels) + ".",
        "",
        *spec["lived_experience"].split(". "),
    ]
    data = make_pdf(lines, title=f"Lokale Inclusie Agenda {name}", tagged=spec["pdf"] != "untagged")
    upload = ContentFile(data, name=f"inclusie-agenda-{agenda.slug}-{spec['cbs_code'].lower()}.pdf")
    report = check_pdf(upload)
    agenda.agenda_pdf = upload
    agenda.pdf_text = report.text
    agenda.pdf_warnings = "\n".join(f"Agenda: {warning}" for warning in report.warnings)


def _meetings(demo, network):
    today = timezone.localdate()
    for spec in MEETINGS:
        if network.get_children().filter(slug=spec["slug"]).exists():
            continue
        day = today + datetime.timedelta(days=spec["days"])
        start_hour, end_hour = spec["hours"]
        zone = timezone.get_current_timezone()
        meeting = demo.ensure_page(
            network,
            NetworkMeetingPage,
            slug=spec["slug"],
            title=spec["title"],
            introduction=f"<p>{spec['introduction']}</p>",
            start=datetime.datetime.combine(day, datetime.time(start_hour), tzinfo=zone),
            end=datetime.datetime.combine(day, datetime.time(end_hour), tzinfo=zone),
            format=spec["format"],
            capacity=spec["capacity"],
            location=spec.get("location", ""),
            meeting_url=spec.get("meeting_url", ""),
            publish=False,
        )
        meeting.municipalities.set(Municipality.objects.filter(cbs_code__in=spec["municipalities"]))
        meeting.save_revision().publish()


DEMO_REGISTRATIONS = (
    ("Demo deelnemer 1", "deelnemer1.netwerk@example.org", "Gemeente Zwolle", "Zwolle", ""),
    ("Demo deelnemer 2", "deelnemer2.netwerk@example.org", "Cliëntenraad Deventer", "Deventer", "Ringleiding"),
)


def _meeting_registrations(demo, network):
    """A couple of registrations for the first upcoming meeting, so the admin's registrations list has rows."""
    upcoming = [spec["slug"] for spec in MEETINGS if spec["days"] >= 0]
    meeting = NetworkMeetingPage.objects.child_of(network).filter(slug__in=upcoming[:1]).first()
    if meeting is None:
        return
    for name, email, organisation, municipality, needs in DEMO_REGISTRATIONS:
        _registration, created = NetworkMeetingRegistration.objects.get_or_create(
            meeting=meeting,
            email=email,
            defaults={"name": name, "organisation": organisation, "municipality": municipality, "needs": needs},
        )
        demo.created += created


def _link_content(demo):
    """Link a few lessons, tips and stories to member municipalities (the first time only)."""
    municipalities = list(
        Municipality.objects.filter(
            network_memberships__isnull=False, network_memberships__role=MemberRole.FRONT_RUNNER
        )
        .distinct()
        .order_by("name")
    )
    by_name = {m.name: m for m in municipalities}
    cycle = itertools.cycle(municipalities)
    for relation in Municipality._meta.related_objects:
        if not relation.many_to_many or relation.field.name != "municipalities":
            continue
        model = relation.related_model
        if model.objects.filter(municipalities__isnull=False).exists():
            continue
        queryset = model.objects.order_by("pk")
        if issubclass(model, Page):
            queryset = queryset.live()
        for obj in queryset[:LINKS_PER_KIND]:
            place = getattr(obj, "place", "")
            municipality = by_name.get(place) or next(cycle)
            obj.municipalities.add(municipality)
            if isinstance(obj, Page):
                obj.save_revision().publish()
            else:
                obj.save()
            demo.created += 1
            demo.log(f"  + {obj} linked to {municipality}")
