"""newstrace: trace claims through the news, with every answer pointing to the sentence it rests on."""
from __future__ import annotations

from ._errors import BinaryInput, EmptyInput, InputError, NewstraceError, StoreError, TooLarge, TruncatedInput
from .extract import extract_document
from .models import Article, Caption, Document, Related

__version__ = "0.2.0"

__all__ = [
    "Article",
    "BinaryInput",
    "Caption",
    "Document",
    "EmptyInput",
    "InputError",
    "NewstraceError",
    "Related",
    "StoreError",
    "TooLarge",
    "TruncatedInput",
    "__version__",
    "extract_document",
]
