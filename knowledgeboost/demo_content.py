"""Demo content: one past and one upcoming Kennisboostweek, and two information sessions for municipalities.

Runtime code (`make run` calls seed_demo): plain model construction, never the test factories.

Dates are computed from today, so the demo stays valid; pages are found by slug on a second run.
"""

import datetime

from django.utils import timezone

from knowledgeboost.models import (
    EventFormat,
    KnowledgeBoostIndexPage,
    KnowledgeBoostWeekPage,
    Registration,
    RegistrationStatus,
    SessionPage,
)

TEAMS = "https://teams.microsoft.com/l/meetup-join/demo-kennisplatform-{}"

# (weekday 0-4, start hour, end hour, title, format, capacity, demo registrations, summary, speakers, provisions)
# fmt: off
UPCOMING = [
    (0, 10, 11, "Nieuwe gezichten: wie mis je nog?", EventFormat.ONLINE, 40, 38,
     "Een webinar over de drempels die mensen ervaren om mee te doen, en hoe je ze wegneemt.",
     [("Fatima El Amrani", "Gespreksleider", "Vereniging NOV")], "Live ondertiteling"),
    (0, 14, 15, "Werven met de campagne Mensen maken Nederland", EventFormat.ONLINE, 60, 12,
     "Zo maak je de landelijke campagne op maat voor je eigen organisatie of gemeente.",
     [("Joris Bakker", "Campagneleider", "Mensen maken Nederland")], ""),
    (1, 13, 15, "Workshop: een vacature die iedereen aanspreekt", EventFormat.ONLINE, 20, 19,
     "Herschrijf samen met anderen een vrijwilligersvacature in begrijpelijke taal.",
     [("Sanne de Wit", "Trainer", "Taalhelden")], "Tolk Nederlandse Gebarentaal\nExtra pauzes"),
    (2, 19, 20, "Talkshow: jongeren aan het roer", EventFormat.ONLINE, None, 0,
     "Jongeren vertellen wat hen aantrekt in vrijwilligerswerk, en wat hen afschrikt.",
     [("Mo Yilmaz", "Presentator", ""), ("Lotte Visser", "Ervaringsdeskundige", "Jong Doet Mee")],
     "Live ondertiteling"),
    (3, 10, 12, "Ervaringsdeskundigen als vrijwilliger", EventFormat.HYBRID, 25, 9,
     "Wat levert de inzet van ervaringsdeskundigen op, en wat vraagt het van je organisatie?",
     [("Karin Hoekstra", "Onderzoeker", "Erasmus Universiteit Rotterdam")], "Rolstoeltoegankelijke zaal"),
    (4, 11, 12, "Samenwerken met je gemeente", EventFormat.ONLINE, 50, 47,
     "Vrijwilligersorganisaties en gemeenten over elkaar vinden en elkaar versterken.",
     [("Peter Jansen", "Beleidsadviseur", "Gemeente Zwolle")], ""),
]
PAST = [
    (0, 10, 11, "Kick-off: meer mensen, meer verschillende mensen", EventFormat.ONLINE, 80, 64,
     "De start van de week: waarom diversiteit in vrijwillige inzet ertoe doet.",
     [("Fatima El Amrani", "Gespreksleider", "Vereniging NOV")], "Live ondertiteling"),
    (1, 14, 15, "Inclusief welkom heten", EventFormat.ONLINE, 30, 30,
     "De eerste indruk telt: zo voelt iedere nieuwe vrijwilliger zich welkom.",
     [("Ayla Demir", "Trainer", "Movisie")], ""),
    (2, 10, 12, "Workshop: je organisatie door andere ogen", EventFormat.ONLINE, 20, 18,
     "Kijk met de methode van de expedities naar de toegankelijkheid van je eigen organisatie.",
     [("Bram Koster", "Expeditieleider", "")], "Tolk Nederlandse Gebarentaal"),
    (3, 19, 20, "Talkshow: vrijwilligers van bedrijven", EventFormat.ONLINE, None, 0,
     "Medewerkers van bedrijven als nieuwe bron van vrijwilligers.",
     [("Mo Yilmaz", "Presentator", "")], ""),
]
# fmt: on


def monday(weeks_from_now):
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(weeks=weeks_from_now)


def at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour=hour)))


def add_sessions(demo, week, rows, themes, audiences, past=False):
    for number, (weekday, start, end, title, fmt, capacity, fill, summary, speakers, provisions) in enumerate(rows):
        day = week.start_date + datetime.timedelta(days=weekday)
        slug = f"{week.slug}-sessie-{number + 1}"
        if week.get_children().filter(slug=slug).exists():
            continue
        session = SessionPage(
            title=title,
            slug=slug,
            start=at(day, start),
            end=at(day, end),
            format=fmt,
            location="Stadhuis Utrecht, Stadhuisbrug 1, Utrecht" if fmt != EventFormat.ONLINE else "",
            meeting_url=TEAMS.format(slug),
            capacity=capacity,
            listing_summary=summary,
            introduction=f"<p>{summary}</p>",
            speakers=[("speaker", {"name": n, "role": r, "organisation": o}) for n, r, o in speakers],
            accessibility=provisions,
            recording_url="https://example.org/opnames/" + slug if past else "",
            listing_image=demo.image(
                "Online sessie Kennisboostweek" if fmt == EventFormat.ONLINE else "Gesprek op locatie"
            ),
        )
        session.themes.set(themes)
        session.audiences.set(audiences)
        week.add_child(instance=session)
        session.save_revision().publish()
        demo.created += 1
        demo.log(f"  + sessie: {title}")
        registrations = [
            Registration(
                session=session,
                name=f"Demo deelnemer {i + 1}",
                email=f"deelnemer{i + 1}.{slug}@example.org",
                organisation="Demo vrijwilligersorganisatie",
                status=RegistrationStatus.REGISTERED,
            )
            for i in range(fill)
        ]
        Registration.objects.bulk_create(registrations)


def seed(demo):
    index = demo.ensure_page(
        demo.home,
        KnowledgeBoostIndexPage,
        slug="kennisboostweken",
        title="Kennisboostweken",
        introduction="<p>In de Kennisboostweken delen organisaties, gemeenten en ervaringsdeskundigen online wat "
        "werkt om meer en nieuwe mensen te betrekken. Kies een sessie, meld je aan en ontvang een werkdag van "
        "tevoren de link.</p>",
        listing_summary="Online weken vol webinars, workshops en talkshows over vrijwillige inzet.",
        show_in_menus=True,
    )
    themes = demo.themes("Werving", "Inclusie")
    audiences = demo.audiences("Vrijwilligersorganisaties", "Professionals")

    upcoming_start = monday(3)
    upcoming = demo.ensure_page(
        index,
        KnowledgeBoostWeekPage,
        slug="kennisboostweek-nieuwe-gezichten",
        title="Kennisboostweek Nieuwe gezichten",
        theme="Nieuwe gezichten in je organisatie",
        start_date=upcoming_start,
        end_date=upcoming_start + datetime.timedelta(days=4),
        introduction="<p>Vijf dagen online sessies over het werven en welkom heten van mensen die nog niet "
        "vanzelf bij je organisatie aankloppen.</p>",
        listing_summary="Webinars, workshops en een talkshow over nieuwe gezichten in vrijwillige inzet.",
        listing_image=demo.image("Kennisboostweek Nieuwe gezichten"),
    )
    add_sessions(demo, upcoming, UPCOMING, themes, audiences)

    past_start = monday(-6)
    past = demo.ensure_page(
        index,
        KnowledgeBoostWeekPage,
        slug="kennisboostweek-inclusief-welkom",
        title="Kennisboostweek Inclusief welkom",
        theme="Iedereen welkom",
        start_date=past_start,
        end_date=past_start + datetime.timedelta(days=4),
        introduction="<p>Terugkijken: de sessies over inclusief werven en welkom heten.</p>",
        listing_summary="Bekijk de opnames en materialen van de sessies over inclusief welkom heten.",
        listing_image=demo.image("Kennisboostweek Inclusief welkom"),
    )
    add_sessions(demo, past, PAST, themes, audiences, past=True)

    # Two online information sessions for municipal policy officers; the Teams link follows one working day before.
    municipalities = demo.audiences("Gemeenten")
    for number, (weeks, hour) in enumerate([(2, 12), (5, 10)], start=1):
        slug = f"voorlichtingssessie-gemeenten-{number}"
        if index.get_children().filter(slug=slug).exists():
            continue
        day = monday(weeks) + datetime.timedelta(days=1)
        session = SessionPage(
            title=f"Voorlichtingssessie voor gemeenten ({number} van 2)",
            slug=slug,
            start=at(day, hour),
            end=at(day, hour + 1),
            format=EventFormat.ONLINE,
            meeting_url=TEAMS.format(slug),
            capacity=40,
            listing_summary="Hoe zet je als gemeente de campagne Mensen maken Nederland in, met de inspanning en "
            "kosten die bij je passen?",
            introduction="<p>Voor beleidsmedewerkers van gemeenten: een online voorlichting over de campagne en hoe "
            "je er lokaal het meeste uit haalt. Kies een van de twee data. Een werkdag voor aanvang ontvang je de "
            "Teams-link.</p>",
            speakers=[("speaker", {"name": "Team Mensen maken Nederland", "organisation": "Vereniging NOV"})],
            listing_image=demo.image("Voorlichting voor gemeenten"),
        )
        session.audiences.set(municipalities)
        session.themes.set(demo.themes("Samenwerking"))
        index.add_child(instance=session)
        session.save_revision().publish()
        demo.created += 1
        demo.log(f"  + sessie: {session.title}")
