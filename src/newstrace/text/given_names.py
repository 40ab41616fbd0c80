"""Common English given names that are used almost only for one sex: a person's likely gender when the article
never says it ("Tom Harper" is not the "she" of the next sentence).

A lexicon of first names, not of people: names borne by both sexes often ("Alex", "Jordan", "Taylor", "Charlie",
"Jessie", "Kim", "Sam", "Chris") are left out, and what the article says (an honorific, a pronoun after the name,
"her brother") always comes first.
"""
from __future__ import annotations

MALE = frozenset("""
aaron adam adrian alan albert alexander alfred andrew anthony antonio arthur barry ben benjamin bernard bill billy
bob bobby brad bradley brandon brent brett brian bruce bryan carl carlos charles christopher clarence craig
dale dan daniel darren david dennis derek donald doug douglas duncan dylan earl ed eddie edward eric ernest eugene
evan frank fred frederick gary gavin geoffrey george gerald gilbert glenn gordon graham grant greg gregory harold
harry henry howard hugh ian isaac jack jacob jake james jason jeff jeffrey jeremy jerry jim jimmy joe joel john
johnny jon jonathan jose joseph josh joshua juan justin keith ken kenneth kevin kurt kyle larry lawrence leonard
leroy lewis louis luis luke malcolm marc marco marcus mark martin matt matthew michael mike mitchell nathan neil
nicholas nick noah oliver oscar patrick paul peter phil philip phillip ralph randy ray raymond richard rick
robert roger ronald ross roy russell ryan samuel scott sean seth shane simon stanley stephen steve steven stuart
ted terry thomas tim timothy todd tom tommy tony travis trevor victor vincent walter wayne william willie
""".split())

FEMALE = frozenset("""
abigail alice alicia alison allison amanda amber amy andrea angela anita ann anna anne annie barbara betty beverly
brenda brittany carol caroline carolyn catherine cheryl christina christine cindy claire colleen crystal cynthia
debbie deborah debra denise diana diane donna doris dorothy eileen elaine eleanor elizabeth ellen emily emma
erica erin evelyn fiona florence frances gail gloria grace hannah heather helen holly irene jacqueline jane janet
janice jean jennifer jenny jessica jill joan joanne joyce judith judy julia julie karen kate katherine kathleen
kathryn kathy katie kelly kimberly kristen laura lauren linda lisa lois lori louise lucy lynn margaret maria
marie marilyn martha mary megan melanie melissa michelle monica nancy natalie nicole olivia pamela patricia paula
peggy rachel rebecca rita rose ruth sally samantha sandra sara sarah sharon shirley sophie stephanie susan
suzanne tammy teresa theresa tiffany tina valerie vanessa victoria virginia wanda wendy
""".split())


def given_name_gender(full_name: str) -> str | None:
    """"m" or "f" from the first word of a full name when that given name is almost only one sex's, else None."""
    words = full_name.split()
    if len(words) < 2:
        return None  # a surname alone ("Grant", "Rose") says nothing
    first = words[0].lower()
    return "m" if first in MALE else "f" if first in FEMALE else None
