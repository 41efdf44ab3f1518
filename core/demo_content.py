"""Demo content of the shared base: home page, vocabularies, about/privacy/accessibility pages."""

from wagtail.models import Page, Site

from core.models import Audience, ContentPage, HomePage, SiteSettings, Theme

THEMES = {
    "Werving": "Nieuwe en andere vrijwilligers vinden en welkom heten.",
    "Inclusie": "Iedereen kan meedoen, met of zonder beperking.",
    "Jongeren": "Jongeren en studenten betrekken bij vrijwillige inzet.",
    "Ervaringsdeskundigheid": "De kennis van mensen die het zelf meemaken benutten.",
    "Samenwerking": "Gemeenten, organisaties en initiatieven die elkaar versterken.",
    "Zichtbaarheid": "Laten zien wat vrijwillige inzet oplevert.",
}
AUDIENCES = {
    "Gemeenten": "Beleidsmedewerkers, wethouders en ambtenaren.",
    "Vrijwilligersorganisaties": "Clubs, verenigingen en instellingen die met vrijwilligers werken.",
    "Lokale initiatieven": "Bewoners die samen iets opzetten in hun buurt of dorp.",
    "Professionals": "Vrijwilligerscoördinatoren, ondersteuners en adviseurs.",
    "Vrijwilligers": "Iedereen die zich inzet of dat wil gaan doen.",
}

HOME_INTRO = (
    "<p>Jaarlijks zetten ongeveer 6,7 miljoen mensen in Nederland zich vrijwillig in voor een ander. "
    "Op dit platform delen vrijwilligersorganisaties, gemeenten en ervaringsdeskundigen wat werkt: "
    "lessen uit de Expedities Nieuwe Gezichten, sessies van de Kennisboostweken, praktische tips en "
    "verhalen van vrijwilligers.</p>"
)

ABOUT_BODY = [
    ("heading", {"text": "Meer mensen, meer verschillende mensen", "level": "h2"}),
    (
        "paragraph",
        "<p>Mensen maken Nederland is een programma van Vereniging NOV, met steun van het ministerie van VWS. "
        "Het doel is eenvoudig te zeggen en lastig te doen: dat substantieel meer mensen, met een grotere "
        "diversiteit, actief zijn in de samenleving. 2021 was het Nationaal Jaar Vrijwillige Inzet.</p>",
    ),
    ("heading", {"text": "Drie jaar, drie stappen", "level": "h2"}),
    (
        "paragraph",
        "<ul><li><b>2020: de sector zet de sector in beweging.</b> De eerste expedities starten en het "
        "campagnemateriaal komt beschikbaar.</li><li><b>2021: mensen vragen mensen.</b> Een campagnejaar vol "
        "activiteiten, dialoog en werving.</li><li><b>2022: samen verder.</b> Wat werkt, wordt blijvend "
        "onderdeel van hoe organisaties mensen aanspreken.</li></ul>",
    ),
    (
        "quote",
        {
            "quote": "De campagne gaf ons houvast, en we hebben er onze eigen draai aan gegeven.",
            "attribution": "Een kleine vrijwilligersorganisatie over de campagne",
        },
    ),
    ("heading", {"text": "Vier manieren om het doel te halen", "level": "h2"}),
    (
        "paragraph",
        "<ol><li>De campagne Mensen maken Nederland, die elke organisatie op maat kan maken.</li>"
        "<li>De Expedities Nieuwe Gezichten en de Kennisboostweken.</li>"
        "<li>Nieuwe bronnen van vrijwilligers: medewerkers van bedrijven, studenten en scholieren.</li>"
        "<li>Leren wat werkt, met onderzoek van de Erasmus Universiteit Rotterdam.</li></ol>",
    ),
    (
        "accordion",
        {
            "title": "Veelgestelde vragen",
            "items": [
                {
                    "question": "Kost deelname aan het programma geld?",
                    "answer": "<p>Nee. De campagne en de kennissessies zijn gratis voor organisaties en gemeenten.</p>",
                },
                {
                    "question": "Moet mijn gemeente zich aanmelden voor een netwerk?",
                    "answer": "<p>Nee. Netwerken zoals Iedereen doet mee! zijn informeel en open; je meldt je "
                    "alleen aan voor activiteiten.</p>",
                },
            ],
        },
    ),
]

PRIVACY_BODY = [
    ("heading", {"text": "Welke gegevens we vragen", "level": "h2"}),
    (
        "paragraph",
        "<p>Als je je aanmeldt voor een sessie vragen we je naam, e-mailadres en organisatie, en wat je nodig "
        "hebt om mee te doen. We gebruiken die gegevens alleen om de sessie te organiseren en je de link te "
        "sturen.</p>",
    ),
    ("heading", {"text": "Hoe lang we ze bewaren", "level": "h2"}),
    (
        "paragraph",
        "<p>Aanmeldingen maken we anoniem zodra een sessie 90 dagen voorbij is. De knop Waarderen slaat geen "
        "persoonsgegevens op en we plaatsen geen volgcookies.</p>",
    ),
    ("heading", {"text": "Je rechten", "level": "h2"}),
    (
        "paragraph",
        "<p>Je mag je gegevens inzien, laten verbeteren of laten verwijderen. Elke e-mail van ons bevat een "
        "link waarmee je je zonder inloggen afmeldt.</p>",
    ),
]

ACCESSIBILITY_BODY = [
    (
        "paragraph",
        "<p>We willen dat iedereen dit platform kan gebruiken, ook met een beperking. We bouwen volgens de "
        "richtlijnen WCAG 2.1 op niveau AA en testen elke paginasoort automatisch en met het toetsenbord.</p>",
    ),
    ("heading", {"text": "Wat we doen", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>Alle functies werken met alleen een toetsenbord.</li><li>Afbeeldingen hebben een "
        "tekstalternatief.</li><li>Tekst heeft voldoende contrast en is te vergroten.</li><li>We laden geen "
        "scripts of lettertypen van andere partijen.</li></ul>",
    ),
    ("heading", {"text": "Loop je ergens tegenaan?", "level": "h2"}),
    (
        "paragraph",
        "<p>Laat het ons weten via het contactadres onderaan de pagina. We reageren binnen vijf werkdagen.</p>",
    ),
]


def seed_core(demo):
    demo.ensure_terms(Theme, THEMES)
    for name, description in {**THEMES}.items():
        Theme.objects.filter(name=name, description="").update(description=description)
    demo.ensure_terms(Audience, AUDIENCES)
    for name, description in AUDIENCES.items():
        Audience.objects.filter(name=name, description="").update(description=description)

    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Kennisplatform Vrijwillige Inzet",
            slug="kennisplatform",
            hero_title="Samen meer mensen laten meedoen",
            hero_text="Kennis, tips en verhalen over vrijwillige inzet, voor organisaties, gemeenten en iedereen "
            "die wil dat iedereen mee kan doen.",
            introduction=HOME_INTRO,
            hero_image=demo.image("Vrijwilligers aan de slag"),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        demo.created += 1
        demo.log("  + home page")
        site = Site.objects.filter(is_default_site=True).first() or Site(hostname="localhost", port=80)
        old_root = site.root_page if site.pk else None
        site.root_page = home
        site.site_name = "Kennisplatform"
        site.is_default_site = True
        site.save()
        # Wagtail's initial "Welcome to your new Wagtail site!" page is replaced by our home page.
        if old_root is not None and old_root.pk != home.pk and old_root.get_children_count() == 0:
            old_root.delete()
    demo.home = home
    # Demos seeded before the illustrations: their pictures (kept by title) get the drawn ones.
    demo.image("Vrijwilligers aan de slag")
    demo.image("Mensen maken Nederland")

    about = demo.ensure_page(
        home,
        ContentPage,
        slug="over-het-programma",
        title="Over Mensen maken Nederland",
        introduction="<p>Waarom dit platform bestaat en wie erachter zitten.</p>",
        listing_summary="Het programma dat meer en andere mensen laat meedoen in vrijwillige inzet.",
        body=ABOUT_BODY,
        show_in_menus=True,
    )
    if about.listing_image_id is None:
        about.listing_image = demo.image("Mensen maken Nederland")
        about.save_revision().publish()
    privacy = demo.ensure_page(
        home,
        ContentPage,
        slug="privacyverklaring",
        title="Privacyverklaring",
        introduction="<p>Wat we met je gegevens doen, en wat niet.</p>",
        body=PRIVACY_BODY,
    )
    accessibility = demo.ensure_page(
        home,
        ContentPage,
        slug="toegankelijkheidsverklaring",
        title="Toegankelijkheidsverklaring",
        introduction="<p>Hoe we dit platform voor iedereen bruikbaar maken.</p>",
        body=ACCESSIBILITY_BODY,
    )

    site = Site.objects.get(root_page=home)
    settings = SiteSettings.for_site(site)
    if settings.privacy_page_id is None:
        settings.organisation_name = "Kennisplatform Vrijwillige Inzet"
        settings.contact_email = "info@kennisplatform.localhost"
        settings.contact_phone = "030 123 45 67"
        settings.address = "Postbus 1234\n3500 AA Utrecht"
        settings.privacy_page = privacy
        settings.accessibility_page = accessibility
        settings.save()
        demo.created += 1
    return home
