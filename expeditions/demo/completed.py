"""Completed expeditions of the demo: the 2020 pilot and the full programme from 2021."""

from .people import lens, phase

COMPLETED = [
    {
        "slug": "vv-de-zwaluwen-verjongt-haar-kader",
        "title": "VV De Zwaluwen verjongt haar kader",
        "province": "groningen",
        "start": "2020-09-14",
        "end": "2020-12-18",
        "organisations": ["VV De Zwaluwen"],
        "leaders": ["Anna de Jong"],
        "themes": ["Jongeren", "Werving"],
        "summary": "Een pilot in 2020: een voetbalclub op het Groningse platteland zoekt jonge trainers en "
        "bestuursleden.",
        "intro": "<p>Bij VV De Zwaluwen draaide alles op een kleine groep vaste vrijwilligers, gemiddeld "
        "ruim zestig jaar oud. In een van de eerste pilotexpedities onderzocht de club hoe jongeren en "
        "studenten een plek krijgen in het kader.</p>",
        "target_groups": [("young_people", 9), ("students", 4)],
        "lenses": [
            lens(
                "attractiveness",
                "<p>Vrijwilligerswerk betekende bij de club: elke zaterdag, het hele seizoen.</p>",
                "<ul><li>Klussen opgeknipt in taken van een paar uur.</li><li>Jeugdspelers mogen trainen "
                "geven als stage voor school.</li></ul>",
            ),
            lens(
                "awareness",
                "<p>Jongeren wisten niet dat de club vrijwilligers zocht; de vacatures hingen alleen in de "
                "kantine.</p>",
                "<ul><li>Oproepen via de appgroepen van de teams.</li></ul>",
            ),
        ],
        "timeline": [
            phase(
                "Startbijeenkomst",
                "2020-09-14",
                description="Bestuur en vaste vrijwilligers kijken door de drie lenzen naar de club.",
            ),
            phase("Actieweken", "2020-10-05", "2020-11-27", "Jongeren proberen korte taken uit."),
            phase("Slotbijeenkomst", "2020-12-18", description="Wat werkte, en wat houden we vast?"),
        ],
        "lessons": [
            {
                "slug": "knip-de-klus-in-stukjes",
                "title": "Knip de klus in stukjes",
                "date": "2020-11-02",
                "lens": "attractiveness",
                "target_group": "young_people",
                "author": "Anna de Jong",
                "summary": "Jongeren zeggen vaker ja tegen een klus van twee uur dan tegen een functie voor een "
                "heel seizoen.",
                "tried": "<p>We schreven elke vrijwilligersfunctie uit in losse taken, zoals 'één keer per maand "
                "de wedstrijdtafel' of 'een training geven aan de F-jes'.</p>",
                "worked": "<p>Binnen zes weken hadden negen jongeren een vaste taak. Meer dan de helft deed "
                "na een maand ook een tweede klus.</p>",
                "not_worked": "<p>Het rooster bijhouden kostte de coördinator meer tijd dan verwacht.</p>",
                "advice": "<p>Begin met één team en één soort klus. Zorg dat er iemand is die de nieuwe "
                "vrijwilligers na afloop bedankt.</p>",
                "themes": ["Jongeren", "Werving"],
            },
            {
                "slug": "vraag-het-via-de-teamapp",
                "title": "Vraag het via de teamapp, niet via de nieuwsbrief",
                "date": "2020-12-10",
                "lens": "awareness",
                "target_group": "students",
                "author": "Anna de Jong",
                "summary": "Een persoonlijke vraag in de appgroep van het team leverde meer op dan drie nieuwsbrieven.",
                "tried": "<p>We plaatsten de oproep voor nieuwe trainers in de nieuwsbrief en op de website.</p>",
                "worked": "<p>Toen de aanvoerders de vraag persoonlijk in de teamapp zetten, meldden zich "
                "vier studenten.</p>",
                "not_worked": "<p>Op de nieuwsbrief kwam geen enkele reactie.</p>",
                "advice": "<p>Laat de vraag stellen door iemand die de doelgroep kent en vertrouwt.</p>",
                "themes": ["Zichtbaarheid"],
            },
        ],
    },
    {
        "slug": "zorgcentrum-de-lindehof-nieuwkomers-als-gastvrouw",
        "title": "Zorgcentrum De Lindehof: nieuwkomers als gastvrouw en gastheer",
        "province": "noord-brabant",
        "start": "2021-02-01",
        "end": "2021-09-30",
        "organisations": ["Zorgcentrum De Lindehof"],
        "leaders": ["Mohamed El Amrani"],
        "themes": ["Inclusie", "Werving"],
        "summary": "Een zorgcentrum in Tilburg verwelkomt statushouders en 55-plussers als vrijwilliger in "
        "het restaurant.",
        "intro": "<p>Door corona stopten veel oudere vrijwilligers bij De Lindehof. Het zorgcentrum wilde "
        "nieuwe mensen vinden, en koos bewust voor nieuwkomers die hun Nederlands willen oefenen.</p>",
        "target_groups": [("newcomers", 7), ("over_55", 5)],
        "lenses": [
            lens(
                "accessibility",
                "<p>Nieuwe vrijwilligers moesten een VOG, een intakegesprek en een training doorlopen "
                "voordat ze iets mochten doen.</p>",
                "<ul><li>Eerst meelopen, daarna pas de papieren.</li><li>Een vaste maatje voor elke nieuwe "
                "vrijwilliger.</li></ul>",
            ),
            lens(
                "attractiveness",
                "<p>Het werk werd omschreven als 'ondersteuning facilitaire dienst'.</p>",
                "<p>De taak heet nu gastvrouw of gastheer, met aandacht voor het gesprek met bewoners.</p>",
            ),
        ],
        "timeline": [
            phase("Intake met het team", "2021-02-01"),
            phase("Meeloopdagen", "2021-04-12", "2021-06-30", "Nieuwkomers lopen mee in het restaurant."),
            phase("Evaluatie", "2021-09-30"),
        ],
        "lessons": [
            {
                "slug": "meelopen-voor-de-papieren",
                "title": "Eerst meelopen, dan pas de papieren",
                "date": "2021-05-20",
                "lens": "accessibility",
                "target_group": "newcomers",
                "author": "Mohamed El Amrani",
                "summary": "Door de intake na een meeloopdag te houden, haakten veel minder nieuwkomers af.",
                "tried": "<p>Geïnteresseerden liepen een ochtend mee in het restaurant, onder begeleiding van "
                "een ervaren vrijwilliger. Het intakegesprek volgde daarna.</p>",
                "worked": "<p>Zeven van de negen nieuwkomers die meeliepen, bleven. Ze wisten na de ochtend "
                "precies waar ze ja tegen zeiden.</p>",
                "not_worked": "<p>De aanvraag van de VOG duurde soms weken; in die tijd mochten ze niet "
                "alleen met bewoners werken.</p>",
                "advice": "<p>Regel de VOG-aanvraag samen met de nieuwe vrijwilliger, op de dag van de intake.</p>",
                "themes": ["Inclusie"],
            },
            {
                "slug": "via-het-taalcafe",
                "title": "Werven via het taalcafé",
                "date": "2021-03-15",
                "lens": "awareness",
                "target_group": "newcomers",
                "author": "Mohamed El Amrani",
                "summary": "De taalcoaches van het taalcafé waren de beste ambassadeurs van De Lindehof.",
                "tried": "<p>We vertelden bij het taalcafé in de wijk over het vrijwilligerswerk in het "
                "restaurant.</p>",
                "worked": "<p>Taalcoaches namen hun deelnemers mee naar een kennismaking.</p>",
                "not_worked": "<p>Een folder in vier talen werd nauwelijks meegenomen.</p>",
                "advice": "<p>Zoek de mensen die de doelgroep al vertrouwt en nodig hén eerst uit.</p>",
                "themes": ["Samenwerking", "Werving"],
            },
            {
                "slug": "oudere-vrijwilligers-als-maatje",
                "title": "Oudere vrijwilligers als maatje",
                "date": "2021-08-30",
                "lens": "attractiveness",
                "target_group": "over_55",
                "author": "Mohamed El Amrani",
                "summary": "55-plussers kwamen terug toen ze een nieuwe rol kregen: maatje van een nieuwe "
                "vrijwilliger.",
                "tried": "<p>We vroegen oud-vrijwilligers om een nieuwe vrijwilliger de eerste weken te "
                "begeleiden.</p>",
                "worked": "<p>Vijf 55-plussers kwamen terug. Ze vonden het maatjesschap zinvoller dan hun oude "
                "taak.</p>",
                "not_worked": "",
                "advice": "<p>Vraag vertrokken vrijwilligers niet om terug te komen, maar om iets nieuws.</p>",
                "themes": ["Werving"],
            },
        ],
    },
    {
        "slug": "stadsmoestuin-oostpoort-zoekt-collega-tuiniers",
        "title": "Stadsmoestuin Oostpoort zoekt collega-tuiniers",
        "province": "zuid-holland",
        "start": "2021-04-06",
        "end": "2021-11-26",
        "organisations": ["Stadsmoestuin Oostpoort"],
        "leaders": ["Sanne Visser"],
        "themes": ["Inclusie", "Samenwerking"],
        "summary": "Een moestuin in Delft wordt toegankelijk voor tuiniers met een beperking en voor teams van "
        "bedrijven.",
        "intro": "<p>Stadsmoestuin Oostpoort wilde een tuin voor iedereen zijn, maar het terrein, de taal van "
        "de website en het rooster bleken drempels. Met expeditieleider Sanne Visser ging de tuin die één "
        "voor één langs.</p>",
        "target_groups": [("people_with_disability", 6), ("employees", 11)],
        "lenses": [
            lens(
                "accessibility",
                "<p>Grindpaden, hoge bakken en geen toegankelijk toilet.</p>",
                "<ul><li>Twee verhoogde bakken op rolstoelhoogte.</li><li>Een geleend toegankelijk toilet bij "
                "de buren.</li></ul>",
            ),
            lens(
                "awareness",
                "<p>Bedrijven in de buurt kenden de tuin niet.</p>",
                "<p>Teamuitjes aangeboden via de lokale ondernemersvereniging.</p>",
            ),
        ],
        "timeline": [
            phase("Schouw met ervaringsdeskundigen", "2021-04-06"),
            phase("Aanpassingen in de tuin", "2021-05-01", "2021-07-15"),
            phase("Teamdagen voor bedrijven", "2021-09-01", "2021-10-29"),
        ],
        "lessons": [
            {
                "slug": "schouw-met-ervaringsdeskundigen",
                "title": "Laat ervaringsdeskundigen de tuin schouwen",
                "date": "2021-05-03",
                "lens": "accessibility",
                "target_group": "people_with_disability",
                "author": "Sanne Visser",
                "summary": "Drie ervaringsdeskundigen vonden in een uur meer drempels dan het bestuur in een jaar.",
                "tried": "<p>We liepen met drie mensen met een beperking over het terrein en lazen samen de "
                "website.</p>",
                "worked": "<p>De lijst met drempels werd concreet en klein: het ging vaak om een pad, een bord "
                "of een zin.</p>",
                "not_worked": "<p>Niet alles was op te lossen: een toegankelijk toilet bouwen was te duur.</p>",
                "advice": "<p>Betaal ervaringsdeskundigen voor hun tijd, net als elke andere adviseur.</p>",
                "themes": ["Inclusie", "Ervaringsdeskundigheid"],
            },
            {
                "slug": "teamdag-als-eerste-kennismaking",
                "title": "Een teamdag als eerste kennismaking",
                "date": "2021-10-15",
                "lens": "attractiveness",
                "target_group": "employees",
                "author": "Sanne Visser",
                "summary": "Medewerkers van bedrijven kwamen voor één dag, en elf van hen bleven.",
                "tried": "<p>We boden bedrijven een teamdag in de tuin aan, met een lunch van eigen oogst.</p>",
                "worked": "<p>Elf medewerkers kwamen daarna op eigen initiatief terug.</p>",
                "not_worked": "<p>Teams van meer dan vijftien mensen waren te groot voor de tuin.</p>",
                "advice": "<p>Maak van de teamdag een begin, geen eindpunt: geef mensen een tweede datum mee.</p>",
                "themes": ["Samenwerking"],
            },
        ],
    },
    {
        "slug": "harmonie-excelsior-jong-talent-achter-de-schermen",
        "title": "Harmonie Excelsior: jong talent achter de schermen",
        "province": "limburg",
        "start": "2022-01-17",
        "end": "2022-06-24",
        "organisations": ["Harmonie Excelsior"],
        "leaders": ["Mohamed El Amrani"],
        "themes": ["Jongeren"],
        "summary": "Een harmonie in Venlo vindt jongeren en studenten voor licht, geluid en sociale media.",
        "intro": "<p>Muzikanten had Harmonie Excelsior genoeg, maar achter de schermen deden steeds dezelfde "
        "mensen alles. De expeditie zocht jongeren die wél van muziek houden, maar geen instrument spelen.</p>",
        "target_groups": [("young_people", 8), ("students", 3)],
        "lenses": [
            lens(
                "attractiveness",
                "<p>Vrijwilligerswerk was 'stoelen zetten'.</p>",
                "<p>Nieuwe rollen: techniek, fotografie en sociale media, met eigen verantwoordelijkheid.</p>",
            ),
        ],
        "timeline": [phase("Start", "2022-01-17"), phase("Concert met jonge crew", "2022-06-24")],
        "lessons": [
            {
                "slug": "geef-jongeren-een-echte-rol",
                "title": "Geef jongeren een echte rol, geen klusjes",
                "date": "2022-04-11",
                "lens": "attractiveness",
                "target_group": "young_people",
                "author": "Mohamed El Amrani",
                "summary": "Jongeren kwamen af op verantwoordelijkheid: het geluid van een heel concert.",
                "tried": "<p>We zochten een jonge geluidstechnicus voor het voorjaarsconcert, met een budget en "
                "vrije hand.</p>",
                "worked": "<p>Acht jongeren meldden zich voor de crew; ze namen vrienden mee.</p>",
                "not_worked": "<p>Oudere leden moesten wennen aan het loslaten van hun taken.</p>",
                "advice": "<p>Bespreek vooraf met de vaste vrijwilligers wat ze uit handen willen geven.</p>",
                "themes": ["Jongeren"],
            },
            {
                "slug": "stage-bij-de-harmonie",
                "title": "Een maatschappelijke stage bij de harmonie",
                "date": "2022-05-30",
                "lens": "accessibility",
                "target_group": "students",
                "author": "Mohamed El Amrani",
                "summary": "Samenwerken met het mbo maakte de stap naar vrijwilligerswerk klein.",
                "tried": "<p>Studenten mediatechniek konden hun stage-uren bij de harmonie maken.</p>",
                "worked": "<p>Drie studenten bleven na hun stage als vrijwilliger.</p>",
                "not_worked": "<p>De stageformulieren van school kostten de secretaris veel tijd.</p>",
                "advice": "<p>Spreek met de school één contactpersoon af voor alle formulieren.</p>",
                "themes": ["Jongeren", "Samenwerking"],
            },
        ],
    },
]
