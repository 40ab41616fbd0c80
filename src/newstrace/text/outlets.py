"""News outlets and agencies: the one list every stage uses to tell an outlet from another organisation.

    is_outlet_name("The Washington Post")  -> True
    is_outlet_name("Ministry of Finance")  -> False

A name is an outlet when it is a known outlet (``OUTLET_NAMES``: agencies, broadcasters, papers and sites seen as
sources in PolNeAR, the seed and the speakers-dev pages, plus the largest English-language outlets), or when one
of its words is a word only outlet names use (``OUTLET_WORDS``: "Times", "Gazette", "Reuters"...), or when it is a
generic description of an outlet (``OUTLET_DESCRIPTIONS``: "the newspaper", "the broadcaster").
"""
from __future__ import annotations

import re
import unicodedata

# Words that make a proper name an outlet's ("The Sioux Falls Argus Leader" is caught by its known name;
# "The Daily Telegraph" by "telegraph"). Only words rarely found in the names of other organisations: "news"
# and "press" are kept because organisations named "... News"/"... Press" are outlets or publishers.
OUTLET_WORDS = frozenset("""
times post journal tribune herald guardian telegraph gazette courier reuters bloomberg cnn msnbc nbc abc cbs bbc
npr pbs politico axios breitbart newsweek newspaper newspapers magazine daily news press xinhua tass ap afp yahoo
buzzfeed vox slate huffpost wire chronicle examiner inquirer tabloid telegram intercept tv radio television
broadcaster broadcasters outlet outlets agence dpa efe ansa kyodo yonhap ruptly tmz gizmodo mashable techcrunch
engadget verge wired variety deadline
""".split())
# Known outlet names (folded to lower case, "the" dropped) that carry no word of OUTLET_WORDS, and one-word
# outlets that are never a person's name (so that the NER's "Politico reported" tagged a person is an outlet).
OUTLET_NAMES = frozenset("""
associated press|wall street journal|financial times|usa today|los angeles times|new york times|washington post|
hollywood reporter|wrap|argus leader|sioux falls argus leader|deadline|variety|atlantic|economist|hill|vice|
business insider|insider|forbes|fortune|guardian|independent|observer|sun|mirror|express|star|globe and mail|
sky|sky news|mail|mail on sunday|time|fast company|al jazeera|rt|sputnik|interfax|ria novosti|fox|fox news|the daily beast|daily beast|salon|slate|vox|
quartz|axios|propublica|mother jones|national review|the federalist|federalist|daily caller|daily wire|
drudge report|newsmax|oann|one america news|ny post|nypost|la times|wapo|nyt|wsj|ft|scmp|
south china morning post|global times|china daily|people's daily|xinhua|tass|ruptly|anadolu|france 24|dw|
deutsche welle|euronews|venturebeat|the verge|verge|ars technica|cnet|zdnet|techcrunch|recode|
gizmodo|kotaku|polygon|ign|espn|bleacher report|the athletic|sports illustrated|tmz|e! news|
us weekly|page six|entertainment weekly|rolling stone|billboard|pitchfork|screen rant|collider|indiewire|
deccan herald|times of india|hindustan times|ndtv|pti|press trust of india|ani|the hindu|hindu|dawn|
abc news|cbs news|nbc news|bbc news|cnbc|marketwatch|barron's|the information|semafor|punchbowl news|
livescience|live science|space.com|new scientist|nature news|science news|stat news|healthline|webmd|
medical news today|mediaite|raw story|the blaze|blaze|infowars|zerohedge|zero hedge|
politico|reuters|cnn|msnbc|npr|pbs|bbc|afp|buzzfeed|huffpost|breitbart|newsweek|mashable|engadget|globalpost
""".replace("\n", "").split("|"))
# The known names without their spaces ("dailycaller", "nypost" as sites write them).
_COMPACT_NAMES = frozenset(name.replace(" ", "") for name in OUTLET_NAMES if " " in name)
# Descriptions that stand for an outlet without naming it.
OUTLET_DESCRIPTIONS = re.compile(
    r"^(?:the|a|an|one|another)?\s*(?:local |national |state |state-run |state-owned |online |news |wire |media |"
    r"british |american |chinese |russian |german |french |indian |u\.s\. |us |uk |afghan |foreign |western )*"
    r"(?:newspaper|outlet|news outlet|news agency|news organi[sz]ation|agency report|magazine|network|broadcaster|tabloid|"
    r"news site|news source|news portal|portal|website|wire service|daily|weekly|channel|station|media|news media|"
    r"outlets|news outlets|newspapers|news agencies|news organi[sz]ations|news sites|news stations|networks|"
    r"broadcasters|tabloids|websites|channels)$", re.I)


def fold(name: str) -> str:
    """A name folded for lookup: accents and curly quotes off, lower case, leading "the" and trailing
    possessive dropped, whitespace single."""
    name = unicodedata.normalize("NFKD", name.replace("’", "'").replace("\u00ad", ""))
    name = "".join(ch for ch in name if not unicodedata.combining(ch)).lower().strip(" .,;:\"'“”")
    name = re.sub(r"'s$", "", name)
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"\s+", " ", name)


def is_outlet_name(name: str, by_words: bool = True) -> bool:
    """Whether ``name`` names a news outlet or agency (or describes one: "the newspaper"); with ``by_words``
    False only known names and descriptions count, not a name merely holding an outlet word."""
    folded = fold(name)
    if not folded:
        return False
    if folded in OUTLET_NAMES or OUTLET_DESCRIPTIONS.match(folded):
        return True
    if folded.replace("-", " ") in OUTLET_NAMES or folded.replace(" ", "") in _COMPACT_NAMES:
        return True  # "al-Jazeera", "dailycaller"
    return by_words and any(word in OUTLET_WORDS for word in re.findall(r"[a-z0-9!]+", folded))


def is_outlet_description(name: str) -> bool:
    """Whether ``name`` describes an outlet without naming it ("the newspaper", "a news agency")."""
    return bool(OUTLET_DESCRIPTIONS.match(fold(name)))


def same_outlet(first: str, second: str) -> bool:
    """Whether two names are the same outlet, spacing, case and a web suffix aside ("CBSSports.com" and
    "CBS Sports", "usatoday" and "USA Today")."""
    def key(name: str) -> str:
        return re.sub(r"(?:com|couk|org|net)$", "", re.sub(r"[^a-z0-9]", "", fold(name).replace(".", " ")))
    return bool(key(first)) and key(first) == key(second)
