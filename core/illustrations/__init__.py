"""Illustrations drawn for the demo (``draw.py`` made the PNGs beside this file), with their alt texts.

``seed_demo`` gives a page the illustration whose subject matches its title (``illustration_for``), so a town hall
goes with municipalities, a laptop with online sessions and a portrait with a story.
"""

import hashlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

# key: (file, alt text in Dutch)
ILLUSTRATIONS = {
    "vrijwilligers": "Tekening: drie vrijwilligers aan het werk in een buurttuin; een draagt een krat, een plant "
    "bloemen, een zwaait.",
    "gemeentehuis": "Tekening: een gemeentehuis met vlag en klok, twee mensen lopen ernaartoe.",
    "gesprek": "Tekening: vier mensen in gesprek aan een tafel, met tekstballonnen boven hun hoofd.",
    "handen": "Tekening: vijf handen van verschillende mensen komen samen in het midden.",
    "kennisboostweek": "Tekening: een laptop met een online sessie, vier deelnemers in beeld, en een kop koffie.",
    "buurt": "Tekening: een straat met gekleurde huizen en vlaggetjes, buren maken een praatje.",
    "expeditie": "Tekening: een route over heuvels met vlaggen bij elke etappe, twee mensen onderweg.",
}
PORTRAITS = [f"portret-{number}" for number in range(1, 7)]
PORTRAIT_ALT = "Getekend portret van {name}."

# Words in a title and the illustration that goes with them; the first match wins.
KEYWORDS = [
    (("kennisboost", "sessie", "webinar", "online", "teams", "opname"), "kennisboostweek"),
    (("gemeente", "beleid", "wethouder", "ambtenaar", "stadhuis", "subsidie"), "gemeentehuis"),
    (("gesprek", "taalcafé", "teamdag", "talkshow", "workshop", "maatje", "zorg", "gastvrouw", "vraag"), "gesprek"),
    (("tuin", "buurt", "wijk", "dorp", "initiatie"), "buurt"),
    (("mensen maken nederland", "samen", "klus", "welkom"), "handen"),
    (("expeditie", "route", "etappe"), "expeditie"),
    (("vrijwillig", "aan de slag", "werven", "werving", "jongeren"), "vrijwilligers"),
]


def _pick(text, choices):
    digest = hashlib.sha256(text.encode()).digest()
    return choices[digest[0] % len(choices)]


def illustration_for(title):
    """(key, path, alt text) of the illustration for a demo image with this title. "Portret: <naam>" gets one of
    the portraits (the same one for the same name)."""
    if title.startswith("Portret:"):
        name = title.split(":", 1)[1].strip()
        key = _pick(name, PORTRAITS)
        return key, HERE / f"{key}.png", PORTRAIT_ALT.format(name=name)
    lowered = title.lower()
    key = next((key for words, key in KEYWORDS if any(word in lowered for word in words)), None)
    if key is None:
        key = _pick(title, sorted(ILLUSTRATIONS))
    return key, HERE / f"{key}.png", ILLUSTRATIONS[key]
