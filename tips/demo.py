"""Demo content: the tip index and two collections imported from CSV (a selection of the evening's 80 tips, and tips
from the Kennisboostweken)."""

import datetime
from pathlib import Path

from tips.importing import import_tips
from tips.models import TipCollectionIndexPage, TipCollectionPage

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"

COLLECTIONS = [
    {
        "slug": "tips-van-lokale-initiatieven-voor-gemeenten",
        # The evening produced 80 tips; the demo holds a selection, and the title and slug say so (they said "80 tips").
        "old_slug": "80-tips-voor-gemeenten-en-lokale-initiatieven",
        "title": "Tips van lokale initiatieven voor gemeenten",
        "file": "80-tips-lokale-initiatieven.csv",
        "fields": {
            "introduction": (
                "<p>Hoe kunnen lokale initiatieven sturing geven aan de uitvoering van de decentralisaties? Daarover "
                "spraken zestig lokale initiatiefnemers, professionals en experts eind april 2015 met elkaar. Vijf "
                "initiatieven presenteerden hun aanpak; samen verkenden de aanwezigen de rollen van vrijwilliger, "
                "sociaal ondernemer, maatschappelijke organisatie en gemeente.</p><p>De avond leverde 80 concrete "
                "tips op. Hier vind je een selectie daarvan.</p>"
            ),
            "listing_summary": "Zestig initiatiefnemers en experts deelden hun ervaring: dit zijn hun tips.",
            "occasion": "Bijeenkomst met zestig lokale initiatiefnemers, professionals en experts",
            "occasion_date": datetime.date(2015, 4, 28),
            "organisers": "Stimuland, ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        },
        "themes": ("Samenwerking", "Ervaringsdeskundigheid"),
        "audiences": ("Gemeenten", "Lokale initiatieven"),
    },
    {
        "slug": "tips-nieuwe-gezichten",
        "title": "Tips voor het werven van nieuwe gezichten",
        "file": "tips-nieuwe-gezichten.csv",
        "fields": {
            "introduction": (
                "<p>Tijdens de Kennisboostweken van 2021 deelden vrijwilligersorganisaties wat hen hielp om meer en "
                "andere mensen te bereiken. Dit zijn hun praktische tips.</p>"
            ),
            "listing_summary": "Wat organisaties leerden over het bereiken van jongeren en werkenden.",
            "occasion": "Kennisboostweken Nationaal Jaar Vrijwillige Inzet",
            "occasion_date": datetime.date(2021, 10, 7),
            "organisers": "Vereniging NOV",
        },
        "themes": ("Werving", "Inclusie"),
        "audiences": ("Vrijwilligersorganisaties",),
    },
]


def seed_tips(demo):
    index = demo.ensure_page(
        demo.home,
        TipCollectionIndexPage,
        slug="tips",
        title="Tips",
        introduction="<p>Praktische tips van gemeenten, vrijwilligersorganisaties en lokale initiatieven. "
        "Elke tip heeft een eigen link, zodat je hem kunt delen en citeren.</p>",
        listing_summary="Praktische tips die je morgen kunt toepassen.",
        show_in_menus=True,
    )
    for spec in COLLECTIONS:
        rename_old_slug(index, spec)
        collection = demo.ensure_page(
            index, TipCollectionPage, slug=spec["slug"], title=spec["title"], **spec["fields"]
        )
        if collection.title != spec["title"]:  # demos seeded when the title promised more tips than it held
            collection.title = spec["title"]
            collection.save_revision().publish()
        if not collection.themes.exists():
            collection.themes.set(demo.themes(*spec["themes"]))
            collection.audiences.set(demo.audiences(*spec["audiences"]))
            collection.save_revision().publish()
        if not collection.get_latest_revision_as_object().tips.all():
            result = import_tips(collection, DEMO_DATA / spec["file"], spec["file"])
            demo.created += result.added
            demo.log(f"    {result}")
    return index


def rename_old_slug(index, spec):
    """A demo seeded before the collection's slug changed keeps its page (and gets a redirect) under the new slug."""
    old_slug = spec.get("old_slug")
    if not old_slug or index.get_children().filter(slug=spec["slug"]).exists():
        return
    old = index.get_children().filter(slug=old_slug).first()
    if old is None:
        return
    page = old.specific
    page.slug = spec["slug"]
    page.save_revision().publish()  # Wagtail's redirects app records the old address
