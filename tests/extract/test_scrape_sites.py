"""The text-scrape reader on scrapes laid out unlike the seed (written for these tests, in the style of other sites):
prose before any headline is kept, an agency named in a paragraph is not a photo credit, agency credits are split."""
from newstrace import Document, extract_document

# A wire story pasted from the top: no menu, no headline line, a subhead midway, Reuters named in paragraphs.
WIRE = """WASHINGTON (Reuters) - The Senate on Tuesday passed a bill to fund the port authority for two more years, sending the measure to the House, where leaders said they expected a vote next week.
The measure passed 61-38 after a week of debate over the cost of dredging the harbor channel.
"We got it done, and the harbor stays open," Senator Ellen Marsh told Reuters after the vote.
What happens next
The House speaker's office did not respond to a request for comment from Reuters.
Shipping companies had warned that a lapse in funding would close the channel to larger vessels, according to a letter seen by Reuters.
(Reporting by Tom Hale; Editing by Ana Cruz)
"""

# A blog-style page: a one-sentence teaser above the headline, then the story with a captioned photo.
BLOG = """Skip to content
Menu
Our weekly look at the coast, in three minutes.
Harbor fishermen say new quotas will end the winter season
Posted 12 March 2024
Fishermen in Saltmere said on Monday that the new quotas would end the winter season two months early.
Boats moored in the Saltmere harbor on March 11, 2024. REUTERS/Lena Kord
"Nobody asked us," said Paul Byrne, who has fished from the harbor for thirty years.
The fisheries office said the quotas follow scientific advice and will be reviewed in the autumn.
"""


def extract(text: str, name: str = "scrape.txt"):
    return extract_document(Document(source=name, content=text.encode(), kind="text"))


def test_prose_before_any_headline_is_kept():
    article = extract(WIRE)
    for line in WIRE.strip().splitlines()[:3]:
        assert line in article.text, line
    assert "did not respond to a request for comment from Reuters" in article.text
    assert article.title is None  # the subhead after the story began is not the headline
    assert "What happens next" in article.text


def test_a_paragraph_naming_reuters_is_not_a_photo_credit():
    article = extract(WIRE)
    assert article.captions == []
    assert "according to a letter seen by Reuters" in article.text


def test_teaser_above_the_headline_is_kept_and_the_headline_found():
    article = extract(BLOG)
    assert article.title == "Harbor fishermen say new quotas will end the winter season"
    assert "Our weekly look at the coast, in three minutes." in article.text
    assert "Skip to content" not in article.text and "Menu" not in article.text
    assert article.published == "2024-03-12"
    assert article.standfirst.startswith("Fishermen in Saltmere said on Monday")


def test_agency_credit_is_split_from_the_caption():
    article = extract(BLOG)
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Boats moored in the Saltmere harbor on March 11, 2024.", "REUTERS/Lena Kord")]
    assert "REUTERS/Lena Kord" not in article.text


def test_consent_banner_above_the_headline_is_dropped():
    article = extract("We use cookies to improve your experience on our site.\n" + BLOG)
    assert "cookies" not in article.text
    assert article.title == "Harbor fishermen say new quotas will end the winter season"
