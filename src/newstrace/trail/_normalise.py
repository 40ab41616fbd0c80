"""Light claim normalisation: the words of a claim reduced so paraphrases meet without a semantic model.

"Russia asked China for military aid" and "Moscow requested Chinese weapons" share no surface words; after
normalisation both read {russia, ask, china, military_aid}. The tables are small and general (demonyms,
capitals used as metonyms, reporting-neutral synonyms); a semantic model, where installed, does better.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"[a-z][a-z'-]*|\d+")
_ACRONYM = re.compile(r"\b(?:[a-z]\.){2,}")  # u.s. -> us, u.k. -> uk

STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from as that this these those it its it's is are was were be been
being has have had having do does did will would shall should can could may might must not no nor than then there
their they them he she his her him we our us you your i me my mine which who whom whose what when where why how all
any both each few more most other some such only own same so too very just also into over under again further once
about against between through during before after above below up down out off s t said says say saying told tell
according reported report reports claim claims claimed claiming alleged allegedly
official officials anonymous anonymously source sources spokesperson spokesman spokeswoman familiar matter
""".split())

# Country words: demonyms and capitals (used as metonyms: "Moscow said") fold to one token.
PLACES = {
    "russia": ("russian", "russians", "moscow", "kremlin"), "china": ("chinese", "beijing"),
    "us": ("usa", "america", "american", "americans", "washington", "white house"),
    "ukraine": ("ukrainian", "ukrainians", "kyiv", "kiev"), "uk": ("britain", "british", "london"),
    "france": ("french", "paris"), "germany": ("german", "germans", "berlin"), "iran": ("iranian", "tehran"),
    "israel": ("israeli", "israelis"), "india": ("indian", "delhi"), "japan": ("japanese", "tokyo"),
    "eu": ("european union", "brussels"), "nato": (), "turkey": ("turkish", "ankara"),
    "syria": ("syrian", "damascus"), "korea": ("korean", "pyongyang", "seoul"),
}
# Synonym groups: the first word stands for the group.
SYNONYMS = (
    ("ask", "asked", "asks", "asking", "request", "requested", "requests", "requesting", "seek", "seeks", "sought",
     "seeking", "demand", "demanded", "demands", "appeal", "appealed", "solicit", "solicited", "want", "wanted"),
    ("aid", "aids", "help", "support", "supports", "assistance", "backing", "equipment", "supplies", "weapons",
     "weapon", "arms", "armaments", "munitions", "ammunition", "hardware"),
    ("military", "militarily", "army", "armed", "defense", "defence", "war"),
    ("sell", "sold", "sale", "selling", "sells", "privatise", "privatize", "privatisation", "privatization"),
    ("buy", "bought", "purchase", "purchased", "acquire", "acquired", "acquisition", "offer", "offered", "bid"),
    ("close", "closed", "closes", "closure", "shut", "shutdown", "shuts"),
    ("kill", "killed", "kills", "dead", "death", "deaths", "died", "die"),
    ("attack", "attacked", "attacks", "strike", "strikes", "struck", "raid", "raids"),
    ("vaccine", "vaccines", "vaccination", "vaccinations", "jab", "jabs", "shot", "shots"),
    ("money", "funds", "funding", "financial", "finance", "cash", "loans", "loan"),
    ("plan", "plans", "planned", "planning", "intend", "intends", "intended", "weigh", "weighs", "weighing",
     "consider", "considers", "considering"),
)
_LOOKUP: dict[str, str] = {}
for head, variants in PLACES.items():
    _LOOKUP[head] = head
    for variant in variants:
        _LOOKUP[variant] = head
for group in SYNONYMS:
    for word in group:
        _LOOKUP.setdefault(word, group[0])


def _stem(word: str) -> str:
    """A crude English stemmer for words outside the tables (plural and verb endings)."""
    for suffix, keep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix == "s" and word[-2] in "usi":  # "anonymous", "press", "crisis" are not plurals
                return word
            return word[: -len(suffix)] + keep
    return word


def normalise(text: str) -> list[str]:
    """Content words of ``text``, folded: places, synonym groups, then a light stem."""
    lowered = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text.lower())
    lowered = lowered.replace("white house", "us").replace("european union", "eu")
    out = []
    for word in _WORD.findall(lowered):
        word = word.strip("'-")
        if not word or word in STOPWORDS:
            continue
        folded = _LOOKUP.get(word) or _LOOKUP.get(word.rstrip(".")) or _stem(word)
        if folded not in STOPWORDS:
            out.append(folded)
    return out
