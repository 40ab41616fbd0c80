"""Statement extraction (who said what, when, on whose authority) over spaCy's English pipeline.

    nlp = load_pipeline()
    statements = extract_statements(text, nlp, published="2022-03-14")

Statements follow DESIGN.md's contract; offsets are character offsets into ``text``.
"""
from __future__ import annotations

from spacy.language import Language

from ..models import Article, reads_statements, statement_extent
from ._extract import extract_statements, statements_from_docs
from ._pipeline import PipelineMissing, load_pipeline

__all__ = ["PipelineMissing", "extract_article_statements", "extract_statements", "load_pipeline",
           "statements_from_docs"]


def extract_article_statements(article: Article, nlp: Language) -> list[dict[str, object]]:
    """Statements of an Article: offsets into ``article.text``; id, source and publication date from the Article.
    None for a page in a language the English parser cannot read (the Article's ``notes`` say so). Only the start of
    a very long text is read (``models.statement_extent``; the notes say so too): the parse costs about a minute a
    megabyte, and a page of megabytes is not an article one reads for quotes."""
    if not reads_statements(article.language):
        return []
    text = article.text[:statement_extent(article.text)]
    return extract_statements(text, nlp, article_id=article.id, source=article.source, outlet=article.outlet,
                              published=article.published)
