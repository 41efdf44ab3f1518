"""Twenty demo agendas in every status. ``pdf``: "tagged" (accessible), "untagged" (shows the warning) or absent."""

import datetime

from networks.models.choices import AgendaStatus as S
from networks.models.choices import LifeDomainCode as D

d = datetime.date

AGENDAS = [
    {
        "cbs_code": "GM0193",  # Zwolle
        "status": S.PRESENTED,
        "adopted_on": d(2021, 6, 14),
        "presented_on": d(2021, 10, 1),
        "period": (2021, 2025),
        "domains": [D.HOUSING, D.MOBILITY, D.WORK_AND_INCOME, D.PARTICIPATION],
        "summary": "Zwolle wil dat wonen, reizen en werken voor iedereen vanzelf gaan. De gemeente bouwt "
        "meer levensloopbestendige woningen en maakt bushaltes en looproutes toegankelijk. Werkgevers krijgen "
        "hulp om mensen met een beperking aan te nemen",
        "lived_experience": "Een adviesraad van twaalf ervaringsdeskundigen schreef de agenda mee. Zij toetsen elk "
        "jaar of de plannen in de praktijk werken",
        "pdf": "tagged",
    },
    {
        "cbs_code": "GM0150",  # Deventer
        "status": S.EVALUATING,
        "adopted_on": d(2019, 11, 4),
        "presented_on": d(2020, 2, 20),
        "period": (2020, 2024),
        "domains": [D.INFORMATION, D.ACCESSIBILITY, D.LEISURE_AND_SPORT],
        "summary": "Deventer maakte de binnenstad, de bibliotheek en de sporthallen beter toegankelijk en schrijft "
        "brieven voortaan in eenvoudige taal. Nu kijkt de gemeente samen met inwoners wat het heeft opgeleverd",
        "lived_experience": "Ervaringsdeskundigen liepen schouwen door de binnenstad en lazen alle standaardbrieven",
        "pdf": "tagged",
    },
    {
        "cbs_code": "GM0153",  # Enschede
        "status": S.PRESENTED,
        "adopted_on": d(2022, 3, 7),
        "presented_on": d(2022, 5, 12),
        "period": (2022, 2026),
        "domains": [D.WORK_AND_INCOME, D.EDUCATION, D.CARE_AND_SUPPORT],
        "summary": "Enschede zet in op werk en onderwijs: stageplekken bij de gemeente zelf, een vast "
        "aanspreekpunt voor ondersteuning en scholen die leerlingen met een beperking welkom heten",
        "lived_experience": "Jongeren met een beperking vertelden in drie werksessies wat hen hielp en wat niet",
        "pdf": "untagged",
    },
    {
        "cbs_code": "GM0014",  # Groningen
        "status": S.ADOPTED,
        "adopted_on": d(2026, 6, 29),
        "period": (2026, 2030),
        "domains": [D.HOUSING, D.ACCESSIBILITY, D.PARTICIPATION],
        "summary": "Groningen legt vast dat nieuwe openbare gebouwen en pleinen vanaf het ontwerp toegankelijk "
        "zijn, en dat inwoners met een beperking meebeslissen over de plannen voor hun wijk",
        "lived_experience": "Het Platform Inclusie Groningen organiseerde gesprekken in alle wijken",
    },
    {
        "cbs_code": "GM0080",  # Leeuwarden
        "status": S.PRESENTED,
        "adopted_on": d(2026, 5, 18),
        "presented_on": d(2026, 9, 24),
        "period": (2026, 2029),
        "domains": [D.LEISURE_AND_SPORT, D.INFORMATION, D.MOBILITY],
        "summary": "Leeuwarden wil dat cultuur, sport en evenementen voor iedereen open staan. Er komt een "
        "toegankelijkheidskaart van de stad en evenementen krijgen een checklist",
        "lived_experience": "Ervaringsdeskundigen testten de kaart en zitten in de jury van de evenementensubsidie",
        "pdf": "tagged",
    },
    {
        "cbs_code": "GM0106",  # Assen
        "status": S.IN_PREPARATION,
        "period": (2027, 2030),
        "domains": [D.CARE_AND_SUPPORT, D.HOUSING],
        "summary": "Assen schrijft een agenda over zorg en wonen: langer thuis wonen met de juiste "
        "ondersteuning, en minder formulieren",
        "lived_experience": "Een klankbordgroep van inwoners met een beperking leest elke versie mee",
    },
    {
        "cbs_code": "GM0034",  # Almere
        "status": S.PRESENTED,
        "adopted_on": d(2025, 12, 8),
        "presented_on": d(2026, 10, 30),
        "period": (2026, 2030),
        "domains": [D.MOBILITY, D.WORK_AND_INCOME, D.EDUCATION, D.ACCESSIBILITY],
        "summary": "Almere wil een stad zijn waar je zonder drempels naar school, werk en winkel reist. Bussen, "
        "haltes en fietspaden worden getoetst door inwoners die er dagelijks gebruik van maken",
        "lived_experience": "Een groep van twintig ervaringsdeskundigen reisde een maand lang mee met het "
        "openbaar vervoer en schreef op wat beter moest",
        "pdf": "tagged",
    },
    {
        "cbs_code": "GM0202",  # Arnhem
        "status": S.ADOPTED,
        "adopted_on": d(2024, 9, 23),
        "period": (2024, 2028),
        "domains": [D.PARTICIPATION, D.INFORMATION],
        "summary": "Arnhem betrekt inwoners met een beperking vanaf het begin bij beleid, en maakt alle "
        "informatie van de gemeente begrijpelijk en goed leesbaar",
        "lived_experience": "De agenda is geschreven door een werkgroep waarvan de helft ervaringsdeskundig is",
    },
    {
        "cbs_code": "GM0268",  # Nijmegen
        "status": S.EVALUATING,
        "adopted_on": d(2018, 12, 10),
        "presented_on": d(2019, 3, 21),
        "period": (2019, 2023),
        "domains": [D.HOUSING, D.LEISURE_AND_SPORT, D.WORK_AND_INCOME],
        "summary": "Nijmegen was een van de eerste gemeenten met een inclusieagenda. De evaluatie laat zien "
        "dat sportclubs en werkgevers goed meededen, en dat wonen meer aandacht nodig heeft",
        "lived_experience": "Ervaringsdeskundigen interviewden andere inwoners voor de evaluatie",
    },
    {
        "cbs_code": "GM0344",  # Utrecht
        "status": S.PRESENTED,
        "adopted_on": d(2023, 4, 3),
        "presented_on": d(2023, 6, 15),
        "period": (2023, 2027),
        "domains": [
            D.WORK_AND_INCOME,
            D.EDUCATION,
            D.HOUSING,
            D.MOBILITY,
            D.LEISURE_AND_SPORT,
            D.INFORMATION,
            D.CARE_AND_SUPPORT,
            D.ACCESSIBILITY,
            D.PARTICIPATION,
        ],  # fmt: skip
        "summary": "Utrecht werkt aan alle negen levensdomeinen van het VN-verdrag. Per domein staan er drie "
        "concrete doelen in de agenda, met een wethouder die ervoor verantwoordelijk is",
        "lived_experience": "Ruim tweehonderd inwoners deden mee aan de gesprekken; een vaste adviesraad volgt de "
        "uitvoering",
        "pdf": "tagged",
    },
    {
        "cbs_code": "GM0307",  # Amersfoort
        "status": S.IN_PREPARATION,
        "period": (2027, 2031),
        "domains": [D.EDUCATION, D.LEISURE_AND_SPORT],
        "summary": "Amersfoort bereidt een agenda voor over onderwijs en vrije tijd: kinderen met en zonder "
        "beperking die samen naar school gaan en samen sporten",
        "lived_experience": "Ouders en jongeren denken mee in een klankbordgroep",
    },
    {
        "cbs_code": "GM0392",  # Haarlem
        "status": S.PRESENTED,
        "adopted_on": d(2022, 10, 17),
        "presented_on": d(2022, 12, 3),
        "period": (2023, 2026),
        "domains": [D.ACCESSIBILITY, D.INFORMATION, D.CARE_AND_SUPPORT],
        "summary": "Haarlem presenteerde zijn agenda op de Internationale Dag van Mensen met een Beperking. "
        "Het stadhuis, de website en het loket worden toegankelijk voor iedereen",
        "lived_experience": "Ervaringsdeskundigen presenteerden de agenda zelf aan de gemeenteraad",
    },
    {
        "cbs_code": "GM0599",  # Rotterdam
        "status": S.ADOPTED,
        "adopted_on": d(2025, 11, 20),
        "period": (2026, 2030),
        "domains": [D.WORK_AND_INCOME, D.MOBILITY, D.HOUSING],
        "summary": "Rotterdam richt zich op werk, vervoer en wonen. De gemeente wil dat meer inwoners met een "
        "beperking een betaalde baan hebben en zelfstandig door de stad kunnen reizen",
        "lived_experience": "De agenda bouwt voort op gesprekken met belangenorganisaties en inwoners in elk gebied",
    },
    {
        "cbs_code": "GM0546",  # Leiden
        "status": S.IN_PREPARATION,
        "domains": [D.PARTICIPATION, D.ACCESSIBILITY],
        "summary": "Leiden begint met een inventarisatie: wat gaat er al goed, en waar lopen inwoners tegenaan? "
        "De agenda volgt in het voorjaar",
        "lived_experience": "Inwoners met een beperking maken de inventarisatie samen met ambtenaren",
    },
    {
        "cbs_code": "GM0505",  # Dordrecht
        "status": S.PRESENTED,
        "adopted_on": d(2024, 2, 12),
        "presented_on": d(2024, 4, 18),
        "period": (2024, 2027),
        "domains": [D.LEISURE_AND_SPORT, D.CARE_AND_SUPPORT],
        "summary": "Dordrecht maakt vrije tijd toegankelijk: aangepaste sportlessen, rolstoeltoegankelijke "
        "evenementen en vrijwilligers die mensen ophalen",
        "lived_experience": "Een panel van ervaringsdeskundigen beoordeelt elk jaar de evenementen",
    },
    {
        "cbs_code": "GM0687",  # Middelburg
        "status": S.ADOPTED,
        "adopted_on": d(2026, 3, 30),
        "period": (2026, 2029),
        "domains": [D.MOBILITY, D.ACCESSIBILITY],
        "summary": "Middelburg pakt de oude binnenstad aan: kinderkopjes, hoge stoepen en smalle doorgangen "
        "worden stap voor stap toegankelijk gemaakt",
        "lived_experience": "Rolstoelgebruikers en blinde inwoners liepen mee bij de schouw van de binnenstad",
    },
    {
        "cbs_code": "GM0772",  # Eindhoven
        "status": S.EVALUATING,
        "adopted_on": d(2020, 5, 25),
        "presented_on": d(2020, 10, 8),
        "period": (2020, 2024),
        "domains": [D.WORK_AND_INCOME, D.EDUCATION, D.INFORMATION],
        "summary": "Eindhoven presenteerde zijn agenda online, midden in de coronatijd. De evaluatie gaat over "
        "werk en onderwijs, en over digitale informatie die iedereen kan gebruiken",
        "lived_experience": "Ervaringsdeskundigen leidden de online presentatie en de evaluatiegesprekken",
    },
    {
        "cbs_code": "GM0855",  # Tilburg
        "status": S.PRESENTED,
        "adopted_on": d(2025, 4, 14),
        "presented_on": d(2025, 6, 5),
        "period": (2025, 2029),
        "domains": [D.HOUSING, D.CARE_AND_SUPPORT, D.PARTICIPATION],
        "summary": "Tilburg bouwt woningen waarin mensen met en zonder beperking samen wonen, en zorgt dat "
        "ondersteuning dichtbij en zonder wachttijd te krijgen is",
        "lived_experience": "De agenda kwam tot stand in een denktank met inwoners, zorgaanbieders en de gemeente",
    },
    {
        "cbs_code": "GM0935",  # Maastricht
        "status": S.IN_PREPARATION,
        "period": (2027, 2030),
        "domains": [D.INFORMATION, D.LEISURE_AND_SPORT],
        "summary": "Maastricht werkt aan een agenda voor toegankelijke cultuur en informatie, in drie talen en "
        "in eenvoudige taal",
        "lived_experience": "Doven en slechthorenden adviseren over informatie en evenementen",
    },
    {
        "cbs_code": "GM0164",  # Hengelo
        "status": S.IN_PREPARATION,
        "domains": [D.WORK_AND_INCOME, D.MOBILITY],
        "summary": "Hengelo onderzoekt samen met werkgevers en inwoners hoe mensen met een beperking makkelijker "
        "aan het werk komen en er ook kunnen komen",
        "lived_experience": "Werkzoekenden met een beperking vertellen hun verhaal in de werksessies",
    },
]
