"""Demo evaluations and page votes (``seed_demo``): runtime code, plain model construction, idempotent.

Every event that has ended gets evaluations of its confirmed registrations, as if the mail went out a day after
and about two in three participants answered, with an average mark of 7.8. A few content pages, lessons and stories
get answers to "Was deze pagina nuttig?". Nothing is mailed.
"""

import datetime
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from events import registry
from feedback.models import Evaluation, PageVote

# Ten marks that average 7.8; who answers and with what follows the registration's position, so a second run
# (or another database) gives the same figures.
MARKS = [8, 7, 9, 8, 6, 8, 9, 7, 8, 8]
SILENT = {2, 5, 8}  # of every nine participants, three do not answer
USEFUL = [
    "De voorbeelden uit andere gemeenten. Die ga ik meteen gebruiken.",
    "Praktische tips om nieuwe vrijwilligers welkom te heten.",
    "Het gesprek met de ervaringsdeskundige gaf me een andere blik.",
    "",
    "Goede vragen uit de chat, en de sprekers namen er de tijd voor.",
    "",
]
BETTER = [
    "",
    "Iets meer tijd om in kleine groepjes te praten.",
    "",
    "De presentatie vooraf delen, dan kan ik me beter voorbereiden.",
    "",
    "Een kortere introductie; het echte verhaal begon pas na twintig minuten.",
]
VOTE_TYPES = [("core", "contentpage"), ("expeditions", "lessonpage"), ("stories", "storypage")]
VOTE_PATTERNS = [
    # (yes, no, comments with the "no" answers)
    (14, 2, ["Ik miste een voorbeeld voor kleine organisaties."]),
    (5, 7, ["Te algemeen: hoe pak ik dit concreet aan?", "De link naar het formulier werkt niet.", ""]),
    (9, 4, ["Graag een samenvatting bovenaan."]),
]


def seed(demo):
    now = timezone.now()
    created = sum(_seed_evaluations(event_type, now) for event_type in registry.all_types())
    created += _seed_votes(now)
    demo.created += created
    if created:
        demo.log(f"  + evaluaties en antwoorden op 'Was deze pagina nuttig?': {created}")


def _seed_evaluations(event_type, now):
    content_type = ContentType.objects.get_for_model(event_type.registration_model)
    done = set(Evaluation.objects.filter(registration_type=content_type).values_list("registration_id", flat=True))
    events = event_type.page_model.objects.live().filter(is_cancelled=False, end__lte=now).order_by("end", "pk")
    rows = []
    for event in events:
        registrations = (
            event_type.registration_model.objects.filter(**{event_type.event_field: event}).registered().order_by("pk")
        )
        parent_id = event.get_parent().pk
        invited_at = event.end + datetime.timedelta(days=1)
        answered = 0
        for position, registration in enumerate(registrations):
            if registration.pk in done:
                continue
            evaluation = Evaluation(
                registration_type=content_type,
                registration_id=registration.pk,
                event_id=event.pk,
                group_id=parent_id,
                programme=event_type.label,
                invited_at=min(invited_at, now),
            )
            if position % 9 not in SILENT:
                evaluation.mark = MARKS[answered % len(MARKS)]
                evaluation.useful = USEFUL[answered % len(USEFUL)]
                evaluation.better = BETTER[answered % len(BETTER)]
                evaluation.answered_at = min(invited_at + datetime.timedelta(hours=2 + answered % 30), now)
                answered += 1
            rows.append(evaluation)
    Evaluation.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _seed_votes(now):
    if PageVote.objects.exists():
        return 0
    votes = []
    for app_label, model in VOTE_TYPES:
        pages = Page.objects.live().public().filter(content_type__app_label=app_label, content_type__model=model)
        for page, (yes, no, comments) in zip(pages.order_by("path")[:3], VOTE_PATTERNS, strict=False):
            path = urlsplit(page.url or "").path
            if not path:
                continue
            for number in range(yes + no):
                useful = number < yes
                comment = "" if useful else (comments[(number - yes) % len(comments)] if comments else "")
                votes.append(
                    PageVote(
                        page=page,
                        path=path,
                        useful=useful,
                        comment=comment,
                        created_at=now - datetime.timedelta(days=number % 20, hours=number),
                    )
                )
    PageVote.objects.bulk_create(votes)
    return len(votes)
