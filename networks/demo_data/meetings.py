"""Demo meetings of the network, two past and two upcoming (days relative to the day the demo is built)."""

from events.models import EventFormat

MEETINGS = [
    {
        "slug": "terugblik-een-jaar-open-netwerk",
        "title": "Terugblik: wat het open netwerk gemeenten bracht",
        "days": -60,
        "hours": (14, 16),
        "format": EventFormat.ONLINE,
        "capacity": 150,
        "municipalities": ["GM0150", "GM0344", "GM0268"],
        "introduction": "Deventer, Utrecht en Nijmegen vertellen wat ze in het netwerk van elkaar leerden, en wat "
        "ze anders zouden doen.",
    },
    {
        "slug": "ervaringsdeskundigen-aan-tafel-werk-en-inkomen",
        "title": "Ervaringsdeskundigen aan tafel: werk en inkomen",
        "days": -20,
        "hours": (10, 12),
        "format": EventFormat.ONLINE,
        "capacity": 80,
        "municipalities": ["GM0153", "GM0599"],
        "introduction": "Inwoners met een beperking en beleidsmakers uit Enschede en Rotterdam over de weg naar "
        "betaald werk: wat helpt, en waar loop je vast?",
    },
    {
        "slug": "online-de-inclusie-agenda-vieren",
        "title": "Online: de presentatie van je Lokale Inclusie Agenda vieren",
        "days": 21,
        "hours": (15, 16),
        "format": EventFormat.ONLINE,
        "capacity": 100,
        "meeting_url": "https://vergaderen.example.nl/iedereen-doet-mee/vieren",
        "municipalities": ["GM0034", "GM0080"],
        "introduction": "Almere en Leeuwarden presenteerden dit najaar hun agenda. Hoe maak je van zo'n moment een "
        "feest waar iedereen bij kan zijn, ook online?",
    },
    {
        "slug": "netwerkbijeenkomst-wonen-en-vervoer-zwolle",
        "title": "Netwerkbijeenkomst wonen en vervoer",
        "days": 45,
        "hours": (13, 17),
        "format": EventFormat.HYBRID,
        "capacity": 40,
        "location": "Stadhuis Zwolle",
        "meeting_url": "https://vergaderen.example.nl/iedereen-doet-mee/wonen-vervoer",
        "municipalities": ["GM0193", "GM0150", "GM0202"],
        "introduction": "Een middag over levensloopbestendig bouwen en toegankelijk openbaar vervoer, met een "
        "wandeling langs de nieuwe bushaltes. Ook online te volgen.",
    },
]
