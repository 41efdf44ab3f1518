"""Dutch demo content of the Expedities Nieuwe Gezichten: people and organisations.

Dates of running and planned expeditions are given in days relative to the day the demo is built,
so a fresh demo always shows every status.
"""

INDEX_INTRO = (
    "<p>In een <b>Expeditie Nieuwe Gezichten</b> gaat een vrijwilligersorganisatie samen met een opgeleide "
    "expeditieleider op zoek naar meer en andere vrijwilligers: jongeren, nieuwkomers, mensen met een "
    "beperking, medewerkers van bedrijven, studenten en 55-plussers. In een methodisch trainings- en "
    "actieprogramma kijkt de organisatie door drie lenzen naar zichzelf: hoe aantrekkelijk, hoe toegankelijk "
    "en hoe bekend is ze? Na de pilots in 2020 liep het volledige programma vanaf 2021. De expeditieleiders "
    "delen hier wat ze leerden, zodat andere organisaties er hun voordeel mee doen.</p>"
)

LEADERS = [
    {
        "name": "Anna de Jong",
        "region": "groningen",
        "bio": "Anna was twaalf jaar coördinator van een sportclub in het Hogeland. Ze helpt organisaties "
        "om jongeren niet alleen binnen te halen, maar ook te laten blijven.",
        "contact_preference": "email",
        "email": "anna.dejong@kennisplatform.localhost",
    },
    {
        "name": "Mohamed El Amrani",
        "region": "noord-brabant",
        "bio": "Mohamed werkte bij een taalhuis en een zorginstelling. Hij weet hoe je nieuwkomers bereikt "
        "via de mensen die ze al vertrouwen.",
        "contact_preference": "programme_team",
        "email": "",
    },
    {
        "name": "Sanne Visser",
        "region": "zuid-holland",
        "bio": "Sanne is ervaringsdeskundige en adviseur inclusie. Ze kijkt met organisaties naar drempels "
        "die je pas ziet als je er zelf tegenaan loopt.",
        "contact_preference": "programme_team",
        "email": "",
    },
    {
        "name": "Pieter Bakker",
        "region": "overijssel",
        "bio": "Pieter bouwde bij een regionale werkgeversvereniging bruggen tussen bedrijven en "
        "maatschappelijke organisaties.",
        "contact_preference": "programme_team",
        "email": "",
    },
    {
        "name": "Fatma Yilmaz",
        "region": "flevoland",
        "bio": "Fatma is vrijwilligerscoördinator in Almere en traint organisaties in laagdrempelig werven.",
        "contact_preference": "email",
        "email": "fatma.yilmaz@kennisplatform.localhost",
    },
]

ORGANISATIONS = {
    "VV De Zwaluwen": ("sports_club", "Het Hogeland", ""),
    "Zorgcentrum De Lindehof": ("care", "Tilburg", ""),
    "Stadsmoestuin Oostpoort": ("nature", "Delft", ""),
    "Harmonie Excelsior": ("culture", "Venlo", ""),
    "Buurthuis De Schakel": ("welfare", "Zwolle", ""),
    "Voedselbank Zwolle": ("welfare", "Zwolle", ""),
    "Natuurwerkgroep Wad en Weide": ("nature", "Leeuwarden", ""),
    "Taalhuis Almere": ("education", "Almere", ""),
}


def lens(kind, situation, actions):
    return ("lens", {"lens": kind, "starting_situation": situation, "actions": actions})


def phase(title, start, end=None, description=""):
    return ("phase", {"title": title, "start_date": start, "end_date": end, "description": description})
