"""``seed_demo`` content of the expeditions: an index, leaders, organisations, expeditions and lessons.

Idempotent: everything is looked up by slug or name first, so a second run creates nothing.
``seed_demo`` creates no user accounts unless asked, so the demo leaders are not linked to one; an
administrator links a leader to an account in the snippet editor, which gives that account its permissions.
"""

import datetime

from django.utils import timezone

from expeditions import permissions
from expeditions.models import (
    ExpeditionIndexPage,
    ExpeditionLeader,
    ExpeditionLeadership,
    ExpeditionPage,
    ExpeditionParticipation,
    ExpeditionTargetGroup,
    LessonPage,
    Organisation,
)

from .completed import COMPLETED
from .current import CURRENT
from .people import INDEX_INTRO, LEADERS, ORGANISATIONS

EXPEDITIONS = [*COMPLETED, *CURRENT]


def _date(spec, days, today):
    if spec:
        return datetime.date.fromisoformat(spec)
    if days is not None:
        return today + datetime.timedelta(days=days)
    return None


def _leaders(demo):
    leaders = {}
    for data in LEADERS:
        leader = ExpeditionLeader.objects.filter(name=data["name"]).first()
        if leader is None:
            leader = ExpeditionLeader.objects.create(
                name=data["name"],
                region=data["region"],
                bio=data["bio"],
                contact_preference=data["contact_preference"],
                email=data["email"],
            )
            demo.created += 1
            demo.log(f"  + expedition leader: {leader.name}")
        leaders[leader.name] = leader
    return leaders


def _organisations(demo):
    organisations = {}
    for name, (kind, municipality, website) in ORGANISATIONS.items():
        organisation, created = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "municipality": municipality, "website": website}
        )
        demo.created += int(created)
        organisations[name] = organisation
    return organisations


def _expedition(demo, index, data, leaders, organisations, today):
    expedition = demo.ensure_page(
        index,
        ExpeditionPage,
        slug=data["slug"],
        title=data["title"],
        province=data["province"],
        start_date=_date(data.get("start"), data.get("start_days"), today),
        end_date=_date(data.get("end"), data.get("end_days"), today),
        listing_summary=data["summary"],
        introduction=data["intro"],
        lens_sections=data["lenses"],
        timeline=data["timeline"],
        listing_image=demo.image(data["title"]),
        participations=[ExpeditionParticipation(organisation=organisations[name]) for name in data["organisations"]],
        leaderships=[ExpeditionLeadership(leader=leaders[name]) for name in data["leaders"]],
        target_groups=[
            ExpeditionTargetGroup(target_group=group, new_volunteers=count) for group, count in data["target_groups"]
        ],
    )
    if not expedition.themes.exists():
        expedition.themes.set(demo.themes(*data["themes"]))
        expedition.save_revision().publish()
    for lesson in data["lessons"]:
        author = leaders[lesson["author"]]
        page = demo.ensure_page(
            expedition,
            LessonPage,
            slug=lesson["slug"],
            title=lesson["title"],
            date=_date(lesson.get("date"), lesson.get("date_days"), today),
            lens=lesson["lens"],
            target_group=lesson["target_group"],
            author=author,
            listing_summary=lesson["summary"],
            what_was_tried=lesson["tried"],
            what_worked=lesson["worked"],
            what_did_not_work=lesson["not_worked"],
            advice=[("paragraph", lesson["advice"])] if lesson["advice"] else [],
            listing_image=demo.image(lesson["title"]),
        )
        if page.listing_image_id is None:  # demos made before the illustrations
            page.listing_image = demo.image(lesson["title"])
            page.save_revision().publish()
        if not page.themes.exists():
            page.themes.set(demo.themes(*lesson["themes"]))
            page.save_revision().publish()
    return expedition


def seed_expeditions(demo):
    permissions.ensure_groups()
    index = demo.ensure_page(
        demo.home,
        ExpeditionIndexPage,
        slug="expedities",
        title="Expedities Nieuwe Gezichten",
        introduction=INDEX_INTRO,
        listing_summary="Vrijwilligersorganisaties die met een expeditieleider nieuwe vrijwilligers bereiken, "
        "en wat ze daarvan leerden.",
        show_in_menus=True,
    )
    permissions.ensure_workflow(index)
    leaders = _leaders(demo)
    organisations = _organisations(demo)
    today = timezone.localdate()
    for data in EXPEDITIONS:
        _expedition(demo, index, data, leaders, organisations, today)
    return index
