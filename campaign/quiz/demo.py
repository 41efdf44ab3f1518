"""Demo content: the test *Ontdek je vrijwilligerskracht!* and the *stappen- en keuzeplan* for municipalities, as the
campaign Mensen maken Nederland offered them in the Nationaal Jaar Vrijwillige Inzet 2021."""

from campaign.demo import campaign_index
from campaign.quiz.models import PlanPage, PlanStep, StrengthProfile, StrengthTestPage

PROFILES = [
    {
        "key": "verbinder",
        "title": "De verbinder",
        "explanation": (
            "<p>Jij brengt mensen bij elkaar. Je kent iedereen in de straat, je stelt mensen aan elkaar voor en je "
            "merkt wie er nog ontbreekt. Organisaties zoeken jou voor een buurtfeest, een taalcafé of als gastvrouw "
            "of gastheer die nieuwe vrijwilligers welkom heet.</p>"
        ),
        "image": "Vrijwilligers in de buurt",
        "themes": ("Samenwerking", "Inclusie"),
    },
    {
        "key": "doener",
        "title": "De doener",
        "explanation": (
            "<p>Jij steekt je handen uit de mouwen. Een klus die af moet, geeft je energie: de bar van de sportclub, "
            "de moestuin, de dorpsbus of een eenmalige actie in een campagneweek. Kort en concreet werkt voor jou het "
            "best.</p>"
        ),
        "image": "Handen uit de mouwen",
        "themes": ("Werving", "Jongeren"),
    },
    {
        "key": "denker",
        "title": "De denker",
        "explanation": (
            "<p>Jij denkt graag mee. Je ziet hoe iets slimmer kan, je schrijft een plan of je houdt de cijfers bij. "
            "Een bestuur, een werkgroep of de organisatie van een campagne kan jouw overzicht goed gebruiken.</p>"
        ),
        "image": "Een plan maken",
        "themes": ("Zichtbaarheid", "Samenwerking"),
    },
    {
        "key": "zorgzame",
        "title": "De zorgzame",
        "explanation": (
            "<p>Jij bent er voor een ander. Een luisterend oor, een wandeling met een buurvrouw of een gesprek over "
            "wat het leven zinvol maakt: jij geeft aandacht. Zorginstellingen, maatjesprojecten en burenhulp zoeken "
            "mensen zoals jij.</p>"
        ),
        "image": "Een goed gesprek",
        "themes": ("Ervaringsdeskundigheid", "Inclusie"),
    },
]

# (question, help text, [(answer, profiles, points)])
QUESTIONS = [
    (
        "Wat doe je het liefst op een vrije zaterdag?",
        "",
        [
            ("Een buurtbarbecue organiseren waar iedereen welkom is", "verbinder", 2),
            ("Met anderen de speeltuin opknappen", "doener", 2),
            ("Een plan bedenken om de buurt groener te maken", "denker", 2),
            ("Langsgaan bij een buurman die weinig bezoek krijgt", "zorgzame", 2),
        ],
    ),
    (
        "Een vereniging zoekt vrijwilligers. Wat trekt je het meest?",
        "",
        [
            ("Nieuwe leden welkom heten en wegwijs maken", "verbinder", 2),
            ("Een vaste klus, zoals de bardienst of het onderhoud", "doener", 2),
            ("Meedenken in het bestuur of een werkgroep", "denker", 2),
            ("Er zijn voor leden die het even moeilijk hebben", "zorgzame", 2),
        ],
    ),
    (
        "Hoe zien je vrienden jou?",
        "Kies wat het meest op je lijkt.",
        [
            ("Als degene die iedereen kent", "verbinder", 1),
            ("Als degene die het gewoon regelt", "doener", 1),
            ("Als degene met de slimme ideeën", "denker", 1),
            ("Als degene bij wie je je verhaal kwijt kunt", "zorgzame", 1),
        ],
    ),
    (
        "Hoeveel tijd wil je geven?",
        "Elk jaar zetten 6,7 miljoen mensen in Nederland zich vrijwillig in: van een uur per jaar tot elke week.",
        [
            ("Af en toe, bij een actie of evenement", "doener, verbinder", 1),
            ("Elke week een paar uur, vast en vertrouwd", "zorgzame", 1),
            ("Wanneer het mij uitkomt, ook vanuit huis", "denker", 1),
        ],
    ),
    (
        "Wat geeft jou na afloop het beste gevoel?",
        "",
        [
            ("Dat mensen elkaar hebben leren kennen", "verbinder", 2),
            ("Dat het klaar is en er mooi uitziet", "doener", 2),
            ("Dat iets nu beter werkt dan eerst", "denker", 2),
            ("Dat iemand zich gezien voelde", "zorgzame", 2),
        ],
    ),
    (
        "Tijdens een campagneweek mag je één ding doen. Wat kies je?",
        "De campagne Mensen maken Nederland had vier landelijke campagneweken om bij aan te haken.",
        [
            ("Bekenden uitnodigen om een keer mee te doen", "verbinder", 2),
            ("Een middag meehelpen bij een actie in de wijk", "doener", 2),
            ("Met de plaatjesmaker een poster voor de club maken", "denker", 1),
            ("Een eenzame buurtgenoot meenemen naar de activiteit", "zorgzame, verbinder", 1),
        ],
    ),
    (
        "Waar ben je goed in?",
        "",
        [
            ("Contact leggen en mensen enthousiast maken", "verbinder", 2),
            ("Praktisch werk met mijn handen", "doener", 2),
            ("Organiseren, schrijven of rekenen", "denker", 2),
            ("Luisteren en geduld hebben", "zorgzame", 2),
        ],
    ),
    (
        "Wat wil je zelf leren of krijgen uit vrijwilligerswerk?",
        "",
        [
            ("Nieuwe mensen leren kennen", "verbinder", 1),
            ("Iets tastbaars neerzetten", "doener", 1),
            ("Ervaring die ik ook in mijn werk kan gebruiken", "denker", 1),
            ("Het gevoel dat ik echt iets beteken voor iemand", "zorgzame", 1),
        ],
    ),
]

PLAN_CHOICES = [
    {
        "key": "tijd",
        "question": "Hoeveel tijd heeft uw gemeente voor de campagne?",
        "help_text": "",
        "multiple": False,
        "options": [
            {"key": "weinig-tijd", "label": "Een paar uur per maand"},
            {"key": "gemiddeld-tijd", "label": "Een dag per maand"},
            {"key": "veel-tijd", "label": "Een vaste medewerker voor de campagne"},
        ],
    },
    {
        "key": "budget",
        "question": "Welk budget is er?",
        "help_text": "De campagnematerialen zijn gratis; drukwerk en radiospots kosten geld.",
        "multiple": False,
        "options": [
            {"key": "geen-budget", "label": "Geen budget"},
            {"key": "klein-budget", "label": "Tot 2.500 euro"},
            {"key": "groot-budget", "label": "Meer dan 2.500 euro"},
        ],
    },
    {
        "key": "partners",
        "question": "Met welke partners werkt u samen?",
        "help_text": "Kies alles wat van toepassing is.",
        "multiple": True,
        "options": [
            {"key": "vrijwilligerscentrale", "label": "Vrijwilligerscentrale of steunpunt"},
            {"key": "welzijn", "label": "Welzijnsorganisatie"},
            {"key": "bibliotheek", "label": "Bibliotheek"},
            {"key": "sportclubs", "label": "Sportclubs en verenigingen"},
        ],
    },
    {
        "key": "doelgroepen",
        "question": "Welke inwoners wilt u vooral bereiken?",
        "help_text": "Kies alles wat van toepassing is.",
        "multiple": True,
        "options": [
            {"key": "jongeren", "label": "Jongeren en studenten"},
            {"key": "nieuwkomers", "label": "Nieuwkomers"},
            {"key": "beperking", "label": "Inwoners met een beperking"},
            {"key": "ouderen", "label": "Ouderen"},
        ],
    },
    {
        "key": "weken",
        "question": "Bij welke landelijke campagneweken wilt u aanhaken?",
        "help_text": "Kies alles wat van toepassing is.",
        "multiple": True,
        "options": [
            {"key": "week-voorjaar", "label": "De campagneweek in het voorjaar"},
            {"key": "week-zomer", "label": "De campagneweek in de zomer"},
            {"key": "week-najaar", "label": "De campagneweek in het najaar"},
            {"key": "week-december", "label": "De campagneweek rond de Dag van de Vrijwilliger (7 december)"},
        ],
    },
]

# (title, text, rule, options, themes)
PLAN_STEPS = [
    (
        "Maak de campagne van uw gemeente",
        "<p>Zet uw gemeentenaam en logo op de gratis campagnematerialen met de plaatjesmaker. Zo heeft u binnen een "
        "uur posters en beelden voor sociale media.</p>",
        "always",
        "",
        ("Zichtbaarheid",),
    ),
    (
        "Kies één campagneweek en houd het klein",
        "<p>Met weinig tijd werkt één moment het best. Sluit aan bij een landelijke campagneweek en deel de "
        "materialen via de kanalen die u al heeft.</p>",
        "any",
        "weinig-tijd, geen-budget",
        ("Zichtbaarheid",),
    ),
    (
        "Maak samen met de vrijwilligerscentrale een actieplan",
        "<p>De vrijwilligerscentrale kent de organisaties in uw gemeente. Spreek af wie welke campagneweek "
        "oppakt en wie de organisaties helpt met nieuwe manieren van werven.</p>",
        "any",
        "vrijwilligerscentrale, welzijn",
        ("Samenwerking", "Werving"),
    ),
    (
        "Bereik jongeren waar ze al zijn",
        "<p>Werk samen met scholen, sportclubs en studentenverenigingen. Bied korte, concrete klussen aan en laat "
        "jongeren zelf de campagne vertellen.</p>",
        "any",
        "jongeren",
        ("Jongeren", "Werving"),
    ),
    (
        "Maak meedoen toegankelijk",
        "<p>Nodig ervaringsdeskundige inwoners uit om mee te denken. Gebruik eenvoudige taal en beelden waarin "
        "iedereen zich herkent, en vraag organisaties wat zij nodig hebben om nieuwkomers en mensen met een "
        "beperking welkom te heten.</p>",
        "any",
        "nieuwkomers, beperking",
        ("Inclusie", "Ervaringsdeskundigheid"),
    ),
    (
        "Laat de campagne horen op de lokale radio",
        "<p>Met budget kunt u een radiospot op maat laten maken met de naam van uw gemeente en die uitzenden op "
        "de lokale omroep.</p>",
        "any",
        "klein-budget, groot-budget",
        ("Zichtbaarheid",),
    ),
    (
        "Zet een campagneteam op voor het hele jaar",
        "<p>Met een vaste medewerker kunt u bij alle vier de campagneweken aanhaken. Plan per week een lokale "
        "actie en meld die aan, zodat inwoners haar vinden.</p>",
        "all",
        "veel-tijd, groot-budget",
        ("Samenwerking",),
    ),
    (
        "Bedank uw vrijwilligers op 7 december",
        "<p>Sluit het jaar af op de Dag van de Vrijwilliger: zet vrijwilligers in het zonnetje met een "
        "verhaal, een bedankkaart of een bijeenkomst.</p>",
        "any",
        "week-december",
        ("Zichtbaarheid",),
    ),
]


def seed(demo):
    index = campaign_index(demo)
    seed_test(demo, index)
    seed_plan(demo, index)


def seed_test(demo, index):
    if StrengthTestPage.objects.child_of(index).exists():
        return
    page = StrengthTestPage(
        title="Ontdek je vrijwilligerskracht!",
        slug="ontdek-je-vrijwilligerskracht",
        introduction=(
            "<p>Welke vrijwilliger ben jij? Beantwoord acht korte vragen en ontdek je kracht, met tips en verhalen "
            "die bij je passen. Het duurt ongeveer twee minuten.</p>"
        ),
        listing_summary="Acht vragen, vier profielen: ontdek welke vrijwilliger jij bent.",
        result_text="Bekijk hieronder tips, lessen en verhalen die bij jouw kracht passen.",
        questions=[
            (
                "question",
                {
                    "question": question,
                    "help_text": help_text,
                    "answers": [
                        {"answer": answer, "profiles": profiles, "points": points}
                        for answer, profiles, points in answers
                    ],
                },
            )
            for question, help_text, answers in QUESTIONS
        ],
    )
    for number, data in enumerate(PROFILES):
        profile = StrengthProfile(
            key=data["key"],
            title=data["title"],
            explanation=data["explanation"],
            image=demo.image(data["image"]),
            sort_order=number,
        )
        profile.themes = demo.themes(*data["themes"])
        page.profiles.add(profile)
    index.add_child(instance=page)
    page.save_revision().publish()
    demo.created += 1
    demo.log(f"  + strength test: {page.title}")


def seed_plan(demo, index):
    if PlanPage.objects.child_of(index).exists():
        return
    page = PlanPage(
        title="Stappen- en keuzeplan voor gemeenten",
        slug="stappen-en-keuzeplan",
        introduction=(
            "<p>Geen tijd voor een voorlichtingssessie? Beantwoord vijf vragen en krijg een plan op maat: welke "
            "stappen uw gemeente zet, met de materialen, tips en sessies die daarbij passen. U kunt het plan ook "
            "als PDF bewaren.</p>"
        ),
        listing_summary="Vijf keuzes, een plan op maat voor uw gemeente, ook als PDF.",
        choices=[("choice", choice) for choice in PLAN_CHOICES],
    )
    materials = plan_materials(index)
    for number, (title, text, rule, options, themes) in enumerate(PLAN_STEPS):
        step = PlanStep(title=title, text=text, rule=rule, options=options, sort_order=number)
        step.material_page, step.material_document = materials.get(title, (None, None))
        step.themes = demo.themes(*themes)
        page.steps.add(step)
    index.add_child(instance=page)
    page.save_revision().publish()
    demo.created += 1
    demo.log(f"  + plan: {page.title}")


def plan_materials(index):
    """``{step title: (page, document)}``: what the demo plan's steps link to, from the campaign seeded before it
    (the poster maker, the materials library, the radio spot, the campaign calendar). Missing pieces stay empty."""
    from campaign.models import CampaignMaterial, MaterialsPage
    from campaign.posters.models import PosterMakerPage

    poster_maker = PosterMakerPage.objects.live().descendant_of(index).first()
    library = MaterialsPage.objects.live().descendant_of(index).first()
    radio = CampaignMaterial.objects.filter(title="Radiospot Mensen vragen mensen").select_related("document").first()
    return {
        "Maak de campagne van uw gemeente": (poster_maker, None),
        "Kies één campagneweek en houd het klein": (library, None),
        "Laat de campagne horen op de lokale radio": (library, radio.document if radio else None),
        "Zet een campagneteam op voor het hele jaar": (index, None),
        "Bedank uw vrijwilligers op 7 december": (library, None),
    }
