"""Demo content: #100 verhalen, the stories campaign of the Nationaal Jaar Vrijwillige Inzet (2021)."""

from stories.models import StoryIndexPage, StoryPage, StoryRelatedPage

STORIES = [
    {
        "slug": "een-kop-koffie-werd-een-taalcafe",
        "title": "Een kop koffie werd een taalcafé",
        "person_name": "Fatima el Amrani",
        "organisation": "initiatiefnemer van het Taalcafé Overvecht",
        "place": "Utrecht",
        "pull_quote": "Ik wilde dat mijn buurvrouwen elkaar konden verstaan. Nu komen er elke week dertig mensen.",
        "themes": ("Inclusie", "Samenwerking"),
        "audiences": ("Lokale initiatieven", "Vrijwilligers"),
        "paragraphs": [
            "Het begon aan de keukentafel, met twee buurvrouwen die wel samen wilden praten maar elkaars taal "
            "niet spraken. Fatima zette koffie en haalde er een derde buurvrouw bij die Nederlands en Arabisch sprak.",
            "Een jaar later huurt het taalcafé elke dinsdag een zaaltje in het wijkcentrum. De gemeente betaalt de "
            "huur, een welzijnsorganisatie helpt met vrijwilligers die oefenen met lezen en schrijven.",
        ],
    },
    {
        "slug": "van-deelnemer-naar-trainer",
        "title": "Van deelnemer naar trainer",
        "person_name": "Joris Verbeek",
        "organisation": "ervaringsdeskundige bij een herstelwerkplaats",
        "place": "Deventer",
        "pull_quote": "Omdat ik zelf heb vastgezeten, weet ik welke vraag je beter niet kunt stellen.",
        "themes": ("Ervaringsdeskundigheid", "Inclusie"),
        "audiences": ("Professionals", "Vrijwilligersorganisaties"),
        "paragraphs": [
            "Joris kwam bij de herstelwerkplaats binnen als deelnemer. Drie jaar later geeft hij er trainingen "
            "aan nieuwe vrijwilligers over hoe je iemand welkom heet die het moeilijk heeft.",
            "Zijn tip aan organisaties: betaal ervaringsdeskundigen voor hun inbreng, en vraag ze mee te denken "
            "voordat het plan af is.",
        ],
    },
    {
        "slug": "studenten-in-het-buurthuis",
        "title": "Studenten die het buurthuis openhouden",
        "person_name": "Studentenvereniging Samen Sterk",
        "organisation": "studenten van de hogeschool",
        "place": "Groningen",
        "pull_quote": "We dachten dat we kwamen helpen. We kwamen erachter dat we vooral veel leerden.",
        "themes": ("Jongeren", "Werving"),
        "audiences": ("Vrijwilligersorganisaties", "Vrijwilligers"),
        "paragraphs": [
            "Toen het buurthuis op woensdagavond dreigde te sluiten, sprong een groep studenten in. Ze draaien "
            "nu om de beurt de bar en organiseren een spelletjesavond.",
            "Het geheim volgens de coördinator: korte, duidelijke klussen en een groepsapp waarin iedereen zijn "
            "dienst ruilt.",
        ],
    },
    {
        "slug": "de-dorpsbus-rijdt-weer",
        "title": "De dorpsbus rijdt weer",
        "person_name": "Hennie Schuurman",
        "organisation": "chauffeur en coördinator van de dorpsbus",
        "place": "Ruinerwold",
        "pull_quote": "Voor veel ouderen is de bus het enige uitje van de week.",
        "themes": ("Samenwerking", "Zichtbaarheid"),
        "audiences": ("Lokale initiatieven", "Gemeenten"),
        "paragraphs": [
            "Toen de lijnbus verdween, kochten dorpsbewoners samen een busje. Twintig vrijwillige chauffeurs "
            "rijden ouderen naar de huisarts, de markt en de kapper.",
            "De gemeente denkt mee over de verzekering en het onderhoud. Het dorp zorgt voor de chauffeurs.",
        ],
    },
    {
        "slug": "medewerkers-als-vrijwilliger",
        "title": "Een dag per jaar wordt een vaste klus",
        "person_name": "Ilse de Groot",
        "organisation": "HR-adviseur bij een installatiebedrijf",
        "place": "Zwolle",
        "pull_quote": "Onze monteurs repareren nu de fietsen van de kledingbank. Dat begon met één vrijwilligersdag.",
        "themes": ("Werving", "Samenwerking"),
        "audiences": ("Vrijwilligersorganisaties", "Professionals"),
        "paragraphs": [
            "Ilse organiseerde een vrijwilligersdag voor haar collega's. Een paar monteurs bleven daarna komen.",
            "Medewerkersvrijwilligerswerk werkt volgens haar het best als de organisatie een concrete klus "
            "aanbiedt die past bij wat mensen kunnen.",
        ],
    },
    {
        "slug": "meedoen-met-een-rolstoel",
        "title": "Meedoen met een rolstoel",
        "person_name": "Noor Bakker",
        "organisation": "vrijwilliger bij de natuurwerkgroep",
        "place": "Arnhem",
        "pull_quote": "Ik vroeg niet om een aangepaste taak. Ik vroeg om een pad waar ik over kan rijden.",
        "themes": ("Inclusie",),
        "audiences": ("Vrijwilligersorganisaties", "Vrijwilligers"),
        "paragraphs": [
            "Noor wilde graag meehelpen met het onderhoud van het natuurgebied, maar de werkplekken waren "
            "onbereikbaar. De werkgroep legde een verhard pad aan en verplaatste het gereedschap.",
            "Nu doen er drie vrijwilligers met een beperking mee, en de werkgroep werft er actief meer.",
        ],
    },
    {
        "slug": "jongeren-maken-de-campagne",
        "title": "Jongeren maken de campagne zelf",
        "person_name": "Daan Hoekstra",
        "organisation": "jongerenwerker",
        "place": "Leeuwarden",
        "pull_quote": "Een filmpje van een leeftijdgenoot zegt jongeren meer dan welke poster ook.",
        "themes": ("Jongeren", "Zichtbaarheid"),
        "audiences": ("Professionals", "Lokale initiatieven"),
        "paragraphs": [
            "Tijdens het Nationaal Jaar Vrijwillige Inzet maakten jongeren hun eigen filmpjes met de campagne "
            "Mensen maken Nederland. Ze deelden ze op hun eigen kanalen.",
            "Het resultaat: veertig aanmeldingen voor de zomerklussen, waarvan de helft nooit eerder "
            "vrijwilligerswerk deed.",
        ],
    },
    {
        "slug": "een-wethouder-die-meedraait",
        "title": "Een wethouder die een middag meedraait",
        "person_name": "Gemeente Oosterhout",
        "organisation": "team maatschappelijke ontwikkeling",
        "place": "Oosterhout",
        "pull_quote": "Wie een middag heeft meegedraaid, leest een subsidieaanvraag anders.",
        "themes": ("Samenwerking", "Zichtbaarheid"),
        "audiences": ("Gemeenten",),
        "paragraphs": [
            "De gemeente nodigt raadsleden en wethouders uit om een middag mee te draaien bij een lokaal "
            "initiatief. Inmiddels deden er vijftien mee.",
            "Het leverde volgens de beleidsmedewerker vooral eenvoudiger regels op: minder formulieren, meer "
            "gesprekken.",
        ],
    },
]


def story_body(paragraphs):
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


def seed_stories(demo):
    index = demo.ensure_page(
        demo.home,
        StoryIndexPage,
        slug="verhalen",
        title="#100 verhalen",
        introduction="<p>Honderd verhalen over vrijwillige inzet: van mensen die voor het eerst meedoen, van "
        "ervaringsdeskundigen en van organisaties die nieuwe gezichten verwelkomden. Een campagne uit het "
        "Nationaal Jaar Vrijwillige Inzet.</p>",
        listing_summary="Verhalen van vrijwilligers, initiatiefnemers en organisaties.",
        show_in_menus=True,
    )
    tip_collection = demo.home.get_descendants().filter(slug="tips-van-lokale-initiatieven-voor-gemeenten").first()
    for spec in STORIES:
        portrait = demo.image(f"Portret: {spec['person_name']}")  # also turns an older placeholder into a portrait
        existing = index.get_children().filter(slug=spec["slug"]).exists()
        if existing:
            continue
        story = demo.ensure_page(
            index,
            StoryPage,
            slug=spec["slug"],
            title=spec["title"],
            person_name=spec["person_name"],
            organisation=spec["organisation"],
            place=spec["place"],
            pull_quote=spec["pull_quote"],
            portrait=portrait,
            portrait_alt_text=f"Getekend portret van {spec['person_name']}",
            listing_summary=spec["pull_quote"],
            body=story_body(spec["paragraphs"]),
            publish=False,
        )
        story.themes.set(demo.themes(*spec["themes"]))
        story.audiences.set(demo.audiences(*spec["audiences"]))
        if tip_collection is not None and "Samenwerking" in spec["themes"]:
            story.related_links = [StoryRelatedPage(page=tip_collection)]
        story.save_revision().publish()
    if index.featured_story_id is None:
        featured = StoryPage.objects.child_of(index).filter(slug="een-kop-koffie-werd-een-taalcafe").first()
        if featured is not None:
            index.featured_story = featured
            index.save_revision().publish()
            demo.created += 1
    return index
