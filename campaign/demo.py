"""Demo content of the campaign section: Mensen maken Nederland (Vereniging NOV, Nationaal Jaar Vrijwillige
Inzet 2021). The campaign index, the four national campaign weeks, local actions across the provinces (approved
and waiting) and the materials library with small files made here: a PNG poster, an SVG logo, a WAV radio spot.

Runtime requirements only (Pillow, the standard library); idempotent: a second run finds everything by slug or
title and changes nothing. The weeks are dated around the day of the first run (two behind, two ahead), so the
demo always has weeks that take registrations.
"""

import datetime
import io
import math
import struct
import wave

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from campaign import permissions
from campaign.models import CampaignIndexPage, CampaignMaterial, CampaignWeekPage, LocalAction, MaterialsPage
from core.models import CustomDocument

INDEX_SLUG = "campagne"

# (slug, title, theme, days from the first run to the Monday it starts, themes, introduction)
WEEKS = [
    (
        "mensen-vragen-mensen",
        "Campagneweek Mensen vragen mensen",
        "Vraag iemand persoonlijk om mee te doen",
        -140,
        ("Werving",),
        "De meeste mensen worden vrijwilliger omdat iemand het ze vraagt. In deze week vragen organisaties, "
        "verenigingen en buren elkaar persoonlijk: kom je een keer helpen?",
    ),
    (
        "nieuwe-gezichten",
        "Campagneweek Nieuwe gezichten",
        "Iedereen kan iets betekenen",
        -49,
        ("Inclusie", "Werving"),
        "Organisaties laten zien dat iedereen welkom is: mensen met een beperking, nieuwe Nederlanders, mensen "
        "die nog nooit vrijwilligerswerk deden. Open dagen, meeloopdagen en kennismakingen door het hele land.",
    ),
    (
        "jong-en-samen",
        "Campagneweek Jong en samen",
        "Studenten, scholieren en collega's doen mee",
        35,
        ("Jongeren", "Samenwerking"),
        "Nieuwe bronnen van vrijwillige inzet: scholieren met een maatschappelijke stage, studenten en "
        "medewerkers van bedrijven die een dag of een seizoen meedoen. Scholen, hogescholen en werkgevers "
        "zoeken samen met organisaties naar klussen die passen.",
    ),
    (
        "mensen-maken-nederland",
        "Campagneweek Mensen maken Nederland",
        "Waardering voor alle vrijwillige inzet",
        98,
        ("Zichtbaarheid",),
        "Van burenhulp tot de sportclub en de zorginstelling: ongeveer 6,7 miljoen mensen zetten zich elk jaar "
        "vrijwillig in. In deze week bedanken gemeenten en organisaties hen, en laten ze zien wat die inzet "
        "oplevert.",
    ),
]

# (week slug, title, organisation, place, province, day in the week, status, description, link)
ACTIONS = [
    ("mensen-vragen-mensen", "Koffie met een vraag", "Vrijwilligerscentrale Zwolle", "Zwolle", "overijssel", 1,
     "approved", "Vrijwilligers nemen iemand uit hun eigen kring mee naar de koffieochtend en vragen of die een "
     "keer wil meehelpen.", "https://www.example.org/koffie-met-een-vraag"),
    ("mensen-vragen-mensen", "Belrondje langs oud-vrijwilligers", "Sportvereniging De Zwaluwen", "Assen",
     "drenthe", 3, "approved", "Het bestuur belt oud-leden en oud-vrijwilligers op om te vragen hoe het gaat en "
     "of ze weer eens langs willen komen.", ""),
    ("nieuwe-gezichten", "Meeloopdag in de zorg", "Zorgcentrum De Linde", "Tilburg", "noord-brabant", 2,
     "approved", "Nieuwe Nederlanders lopen een dag mee met vrijwilligers in het zorgcentrum, met een tolk en een "
     "vaste buddy.", "https://www.example.org/meeloopdag"),
    ("nieuwe-gezichten", "Open dag met gebarentolk", "Dorpshuis Oudega", "Oudega", "friesland", 4, "approved",
     "Het dorpshuis zet de deuren open en laat zien welk werk er is. Een gebarentolk is de hele dag aanwezig.",
     ""),
    ("jong-en-samen", "Klussendag voor studenten", "Gemeente Groningen", "Groningen", "groningen", 2,
     "approved", "Studenten kiezen op één middag een klus bij een van twintig organisaties in de stad. Na afloop "
     "eten we samen.", "https://www.example.org/klussendag"),
    ("jong-en-samen", "Collega's in het buurthuis", "Buurthuis De Kolk", "Utrecht", "utrecht", 3, "approved",
     "Medewerkers van drie bedrijven in de wijk draaien een dag mee in het buurthuis: koken, klussen en "
     "huiswerkbegeleiding.", ""),
    ("jong-en-samen", "Maatschappelijke stage op de markt", "Scholengemeenschap Het Baken", "Almere",
     "flevoland", 4, "pending", "Leerlingen presenteren hun stageplekken op de weekmarkt en werven klasgenoten.",
     ""),
    ("mensen-maken-nederland", "Bedankontbijt voor vrijwilligers", "Gemeente Maastricht", "Maastricht",
     "limburg", 1, "approved", "De burgemeester schenkt koffie bij een ontbijt voor tweehonderd vrijwilligers uit "
     "alle wijken.", "https://www.example.org/bedankontbijt"),
    ("mensen-maken-nederland", "Fototentoonstelling Mensen maken Middelburg", "Stichting Zeeuwse Inzet",
     "Middelburg", "zeeland", 2, "approved", "Portretten van vijftig vrijwilligers in de etalages van de "
     "binnenstad, met hun verhaal erbij.", ""),
    ("mensen-maken-nederland", "Vrijwilligersprijs Arnhem", "Gemeente Arnhem", "Arnhem", "gelderland", 5,
     "pending", "Uitreiking van de vrijwilligersprijs in drie categorieën, met muziek van de harmonie.", ""),
]  # fmt: skip

SOCIAL_TEXTS = [
    (
        "Oproep: word vrijwilliger in {gemeente}",
        "In {gemeente} zetten duizenden mensen zich in voor een ander. Wil jij ook iets betekenen? Kijk wat er "
        "kan in jouw buurt. #MensenMakenNederland",
        ("mensen-vragen-mensen", "nieuwe-gezichten"),
    ),
    (
        "Bedankt, vrijwilligers van {gemeente}",
        "Zonder vrijwilligers geen sportclub, geen buurthuis en geen voedselbank. {gemeente} zegt: dankjewel! "
        "#MensenMakenNederland",
        ("mensen-maken-nederland",),
    ),
    (
        "Studenten gezocht in {gemeente}",
        "Heb je een middag over? Organisaties in {gemeente} zoeken studenten voor korte klussen. Meld je aan en "
        "ontmoet nieuwe mensen. #MensenMakenNederland",
        ("jong-en-samen",),
    ),
]


def campaign_index(demo) -> CampaignIndexPage:
    """The campaign index below the demo's home page; made once, found on every later run."""
    existing = CampaignIndexPage.objects.child_of(demo.home).first()
    if existing is not None:
        return existing
    return demo.ensure_page(
        demo.home,
        CampaignIndexPage,
        slug=INDEX_SLUG,
        title="Campagne Mensen maken Nederland",
        introduction=(
            "<p>Mensen maken Nederland is de campagne van Vereniging NOV waarmee organisaties en gemeenten laten "
            "zien hoe waardevol vrijwillige inzet is. Doe mee met een van de vier landelijke campagneweken, meld "
            "je lokale actie aan en gebruik de gratis materialen: eenvoudig, snel en met minimale kosten.</p>"
        ),
        listing_summary="Vier landelijke campagneweken, lokale acties en gratis campagnematerialen.",
    )


def _monday(day):
    return day - datetime.timedelta(days=day.weekday())


def seed_weeks(demo, index):
    today = timezone.localdate()
    weeks = {}
    for slug, title, motto, offset, themes, introduction in WEEKS:
        existing = CampaignWeekPage.objects.child_of(index).filter(slug=slug).first()
        if existing is not None:
            weeks[slug] = existing
            continue
        start = _monday(today + datetime.timedelta(days=offset))
        week = CampaignWeekPage(
            slug=slug,
            title=title,
            motto=motto,
            start_date=start,
            end_date=start + datetime.timedelta(days=6),
            introduction=f"<p>{introduction}</p>",
            listing_summary=introduction[:300],
        )
        week.themes = demo.themes(*themes)
        index.add_child(instance=week)
        week.save_revision().publish()
        demo.created += 1
        demo.log(f"  + {CampaignWeekPage._meta.verbose_name}: {title}")
        weeks[slug] = week
    return weeks


def seed_actions(demo, weeks):
    for week_slug, title, organisation, place, province, day, status, description, link in ACTIONS:
        week = weeks[week_slug]
        if LocalAction.objects.filter(week=week, title=title).exists():
            continue
        LocalAction.objects.create(
            week=week,
            title=title,
            organisation=organisation,
            place=place,
            province=province,
            date=week.start_date + datetime.timedelta(days=day),
            description=description,
            link=link,
            email="actie@example.org",
            status=status,
            reviewed_at=timezone.now() if status != LocalAction.Status.PENDING else None,
        )
        demo.created += 1


# Small real files ------------------------------------------------------------------------------------------------


def poster_png():
    """An A-format poster (A4 proportions) with the campaign's words, drawn with Pillow."""
    width, height = 420, 594
    img = Image.new("RGB", (width, height), "#0b5394")
    draw = ImageDraw.Draw(img)
    draw.ellipse((-120, 330, 300, 750), fill="#1e6b34")
    draw.ellipse((220, -80, 560, 260), fill="#8e3b8e")
    draw.rectangle((0, height - 90, width, height), fill="#ffd966")
    for line, y in (("MENSEN", 190), ("MAKEN", 235), ("NEDERLAND", 280)):
        draw.text((40, y), line, fill="#ffffff", font_size=40)
    draw.text((40, height - 65), "Doe mee in jouw gemeente", fill="#1a1a1a", font_size=22)
    buffer = io.BytesIO()
    img.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def logo_svg():
    return (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 120" role="img" aria-labelledby="t">'
        b'<title id="t">Mensen maken Nederland</title>'
        b'<rect width="320" height="120" rx="16" fill="#0b5394"/>'
        b'<circle cx="60" cy="60" r="34" fill="#ffd966"/>'
        b'<text x="110" y="55" font-family="sans-serif" font-size="22" fill="#fff">Mensen maken</text>'
        b'<text x="110" y="85" font-family="sans-serif" font-size="22" font-weight="bold" fill="#fff">Nederland</text>'
        b"</svg>\n"
    )


def radio_wav(seconds=2.0, rate=8000):
    """A short jingle: three rising tones with a soft fade, 8 kHz mono, 16-bit (the real spot is read by a
    voice-over; this stands in for it)."""
    frames = bytearray()
    notes = (523.25, 659.25, 783.99)
    total = int(seconds * rate)
    for i in range(total):
        t = i / rate
        note = notes[min(int(t / (seconds / len(notes))), len(notes) - 1)]
        fade = min(1.0, (total - i) / (rate * 0.2))
        frames += struct.pack("<h", int(12000 * fade * math.sin(2 * math.pi * note * t)))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return buffer.getvalue()


def _document(demo, title, filename, content):
    existing = CustomDocument.objects.filter(title=title).first()
    if existing is not None:
        return existing
    document = CustomDocument(title=title)
    document.file = ContentFile(content, name=filename)
    document.file_size = len(content)
    document._set_file_hash()
    document.save()
    demo.created += 1
    return document


def seed_materials(demo, index, weeks):
    library = demo.ensure_page(
        index,
        MaterialsPage,
        slug="materialen",
        title="Campagnematerialen",
        introduction=(
            "<p>Posters, logo's, radiospots en teksten voor sociale media, gratis te gebruiken. Kies een soort of "
            "een campagneweek, en vul de naam van je gemeente in: de teksten zijn dan klaar om te delen.</p>"
        ),
        listing_summary="Posters, logo's, radiospots en social-mediateksten om gratis te downloaden.",
    )
    files = [
        ("Poster Mensen maken Nederland", "poster", "mensen-maken-nederland-poster.png", poster_png(),
         "Poster om op te hangen in het buurthuis, de bibliotheek of het gemeentehuis.", tuple(weeks)),
        ("Logo Mensen maken Nederland", "logo", "mensen-maken-nederland-logo.svg", logo_svg(),
         "Het logo van de campagne, als vectorbestand voor drukwerk en websites.", ()),
        ("Radiospot Mensen vragen mensen", "radio", "radiospot-mensen-vragen-mensen.wav", radio_wav(),
         "Een korte radiospot voor de lokale omroep. Op maat te maken met de naam van je gemeente.",
         ("mensen-vragen-mensen",)),
    ]  # fmt: skip
    for title, material_type, filename, content, description, week_slugs in files:
        if CampaignMaterial.objects.filter(title=title).exists():
            continue
        material = CampaignMaterial(
            title=title,
            material_type=material_type,
            description=description,
            document=_document(demo, title, filename, content),
        )
        material.weeks = [weeks[slug] for slug in week_slugs]
        material.save()
        demo.created += 1
    for title, text, week_slugs in SOCIAL_TEXTS:
        if CampaignMaterial.objects.filter(title=title).exists():
            continue
        material = CampaignMaterial(
            title=title,
            material_type="social",
            description="Kopieer de tekst voor Facebook, Instagram, LinkedIn of X.",
            text=text,
        )
        material.weeks = [weeks[slug] for slug in week_slugs]
        material.save()
        demo.created += 1
    return library


def grant_programme_team():
    """The programme team reviews local actions and manages the materials (also granted after every migrate)."""
    permissions.grant_programme_team()


def seed_campaign(demo):
    index = campaign_index(demo)
    weeks = seed_weeks(demo, index)
    seed_actions(demo, weeks)
    seed_materials(demo, index, weeks)
    grant_programme_team()
