"""Public figures that news calls by surname alone: the usual full name behind "Trump", "Mr. Putin" or
"President Xi" when the article itself never gives it (a reader is expected to know who "Trump" is).

    usual_name("Trump") -> "Donald Trump"
    usual_name("Smith") -> None

A lexicon of world knowledge, not of the pages newstrace was tuned on: heads of state and government, and the
other politicians and business leaders most often named by surname alone in English-language news of the late
2010s (the period of the project's corpora). Only surnames that hardly anyone else in the news carries are listed:
"Clinton", "Sanders", "Warren", "Johnson", "Kim" or "Abe" are left out, since the surname alone could be another
person or an ordinary word. What the article says always comes first: a full name it gives ("Ivanka Trump") wins.
"""
from __future__ import annotations

from types import MappingProxyType

USUAL_NAMES = MappingProxyType({
    # United States
    "trump": "Donald Trump", "obama": "Barack Obama", "biden": "Joe Biden", "pelosi": "Nancy Pelosi",
    "mcconnell": "Mitch McConnell", "schiff": "Adam Schiff", "giuliani": "Rudy Giuliani", "pompeo": "Mike Pompeo",
    "mnuchin": "Steven Mnuchin", "kushner": "Jared Kushner", "mulvaney": "Mick Mulvaney", "mueller": "Robert Mueller",
    "comey": "James Comey", "kavanaugh": "Brett Kavanaugh", "buttigieg": "Pete Buttigieg",
    "ocasio-cortez": "Alexandria Ocasio-Cortez", "bannon": "Steve Bannon", "sondland": "Gordon Sondland",
    "yovanovitch": "Marie Yovanovitch", "vindman": "Alexander Vindman", "lighthizer": "Robert Lighthizer",
    "kudlow": "Larry Kudlow",
    # heads of state and government elsewhere
    "putin": "Vladimir Putin", "xi": "Xi Jinping", "merkel": "Angela Merkel", "macron": "Emmanuel Macron",
    "netanyahu": "Benjamin Netanyahu", "erdogan": "Recep Tayyip Erdogan", "erdoğan": "Recep Tayyip Erdoğan",
    "modi": "Narendra Modi", "zelensky": "Volodymyr Zelensky", "zelenskiy": "Volodymyr Zelenskiy",
    "trudeau": "Justin Trudeau", "bolsonaro": "Jair Bolsonaro", "maduro": "Nicolás Maduro", "rouhani": "Hassan Rouhani",
    "khamenei": "Ali Khamenei", "assad": "Bashar al-Assad", "duterte": "Rodrigo Duterte", "ardern": "Jacinda Ardern",
    "corbyn": "Jeremy Corbyn", "farage": "Nigel Farage", "juncker": "Jean-Claude Juncker", "guterres": "António Guterres",
    "lukashenko": "Alexander Lukashenko", "orban": "Viktor Orban", "orbán": "Viktor Orbán",
    # business and public life
    "zuckerberg": "Mark Zuckerberg", "musk": "Elon Musk", "bezos": "Jeff Bezos", "thunberg": "Greta Thunberg",
})


def usual_name(surname: str) -> str | None:
    """The usual full name of the public figure news calls ``surname`` alone, or None (also for surnames shared
    too widely, or too often an ordinary word, to guess)."""
    return USUAL_NAMES.get(surname.strip().lower())
