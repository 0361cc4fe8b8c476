"""The ``link`` stage: mentions to entities with corpus-global ids.

Persons: within-document coreference (a bare surname or a shorter spelling after the full name),
knowledge-base linking by alias, country and term at the article's date, unnamed office holders
("نظيره الإيراني") resolved through the office-holder table, and a registry that gives a person the
KB does not know the same id in every document of the run; seeded with the store's registry
(``extra_persons`` entries marked ``"registry": True``), the same id in later runs too.

Before clustering, a PER span is cleaned (a preposition, verb or proclitic noun before the name is
cut; "لمانافورت" joins a surname the article wrote) and a KB surname after someone else's given
names is unlinked ("حمد بن علي العطية"): :mod:`marsad.stages.person_spans`. A person the KB does not
know must look like a name (:func:`marsad.ner.names.not_a_name`), and takes the state the words around
it give (a nisba or state before it, an apposition after it): :mod:`marsad.stages.nationality`.

The date is the first article's published date (:func:`~marsad.stages.entities.article_date`). An
article without one has no date, never the day of the run: no term of office is known to cover it,
so a KB person is linked by name only where the name (with the state of its title) leaves one
candidate (a bare surname also needs his state named in the article; a name under the title of an
international organisation is not linked, as that rests on the term), takes no office from the KB's
terms (the text's title stays), and an unnamed office holder ("نظيره الإيراني", "وزير خارجية تونس")
is resolved to no person: the events keep such a side as its state.
"""
from __future__ import annotations

import copy
import datetime as dt
import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from ..doc import Document, Entity, Mention
from ..kb import KB
from ..pipeline import Stage
from ..textnorm import display, fold_key
from .surnames import later_surnames
from ..ner.names import inside_no_name, is_given_name, kb_name_words, not_a_name, ordinary_word
from .entities import common_words, _possessed_noun, article_date, stable_id
from .entities import club_match_story, names_a_thing, phrase_not_name
from .nationality import context_country, country_counts, home_country, official_before
from .person_spans import _MAX_NAME_WORDS, given_name_before_family, join_adjacent, name_tokens, other_family_member
from .person_spans import split_lists, trim_edges, trim_name


@dataclass
class Cluster:
    tokens: list[str]
    mentions: list[Mention] = field(default_factory=list)
    kb: Any = None
    country: str | None = None
    office: str | None = None
    sector: str | None = None

    @property
    def key(self) -> str:
        """The cluster's name words joined by spaces: the key of curated persons and of the run registry."""
        return " ".join(self.tokens)


def compatible(short: list[str], long: list[str]) -> bool:
    """``short`` can refer to the person named ``long``: same surname and no clashing first name."""
    if not short or not long:
        return False
    if short == long:
        return True
    if short[-1] != long[-1] and " ".join(short) not in " ".join(long):
        return False
    if len(short) == 1:
        return True
    return short[0] == long[0]


_ANAPHOR_SENTENCES = 3  # sentences back an unnamed "الوزير الإيراني" may refer to a named minister
_CLOSE_CACHE_SIZE = 20_000  # unknown surnames whose close KB aliases are remembered (a few KB each at most)


def distinctive(word: str) -> bool:
    """A surname that names a person on its own: no ordinary word ("سلام", "العون") and no given name."""
    from .entities import common_words

    return len(word) >= 4 and not is_given_name(word) and (word not in common_words() or word in kb_name_words())


def _office(text_office: str | None, kb_office: str | None) -> str | None:
    """The text's title, unless it is a bare form of the KB's office at the date: "الوزير فؤاد حسين"
    says "Minister", the KB "Minister of Foreign Affairs"."""
    if not text_office or not kb_office:
        return text_office or kb_office
    return kb_office if set(text_office.lower().split()) < set(kb_office.lower().split()) else text_office


@lru_cache(maxsize=1)
def _romanizer() -> Any:
    try:
        from arabic_name_romanizer import Transliterator
    except ImportError:  # an optional nicety: linking works without it
        return None
    # dictionary of attested spellings plus rules; the bundled neural fallback costs ~7 ms a name
    tr = Transliterator(auto_load_model=False)
    if getattr(tr, "index", None) is not None:
        tr.index = _RememberedNames(tr.index)
    return tr


class _RememberedNames:
    """The romanizer's read-only name index with its answers kept (at most ``size`` a table, then
    forgotten): a new name is mostly known words ("محمد", "عبد"), and each look-up is an SQL query
    and a Python aggregation of its rows (~40 % of the romanizer's time). The answers are the index's
    own lists of frozen variants, which the romanizer only reads."""

    def __init__(self, index: Any, size: int = 20_000) -> None:
        self._index, self._size = index, size
        self._full: dict[tuple, Any] = {}
        self._unit: dict[tuple, Any] = {}

    def _kept(self, table: dict[tuple, Any], key: tuple, find: Any) -> Any:
        found = table.get(key)
        if found is None:
            if len(table) >= self._size:
                table.clear()
            found = table[key] = find(*key)
        return found

    def lookup_full(self, key: str, country: str | None = None, script: str = "arabic") -> Any:
        return self._kept(self._full, (key, country, script), self._index.lookup_full)

    def lookup_unit(self, key: str, country: str | None = None, role: str | None = None, script: str = "arabic") -> Any:
        return self._kept(self._unit, (key, country, role, script), self._index.lookup_unit)

    def __getattr__(self, name: str) -> Any:  # close(), stats(), path: the index's own
        return getattr(self._index, name)


@lru_cache(maxsize=50_000)
def romanize(name: str) -> str | None:
    """English spelling of an Arabic personal name the KB does not know (arabic-name-romanizer, offline)."""
    tr = _romanizer()
    if tr is None or len(name.split()) > _MAX_NAME_WORDS:
        return None  # a run of several names is no single person (and costs the romanizer minutes)
    try:
        return tr.transliterate(name) or None
    except Exception:  # noqa: BLE001 - a name the romanizer cannot handle keeps name_en null
        return None


_OFFICE_FAMILIES = ("Security Council", "Defence", "Foreign", "General Staff", "Prime Minister", "President",
                    "Interior", "Intelligence", "Speaker", "Chief of Staff")


def counterpart(kb: KB, country: str, office: str, date: dt.date | None) -> Any:
    """Who held the office matching ``office`` in ``country`` at ``date`` (None without a date).

    Offices differ in name between states (Russia's "Secretary of the Security Council" is Iran's
    "Secretary of the Supreme National Security Council"): fall back to the same office family.
    """
    if date is None:
        return None
    found = kb.holder(country, office, date)
    if found is not None:
        return found
    family = next((f for f in _OFFICE_FAMILIES if f in office), None)
    if family is None:
        return None
    deputy = office.lower().startswith(("deputy", "assistant"))
    for p in kb.persons():
        if p.country != country:
            continue
        for t in p.terms:
            if t.covers(date) and family in t.office and t.office.lower().startswith(("deputy", "assistant")) == deputy:
                return p
    return None


def _active(person: Any, date: dt.date | None, kb: KB) -> bool:
    """The KB person held an office at ``date``; False without a date (no term is known to cover it)."""
    return date is not None and kb.person_office_at(person, date) is not None


class LinkStage(Stage):
    """Entities of a document: persons clustered, cleaned and linked to the KB (by alias, date and office)
    or given a run-wide id from the person registry and a country from context; states, places,
    organisations and weapons linked through the gazetteer. Requires ``mentions``; provides ``entities``."""
    name = "link"
    version = "1.0"
    requires = frozenset({"mentions"})
    provides = frozenset({"entities"})

    def __init__(self, extra_persons: list[dict] | None = None, **config: Any) -> None:
        super().__init__(**config)
        self.kb = KB.load()
        self.registry: dict[str, list[tuple[list[str], str, str | None]]] = {}  # surname -> [(tokens, id, country)]
        self.curated: dict[str, dict] = {}
        self._built: dict[str, Any] = {}  # indexes built once on first use, shared by every document's copy
        self._close_cache: dict[str, tuple[tuple[list[str], Any, float], ...]] = {}  # surname -> close KB aliases
        self._matchers: dict[str, difflib.SequenceMatcher] = {}  # KB alias surname -> its matcher
        self._doc_countries: set[str] = set()
        self._doc_names: set[str] = set()  # surnames the article writes after a first name
        self._dated = False
        for p in extra_persons or []:
            if p.get("registry"):
                # a person of the store's registry (seen in earlier runs): same id for the same name
                toks = list(p.get("tokens") or name_tokens(p.get("name") or ""))
                if toks and p.get("id"):
                    self.registry.setdefault(toks[-1], []).append((toks, p["id"], p.get("country")))
                continue
            for alias in [p.get("name", "")] + list(p.get("aliases", [])):
                if fold_key(alias):
                    self.curated[fold_key(alias)] = p

    # -- persons ---------------------------------------------------------------------------------
    def _kb_person(self, cl: Cluster, date: dt.date | None) -> Any:
        cands = list(self.kb.persons_index().get(cl.key, []))
        if not cands:
            return self._fuzzy_person(cl, date)
        if cl.country == "IGO":
            # "الأمين العام لجامعة الدول العربية أحمد أبو الغيط": the title names an IGO, the KB the person's state
            cands = [p for p in cands if date is not None
                     and any(t.covers(date) and self.kb.country(t.country) is None for t in p.terms)]
        elif cl.country:
            same = [p for p in cands if p.country == cl.country]
            if not same:
                return None
            cands = same
        active = [p for p in cands if _active(p, date, self.kb)]
        if len(cl.tokens) == 1:
            # A bare surname links to the KB only when the date makes it unambiguous (one candidate
            # in office), with the title's country, or with that person's state named in the article.
            if len(active) == 1 and (cl.country or active[0].country in self._doc_countries):
                return active[0]
            if not self._dated and len(cands) == 1 and cands[0].country in self._doc_countries | {cl.country}:
                return cands[0]  # an undated page: the only KB person of that name, whose state it names
            if len(cands) == 1 and len(active) == 1 and distinctive(cl.tokens[0]):
                return active[0]  # "اتصالاً هاتفياً بلافروف": one KB person in office has this unusual surname
            return None
        if active:
            return active[0]
        return cands[0] if len(cands) == 1 else None

    def _fuzzy_person(self, cl: Cluster, date: dt.date | None) -> Any:
        """Transliterations of foreign names vary (يفكيروف / يفكوروف, بيششكيان / بزشكيان): link a name
        the KB does not hold verbatim to a KB person with a close surname, the same first letter,
        a compatible country, and (for surname-only names or unknown countries) a term at the date."""
        sur = cl.tokens[-1]
        if len(sur) < 5 or (len(cl.tokens) == 1 and ordinary_word(sur, common_words())):
            return None  # "رؤساء سابقون" (former) is no other spelling of "سابو": a word stands for itself
        best, best_r = None, 0.0
        for alias_toks, p, r in self._close_aliases(sur):
            if cl.country and p.country != cl.country:
                continue
            if r <= best_r:
                continue
            first = alias_toks[0] if len(alias_toks) > 1 else (fold_key(p.name_ar).split() or [""])[0]
            if len(cl.tokens) > 1 and difflib.SequenceMatcher(None, cl.tokens[0], first).ratio() < 0.75:
                continue  # "سعيد العايدي" is not "خالد العبيدي" because the surnames look alike
            if (len(cl.tokens) == 1 or not cl.country) and not _active(p, date, self.kb):
                continue
            best, best_r = p, r
        return best

    def _close_aliases(self, sur: str) -> tuple[tuple[list[str], Any, float], ...]:
        """KB aliases whose last word is at least 0.8 similar to the surname ``sur`` (difflib ratio),
        as ``(alias words, person, ratio)`` in the index's order. Only the surname decides the list, so
        it is remembered across documents (bounded, oldest out first): an unknown surname is compared
        with its ~275-alias bucket once a run, not once a cluster; each distinct alias surname once."""
        found = self._close_cache.get(sur)
        if found is not None:
            return found
        out = []
        la = len(sur)
        for n in range(la - 2, la + 3):
            # difflib's real_quick_ratio and quick_ratio with the same floats (2.0 * matches / length):
            # the first is the same for the whole bucket, the second counts the letters a last word
            # shares with ``sur`` for the bucket's distinct last words at once (was a dict walk each)
            if 2.0 * min(la, n) / (la + n) < 0.8:
                continue
            bucket = self._bucket((sur[0], n))
            if bucket is None:
                continue
            lasts, counts, letters, aliases = bucket
            quick = (2.0 * np.minimum(counts, [sur.count(c) for c in letters]).sum(axis=1) / (la + n)).tolist()
            ratios = [0.0 if q < 0.8 else self._ratio(sur, last) for q, last in zip(quick, lasts)]
            out += [(alias_toks, p, ratios[j]) for alias_toks, p, j in aliases if ratios[j] >= 0.8]
        if len(self._close_cache) >= _CLOSE_CACHE_SIZE:
            del self._close_cache[next(iter(self._close_cache))]
        found = self._close_cache[sur] = tuple(out)
        return found

    def _ratio(self, sur: str, last: str) -> float:
        """difflib's ratio of ``sur`` and the KB alias surname ``last``, with a matcher made once a run for
        ``last`` (one per distinct KB surname, ~1,000): difflib indexes the second sequence, set_seq1
        swaps the first."""
        sm = self._matchers.get(last)
        if sm is None:
            sm = self._matchers[last] = difflib.SequenceMatcher(None, "", last)
        sm.set_seq1(sur)
        return sm.ratio()

    def _bucket(self, key: tuple[str, int]) -> tuple[list[str], np.ndarray, list[str], list[tuple]] | None:
        """The aliases of :meth:`_surnames` bucket ``key``: their distinct last words, those words' letter
        counts (a row each, a column for each letter of ``letters``) and ``(alias words, person, row)`` in
        the index's order; None for no alias. Built once a bucket."""
        buckets = self._built.setdefault("buckets", {})
        if key not in buckets:
            aliases = self._surnames().get(key)
            if not aliases:
                buckets[key] = None
                return None
            lasts = list(dict.fromkeys(at[-1] for at, _ in aliases))
            row = {w: j for j, w in enumerate(lasts)}
            letters = sorted({c for w in lasts for c in w})
            counts = np.array([[w.count(c) for c in letters] for w in lasts], dtype=np.int64)
            buckets[key] = (lasts, counts, letters, [(at, p, row[at[-1]]) for at, p in aliases])
        return buckets[key]

    def _surnames(self) -> dict[tuple[str, int], list[tuple[list[str], Any]]]:
        """KB aliases by the first letter and length of their last word (built once)."""
        index = self._built.get("surnames")
        if index is None:
            index = {}
            for p in self.kb.persons():
                for alias in {fold_key(a) for a in (p.name_ar,) + tuple(p.aliases_ar)}:
                    at = alias.split()
                    if at and len(at[-1]) >= 4:
                        index.setdefault((at[-1][0], len(at[-1])), []).append((at, p))
            self._built["surnames"] = index
        return index

    def _persons(self, doc: Document, entities: dict[str, Entity]) -> None:
        for m in [m for m in doc.mentions if m.type == "PER" and m.source == "kb"]:
            other_family_member(doc, m)
        split_lists(doc)
        join_adjacent(doc)
        given_name_before_family(doc)
        per = [m for m in doc.mentions if m.type == "PER"]
        self._doc_names = {w for m in per if m.source != "kb" for w in name_tokens(m.text)[1:]}
        names = {id(m): trim_name(self.kb, doc, m, self._doc_names) for m in per}
        for m in per:
            if m.source != "kb" and names[id(m)]:
                names[id(m)] = trim_edges(doc, m, names[id(m)], common_words())
        clusters: list[Cluster] = []
        for m in sorted(per, key=lambda m: (-len(names[id(m)]), m.start)):
            toks = names[id(m)]
            if not toks:
                continue
            home = next((c for c in clusters if compatible(toks, c.tokens)
                         and (not m.country or not c.country or c.country == m.country)), None)
            if home is None:
                home = Cluster(toks)
                clusters.append(home)
            home.mentions.append(m)
            if m.country and not home.country:
                home.country = m.country
            if m.office and not home.office:
                home.office, home.sector = m.office.title_en, m.office.sector
            if m.rank and not home.sector:
                home.sector = m.rank.sector
        date = article_date(doc, 0)
        for cl in clusters:
            kbp = self._kb_person(cl, date)
            if (kbp is None or all(len(m.text.split()) == 1 for m in cl.mentions)) and names_a_thing(doc, cl.mentions):
                continue  # "ملعب جاسم بن حمد", "بمدينة ليستر", "هيومن رايتس ووتش", "متحف بولتون": a place or company
            cur = self.curated.get(cl.key)
            if cur:
                ent = Entity(id=cur["id"], type="PER", name=cur.get("name") or display(cl.mentions[0].text),
                             country=cur.get("country") or cl.country, office=cur.get("office") or cl.office,
                             country_basis="kb" if cur.get("country") else "text" if cl.country else None)
            elif kbp is not None:
                office = _office(cl.office, self.kb.person_office_at(kbp, date) if date else None)
                ent = Entity(id=f"kb:{kbp.id}", type="PER", name=kbp.name_ar, name_en=kbp.name_en,
                             country=kbp.country, office=office, sector=cl.sector or kbp.sector or None,
                             wikidata=kbp.wikidata, kb_id=kbp.id, country_basis="kb")
                igo = next((t.country for t in kbp.terms if date and t.covers(date) and t.office == office
                            and self.kb.country(t.country) is None), None)
                for m in cl.mentions if igo else ():
                    # an IGO head acts for the IGO (events: actor code IGO), the entity keeps the person's state
                    m.igo = igo
            elif not_a_name(cl.tokens, common_words(), title_only=all(m.source == "title" or m.trimmed for m in cl.mentions)):
                continue  # "مهلة", "بالسخيفة", "الكيماوي", "مقلق ومحبط": words after a title or NER noise, no name
            elif inside_no_name(cl.tokens, common_words()):
                continue  # "مؤقت ومصطنع", "ساسكس ارتدت", "دولتان جارتان", "بركان فويغو", "Everybody Knows"
            elif phrase_not_name(cl.tokens):
                continue  # "منتقدو", "جيراني", "نجمي أوروغواي", "خطاب استفزازي", "جواسيس روسا"
            elif len(cl.tokens) == 1 and not distinctive(cl.key) and not any(
                    m.title_span or m.office or m.country for m in cl.mentions):
                continue  # "سلام المنطقة", "العون": an ordinary word, no first name or title anchors it
            else:
                basis = "text" if cl.country is not None else None
                if cl.country is None:
                    cl.country = context_country(self.kb, doc, cl.mentions)
                    basis = "text" if cl.country is not None else None
                if cl.country is None and (cl.office or cl.sector):
                    basis = "office"
                    # an official whose state the text leaves implicit: the state the article is about
                    first = min(cl.mentions, key=lambda m: m.start)
                    cl.country = home_country(self.kb, doc, doc.sentences[first.sentence].article if first.sentence is not None else 0)
                # the run-wide id rests on what the text says; anyone else whose state it leaves implicit is
                # shown with the state the article is about (right about 4 times in 5 on the multi-outlet
                # gold), marked "article" so that no registry takes that guess for evidence
                eid = self._registry_id(cl)
                guess = None
                first = min(cl.mentions, key=lambda m: m.start)
                ai = self._article_of(doc, first)
                if cl.country is None and not club_match_story(doc, ai):
                    guess = home_country(self.kb, doc, ai)  # a club's player is rarely of the state its report is about
                name = display(max((m.text for m in cl.mentions), key=len))
                ent = Entity(id=eid, type="PER", name=name, name_en=romanize(name),
                             country=cl.country or guess, office=cl.office, sector=cl.sector,
                             country_basis=basis if cl.country else "article" if guess else None)
            if ent.id in entities:
                ent = entities[ent.id]
            else:
                entities[ent.id] = ent
            for m in cl.mentions:
                m.entity = ent.id
                ent.mentions.append(m)

    @staticmethod
    def _article_of(doc: Document, m: Mention) -> int:
        return doc.sentences[m.sentence].article if m.sentence is not None and m.sentence < len(doc.sentences) else 0

    def _registry_id(self, cl: Cluster) -> str:
        """The run-wide id of a person the KB does not know: that of a compatible name seen earlier in the
        run with no clashing state, else a new one."""
        for toks, eid, country in self.registry.get(cl.tokens[-1], []):
            if (compatible(cl.tokens, toks) or compatible(toks, cl.tokens)) and (not cl.country or not country or cl.country == country):
                return eid
        eid = stable_id("per", cl.key + "|" + (cl.country or ""))
        self.registry.setdefault(cl.tokens[-1], []).append((cl.tokens, eid, cl.country))
        return eid

    def _roles(self, doc: Document, entities: dict[str, Entity]) -> None:
        """Unnamed office holders: "نظيره الإيراني" takes the office of the person it is a counterpart of."""
        date = article_date(doc, 0)
        by_sentence: dict[int, list[Mention]] = {}
        for m in doc.mentions:
            by_sentence.setdefault(m.sentence or 0, []).append(m)
        body = {i for i, s in enumerate(doc.sentences) if s.kind == "body"}
        for m in [m for m in doc.mentions if m.type == "ROLE" and m.sentence in body]:
            office = m.office.title_en if m.office else None
            if office is None and m.counterpart:
                # the office of the nearest earlier named official, in this sentence or the one before
                prev = [p for si in (m.sentence, (m.sentence or 0) - 1) for p in by_sentence.get(si, [])
                        if p.type == "PER" and p.entity and (p.sentence != m.sentence or p.start < m.start)]
                for p in sorted(prev, key=lambda p: -p.start):
                    if entities[p.entity].office:
                        office = entities[p.entity].office
                        break
            if not office:
                continue
            holder = counterpart(self.kb, m.country, office, date)
            if holder is None:
                named = _named_earlier(doc, m, by_sentence, entities, office) if not m.counterpart else None
                if named is not None:
                    # "الوزير الإيراني" with no name after "وزير الخارجية الإيراني محمد جواد ظريف": the same man
                    m.type, m.entity = "PER", named.id
                    named.mentions.append(m)
                continue
            eid = f"kb:{holder.id}"
            ent = entities.get(eid)
            m.holder = holder
            if ent is None and not m.counterpart:
                # "وزير خارجية تونس" with no name: the actor is the office of that state (CONTRACT §3);
                # events still know who held it, but the text names no person
                continue
            if ent is None:
                ent = Entity(id=eid, type="PER", name=holder.name_ar, name_en=holder.name_en, country=holder.country,
                             office=self.kb.person_office_at(holder, date), wikidata=holder.wikidata, kb_id=holder.id)
                entities[eid] = ent
            m.type, m.entity = "PER", eid
            ent.mentions.append(m)

    # -- places, organisations, weapons ----------------------------------------------------------
    def _others(self, doc: Document, entities: dict[str, Entity]) -> None:
        kb = self.kb
        for m in doc.mentions:
            if m.type in ("PER", "ROLE", "NORP"):
                continue  # NORP: a state's side named by a nisba, an actor for events but no entity
            ent = None
            if m.place is not None:
                p = m.place
                ent = Entity(id=f"plc:{p.id}", type="LOC" if p.kind not in ("country",) else "GPE", name=p.name_ar,
                             name_en=p.name_en, country=p.cc3)
            elif m.org is not None:
                o = m.org
                country = o.country or m.country
                if not country and o.sector in ("GOV", "MIL", "COP", "SPY", "LEG"):
                    # "وزارة الدفاع" with no nisba: the body of the official the sentence just named ("أعلنت
                    # رئيسة الوزراء البريطانية تيريزا ماي عقب ترأسها اجتماعا لمجلس الأمن القومي"), else the
                    # article's home state
                    country = official_before(m, entities) or home_country(self.kb, doc, self._article_of(doc, m))
                key = o.id if not country or country == o.country else f"{o.id}-{country}"
                ent = Entity(id=f"org:{key}", type="ORG", name=o.name_ar, name_en=o.name_en, country=country, sector=o.sector)
            elif m.country is not None:
                c = kb.country(m.country)
                ent = Entity(id=f"gpe:{c.iso3}", type="GPE", name=c.name_ar, name_en=c.name_en, country=c.iso3)
            elif m.weapon is not None:
                w = m.weapon
                ent = Entity(id=f"wpn:{w.id}", type="WEAPON", name=w.name_ar, name_en=w.name_en, country=getattr(w, "country", None))
            elif m.type == "LOC":
                p, c = kb.place(m.text), kb.country_by_name(m.text)
                if p is None and c is None and m.text[:1] in "وبلف" and len(m.text) > 4:
                    # a conjunction or preposition glued to the name: "وأوروبا", "بطرابلس"
                    p, c = kb.place(m.text[1:]), kb.country_by_name(m.text[1:])
                    if p is not None or c is not None:
                        m.start, m.text = m.start + 1, m.text[1:]
                if p is not None and _possessed_noun(doc.raw, m.start, m.end, p):
                    continue  # "مواقف جده" (his grandfather's), not Jeddah
                if p is not None:
                    m.place = p
                    ent = Entity(id=f"plc:{p.id}", type="LOC", name=p.name_ar, name_en=p.name_en, country=p.cc3)
                elif c is not None:
                    m.country = c.iso3
                    ent = Entity(id=f"gpe:{c.iso3}", type="GPE", name=c.name_ar, name_en=c.name_en, country=c.iso3)
                else:
                    # an unknown place is usually located by the text: "بيريزيفكا في شرق أوكرانيا"
                    near = next((o for o in doc.mentions if o.sentence == m.sentence and o.type == "GPE"
                                 and 0 <= o.start - m.end <= 40 and o.country), None)
                    ent = Entity(id=stable_id("loc", fold_key(m.text)), type="LOC", name=display(m.text),
                                 country=near.country if near else None)
            elif m.type == "ORG":
                o = kb.org(m.text)
                if o is not None:
                    m.org = o
                    ent = Entity(id=f"org:{o.id}", type="ORG", name=o.name_ar, name_en=o.name_en, country=o.country, sector=o.sector)
                else:
                    country = next((kb.country_by_nisba(t) for t in fold_key(m.text).split() if kb.country_by_nisba(t)), None)
                    ent = Entity(id=stable_id("org", fold_key(m.text)), type="ORG", name=display(m.text), country=country)
            if ent is None:
                continue
            ent = entities.setdefault(ent.id, ent)
            m.entity = ent.id
            ent.mentions.append(m)

    def __call__(self, doc: Document) -> Document:
        # what this document says (its dating, states, written names) goes on a shallow copy of the stage:
        # calls on other threads (the API's pool) never see it; the run's registry and caches are shared
        return copy.copy(self)._link(doc)

    def _link(self, doc: Document) -> Document:
        entities: dict[str, Entity] = {}
        self._dated = any(a.published for a in doc.articles)
        # states the document names anywhere: country names, nisbas (also inside titles), places
        self._doc_countries = set(country_counts(doc, [(s.start, s.end) for s in doc.sentences]))
        self._persons(doc, entities)
        doc.mentions += later_surnames(doc, entities)  # "تيريزا ماي" … "وأعلنت ماي أمس": see stages/surnames.py
        self._roles(doc, entities)
        self._others(doc, entities)
        for e in entities.values():
            e.mentions.sort(key=lambda m: m.start)
        doc.entities = sorted(entities.values(), key=lambda e: e.mentions[0].start if e.mentions else 0)
        return doc


def _named_earlier(doc: Document, m: Mention, by_sentence: dict[int, list[Mention]], entities: dict[str, Entity],
                   office: str) -> Entity | None:
    """The person an unnamed title with a nisba refers back to: the last person of that state named in
    this sentence or the :data:`_ANAPHOR_SENTENCES` before it (of the same article) whose office includes
    the title's ("الوزير الإيراني" → the Minister of Foreign Affairs named before). None when none is."""
    article = doc.sentences[m.sentence or 0].article
    for si in range(m.sentence or 0, max(-1, (m.sentence or 0) - _ANAPHOR_SENTENCES - 1), -1):
        if doc.sentences[si].article != article:
            break
        earlier = sorted((p for p in by_sentence.get(si, []) if p.type == "PER" and p.entity in entities
                          and (si != m.sentence or p.end <= m.start)), key=lambda p: -p.start)
        for p in earlier:
            ent = entities[p.entity]
            if ent.country == m.country and ent.office and office.lower() in ent.office.lower():
                return ent
    return None
