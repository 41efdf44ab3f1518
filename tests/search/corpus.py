"""Realistic Dutch test content for the search tests (own sentences, facts from the programme's seeds).

Each entry: slug, title, summary, body paragraphs, themes, audiences, first published date.
"""

from datetime import datetime

from django.utils import timezone


def _date(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 10, 0))


CORPUS = [
    {
        "slug": "vrijwilligers-werven-in-je-buurt",
        "title": "Vrijwilligers werven in je buurt",
        "summary": "Zo vind je nieuwe vrijwilligers dicht bij huis, via buren, de school en de supermarkt.",
        "body": [
            "Veel organisaties zoeken vrijwilligers en kijken daarbij te ver weg. Begin in de straat: buren "
            "die je persoonlijk vraagt, zeggen vaker ja dan mensen die een vacature lezen.",
            "Hang een kaartje op bij de supermarkt en vraag de basisschool om een bericht in de nieuwsbrief.",
        ],
        "themes": ["Werving"],
        "audiences": ["Vrijwilligersorganisaties"],
        "date": _date(2021, 3, 4),
    },
    {
        "slug": "vrijwilligerswerk-voor-jongeren",
        "title": "Jongeren enthousiast maken voor vrijwilligerswerk",
        "summary": "Studenten en scholieren doen graag mee als het werk kort, concreet en sociaal is.",
        "body": [
            "Jongeren willen iets betekenen, maar binden zich niet graag voor jaren. Bied korte klussen aan, "
            "met een duidelijk begin en eind, en laat ze samen met vrienden komen.",
            "Maatschappelijke diensttijd en stages zijn een goede ingang: een jongere die een keer meedoet, "
            "komt vaak terug.",
        ],
        "themes": ["Jongeren", "Werving"],
        "audiences": ["Vrijwilligersorganisaties", "Professionals"],
        "date": _date(2022, 5, 10),
    },
    {
        "slug": "gemeentelijk-beleid-vrijwillige-inzet",
        "title": "Gemeentelijk beleid voor vrijwillige inzet",
        "summary": "Wat een gemeente kan doen om vrijwillige inzet te ondersteunen, van subsidie tot waardering.",
        "body": [
            "Gemeenten spelen een grote rol: zij financieren het vrijwilligerssteunpunt, verlenen subsidie en "
            "organiseren de jaarlijkse waardering voor vrijwilligers.",
            "Een beleidsmedewerker die weet wat er lokaal speelt, maakt betere keuzes. Ga dus in gesprek "
            "met organisaties en bewoners.",
        ],
        "themes": ["Samenwerking"],
        "audiences": ["Gemeenten"],
        "date": _date(2020, 11, 2),
    },
    {
        "slug": "lokale-inclusieagenda",
        "title": "Aan de slag met de lokale inclusieagenda",
        "summary": "Met een inclusieagenda werkt een gemeente aan een samenleving waarin iedereen meedoet.",
        "body": [
            "Het VN-verdrag Handicap vraagt gemeenten om een lokale inclusieagenda. Betrek "
            "ervaringsdeskundigen vanaf het begin: zij weten waar de drempels zitten.",
            "Maak de agenda concreet, met doelen per jaar, en vertel inwoners wat er al bereikt is.",
        ],
        "themes": ["Inclusie", "Ervaringsdeskundigheid"],
        "audiences": ["Gemeenten"],
        "date": _date(2023, 2, 14),
    },
    {
        "slug": "toegankelijke-activiteiten",
        "title": "Toegankelijkheid van activiteiten verbeteren",
        "summary": "Een checklist om je activiteit toegankelijk te maken voor mensen met een beperking.",
        "body": [
            "Denk aan een rolstoeltoegankelijke ruimte, informatie in eenvoudige taal en een prikkelarme plek. "
            "Vraag deelnemers vooraf wat ze nodig hebben.",
            "Toegankelijk organiseren kost weinig extra als je er vanaf het begin rekening mee houdt.",
        ],
        "themes": ["Inclusie"],
        "audiences": ["Vrijwilligersorganisaties", "Lokale initiatieven"],
        "date": _date(2023, 6, 1),
    },
    {
        "slug": "ervaringsdeskundigen-in-je-team",
        "title": "Ervaringsdeskundigen in je team",
        "summary": "Mensen die het zelf meemaakten, brengen kennis mee die je nergens anders vindt.",
        "body": [
            "Een Ervaringsdeskundige kijkt anders naar je aanbod. Geef ervaringsdeskundigen een echte rol en "
            "een vergoeding, niet alleen een plek aan tafel.",
            "Zorg voor begeleiding en intervisie, zodat inzet van ervaring niet zwaar wordt.",
        ],
        "themes": ["Ervaringsdeskundigheid"],
        "audiences": ["Professionals"],
        "date": _date(2022, 9, 20),
    },
    {
        "slug": "campagne-mensen-maken-nederland",
        "title": "De campagne Mensen maken Nederland op maat maken",
        "summary": "Gebruik het gratis campagnemateriaal en maak er je eigen posters en berichten van.",
        "body": [
            "De campagne is gemaakt door Vereniging NOV met steun van het ministerie van VWS. Elke organisatie "
            "kan de posters en filmpjes aanpassen met eigen foto's en teksten.",
            "Gemeenten gebruiken de campagne om alle vrijwillige inzet in het dorp of de wijk te waarderen.",
        ],
        "themes": ["Zichtbaarheid", "Werving"],
        "audiences": ["Gemeenten", "Vrijwilligersorganisaties"],
        "date": _date(2021, 1, 15),
    },
    {
        "slug": "samenwerken-met-bedrijven",
        "title": "Samenwerken met bedrijven en werkgevers",
        "summary": "Medewerkers van bedrijven zijn een nieuwe bron van vrijwilligers.",
        "body": [
            "Steeds meer werkgevers geven medewerkers een dag per jaar vrij voor vrijwillige inzet. Maak een "
            "aanbod dat past bij een team: een klusdag, een sportmiddag of hulp bij een evenement.",
            "Spreek vooraf af wat het bedrijf en de organisatie van de samenwerking verwachten.",
        ],
        "themes": ["Samenwerking", "Werving"],
        "audiences": ["Vrijwilligersorganisaties"],
        "date": _date(2022, 3, 8),
    },
    {
        "slug": "zichtbaarheid-op-sociale-media",
        "title": "Laat zien wat je doet op sociale media",
        "summary": "Korte verhalen en foto's van vrijwilligers maken je organisatie zichtbaar.",
        "body": [
            "Een foto van de klus van vandaag zegt meer dan een jaarverslag. Vraag vrijwilligers altijd om "
            "toestemming voordat je hun foto plaatst.",
            "Deel ook wat het oplevert: hoeveel mensen geholpen zijn en wat bewoners ervan vonden.",
        ],
        "themes": ["Zichtbaarheid"],
        "audiences": ["Vrijwilligersorganisaties", "Vrijwilligers"],
        "date": _date(2024, 4, 22),
    },
    {
        "slug": "nieuwe-gezichten-in-de-sportclub",
        "title": "Nieuwe gezichten in de sportclub",
        "summary": "Hoe een voetbalvereniging ouders en nieuwkomers vroeg om mee te helpen.",
        "body": [
            "De vereniging had te weinig trainers. Door ouders persoonlijk te vragen en statushouders uit te "
            "nodigen voor een open training, kwamen er twaalf nieuwe vrijwilligers bij.",
            "Het bestuur leerde dat een kleine taak een goede eerste stap is.",
        ],
        "themes": ["Werving", "Inclusie"],
        "audiences": ["Vrijwilligersorganisaties"],
        "date": _date(2021, 10, 5),
    },
    {
        "slug": "eenzaamheid-onder-ouderen",
        "title": "Samen eenzaamheid onder ouderen verminderen",
        "summary": "Buurtbewoners en vrijwilligers zoeken ouderen op die weinig contact hebben.",
        "body": [
            "Een wekelijkse wandeling of een kop koffie maakt veel verschil. Welzijnsorganisaties koppelen "
            "vrijwilligers aan ouderen in dezelfde wijk.",
            "Let op signalen van eenzaamheid en weet naar wie je kunt doorverwijzen.",
        ],
        "themes": ["Samenwerking"],
        "audiences": ["Lokale initiatieven", "Vrijwilligers"],
        "date": _date(2020, 6, 30),
    },
    {
        "slug": "vrijwilligerscoordinator-tips",
        "title": "Tien tips voor de vrijwilligerscoördinator",
        "summary": "Praktische adviezen voor wie vrijwilligers begeleidt en inroostert.",
        "body": [
            "Een goede coördinator kent de wensen van elke vrijwilliger. Voer jaarlijks een gesprek en vraag "
            "wat iemand nog wil leren.",
            "Bedank vaak en concreet: noem wat iemand deed en wat het opleverde.",
        ],
        "themes": ["Werving"],
        "audiences": ["Professionals"],
        "date": _date(2023, 9, 12),
    },
    {
        "slug": "kennisboostweek-terugblik",
        "title": "Terugblik op de Kennisboostweek",
        "summary": "Vijf dagen lang deelden organisaties en gemeenten kennis in online sessies.",
        "body": [
            "In de Kennisboostweek volgden honderden deelnemers een sessie over werving, inclusie of "
            "samenwerking. De opnames zijn terug te kijken.",
            "Deelnemers waardeerden vooral de praktijkvoorbeelden van andere organisaties.",
        ],
        "themes": ["Samenwerking"],
        "audiences": ["Professionals", "Gemeenten"],
        "date": _date(2021, 11, 19),
    },
    {
        "slug": "expeditie-nieuwe-gezichten",
        "title": "De Expeditie Nieuwe Gezichten",
        "summary": "Organisaties leerden een jaar lang hoe ze meer verschillende mensen bereiken.",
        "body": [
            "Tijdens de expeditie werkten teams aan een eigen vraag, met begeleiding en onderzoek van de "
            "Erasmus Universiteit Rotterdam.",
            "De belangrijkste les: kijk door de ogen van de mensen die je wilt bereiken.",
        ],
        "themes": ["Inclusie", "Werving"],
        "audiences": ["Vrijwilligersorganisaties", "Professionals"],
        "date": _date(2020, 9, 1),
    },
    {
        "slug": "statushouders-als-vrijwilliger",
        "title": "Statushouders als vrijwilliger",
        "summary": "Vrijwilligerswerk helpt nieuwkomers de taal te leren en een netwerk op te bouwen.",
        "body": [
            "Veel statushouders willen graag meedoen. Een taalmaatje of buddy helpt bij de eerste weken.",
            "Houd taken eenvoudig en leg uit hoe vrijwilligerswerk in Nederland werkt.",
        ],
        "themes": ["Inclusie"],
        "audiences": ["Vrijwilligersorganisaties", "Gemeenten"],
        "date": _date(2022, 1, 25),
    },
    {
        "slug": "vrijwilligersvergoeding",
        "title": "De vrijwilligersvergoeding uitgelegd",
        "summary": "Wat mag je als organisatie vergoeden zonder dat het loon wordt?",
        "body": [
            "Een vrijwilligersvergoeding is onbelast tot een maximumbedrag per maand en per jaar. Houd een "
            "eenvoudige administratie bij.",
            "Onkosten kun je ook vergoeden op basis van bonnetjes.",
        ],
        "themes": ["Werving"],
        "audiences": ["Vrijwilligersorganisaties"],
        "date": _date(2024, 1, 9),
    },
    {
        "slug": "buurtinitiatieven-ondersteunen",
        "title": "Buurtinitiatieven ondersteunen",
        "summary": "Hoe een gemeente bewoners helpt die zelf iets opzetten.",
        "body": [
            "Bewonersinitiatieven hebben vaak weinig nodig: een ruimte, een klein budget en iemand die de weg "
            "weet in het gemeentehuis.",
            "Maak de aanvraag van een buurtbudget eenvoudig en snel.",
        ],
        "themes": ["Samenwerking"],
        "audiences": ["Lokale initiatieven", "Gemeenten"],
        "date": _date(2023, 11, 3),
    },
    {
        "slug": "diversiteit-in-het-bestuur",
        "title": "Meer diversiteit in het bestuur",
        "summary": "Een bestuur dat lijkt op de leden, neemt betere besluiten.",
        "body": [
            "Vraag niet alleen de bekende gezichten. Zoek actief naar jongere bestuursleden en mensen met een "
            "migratieachtergrond, en bied een inwerkperiode aan.",
        ],
        "themes": ["Inclusie"],
        "audiences": ["Vrijwilligersorganisaties"],
        "date": _date(2024, 2, 28),
    },
    {
        "slug": "mantelzorg-en-vrijwilligers",
        "title": "Mantelzorgers ontlasten met vrijwilligers",
        "summary": "Respijtzorg door vrijwilligers geeft mantelzorgers even lucht.",
        "body": [
            "Een vrijwilliger die een middag bij iemand thuis is, geeft de mantelzorger tijd voor zichzelf. "
            "Zorg voor een goede match en een vast contactpersoon.",
        ],
        "themes": ["Samenwerking"],
        "audiences": ["Vrijwilligers", "Professionals"],
        "date": _date(2020, 2, 17),
    },
    {
        "slug": "studenten-en-maatschappelijke-stage",
        "title": "Studenten en de maatschappelijke stage",
        "summary": "Scholieren leren via een maatschappelijke stage wat vrijwilligerswerk is.",
        "body": [
            "Werk samen met het voortgezet onderwijs. Een stage van een paar weken is voor veel scholieren de "
            "eerste kennismaking met een vereniging.",
        ],
        "themes": ["Jongeren"],
        "audiences": ["Vrijwilligersorganisaties"],
        "date": _date(2023, 4, 18),
    },
    {
        "slug": "onderzoek-wat-werkt",
        "title": "Onderzoek: wat werkt bij werving",
        "summary": "De Erasmus Universiteit onderzocht welke aanpak meer vrijwilligers oplevert.",
        "body": [
            "Persoonlijk vragen werkt het best. Mensen die zich gewaardeerd voelen, blijven langer.",
            "Het onderzoek volgde drie jaar lang organisaties uit de expedities.",
        ],
        "themes": ["Werving"],
        "audiences": ["Professionals"],
        "date": _date(2022, 12, 1),
    },
    {
        "slug": "digitale-vaardigheden",
        "title": "Digitale vaardigheden van vrijwilligers",
        "summary": "Een korte training helpt vrijwilligers met online vergaderen en plannen.",
        "body": [
            "Niet iedereen is handig met apps. Een digitaal spreekuur in de bibliotheek helpt vrijwilligers op weg.",
        ],
        "themes": ["Inclusie"],
        "audiences": ["Vrijwilligers"],
        "date": _date(2021, 7, 7),
    },
]


# (query, slugs of which at least one must be in the top 5). Inflections, compounds, accents, capitals.
RELEVANCE = [
    ("vrijwilliger", ["vrijwilligers-werven-in-je-buurt", "statushouders-als-vrijwilliger"]),
    ("vrijwilligers werven", ["vrijwilligers-werven-in-je-buurt"]),
    ("vrijwilligerswerk", ["vrijwilligerswerk-voor-jongeren", "statushouders-als-vrijwilliger"]),
    ("jongere", ["vrijwilligerswerk-voor-jongeren"]),
    ("jongeren", ["vrijwilligerswerk-voor-jongeren"]),
    ("gemeente", ["gemeentelijk-beleid-vrijwillige-inzet"]),
    ("gemeenten", ["gemeentelijk-beleid-vrijwillige-inzet"]),
    ("gemeentelijke", ["gemeentelijk-beleid-vrijwillige-inzet"]),
    ("inclusie", ["lokale-inclusieagenda"]),
    ("inclusieagenda", ["lokale-inclusieagenda"]),
    ("agenda", ["lokale-inclusieagenda"]),
    ("toegankelijk", ["toegankelijke-activiteiten"]),
    ("toegankelijkheid", ["toegankelijke-activiteiten"]),
    ("ervaringsdeskundige", ["ervaringsdeskundigen-in-je-team"]),
    ("Ervaringsdeskundigen", ["ervaringsdeskundigen-in-je-team"]),
    ("ERVARINGSDESKUNDIGE", ["ervaringsdeskundigen-in-je-team"]),
    ("campagne", ["campagne-mensen-maken-nederland"]),
    ("mensen maken nederland", ["campagne-mensen-maken-nederland"]),
    ("werkgevers", ["samenwerken-met-bedrijven"]),
    ("bedrijf", ["samenwerken-met-bedrijven"]),
    ("sociale media", ["zichtbaarheid-op-sociale-media"]),
    ("sportclub", ["nieuwe-gezichten-in-de-sportclub"]),
    ("nieuwe gezichten", ["nieuwe-gezichten-in-de-sportclub", "expeditie-nieuwe-gezichten"]),
    ("eenzaamheid ouderen", ["eenzaamheid-onder-ouderen"]),
    ("coördinator", ["vrijwilligerscoordinator-tips"]),
    ("coordinator", ["vrijwilligerscoordinator-tips"]),
    ("kennisboostweek", ["kennisboostweek-terugblik"]),
    ("expeditie", ["expeditie-nieuwe-gezichten"]),
    ("statushouders", ["statushouders-als-vrijwilliger"]),
    ("vergoeding", ["vrijwilligersvergoeding"]),
    ("buurtinitiatief", ["buurtinitiatieven-ondersteunen"]),
    ("initiatieven", ["buurtinitiatieven-ondersteunen"]),
    ("diversiteit bestuur", ["diversiteit-in-het-bestuur"]),
    ("mantelzorger", ["mantelzorg-en-vrijwilligers"]),
    ("maatschappelijke stage", ["studenten-en-maatschappelijke-stage"]),
    ("student", ["studenten-en-maatschappelijke-stage", "vrijwilligerswerk-voor-jongeren"]),
    ("onderzoek werving", ["onderzoek-wat-werkt"]),
    ("digitaal", ["digitale-vaardigheden"]),
    ("beperking", ["toegankelijke-activiteiten"]),
]
