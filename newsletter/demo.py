"""Demo content: a few confirmed subscribers, one sent issue and a draft with the suggested new content.

Idempotent (found by address and subject); only runtime requirements. No mail is queued: the sent issue is
recorded as sent, as it would be after ``send_newsletter``.
"""

import datetime

from django.utils import timezone, translation
from django.utils.text import slugify

from core.models import Audience, Theme
from newsletter import content, subscriptions
from newsletter.models import Issue, Subscriber

SUBSCRIBERS = [
    # address, themes, audiences (names from core.demo_content; none chosen: everything)
    ("fatima.demo@example.org", ("Inclusie", "Samenwerking"), ()),
    ("joris.demo@example.org", ("Ervaringsdeskundigheid",), ("Professionals",)),
    ("beleid.demo@example.org", (), ("Gemeenten",)),
    ("alles.demo@example.org", (), ()),
]

SENT_SUBJECT = "Nieuwsbrief oktober: wat werkt bij het werven van nieuwe vrijwilligers"
SENT_INTRO = (
    "Ongeveer 6,7 miljoen mensen in Nederland zetten zich jaarlijks vrijwillig in. In deze nieuwsbrief lees je "
    "hoe gemeenten en organisaties nieuwe gezichten vinden, en wat de deelnemers van de Expedities daarvan leerden."
    "\n\nVeel leesplezier, en laat ons weten wat je ervan vindt."
)
DRAFT_SUBJECT = "Nieuwsbrief december: nieuw op het platform"
DRAFT_INTRO = (
    "Het jaar loopt ten einde. Hieronder vind je wat er sinds de vorige nieuwsbrief op het platform verscheen: "
    "nieuwe lessen, tips en verhalen, en de sessies die eraan komen."
)


def _terms(model, names):
    return list(model.objects.filter(slug__in=[slugify(name) for name in names]))


def seed_newsletter(demo):
    now = timezone.now()
    with translation.override("nl"):
        with_consent = str(subscriptions.CONSENT_TEXT)
    for number, (email, themes, audiences) in enumerate(SUBSCRIBERS):
        moment = now - datetime.timedelta(days=60 - number)
        subscriber, created = Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "consent_text": with_consent,
                "consented_at": moment,
                "confirmation_sent_at": moment,
                "confirmed_at": moment + datetime.timedelta(minutes=7),
            },
        )
        if created:
            subscriber.themes.set(_terms(Theme, themes))
            subscriber.audiences.set(_terms(Audience, audiences))
            demo.created += 1
            demo.log(f"  + newsletter subscriber: {email}")

    if not Issue.objects.filter(subject=SENT_SUBJECT).exists():
        sent_at = now - datetime.timedelta(days=30)
        issue = Issue.objects.create(subject=SENT_SUBJECT, intro=SENT_INTRO)
        picks = [content.item_key(kind.key, items[0].pk) for kind, items in content.suggestions(since=None) if items]
        content.set_items(issue, picks[:5])
        Issue.objects.filter(pk=issue.pk).update(
            status=Issue.Status.SENT,
            send_started_at=sent_at,
            sent_at=sent_at + datetime.timedelta(minutes=4),
            recipients=Subscriber.objects.confirmed().count(),
        )
        demo.created += 1
        demo.log(f"  + newsletter issue (sent): {SENT_SUBJECT}")

    if not Issue.objects.filter(subject=DRAFT_SUBJECT).exists():
        issue = Issue.objects.create(subject=DRAFT_SUBJECT, intro=DRAFT_INTRO)
        keys = [
            content.item_key(kind.key, item.pk) for kind, items in content.suggestions(per_kind=3) for item in items
        ]
        content.set_items(issue, keys)
        demo.created += 1
        demo.log(f"  + newsletter issue (draft): {DRAFT_SUBJECT}")
