"""Texts and members of the demo network, written from the VNG's announcement of 31 August 2020."""

INDEX_INTRO = (
    "<p>In een netwerk leren gemeenten van elkaar: over beleid, over wat werkt en over wat niet werkt. "
    "Ervaringsdeskundige inwoners praten mee, want zij weten als geen ander waar het schuurt.</p>"
)

NETWORK_INTRO = (
    "<p>Al sinds 2016 werken gemeenten samen met inwoners met een beperking aan het VN-verdrag Handicap. "
    "Wat begon met een manifest van 25 koplopers, is sinds september 2020 een open netwerk waarin "
    "gemeenten kennis en inspiratie uitwisselen.</p>"
)

NETWORK_AIMS = [
    ("heading", {"text": "Van manifest naar netwerk", "level": "h2"}),
    (
        "paragraph",
        "<p>Een koplopergroep van 25 gemeenten schreef samen met inwoners met een beperking het manifest "
        "<i>Iedereen doet mee!</i>. Uiteindelijk zetten 58 gemeenten er hun handtekening onder. Het netwerk "
        "gaat verder met de ambities uit dat manifest; het manifest zelf is daarmee afgerond.</p>",
    ),
    ("heading", {"text": "Wat het netwerk doet", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>Gemeenten informeren en inspireren bij het werken aan de doelen van het VN-verdrag Handicap.</li>"
        "<li>Kennis delen op een online forum en tijdens (digitale) bijeenkomsten.</li>"
        "<li>Twee gemeenten aan elkaar koppelen die met hetzelfde bezig zijn; het projectteam van de VNG "
        "brengt ze met elkaar in contact.</li></ul>",
    ),
    ("heading", {"text": "Open en informeel", "level": "h2"}),
    (
        "paragraph",
        "<p>Je hoeft je als gemeente niet aan te melden. Gemeenten en inwoners die samen aan inclusie werken, "
        "schrijven zich in voor de activiteiten die bij hen passen.</p>",
    ),
    ("heading", {"text": "Successen vieren", "level": "h2"}),
    (
        "paragraph",
        "<p>De presentatie van een Lokale Inclusie Agenda is een mijlpaal. Wethouders, ambtenaren en "
        "ervaringsdeskundigen komen er samen voor bij elkaar, op het gemeentehuis of online. Zo'n moment laat "
        "zien dat inclusie geen plan op papier is, maar iets wat een gemeente samen met haar inwoners doet.</p>",
    ),
]

# CBS codes. 25 front-runners wrote the manifest; with the signatories 58 municipalities signed it; the
# participants joined the open network after September 2020.
FRONT_RUNNERS = [
    "GM0193", "GM0150", "GM0153", "GM0014", "GM0080", "GM0106", "GM0034", "GM0202", "GM0268", "GM0200",
    "GM0344", "GM0307", "GM0363", "GM0392", "GM0599", "GM0518", "GM0546", "GM0505", "GM0687", "GM0772",
    "GM0855", "GM0758", "GM0935", "GM0983", "GM0995",
]  # fmt: skip
SIGNATORIES = [
    "GM1952", "GM1969", "GM1895", "GM1900", "GM0090", "GM0074", "GM0114", "GM0118", "GM0119", "GM0141",
    "GM0164", "GM0166", "GM0303", "GM0171", "GM0228", "GM0301", "GM0222", "GM0356", "GM0355", "GM0345",
    "GM0479", "GM0361", "GM0402", "GM0637", "GM0503", "GM0513", "GM0718", "GM0664", "GM0796", "GM0794",
    "GM1883", "GM0917", "GM0957",
]  # fmt: skip
PARTICIPANTS = ["GM1966", "GM1940", "GM1731", "GM0160", "GM0050", "GM0281", "GM0321", "GM0715"]
