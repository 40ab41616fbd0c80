"""The OpenAPI 3 document of the JSON API (served at /openapi.json)."""
from __future__ import annotations

from ._data import ACTIONS, DEFAULT_LIMIT, MAX_LIMIT, SORTS, SOURCE_TYPES

_NULL_STR = {"type": "string", "nullable": True}
_ACTOR = {"type": "object", "required": ["name", "type"],
          "properties": {"name": {"type": "string"}, "type": {"type": "string"}}}
_SPAN = {"type": "object", "properties": {"text": {"type": "string"}, "start": {"type": "integer"},
                                          "end": {"type": "integer"}}}

SCHEMAS = {
    "Error": {"type": "object", "required": ["ok", "error", "status"], "additionalProperties": False,
              "properties": {"ok": {"type": "boolean", "enum": [False]}, "error": {"type": "string"},
                             "status": {"type": "integer"}}},
    "ClaimSummary": {
        "type": "object", "required": ["id", "text", "articles", "statements", "events", "first_date", "last_date",
                                       "actions", "source_types"],
        "properties": {"id": {"type": "string"}, "text": {"type": "string"}, "articles": {"type": "integer"},
                       "statements": {"type": "integer"}, "events": {"type": "integer"},
                       "first_date": _NULL_STR, "last_date": _NULL_STR,
                       "actions": {"type": "array", "items": {"type": "string", "enum": list(ACTIONS)}},
                       "source_types": {"type": "array", "items": {"type": "string", "enum": list(SOURCE_TYPES)}}}},
    "Statement": {
        "type": "object", "required": ["id", "article", "kind", "speaker", "content"],
        "properties": {
            "id": {"type": "string"}, "article": {"type": "string"}, "source": _NULL_STR,
            "kind": {"type": "string", "enum": ["direct", "indirect", "mixed"]},
            "date": _NULL_STR, "date_text": _NULL_STR,
            "speaker": {"type": "object", "properties": {
                "text": _NULL_STR, "name": _NULL_STR, "type": _NULL_STR, "role": _NULL_STR, "affiliation": _NULL_STR,
                "start": {"type": "integer", "nullable": True}, "end": {"type": "integer", "nullable": True}}},
            "cue": {"type": "object", "nullable": True, "properties": {
                "text": _NULL_STR, "lemma": _NULL_STR, "start": {"type": "integer", "nullable": True},
                "end": {"type": "integer", "nullable": True}}},
            "content": _SPAN,
            "via": {"type": "array", "items": {"type": "object"}},
            "confidence": {"type": "number", "nullable": True}}},
    "Article": {
        "type": "object",
        "required": ["id", "source", "url", "outlet", "title", "standfirst", "published", "modified", "authors",
                     "section", "labels", "language", "text", "captions", "related", "comments", "first_seen"],
        "properties": {
            "id": {"type": "string"}, "source": {"type": "string"}, "url": _NULL_STR, "outlet": _NULL_STR,
            "title": _NULL_STR, "standfirst": _NULL_STR, "published": _NULL_STR, "modified": _NULL_STR,
            "authors": {"type": "array", "items": {"type": "string"}}, "section": _NULL_STR,
            "labels": {"type": "array", "items": {"type": "string"}}, "language": _NULL_STR,
            "text": {"type": "string"},
            "captions": {"type": "array", "items": {"type": "object", "properties": {
                "text": {"type": "string"}, "credit": _NULL_STR}}},
            "related": {"type": "array", "items": {"type": "object", "properties": {
                "title": {"type": "string"}, "url": _NULL_STR}}},
            "comments": {"type": "integer", "nullable": True}, "first_seen": _NULL_STR,
            "date_source": _NULL_STR, "extractor": _NULL_STR,
            "notes": {"type": "array", "items": {"type": "string"},
                      "description": "what no field says, e.g. that statements are English-only for now"}}},
    "Event": {
        "type": "object",
        "required": ["date", "date_precision", "action", "actor", "authority", "article", "evidence", "observed"],
        "properties": {
            "date": _NULL_STR, "date_precision": {"type": "string", "enum": ["day", "after", "before", "unknown"]},
            "action": {"type": "string", "enum": list(ACTIONS)}, "actor": _ACTOR,
            "authority": {"type": "array", "items": _ACTOR}, "article": {"type": "string"},
            "evidence": _SPAN, "observed": {"type": "boolean"}, "statement": _NULL_STR,
            "also_reported_in": {"type": "array", "items": {"type": "string"}}}},
    "Trail": {
        "type": "object", "required": ["claim", "events", "edges"],
        "properties": {
            "claim": {"type": "object", "required": ["id", "text"],
                      "properties": {"id": {"type": "string"}, "text": {"type": "string"}}},
            "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
            "edges": {"type": "array", "items": {"type": "object", "required": ["from", "to", "type"], "properties": {
                "from": {"type": "string"}, "to": {"type": "string"}, "type": {"type": "string"}}}},
            "delay_to_first_denial": {"type": "integer", "nullable": True}}},
    "SearchHit": {
        "type": "object", "required": ["id", "title", "published", "outlet", "snippet", "marked"],
        "properties": {"id": {"type": "string"}, "title": _NULL_STR, "published": _NULL_STR, "outlet": _NULL_STR,
                       "snippet": {"type": "string", "description": "matches marked with [ ]"},
                       "marked": {"type": "array", "description": "the snippet as [text, is_match] pieces",
                                  "items": {"type": "array"}}}},
    "ClaimReview": {"type": "object", "required": ["@context", "@type", "text"],
                    "properties": {"@context": {"type": "string"}, "@type": {"type": "string"},
                                   "identifier": {"type": "string"}, "text": {"type": "string"},
                                   "appearance": {"type": "array", "items": {"type": "object"}}}},
}


def _list_of(ref: str) -> dict:
    return {"type": "object", "required": ["ok", "items", "next"],
            "properties": {"ok": {"type": "boolean", "enum": [True]},
                           "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}},
                           "next": {"type": "string", "nullable": True,
                                    "description": "cursor of the next page (pass as ?cursor=), null on the last"}}}


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


_ERRORS = {"400": _error("a parameter cannot be used"),
           "403": _error("the Host header does not name this server (DNS rebinding; serve --allow-host)"),
           "404": _error("no such resource"), "500": _error("server error")}
_PAGING = [
    {"name": "limit", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
     "description": "items per page (JSON); exports stream every item from the cursor on"},
    {"name": "cursor", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "the `next` of the previous page"},
    {"name": "format", "in": "query", "required": False,
     "schema": {"type": "string", "enum": ["json", "csv", "jsonl"], "default": "json"},
     "description": "json: one page in the list envelope; csv / jsonl: every item, streamed, no cap"},
]


def _list_response(ref: str, description: str) -> dict:
    return {"200": {"description": description, "content": {
        "application/json": {"schema": _list_of(ref)},
        "text/csv": {"schema": {"type": "string"}},
        "application/x-ndjson": {"schema": {"type": "string"}}}}, **_ERRORS}


def _path(name: str, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string", "minLength": 1},
            "description": description}


def openapi(allow_ingest: bool = False) -> dict:
    q = {"type": "string", "maxLength": 500}
    paths = {
        "/api/claims": {"get": {
            "summary": "Claims, filtered and sorted", "operationId": "listClaims",
            "parameters": [
                {"name": "q", "in": "query", "required": False, "schema": q, "description": "words in the claim text"},
                {"name": "outlet", "in": "query", "required": False, "schema": q,
                 "description": "an outlet that published, or acted on, the claim"},
                {"name": "action", "in": "query", "required": False,
                 "schema": {"type": "string", "enum": list(ACTIONS)}, "description": "claims with such an event"},
                {"name": "type", "in": "query", "required": False,
                 "schema": {"type": "string", "enum": list(SOURCE_TYPES)},
                 "description": "claims with an actor or authority of this type"},
                {"name": "since", "in": "query", "required": False,
                 "schema": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}},
                {"name": "until", "in": "query", "required": False,
                 "schema": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}},
                {"name": "sort", "in": "query", "required": False,
                 "schema": {"type": "string", "enum": list(SORTS), "default": "activity"}},
                *_PAGING],
            "responses": _list_response("ClaimSummary", "a page of claims")}},
        "/api/claims/{id}": {"get": {
            "summary": "A claim's Trail", "operationId": "getClaim", "parameters": [_path("id", "claim id")],
            "responses": {"200": {"description": "the Trail", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Trail"}}}}, **_ERRORS}}},
        "/api/claims/{id}.graphml": {"get": {
            "summary": "A claim's propagation graph as GraphML", "operationId": "getClaimGraphML",
            "parameters": [_path("id", "claim id")],
            "responses": {"200": {"description": "GraphML", "content": {
                "application/graphml+xml": {"schema": {"type": "string"}}}}, **_ERRORS}}},
        "/api/claims/{id}/claimreview": {"get": {
            "summary": "A claim as schema.org Claim markup (no rating)", "operationId": "getClaimReview",
            "parameters": [_path("id", "claim id")],
            "responses": {"200": {"description": "schema.org Claim", "content": {
                "application/ld+json": {"schema": {"$ref": "#/components/schemas/ClaimReview"}}}}, **_ERRORS}}},
        "/api/articles/{id}": {"get": {
            "summary": "An Article", "operationId": "getArticle",
            "parameters": [_path("id", "article id, or a unique prefix of 6+ characters")],
            "responses": {"200": {"description": "the Article", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Article"}}}}, **_ERRORS}}},
        "/api/articles/{id}/statements": {"get": {
            "summary": "An article's statements, in text order", "operationId": "listArticleStatements",
            "parameters": [_path("id", "article id"), *_PAGING],
            "responses": _list_response("Statement", "a page of statements")}},
        "/api/speakers/{name}": {"get": {
            "summary": "Every statement by a speaker (resolved name, any case)", "operationId": "listSpeakerStatements",
            "parameters": [_path("name", "the speaker's resolved name"), *_PAGING],
            "responses": _list_response("Statement", "a page of statements")}},
        "/api/search": {"get": {
            "summary": "Full-text search of articles (FTS5 syntax; falls back to a phrase)", "operationId": "search",
            "parameters": [{"name": "q", "in": "query", "required": True,
                            "schema": {"type": "string", "minLength": 1, "maxLength": 500}}, *_PAGING],
            "responses": _list_response("SearchHit", "a page of hits")}},
    }
    if allow_ingest:
        paths["/api/ingest"] = {"post": {
            "summary": "Ingest one uploaded page (only with --allow-ingest)", "operationId": "ingest",
            "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                "type": "object", "required": ["file"],
                "properties": {"file": {"type": "string", "format": "binary"}, "url": {"type": "string"},
                               "outlet": {"type": "string"}}}}}},
            "responses": {"200": {"description": "what was stored", "content": {"application/json": {"schema": {
                "type": "object", "required": ["ok"], "properties": {"ok": {"type": "boolean"}}}}}}, **_ERRORS,
                "403": _error("a cross-origin request, or a Host that is not this server"),
                "413": _error("the upload is too large")}}}
    return {"openapi": "3.0.3",
            "info": {"title": "newstrace", "version": "1",
                     "description": "Claims, their trails, articles, statements and search over a newstrace "
                                    "database. Lists: {ok, items, next}; errors: {ok: false, error, status}."},
            "paths": paths, "components": {"schemas": SCHEMAS}}
