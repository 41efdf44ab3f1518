"""The Dutch texts of the community demo: members, the forum's categories, topics with their replies, reactions.

Our own sentences, drawing on the VNG's announcement of the network *Iedereen doet mee!* (31 August 2020: from 25
front runners to 58 municipalities that signed the manifest, an online forum, meetings and matching) and NOV's
pages on the Nationaal Jaar Vrijwillige Inzet 2021 (*Mensen maken Nederland*). Every name is made up.

A post is ``(author, days ago, text)``; texts are Markdown as members type it.
"""

# username: (display name, municipality, role, bio)
MEMBERS = {
    "sanne_jansen": (
        "Sanne Jansen",
        "Groningen",
        "municipal_official",
        "Beleidsmedewerker sociaal domein in Groningen en moderator van dit forum.",
    ),
    "jeroen_devries": (
        "Jeroen de Vries",
        "Deventer",
        "municipal_official",
        "Beleidsadviseur inclusie bij de gemeente Deventer. Trekker van onze Lokale Inclusie Agenda.",
    ),
    "fatima_elamrani": (
        "Fatima El Amrani",
        "Zwolle",
        "lived_experience",
        "Ervaringsdeskundige en lid van de adviesraad sociaal domein. Ik rijd in een elektrische rolstoel.",
    ),
    "pieter_vandijk": (
        "Pieter van Dijk",
        "Nijmegen",
        "lived_experience",
        "Slechtziend sinds mijn dertigste. Ik test websites en gebouwen op toegankelijkheid.",
    ),
    "ingrid_bakker": (
        "Ingrid Bakker",
        "Utrecht",
        "volunteer",
        "Vrijwilliger bij een maatjesproject en in het bestuur van een buurthuis.",
    ),
    "mohamed_ouali": (
        "Mohamed Ouali",
        "Almere",
        "professional",
        "Opbouwwerker. Ik help vrijwilligersorganisaties om nieuwe mensen te bereiken.",
    ),
    "ruud_smit": ("Ruud Smit", "", "other", ""),
}
MODERATOR = "sanne_jansen"
# Joined today and not trusted yet: their first post waits for a moderator.
NEW_MEMBER = ("noor_visser", "Noor Visser", "Apeldoorn", "volunteer")

CATEGORIES = [
    (
        "Lokale Inclusie Agenda",
        "lokale-inclusie-agenda",
        "Van eerste gesprek tot uitvoering en evaluatie: ervaringen met de agenda van je gemeente.",
    ),
    (
        "Ervaringsdeskundigheid",
        "ervaringsdeskundigheid",
        "Samenwerken met inwoners die weten hoe het is om met een beperking te leven.",
    ),
    (
        "Toegankelijkheid",
        "toegankelijkheid",
        "Gebouwen, websites, bijeenkomsten en informatie die voor iedereen werken.",
    ),
    (
        "Vrijwilligerswerk",
        "vrijwilligerswerk",
        "Iedereen kan iets bijdragen: vrijwillige inzet van en voor mensen met een beperking.",
    ),
]

TOPICS = [
    {
        "title": "Welkom! Zo werkt dit forum",
        "category": "lokale-inclusie-agenda",
        "pinned": True,
        "posts": [
            (
                "sanne_jansen",
                40,
                "Welkom op het forum van het netwerk **Iedereen doet mee!** Hier wisselen gemeenten en hun "
                "inwoners kennis uit over het VN-verdrag Handicap.\n\n"
                "Een paar afspraken:\n\n"
                "- Stel je vraag in de categorie die er het best bij past.\n"
                "- Deel wat werkte, en ook wat niet werkte. Daar leren we het meest van.\n"
                "- Noem geen namen van inwoners zonder hun toestemming.\n\n"
                "Zie je iets dat hier niet hoort? Gebruik de knop *Melden*. Een moderator kijkt er dan naar.",
            ),
            (
                "jeroen_devries",
                39,
                "Mooi dat dit er is. Bij de bijeenkomsten kwamen steeds dezelfde vragen terug; nu kunnen we de "
                "antwoorden bewaren.",
            ),
            (
                "fatima_elamrani",
                38,
                "Fijn dat inwoners hier ook mogen meepraten en niet alleen ambtenaren. Dat is precies waar het "
                "netwerk voor bedoeld is.",
            ),
        ],
    },
    {
        "title": "Ervaringsdeskundigen vanaf het begin betrekken bij de agenda",
        "category": "lokale-inclusie-agenda",
        "posts": [
            (
                "jeroen_devries",
                30,
                "Wij beginnen dit najaar aan onze Lokale Inclusie Agenda. Vorige keer schreven we eerst een "
                "concept en vroegen we daarna om reacties. Dat voelde achteraf als te laat.\n\n"
                "Hoe hebben jullie inwoners met een beperking vanaf de eerste bijeenkomst betrokken?",
            ),
            (
                "fatima_elamrani",
                30,
                "Begin met de vraag wat inwoners zelf belangrijk vinden, nog voordat er een opzet ligt. In Zwolle "
                "hebben we per levensdomein een tafel gemaakt: wonen, werk, vervoer, vrije tijd. Aan elke tafel "
                "zaten minstens twee ervaringsdeskundigen.",
            ),
            (
                "sanne_jansen",
                29,
                "Wij hebben een kernteam van vijf inwoners dat meeschrijft aan de tekst. Ze krijgen een "
                "vergoeding en de stukken een week van tevoren, in een toegankelijk formaat.",
            ),
            (
                "pieter_vandijk",
                28,
                "Denk ook aan de uitnodiging zelf. Een PDF die een schermlezer niet kan lezen, sluit mensen al "
                "uit voordat het gesprek begint.",
            ),
            (
                "jeroen_devries",
                27,
                "Dank jullie wel. We gaan het met tafels per levensdomein proberen en vragen @fatima_elamrani of "
                "ze de eerste bijeenkomst mee wil voorbereiden.",
            ),
            (
                "mohamed_ouali",
                25,
                "Nodig ook mensen uit die je nog niet kent. Via buurthuizen en sportclubs bereik je inwoners die "
                "nooit in een adviesraad zullen gaan zitten.",
            ),
        ],
    },
    {
        "title": "Vergoeding voor ervaringsdeskundigen: wat is redelijk?",
        "category": "ervaringsdeskundigheid",
        "posts": [
            (
                "fatima_elamrani",
                21,
                "Ik word steeds vaker gevraagd om mee te denken. Soms krijg ik een bos bloemen, soms een "
                "uurtarief. Wat is bij jullie de afspraak?",
            ),
            (
                "jeroen_devries",
                21,
                "In Deventer krijgen leden van het kernteam een vrijwilligersvergoeding plus reiskosten. Voor "
                "een training die iemand geeft, betalen we een tarief zoals voor andere trainers.",
            ),
            (
                "ingrid_bakker",
                20,
                "Let op dat een vergoeding geen gevolgen heeft voor een uitkering. Vraag dat na bij de gemeente "
                "voordat je iets afspreekt.",
            ),
            (
                "ruud_smit",
                19,
                "Wilt u ervaringsdeskundigen inhuren zonder gedoe? Ons bureau levert ze binnen een week. Bel "
                "vandaag nog voor een offerte met 20% korting!",
            ),
            (
                "pieter_vandijk",
                18,
                "Het gaat niet alleen om geld. Waardering is ook: op tijd de stukken krijgen, en achteraf horen "
                "wat er met je advies is gedaan.",
            ),
        ],
        # The reply of ruud_smit is reported by three members and hidden until a moderator looks at it.
        "reported": {"author": "ruud_smit", "by": ["fatima_elamrani", "ingrid_bakker", "pieter_vandijk"]},
    },
    {
        "title": "Toegankelijke stembureaus: onze checklist",
        "category": "toegankelijkheid",
        "posts": [
            (
                "pieter_vandijk",
                16,
                "Voor de verkiezingen hebben we met een groep inwoners alle stembureaus in Nijmegen bezocht. "
                "Dit keken we na:\n\n"
                "1. Kun je er met een rolstoel of rollator in, zonder drempel?\n"
                "2. Is er een stemhokje op zithoogte?\n"
                "3. Is er een leesloep en een stemmal voor wie slechtziend of blind is?\n"
                "4. Weten de leden van het stembureau wat ze moeten doen als iemand hulp vraagt?\n\n"
                "Wie wil de volledige lijst hebben?",
            ),
            (
                "sanne_jansen",
                16,
                "Graag! Wij zijn vooral benieuwd hoe jullie de leden van het stembureau hebben voorbereid.",
            ),
            (
                "pieter_vandijk",
                15,
                "Er is een korte instructie van tien minuten bij de training voor stembureauleden gekomen. Twee "
                "ervaringsdeskundigen vertellen daarin wat ze nodig hebben.",
            ),
            (
                "fatima_elamrani",
                14,
                "Vergeet het parkeren niet. Een toegankelijke ingang heeft weinig zin als er geen "
                "gehandicaptenparkeerplaats in de buurt is.",
            ),
            (
                "jeroen_devries",
                12,
                "We nemen de checklist over voor Deventer. Is het goed als we jullie naam erbij zetten?",
            ),
        ],
    },
    {
        "title": "Prikkelarme bijeenkomsten organiseren",
        "category": "toegankelijkheid",
        "posts": [
            (
                "ingrid_bakker",
                11,
                "In ons buurthuis willen we een avond organiseren die ook prettig is voor mensen met autisme of "
                "hersenletsel. Wat moeten we zeker regelen?",
            ),
            (
                "pieter_vandijk",
                11,
                "Een stille ruimte waar je even heen kunt, geen muziek op de achtergrond, en vooraf een "
                "programma met tijden. Dan weet iedereen wat er komt.",
            ),
            (
                "mohamed_ouali",
                10,
                "Bij ons werkte een vast aanspreekpunt met een gekleurd hesje goed. Mensen wisten meteen bij wie "
                "ze terecht konden.",
            ),
            (
                "ingrid_bakker",
                9,
                "Goede tips, dank jullie. We sturen ook vooraf foto's van de zaal mee, zodat mensen weten hoe "
                "het eruitziet.",
            ),
        ],
    },
    {
        "title": "Mensen maken Nederland: vrijwilligers met een beperking werven",
        "category": "vrijwilligerswerk",
        "posts": [
            (
                "mohamed_ouali",
                8,
                "In Nederland zetten zo'n 6,7 miljoen mensen zich vrijwillig in. Mensen met een beperking zitten "
                "daar nog te weinig tussen, terwijl velen graag iets willen doen.\n\n"
                "De campagne *Mensen maken Nederland* uit het Nationaal Jaar Vrijwillige Inzet kun je als "
                "gemeente gratis op maat maken. Heeft iemand dat gedaan om juist deze groep aan te spreken?",
            ),
            (
                "ingrid_bakker",
                7,
                "Wij hebben de posters gebruikt met foto's van onze eigen vrijwilligers, onder wie twee mensen in "
                "een rolstoel. Dat leverde meer reacties op dan een gewone oproep.",
            ),
            (
                "jeroen_devries",
                7,
                "Let op de vacatureteksten. Zinnen als *je bent stressbestendig en flexibel* schrikken veel "
                "mensen af. Beschrijf liever wat iemand gaat doen en welke hulp er is.",
            ),
            (
                "fatima_elamrani",
                6,
                "En vraag niet alleen wat iemand niet kan. Ik werd jarenlang alleen gevraagd als "
                "'ervaringsdeskundige', nooit gewoon als vrijwilliger bij de bibliotheek.",
            ),
        ],
    },
    {
        "title": "Maatjesproject: hoe houd je vrijwilligers vast?",
        "category": "vrijwilligerswerk",
        "posts": [
            (
                "ingrid_bakker",
                5,
                "Ons maatjesproject koppelt vrijwilligers aan inwoners met een licht verstandelijke beperking. "
                "Na een jaar stopt ongeveer de helft van de vrijwilligers. Herkent iemand dat?",
            ),
            (
                "mohamed_ouali",
                4,
                "Heel herkenbaar. Wat helpt: elke drie maanden een kort gesprek met de coördinator, en een "
                "avond waarop maatjes elkaar ontmoeten. Dan sta je er niet alleen voor.",
            ),
            (
                "sanne_jansen",
                3,
                "Spreek vooraf een periode af, bijvoorbeeld een jaar. Wie daarna stopt, heeft zijn belofte "
                "gehouden en komt later makkelijker terug.",
            ),
        ],
        # A first post by the new member: waits for approval (not shown until a moderator approves it).
        "pending": (
            "noor_visser",
            0,
            "Ik ben net begonnen als maatje. Wat mij helpt is een vaste dag in de week; dan wordt het vanzelf een "
            "gewoonte voor ons allebei.",
        ),
    },
    {
        "title": "Verslag netwerkbijeenkomst: van 25 naar 58 gemeenten",
        "category": "lokale-inclusie-agenda",
        "locked": True,
        "posts": [
            (
                "sanne_jansen",
                35,
                "Het netwerk begon met een groep van 25 koplopergemeenten. Inmiddels hebben 58 gemeenten het "
                "manifest *Iedereen doet mee!* ondertekend, en sinds september 2020 werken we als open netwerk "
                "verder.\n\n"
                "Op de bijeenkomst spraken we over drie dingen: kennis delen via dit forum, bijeenkomsten in het "
                "land, en gemeenten aan elkaar koppelen die met dezelfde vraag bezig zijn.",
            ),
            (
                "jeroen_devries",
                34,
                "Dank voor het verslag. Het koppelen vond ik het waardevolst: wij zijn nu in gesprek met een "
                "gemeente die hetzelfde probleem met leerlingenvervoer had.",
            ),
            (
                "sanne_jansen",
                33,
                "Dit onderwerp is gesloten. Vragen over de volgende bijeenkomst? Begin gerust een nieuw onderwerp.",
            ),
        ],
    },
]

# Reactions on the first pages of each page type that takes them (lessons, stories, agendas).
REACTIONS = [
    (
        "ingrid_bakker",
        "Herkenbaar! Wij merkten hetzelfde: wie persoonlijk gevraagd wordt, zegt veel vaker ja dan wie een "
        "oproep in de krant leest.",
    ),
    (
        "mohamed_ouali",
        "Goed om te lezen hoe jullie dit hebben aangepakt. Mag ik deze aanpak delen met de organisaties die ik "
        "begeleid?",
    ),
    (
        "fatima_elamrani",
        "Wat mij opvalt: de mensen om wie het gaat, vertellen hier zelf hun verhaal. Zo hoort het.",
    ),
]

# (username, what they follow: ("forum",) / ("category", slug) / ("topic", title), frequency)
FOLLOWS = [
    ("sanne_jansen", ("forum",), "instant"),
    ("jeroen_devries", ("category", "lokale-inclusie-agenda"), "daily"),
    ("fatima_elamrani", ("topic", "Vergoeding voor ervaringsdeskundigen: wat is redelijk?"), "instant"),
    ("pieter_vandijk", ("category", "toegankelijkheid"), "weekly"),
    ("ingrid_bakker", ("topic", "Maatjesproject: hoe houd je vrijwilligers vast?"), "instant"),
]
