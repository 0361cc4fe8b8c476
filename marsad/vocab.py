"""The closed vocabularies of the document model's string fields (:mod:`marsad.doc`).

Each vocabulary is a ``Literal`` type, used as the annotation in :mod:`marsad.doc` so a type checker
catches a misspelt label, and :func:`values` gives its members at run time (``values(LineLabel)``).
The members are the values the code produces, found by reading every place that writes the field
(not the older comments): where they come from is noted beside each. A test runs the pipeline on
the seed pages and checks that every value produced is a member (``tests/test_codebase.py``).

This module imports nothing of Marsad, so any module may import it.
"""
from __future__ import annotations

from typing import Literal, get_args

__all__ = ["LineLabel", "LineReason", "SentenceKind", "MentionType", "MentionSource", "EntityType", "Plover",
           "EventMode", "EventContext", "DatePrecision", "Sector", "CountryBasis", "DocumentKind", "values",
           "VOCABULARIES"]

# stages/clean.py: a line's cleaning decision. "short" is a line too short to judge alone; the body
# is made of "content" and "short" lines; "title" is the headline the article is split under.
LineLabel = Literal["content", "short", "boilerplate", "title", "blank"]

# stages/clean.py: why a line got its label; the boilerplate kinds come from data/boilerplate.json
# (clean.furniture: symbol, phrase, prefix, contains, widget, promo, share, tags, nav) and from the
# list/teaser/related/comments passes; "" for a short line.
LineReason = Literal["", "prose", "symbol", "phrase", "prefix", "contains", "widget", "promo", "share", "tags", "nav",
                     "list", "body-list", "teaser", "related", "comments"]

# stages/metadata.py (NormaliseStage): "title" and "aside" (related headlines) sentences give
# entities, never events.
SentenceKind = Literal["body", "title", "aside"]

# stages/entities.py and stages/actors.py. NORP (a state named by its nisba: "الجانب الروسي") and
# ROLE (an unnamed office holder: "نظيره الإيراني") are resolved by linking and never become entities.
MentionType = Literal["PER", "ORG", "GPE", "LOC", "WEAPON", "NORP", "ROLE"]

# Who proposed a mention: the NER model, a knowledge-base name, a title/office phrase, a nisba
# adjective (stages/actors.py), or the state a context implies (stages/actors.py).
MentionSource = Literal["ner", "kb", "title", "nisba", "context"]

# stages/link.py: the types an entity of the output record can have (CONTRACT §2).
EntityType = Literal["PER", "ORG", "GPE", "LOC", "WEAPON"]

# The PLOVER categories Marsad extracts (CONTRACT §3; data/frames.json, data/triggers.json and
# data/statements.json use no others).
Plover = Literal["CONSULT", "SUPPORT", "AGREE", "COOPERATE", "AID", "THREATEN", "ACCUSE", "DEMAND", "REJECT",
                 "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]

# stages/events.py: how a CONSULT happened (visit, third-party, multilateral, phone) or what an AID
# delivers (military, economic, humanitarian: data/triggers.json "aid_modes").
EventMode = Literal["visit", "third-party", "multilateral", "phone", "military", "economic", "humanitarian"]

# stages/events.py ``_context``: a modality (future, historical, negation, hypothetical) and up to
# two topics (data/triggers.json "topics").
EventContext = Literal["future", "historical", "negation", "hypothetical", "military", "security", "terrorism",
                       "economic", "nuclear", "humanitarian", "diplomatic"]

# CONTRACT §2: how precise an event's date is (marsad.temporal's "week" is output as "day").
DatePrecision = Literal["day", "month", "year"]

# data/kb/offices.tsv and orgs.tsv sectors (BUS: a company, CAMEO's business sector), and IGO for intergovernmental organisations.
Sector = Literal["GOV", "MIL", "SPY", "COP", "LEG", "JUD", "MED", "REB", "PTY", "IGO", "BUS"]

# stages/link.py: what a person's country rests on. "kb": the knowledge base (or a curated person);
# "text": words around the name (a nisba, an office's state, an apposition); "office": an office named
# without its state ("وزير الخارجية"), read as the state the article is about; "article": the state the
# article is about for anyone else, a guess that is shown but never used to tell two persons apart
# (neither the run's registry nor the store keeps it).
CountryBasis = Literal["kb", "text", "office", "article"]

# stages/read.py: how a document's bytes are read.
DocumentKind = Literal["txt", "html", "json"]

VOCABULARIES: dict[str, object] = {
    "Line.label": LineLabel, "Line.reason": LineReason, "Sentence.kind": SentenceKind,
    "Mention.type": MentionType, "Mention.source": MentionSource, "Entity.type": EntityType,
    "Event.event": Plover, "Event.mode": EventMode, "Event.context": EventContext,
    "Event.date_precision": DatePrecision, "Actor.sector": Sector, "Document.kind": DocumentKind,
    "Entity.country_basis": CountryBasis,
}


def values(vocabulary: object) -> tuple[str, ...]:
    """The members of a vocabulary above, in the order written: ``values(DatePrecision)`` is
    ``("day", "month", "year")``. Raises ``TypeError`` for anything that is not a ``Literal``."""
    members = get_args(vocabulary)
    if not members or not all(isinstance(m, str) for m in members):
        raise TypeError(f"{vocabulary!r} is not a Literal vocabulary")
    return members
