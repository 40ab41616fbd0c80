"""Language told from the text (not the page's declaration), and bylines cleaned of agencies and glued words."""
from newstrace import Document, extract_document
from newstrace.extract._lang import detect_language, resolve_language
from newstrace.extract._meta import clean_authors

GERMAN = ("Der Stadtrat hat am Donnerstag mit großer Mehrheit beschlossen, dass die Fähre zwischen Saltmere und den "
          "Inseln auch im nächsten Jahr fahren wird. Die Kosten für den Betrieb werden von der Stadt und dem Land "
          "getragen. „Wir haben lange dafür gekämpft, und nun ist es endlich so weit“, sagte die Bürgermeisterin "
          "nach der Sitzung. Die Opposition kritisierte, dass die Entscheidung ohne eine Prüfung der Zahlen "
          "getroffen worden sei.")
ENGLISH = ("The council said on Thursday that the ferry line between Saltmere and the islands will close in June "
           "after forty years of service, citing falling passenger numbers and rising fuel costs. Islanders said "
           "they had not been consulted and would petition the regional government to keep the service, which "
           "has run since the harbor was rebuilt.")


def test_detects_languages_from_text():
    assert detect_language(GERMAN) == "de"
    assert detect_language(ENGLISH) == "en"
    assert detect_language("Министр заявил в понедельник, что сообщения о переговорах ложны.") == "ru"
    assert detect_language("Too short to tell.") is None


def test_text_language_wins_over_the_declared_one():
    assert resolve_language("en", GERMAN) == "de"
    assert resolve_language("fr", "Short.") == "fr"


def test_german_page_declaring_english_is_german_and_says_statements_are_english_only():
    page = (f'<html lang="en"><head><title>Stadtrat stimmt für neue Fährverbindung</title></head><body><article>'
            f'<h1>Stadtrat stimmt für neue Fährverbindung</h1><p>{GERMAN}</p><p>{GERMAN}</p></article></body></html>')
    article = extract_document(Document(source="de.html", content=page.encode()))
    assert article.language == "de"
    record = article.to_dict()
    assert any("English-only" in note for note in record["notes"])


def test_english_page_has_no_notes():
    page = f'<html lang="en"><head><title>Ferry line to close</title></head><body><article><p>{ENGLISH}</p></article></body></html>'
    article = extract_document(Document(source="en.html", content=page.encode()))
    assert article.language == "en" and article.to_dict()["notes"] == []


def test_statements_skip_non_english_articles():
    from newstrace.analyse import extract_article_statements
    from newstrace.models import Article

    article = Article(id="x", source="de.txt", text=GERMAN, language="de")
    assert extract_article_statements(article, nlp=None) == []  # never reaches the English parser


def test_authors_cleaned():
    assert clean_authors(["JILL LAWLESSAssociated Press"]) == ["Jill Lawless"]
    assert clean_authors(["Finian Cunningham. Sputnik International"]) == ["Finian Cunningham"]
    assert clean_authors(["By JOHN SMITH and Mary Jones, Reuters"]) == ["John Smith", "Mary Jones"]
    assert clean_authors(["John F. Kennedy"]) == ["John F. Kennedy"]
    assert clean_authors(["DAVID McHUGH"]) == ["DAVID McHUGH"]  # mixed case is left as written
