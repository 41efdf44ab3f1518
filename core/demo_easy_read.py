"""Demo: easy-read versions (B1) of a few pages of the sections' demos: the programme page, a story, a lesson
and the first Lokale Inclusie Agenda. Runs after the sections' demos (order 90); idempotent: a page that has an
easy-read version keeps it.

Pages are found by model label and slug: core imports no section (tests/core/test_layers.py).
"""

from django.apps import apps
from wagtail import hooks

ABOUT = {
    "introduction": "Dit is de uitleg in makkelijke taal. Lees hier waarom dit platform er is.",
    "body": (
        "<h2>Waar gaat het over?</h2>"
        "<p>Veel mensen doen vrijwilligerswerk. Ze helpen in de buurt, bij de sport of in de zorg. "
        "Wij willen dat nog meer mensen mee kunnen doen. Ook mensen die nu vaak niet gevraagd worden.</p>"
        "<h2>Wie zijn wij?</h2>"
        "<p>Het programma heet Mensen maken Nederland. Vereniging NOV maakt het programma. "
        "Het ministerie van VWS betaalt mee.</p>"
        "<h2>Wat kun je hier doen?</h2>"
        "<ul><li>Tips lezen voor je club of je organisatie.</li>"
        "<li>Lezen wat andere clubs hebben geleerd.</li>"
        "<li>Verhalen lezen van vrijwilligers.</li>"
        "<li>Je aanmelden voor een bijeenkomst.</li></ul>"
    ),
}

STORY = {
    "introduction": "Fatima woont in Utrecht. Ze begon een taalcafé in haar buurt.",
    "body": (
        "<p>Fatima had twee buurvrouwen. Ze wilden graag met elkaar praten. "
        "Maar ze spraken niet dezelfde taal.</p>"
        "<p>Fatima zette koffie. Ze vroeg een derde buurvrouw erbij. "
        "Die sprak Nederlands en Arabisch. Zo konden ze toch praten.</p>"
        "<p>Nu is er elke dinsdag een taalcafé in het wijkcentrum. Er komen elke week dertig mensen. "
        "De gemeente betaalt de zaal. Vrijwilligers oefenen met lezen en schrijven.</p>"
    ),
}

LESSON = {
    "introduction": "Jongeren willen vaak best helpen. Maar liever met een korte klus.",
    "body": (
        "<h2>Wat deden we?</h2>"
        "<p>We maakten van elke taak bij de club een kleine klus. Bijvoorbeeld: één keer per maand "
        "helpen bij de wedstrijd. Of één keer een training geven aan de kleine kinderen.</p>"
        "<h2>Wat ging goed?</h2>"
        "<p>Na zes weken hadden negen jongeren een vaste klus. Meer dan de helft deed daarna nog een klus.</p>"
        "<h2>Wat ging niet goed?</h2>"
        "<p>Het rooster maken kostte veel tijd.</p>"
        "<h2>Onze tip</h2>"
        "<p>Begin klein. Kies één team en één soort klus. Zeg altijd dank je wel na afloop.</p>"
    ),
}


def agenda_text(name):
    return {
        "introduction": f"De gemeente {name} wil dat iedereen mee kan doen. Ook mensen met een beperking.",
        "body": (
            "<h2>Wat is dit?</h2>"
            f"<p>Dit is een plan van de gemeente {name}. Het plan heet de Lokale Inclusie Agenda. "
            "In het plan staat wat de gemeente gaat doen. Zo kan iedereen meedoen in de gemeente.</p>"
            "<h2>Wie hebben meegedacht?</h2>"
            "<p>Inwoners met een beperking hebben meegedacht. Zij weten het best wat er beter kan.</p>"
            "<h2>Wat gaat er gebeuren?</h2>"
            "<ul><li>Gebouwen worden beter te gebruiken.</li>"
            "<li>Informatie van de gemeente wordt makkelijker om te lezen.</li>"
            "<li>Meer mensen kunnen werk of vrijwilligerswerk vinden.</li></ul>"
            "<p>Heb je een vraag? Stuur dan een mail aan de gemeente.</p>"
        ),
    }


def _add(demo, page, text):
    if page is None or page.easy_read_body:
        return
    page.easy_read_introduction = text["introduction"]
    page.easy_read_body = text["body"]
    page.save_revision().publish()
    demo.created += 1
    demo.log(f"  + easy-read version: {page.title}")


def _find(label, slug):
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    return model.objects.filter(slug=slug).order_by("path").first()


@hooks.register("register_demo_content", order=90)
def seed_easy_read(demo):
    _add(demo, _find("core.ContentPage", "over-het-programma"), ABOUT)
    _add(demo, _find("stories.StoryPage", "een-kop-koffie-werd-een-taalcafe"), STORY)
    _add(demo, _find("expeditions.LessonPage", "knip-de-klus-in-stukjes"), LESSON)
    try:
        agendas = apps.get_model("networks.InclusionAgendaPage")
    except LookupError:
        return
    agenda = agendas.objects.select_related("municipality").order_by("path").first()
    if agenda is not None:
        name = agenda.municipality.name if agenda.municipality_id else agenda.title
        _add(demo, agenda, agenda_text(name))
