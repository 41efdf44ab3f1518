"""Relevance set over the demo content that `seed_demo` builds (all sections: lessons, sessions, tips,
stories, core pages). Each query must have one of the expected pages in its top 5."""

import pytest

from search import service
from search.engines.base import SearchParams
from search.models import SearchDocument

pytestmark = pytest.mark.django_db

DEMO_RELEVANCE = [
    # The campaign's test and plan are about volunteers and for municipalities: fair answers too.
    (
        "vrijwilliger",
        [
            "wijs-een-maatje-aan-voor-elke-nieuwe-vrijwilliger/",
            "oudere-vrijwilligers-als-maatje/",
            "ontdek-je-vrijwilligerskracht/",
        ],
    ),
    ("vrijwilligerswerk", ["vrijwilligerswerk-in-de-werktijd/"]),
    ("jongere", ["geef-jongeren-echte-verantwoordelijkheid/", "zoek-jongeren-op-waar-ze-al-zijn/"]),
    ("jongeren", ["geef-jongeren-een-echte-rol/", "jongeren-maken-de-campagne/"]),
    (
        "gemeente",
        [
            "voorlichtingssessie-gemeenten-1/",
            "geef-initiatieven-een-vast-aanspreekpunt-bij-de-gemeente/",
            "stappen-en-keuzeplan/",
        ],
    ),
    ("gemeenten", ["voorlichtingssessie-gemeenten-1/", "voorlichtingssessie-gemeenten-2/", "stappen-en-keuzeplan/"]),
    (
        "gemeentelijke",
        ["voorlichtingssessie-gemeenten-1/", "voorlichtingssessie-gemeenten-2/", "stappen-en-keuzeplan/"],
    ),
    ("gemeenteraad", ["laat-de-gemeenteraad-kennismaken-met-initiatieven/"]),
    ("inclusief welkom", ["kennisboostweek-inclusief-welkom/"]),
    ("toegankelijk", ["/toegankelijkheidsverklaring/"]),
    ("toegankelijkheid", ["/toegankelijkheidsverklaring/"]),
    ("ervaringsdeskundige", ["vergoed-de-inzet-van-ervaringsdeskundigen/", "schouw-met-ervaringsdeskundigen/"]),
    ("Ervaringsdeskundigen", ["vergoed-de-inzet-van-ervaringsdeskundigen/", "schouw-met-ervaringsdeskundigen/"]),
    ("taalcafé", ["via-het-taalcafe/", "een-kop-koffie-werd-een-taalcafe/"]),
    ("TAALCAFE", ["via-het-taalcafe/", "een-kop-koffie-werd-een-taalcafe/"]),
    ("nieuwkomers", ["taalhuis-almere-nieuwkomers-helpen-nieuwkomers/"]),
    ("voedselbank", ["zwolle-samen-werven-met-bedrijven/"]),
    ("bedrijf", ["een-vraag-aan-bedrijven-niet-twee/", "werk-samen-met-bedrijven-in-de-buurt/"]),
    ("maatschappelijke stage", ["laat-studenten-hun-maatschappelijke-stage-bij-jou-doen/", "stage-bij-de-harmonie/"]),
    ("studenten", ["studenten-via-de-hogeschool/", "studenten-in-het-buurthuis/"]),
    ("rolstoel", ["meedoen-met-een-rolstoel/"]),
    ("beperking", ["maak-meedoen-mogelijk-voor-mensen-met-een-beperking/"]),
    ("dorpsbus", ["de-dorpsbus-rijdt-weer/"]),
    ("wethouder", ["een-wethouder-die-meedraait/"]),
    ("verzekering vrijwilligers", ["regel-de-verzekering-voor-vrijwilligers-vooraf/"]),
    ("participatiewet", ["betrek-initiatieven-bij-de-participatiewet/"]),
    ("vacature", ["maak-je-vacaturetekst-uitnodigend/", "kennisboostweek-nieuwe-gezichten-sessie-3/"]),
    ("campagnemateriaal", ["gebruik-het-campagnemateriaal-en-geef-er-een-eigen-draai-aan/"]),
    ("maatje", ["wijs-een-maatje-aan-voor-elke-nieuwe-vrijwilliger/", "oud-cursisten-als-taalmaatje/"]),
    ("teamapp", ["vraag-het-via-de-teamapp/"]),
    ("harmonie", ["harmonie-excelsior-jong-talent-achter-de-schermen/"]),
    ("moestuin", ["stadsmoestuin-oostpoort-zoekt-collega-tuiniers/"]),
    ("carpoolen", ["carpoolen-vanaf-het-station/"]),
    ("privacy", ["/privacyverklaring/"]),
    ("voorlichtingssessie", ["voorlichtingssessie-gemeenten-1/"]),
    ("leerkring", ["zet-een-leerkring-op-voor-lokale-initiatieven/"]),
    ("ervaringsverhalen werving", ["gebruik-de-kracht-van-ervaringsverhalen-in-werving/"]),
]


@pytest.fixture
def demo_site(demo):
    """The session's seeded demo (tests/conftest.py), searchable."""
    return SearchDocument.objects.count()


def test_demo_relevance_set(demo_site):
    assert len(DEMO_RELEVANCE) >= 30
    failures = []
    for query, expected in DEMO_RELEVANCE:
        urls = [r["url"] for r in service.search(SearchParams(query=query), log=False).results[:5]]
        if not any(url.endswith(ending) for url in urls for ending in expected):
            failures.append(f"{query!r}: expected one of {expected} in the top 5, got {urls}")
    assert not failures, "\n".join(failures)


def test_demo_content_of_every_section_is_searchable(demo_site):
    kinds = set(SearchDocument.objects.values_list("type_key", flat=True))
    assert {"core.contentpage", "core.homepage"} <= kinds
    assert len(kinds) >= 5, kinds  # sections plug in without a hard-coded list
