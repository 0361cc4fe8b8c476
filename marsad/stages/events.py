"""The ``events`` stage: PLOVER events from event frames, reported statements and back-references.

Per body sentence: actor candidates (:mod:`.actors`), frame triggers (``data/frames.json`` compiled
through Arabic paradigms by :mod:`marsad.frames`), each trigger's clause split into a subject side and
an object side (:mod:`.clauses`) and oriented by the frame's role (visitor → source, host →
recipient, agent → source, target → recipient); reported speech read as verbal events
(:mod:`.statements`); "الرئيسان", "البلدين" and dual verbs resolved to the two the article is about.
Each draft is dated from the sentence's time expressions (or the article's), placed, given its
context (modality, topics), merged with other reports of the same event (:mod:`.drafts`), and scored
by the calibrated candidate scorer (:mod:`marsad.scorer`).
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import replace
from typing import Any

from ..doc import Document, Event, Mention
from ..frames import frames_by_id
from ..kb import KB
from ..pipeline import Stage
from ..scorer import embed, features, packaged_model
from ..temporal import TimeExpr
from ..textnorm import fold_key
from .actors import _FORUM_CONTEXT, ActorCandidates, place_record
from .acts import (INVITE_REACH, _GENITIVE_GAP, _RELATIVE, _agent_after, armed_subject, drafted, invitation, quantified,
                   sentence_sponsor, expelled, fold_readings, lifted, name_the_official,
                   outside_relatives, own_forces, plotted, subheading)
from .agents import _PLACE_TARGETED, _SIDE_WINDOW, _VERBAL, _VSO_NEAR, _VSO_TITLE_GAP, AgentRoles, _consult_form
from .clauses import (_PREPOSITIONS, Cand, _after_preposition, _coordinated, _group, _head_tok, _opens_clause,
                      _TRIO_HEADS, _TRIO_REACH, _TRIO_STATES, _listed_trio, _prefer_persons, _quote_between,
                      _subject_before, _subject_of, _trio, _visit_where, end_tok)
from .modality import event_context
from .drafts import Draft, SentenceTimes, _nearest_time, discourse_time, merge_drafts, own_times, saying_time
from .places import clause_place, event_place, place_at_seats, place_speeches, speech_place
from .entities import Tok, tokens_of
from .statements import Situation, find_statements, statement_lexicon
from .triggers import _NO_TRIGGER, Trigger, lexicon

_BOUNDARY = {fold_key(w) for w in ("حيث", "وقال", "قال", "وقالت", "قالت", "مضيفا", "مؤكدا", "مشيرا", "وأكد", "وأضاف",
                                     "فيما", "بينما", "وكان", "وكانت", "وهو", "وهي", "معربا", "موضحا", "لافتا", "قائلا", "وأوضح", "وأشار", "مردفا", "معقبا")}
_LEFT_BOUNDARY = {"ان", "بان", "وان", "انه", "انها"}
_RESUMPTIVE = {"انه", "انها", "بانه", "بانها"}
_RESPONSE = {"ردا", "رد", "ردها", "رده"}  # "ردا على …": what follows is the act answered, not the responder's
_TARGET_PREP_REACH = 5  # words from a strike to the على/ضد of its target: "غارات جوية في سوريا على"
_TARGET_PHRASE = 4  # words of that target phrase: "على أهداف سورية وإيرانية"
_OPENING = 2  # a time phrase opening its sentence ("وبعد اللقاء مع …،") has its noun within the first words
_SPEAKER_REACH = 8  # tokens before "إنها" the speaker it stands for is named: "وقالت وزارة الدفاع الروسية إنها"
# the dateline heading a wire story: "دبي، الإمارات العربية المتحدة (CNN)--", "باريس (أ ف ب) -", "موسكو - سانا:"
_DATELINE_LEAD = re.compile(r"^\s*[^\n.:]{2,60}?\((?:[^()\n]{1,20})\)\s*[-–—]+\s*|^\s*[\u0621-\u064a ،,]{2,40}?\s[-–—]{1,2}\s")
_DATELINE_CITY = re.compile(r"^\s*([\u0621-\u064a]+(?: [\u0621-\u064a]+)?)\s*(?:[-–—]|\()")
# duals of office: "ووقّع الرئيسان إعلانا مشتركا" are the two just named
_DUAL_OFFICES = {fold_key(w) for w in ("الرئيسان", "الرئيسين", "الوزيران", "الوزيرين", "الزعيمان", "الزعيمين", "القائدان", "القائدين",
               "الملكان", "الملكين", "المسؤولان")}  # not المسؤولين: also the plural "officials"
_DYAD_WORDS = {fold_key(w) for w in ("البلدين", "البلدان", "الجانبين", "الجانبان", "الطرفين", "الطرفان", "الدولتين",
                                     "الحكومتين", "الحكومتان")} | _DUAL_OFFICES
_JOINT = {"AGREE", "COOPERATE"}  # acts a compound subject may do together with no other party named
_REPLIES = {"REJECT", "THREATEN"}  # a denial or a threat answers someone even when no one is named
_SPORT_WORDS = 2  # sport words in a sentence that make it a sports report
_MEETING_LINKS = {"مع", "بين", "الي", "لـ", "الذي", "التي"}  # words that give a definite meeting noun its parties
_PRESS = {"صحفي", "الصحفي", "صحافي", "الصحافي", "صحفيا", "صحافيا"}
_WORDS_OR_FORCE = {"assault.raid", "assault.attack"}  # "هجوم"، "هاجم": by words or by force, as the attacker is
_PHONE_REACH = 4  # words between a phone cue and the meeting word it makes a call
_GOVERNED_ACTS = {"SANCTION", "ASSAULT", "MOBILIZE", "COERCE"}  # acts a threat or a demand may name
_GOVERNOR_REACH = 10  # words between "هدد"/"دعا إلى" and the act it names, its subject between: "هدد الرئيس الأمريكي دونالد ترامب اليوم بفرض عقوبات"
_NOUN_PREPS = {"مع", "ومع"}  # "with" before a verbal noun spelled like a verb: "تصاعدت مع تدخل السعودية"
_NOUN_GOVERNORS = {"بعد", "قبل", "عقب", "اثر", "رغم", "خلال", "منذ", "وسط", "جراء", "بسبب"}
_VISITOR_GAP = 4  # words between a visit noun and its visitor: "زيارة رسمية يقوم بها الرئيس"
_OBJECT_PRONOUNS = {"اياها", "اياه", "اياهم", "اياهما"}  # folded إياها …: a detached object pronoun
_NAMED_SUBJECTS = {"person", "role", "state", "capital", "org"}
_THEATRE_KINDS = {"place", "state", "capital"}  # what tells where an article's story happens (agents._theatre)
_VSO_SUBJECT_GAP = 4  # the subject's phrase (its title first) follows its verb closely: "ندد عدد من منظمات…" has none


class EventsStage(ActorCandidates, AgentRoles, Stage):
    """Inter-state events of a document (CONTRACT §2 ``events``): frame triggers and reported statements
    per body sentence, their sides from the actor candidates, time, place and modality; drafts of one
    event merged, readings of one act folded; ``confidence`` from the packaged scorer (marsad/scorer.py).
    Requires ``entities``, ``sentences``, ``metadata``; provides ``events``."""
    name = "events"
    version = "1.0"
    requires = frozenset({"entities", "sentences", "metadata"})
    provides = frozenset({"events"})

    def __init__(self, **config: Any) -> None:
        super().__init__(**config)
        self.kb = KB.load()
        self.lex = lexicon()
        # every modality cue, to read one behind its conjunction ("ولن", "ويعتزم"); built once, not per token
        self._modal_words = frozenset().union(*(self.lex.cues[k] for k in ("future", "negation", "cancel", "hypothetical")))
        # what a condemnation's object may be: an act ("الضربات") or a stance word ("التطرف"); built once
        self._condemned = frozenset(self.lex.cues["force_heads"]) | frozenset(statement_lexicon().stance)
        # words that make an attack a use of force: "هجوما عسكريا", "الطائرات", "القوات"
        self._force_words = frozenset(self.lex.topics["military"]) | {"عسكريا"} | frozenset(self.lex.cues["force_heads"])
        # the trained candidate scorer; "rules" keeps the rule confidence (tests, training)
        self.model = packaged_model() if self.config.get("confidence", "model") == "model" else None
        self._discourse: Counter[str] = Counter()  # the current article's states by mentions so far
        self._theatre: Counter[str] = Counter()  # the current article's states and the states of its places, so far
        self._told_meeting = False  # the current article has already told a meeting
        self._sent_triggers: list[tuple[Tok, str]] = []  # the current sentence's triggers and categories
        self.trace: list[dict[str, Any]] | None = None  # set to a list to record what each sentence gave (eval/explain.py)
        self.situations: list[Situation] | None = None  # set to a list to collect statements (eval/stance_sample.py)

    # -- main ------------------------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        # the document's discourse (states named so far, drafts, told meetings) goes on a shallow copy of
        # the stage: calls on other threads (the API's pool) never share it
        return copy.copy(self)._events(doc)

    def _events(self, doc: Document) -> Document:
        ents = {e.id: e for e in doc.entities}
        by_sent: dict[int, list[Mention]] = {}
        for m in doc.mentions:
            if m.sentence is not None:
                by_sent.setdefault(m.sentence, []).append(m)
        drafts: list[Draft] = []
        igo_heads = self._igo_heads(by_sent, ents, doc.raw)
        speeches: list[tuple[int, int, set[str], dict[str, Any]]] = []  # (article, sentence, speakers, venue)
        for ai, art in enumerate(doc.articles):
            pub = art.published
            ctx_place: dict[str, Any] | None = self._dateline_place(doc, art)
            ctx_time: TimeExpr | None = None
            dyad: Counter[str] = Counter()  # states the article has named so far: "البلدين" refers to its top two
            leaders: dict[str, Cand] = {}  # the last official named for each state: "الزعيمان" are two of them
            self._discourse, self._drafts, self._article, self._raw = dyad, drafts, ai, doc.raw
            self._theatre = Counter()
            topic: list[Cand] = []  # the discourse subject: who "وأضاف", "كما استقبل" speak of
            self._trio: list[str] = []  # the last three states listed together: "الدول الثلاث"
            self._sponsor: list[Cand] = []  # who put forward the last draft resolution told: "مشروع القرار" is it
            for si, sent in enumerate(doc.sentences):
                if sent.article != ai or sent.kind != "body":
                    continue
                toks = tokens_of(doc, sent.start, sent.end)
                stext = doc.raw[sent.start:sent.end]
                times = SentenceTimes(stext, pub, sent.start)  # found when a trigger or statement reads them
                mentions = sorted(by_sent.get(si, []), key=lambda m: m.start)
                places = [m for m in mentions if m.place is not None or (m.type == "GPE" and m.entity)]
                sent_place = self._place(doc, toks, places, ents)
                loc = lambda m: self._loc(m, ents)  # noqa: E731
                spoke = speech_place(self.kb, doc.raw, toks, places, loc)
                if spoke is not None:
                    speeches.append((ai, si, {m.entity for m in mentions if m.type == "PER" and m.entity}, spoke))
                # a word with its proclitic counts too ("بهدف", "والمنتخب"); each word once ("الفريق أول ركن … الفريق")
                sporting = len({w for t in toks for w in t.variants if w in self.lex.cues["sport"]}) >= _SPORT_WORDS \
                    or subheading(doc.raw, sent, toks)
                trig = [] if sporting else self._triggers(toks)  # "لقاء المنتخبين" is a match, not a meeting
                self._sent_triggers = [(toks[i], t.category) for i, t in trig]  # for dating: see _other_triggers
                cands = self._cands(doc, ents, mentions, toks, igo_heads)
                cands += self._nisba_cands(doc, toks, cands)
                cands = self._grouping_cands(doc, toks, cands)
                self._sent_citizens = self._citizens(ents, mentions, toks)
                lead = _dateline_end(stext)
                self._first_tok = next((k for k, t in enumerate(toks) if t.start >= sent.start + lead), 0)
                if lead:
                    # "دبي، الإمارات العربية المتحدة (CNN)-- أدان …": the wire's dateline names no actor
                    cands = [c for c in cands if c.mention.start >= sent.start + lead]
                loose = [c for c in self._nisba_cands(doc, toks, cands, loose=True)
                         if c.mention.start >= sent.start + lead]  # the dateline's nisba: "الولايات المتحدة الأمريكية (CNN)"
                if self.trace is not None:
                    self.trace.append({"sentence": si, "text": stext, "topic": [(c.code, c.mention.text) for c in topic],
                                       "cands": [(c.tok, c.kind, c.code, c.mention.text) for c in cands],
                                       "triggers": [(ti, toks[ti].text, t.frame) for ti, t in trig], "statements": []})
                for ti, trigger in trig:
                    lo, hi = self._clause(doc, toks, ti)
                    bare = not any(lo <= c.tok <= hi for c in cands)  # "ووقّعا إعلانا": no actor of its own
                    new, restated = self._dyad_draft(doc, ai, si, toks, ti, trigger, (dyad, leaders), times,
                                                     sent_place or ctx_place, ctx_time, pub, bare, cands) \
                        if trigger.category in ("SUPPORT", "AGREE", "COOPERATE", "CONSULT") else ([], False)
                    self._told_meeting = any(d.category == "CONSULT" and d.article == ai for d in drafts)
                    if not new and not restated:
                        # what a statement is about may be named by a nisba alone: "رفضت تركيا المطالب الأمريكية"
                        own = cands + loose if trigger.category in _VERBAL or trigger.category == "SUPPORT" \
                            and trigger.role == "agent" else cands
                        new = self._draft(doc, ai, si, toks, ti, trigger, own, times, sent_place or ctx_place, ctx_time,
                                          pub, topic)
                    for d in new:  # the clause's own place cues first (places.py)
                        host = d.recipient[0].code if d.recipient else None
                        d.place, d.extra["place_cue"] = event_place(self.kb, toks, ti, (lo, hi), places, loc, d.place,
                                                                    d.category, d.mode, host, len(trig) == 1)
                    drafts.extend(name_the_official(expelled(d, toks, self.lex.cues["expel"]), cands) for d in new)
                if not sporting:
                    for d in self._statement_drafts(doc, ai, si, toks, cands + loose, topic, times, pub):
                        # a statement is placed only by its own clause ("قال في البيت الأبيض")
                        at = next(k for k, t in enumerate(toks) if t.start >= d.trigger_tok.start)
                        d.place = clause_place(self.kb, toks, at, *self._clause(doc, toks, at), places, loc)
                        d.extra["place_cue"] = d.place is not None
                        drafts.append(name_the_official(d, cands))
                self._theatre.update(c.code for c in cands if c.kind in _THEATRE_KINDS and c.code != "IGO")
                topic = _subject_of(toks, cands, self._first_tok) or topic
                dyad.update(c.code for c in cands if c.kind in ("person", "role", "state", "capital") and c.code != "IGO")
                self._trio = _listed_trio(toks, cands) or self._trio
                self._sponsor = sentence_sponsor(toks, cands + loose, self.lex, self.kb.nisba_index(), self._raw) or self._sponsor
                leaders.update((c.code, c) for c in cands if c.kind == "person" and c.code)
                if sent_place and sent_place.get("kind") != "country":
                    ctx_place = sent_place
                elif sent_place and ctx_place is None:
                    ctx_place = sent_place
                ctx_time = discourse_time(ctx_time, [d for d in drafts if d.sentence == si and d.article == ai])
        seats = {m.entity: place_record(m.seat) for m in doc.mentions if m.seat is not None and m.entity}
        place_at_seats(drafts, seats, _VERBAL)
        place_speeches(drafts, speeches, _VERBAL)
        merged = merge_drafts(drafts)
        doc.events = [self._finish(doc, d) for d in merged]
        self._score(doc, merged)
        doc.events = fold_readings(doc.events)
        return doc

    def _score(self, doc: Document, merged: list[Draft]) -> None:
        """Each event's scorer features, and its confidence from the trained scorer when one is packaged
        (:mod:`marsad.scorer`); without a model the rule confidence stays."""
        first: dict[int, int] = {}
        for i, s in enumerate(doc.sentences):
            if s.kind == "body":
                first.setdefault(s.article, i)
        per_sentence = Counter(d.sentence for d in merged)
        states: dict[int, set[str]] = {}
        for m in doc.mentions:
            code = m.country or (m.place.cc3 if m.place is not None else None)
            if m.sentence is not None and code:
                states.setdefault(m.sentence, set()).add(code)
        for ev, d in zip(doc.events, merged):
            sent = doc.sentences[d.sentence]
            toks = tokens_of(doc, sent.start, sent.end)
            ti = next((k for k, t in enumerate(toks) if t.start >= d.trigger_tok.start), 0)
            text = doc.raw[sent.start:sent.end]
            info = {"trigger": d.trigger_tok.text, "states": len(states.get(d.sentence, ())),
                    "quoted": any(q in text for q in ('"', "«", "“")), "events": per_sentence[d.sentence]}
            ev.features = features(d, d.sentence - first.get(sent.article, d.sentence), len(toks), ti, info)
        model = self.model
        if model is None or not doc.events:
            return
        embs = embed(ev.event_text[0] for ev in doc.events) if model.embedding else [None] * len(doc.events)
        for ev, emb in zip(doc.events, embs):
            ev.confidence = round(model.calibrate(model.raw(ev.features, emb)), 4)

    def _dateline_place(self, doc: Document, art: Any) -> dict[str, Any] | None:
        """The city of a wire dateline ("موسكو - سانا", "دمشق (رويترز) -") heading the article."""
        body_start = art.body[0][0] if art.body else art.end
        for ln in doc.lines:
            if ln.start < art.start or ln.start > body_start:
                continue
            m = _DATELINE_CITY.match(doc.raw[ln.start:ln.end])
            p = self.kb.place(m.group(1)) if m else None
            if p is not None:
                return {"name": p.name_en, "name_ar": p.name_ar, "cc3": p.cc3, "latitude": p.lat,
                        "longitude": p.lon, "geonameid": p.geonameid, "kind": p.kind}
        return None

    def _masdar_here(self, toks: list[Tok], i: int, frame: str) -> bool:
        """A past verb spelled like its frame's verbal noun ("رفض") is the noun after a verb of saying:
        "وأكد للافروف رفض مصر توسيع الصراع" (Egypt's refusal), not "Lavrov refused"."""
        if toks[i].text not in self.lex.masdars.get(frame, ()):
            return False
        back = [t.text for t in toks[max(0, i - 2):i]]
        # …or after a preposition or a time adverb, which take nouns: "بعد توعد ترامب بإطلاق صواريخ"
        # …or after a preposition, which takes a noun: "تصاعدت مع تدخل السعودية على رأس تحالف عسكري"
        return bool(back) and (back[-1] in statement_lexicon().report or back[-1] in _NOUN_GOVERNORS or back[-1] in _NOUN_PREPS
                               or len(back) == 2 and back[0] in statement_lexicon().report and back[1][:1] in "لب")

    def _triggers(self, toks: list[Tok]) -> list[tuple[int, Trigger]]:
        found: list[tuple[int, Trigger]] = []
        for hit in self.lex.frames.match([t.text for t in toks]):
            i = hit.index
            if i > 0 and toks[i - 1].text in _FORUM_CONTEXT:
                continue  # "على هامش اجتماع …": the forum, not a meeting of its own
            if hit.form.aspect == "participle" and i > 0 and any(ch.isdigit() for ch in toks[i - 1].text):
                continue  # "أحكام بحق 16 متهما": counted defendants, no one accusing
            noun = hit.form.pos == "noun" or self._masdar_here(toks, i, hit.frame.id)
            found.append((i, Trigger(hit.category, hit.role, hit.frame.id, noun, "noun" if noun else hit.form.aspect,
                                     not noun and bool(hit.form.enclitic), hit.form.dual,
                                     hit.form.pos == "noun" and hit.form.definite, not noun and hit.form.feminine)))
        cues = self.lex.cues
        found = [(i, replace(tr, category="YIELD") if lifted(toks, i, tr.category, cues["lift"]) else tr) for i, tr in found
                 if not self._only_threatened(toks, i, tr, found) and not drafted(toks, i, tr.category, cues["draft_heads"])
                 and not plotted(toks, i, tr.category, cues["plot_heads"])]
        # "شن ترامب هجوما حادا على ألمانيا": an attack in words is an accusation
        found = [(i, replace(tr, category="ACCUSE", frame="accuse.verbal_attack")
                  if tr.category == "ASSAULT" and tr.noun and i + 1 < len(toks) and toks[i + 1].text in self.lex.cues["verbal_attack"]
                  else tr) for i, tr in found]
        # a phone cue near a meeting word turns it into a call ("بحث هاتفيا"، "أجرى اتصالا هاتفيا"); a visit
        # told in the same sentence as a call stays a visit ("تزامنت المكالمة الهاتفية … مع زيارة بومبيو")
        phones = [k for k, t in enumerate(toks) if t.text in self.lex.cues["phone"]]
        if phones:
            found = [(i, Trigger(tr.category, "phone", tr.frame, tr.noun, tr.aspect)
                      if tr.category == "CONSULT" and any(abs(i - k) <= _PHONE_REACH for k in phones) else tr)
                     for i, tr in found]
        return found

    def _people(self, toks: list[Tok], c: Cand) -> bool:
        """A nisba on people an act may fall on ("المواطنين القطريين", "الطفلة الماليزية"): no state acting or
        addressed, except as the target of force or coercion."""
        return c.kind == "group" and c.tok > 0 and bool(set(toks[c.tok - 1].variants) & self.lex.cues["people_heads"])

    def _only_threatened(self, toks: list[Tok], i: int, tr: Trigger, found: list[tuple[int, Trigger]]) -> bool:
        """An act told as what is threatened or demanded ("التهديد بفرض عقوبات على تركيا", "دعا إلى شن
        ضربات"): its light verb carries بـ or follows إلى, under a THREATEN or DEMAND word just before.
        The governing word gives the event; the act itself has not happened."""
        if tr.category not in _GOVERNED_ACTS or i == 0:
            return False
        prev = toks[i - 1]
        bare = {v[1:] for v in prev.variants if v[:1] == "ب"} | ({prev.text} if i > 1 and toks[i - 2].text == "الي" else set())
        if not bare & self.lex.cues["light_verbs"]:
            return False
        return any(i - _GOVERNOR_REACH <= j < i - 1 and g.category in ("THREATEN", "DEMAND") for j, g in found)

    @staticmethod
    def _clause(doc: Document, toks: list[Tok], ti: int) -> tuple[int, int]:
        """Token bounds of the trigger's clause: up to a verb of saying, "أن", or a quotation."""
        lo = ti
        while lo > 0 and ti - lo < _SIDE_WINDOW and toks[lo - 1].text not in _BOUNDARY \
                and (toks[lo - 1].text not in _LEFT_BOUNDARY or (lo == ti and toks[lo - 1].text in _RESUMPTIVE)) \
                and not _quote_between(doc, toks, lo - 1):
            lo -= 1  # "أعلنت الوزارة أنها استدعت…": the pronoun hands the verb the ministry as subject
        hi = ti
        while hi + 1 < len(toks) and hi - ti < _SIDE_WINDOW and toks[hi + 1].text not in _BOUNDARY \
                and not _quote_between(doc, toks, hi):
            hi += 1
        return lo, hi

    def _sides(self, doc: Document, toks: list[Tok], ti: int, cands: list[Cand], noun: bool) -> tuple[list[Cand], list[Cand]]:
        """The coordinated actor groups just before and just after the trigger, within its clause.

        A group is the nearest actor plus the actors joined to it by "و", "وكذلك", "مع", "بين" or a
        comma-free stretch of a few words; a clause boundary (verb of saying, quotation, "أن") ends it.
        """
        lo, hi = self._clause(doc, toks, ti)
        if any(c.kind in ("person", "role") for c in cands) and _consult_form(self.lex, toks[ti]):
            # a named official stands for the state at a meeting: country names then are places or topics
            cands = [c for c in cands if c.kind != "state" or c.tok == ti - 1 or c.tok == ti + 1]
        before = sorted((c for c in cands if lo <= c.tok < ti), key=lambda c: -c.tok)
        after = sorted((c for c in cands if ti < c.tok <= hi), key=lambda c: c.tok)
        left, right = _group(doc, toks, before, reverse=True), _group(doc, toks, after, reverse=False)
        if not left and lo > 1 and (toks[lo - 1].text in _RESUMPTIVE or toks[lo - 1].text in _LEFT_BOUNDARY
                                    and own_forces(toks, lo, self.lex.cues["force_heads"])):
            # "وقالت إسرائيل إنها ردا على الحادث شنت غارات على مواقع سورية": the pronoun is the one who
            # speaks, and the subject of what it says
            speaker = sorted((c for c in cands if lo - 1 - _SPEAKER_REACH <= c.tok < lo - 1), key=lambda c: -c.tok)
            left = _group(doc, toks, speaker, reverse=True)
        trig = self.lex.trigger(toks[ti].text) or _NO_TRIGGER
        if trig.aspect == "participle":
            # "قال ترامب …، متهماً كندا بسوء النية": the participle's subject is the sentence's, its object after it
            subject = _subject_of(toks, [c for c in cands if c.tok < ti], self._first_tok)
            own = {c.code for c in subject or left}
            if ti + 1 < len(toks) and toks[ti + 1].text in _OBJECT_PRONOUNS:
                # "شن ترامب هجوما على ألمانيا متهما إياها بإثراء روسيا": the pronoun is the last other party named
                before = [c for c in cands if c.tok < ti and c.code not in own]
                return subject or left, [max(before, key=lambda c: c.tok)] if before else []
            return subject or left, [c for c in right if c.code not in own]
        kana = _kana_subject(toks, ti, cands)
        if kana:
            return kana, right
        # "إن إسرائيل تحمل إيران …": a subject right before the verb keeps it (subject-verb-object)
        vso = not left or trig.role == "agent" and right \
            and right[0].tok - ti <= _VSO_NEAR and not _after_preposition(toks, ti, right[0]) \
            and not _subject_before(toks, ti, left[0])
        if vso and right and not noun and self._subject_near(doc, toks, ti, right[0]):
            # a subject right after an agent verb wins over an actor of an earlier clause:
            # "في الوقت الذي يزور فيه لودريان طهران، ندد نظيره الإيراني ظريف بـ…"
            # verb-subject-object: "استقبل الرئيس X، صباح اليوم بقصر قرطاج، الوزير الأول الجزائري Y"
            subject, rest = _split_subject(doc, toks, right, after)  # "استقبل X في طهران Y، بحضور Z": Z is no subject
            if rest:
                left, right = subject, rest
        elif trig.role == "agent" and not noun and left and right and right[0].kind in ("person", "role") \
                and not _after_preposition(toks, ti, right[0]) \
                and "،" in doc.raw[toks[end_tok(toks, left[0])].end:toks[ti].start] \
                and (ti - end_tok(toks, left[0]) > 1 or left[0].kind not in _NAMED_SUBJECTS) \
                and self._subject_near(doc, toks, ti, right[0]):
            # "ورغم مساعي الحكومة التركية لطمأنة الأسواق، هدد وزير الخزانة الأمريكي ستيفين منوشن بمزيد من
            # العقوبات": the subject follows the verb; the actor of the clause before the comma is no party (an
            # apposition's comma right before the verb is not that: "وزيرة الدفاع الألمانية، أورسولا فون دير ليين، رفضت")
            left, right = _split_subject(doc, toks, right, after)
        return left, right

    def _main_subject(self, doc: Document, toks: list[Tok], ti: int, parties: list[Cand]) -> list[Cand]:
        """The subject of the main clause after a time phrase opened at token ``ti``: the first named actor
        within a few words after the phrase's comma, of another state than ``parties``."""
        comma = doc.raw.find("،", toks[ti].end)
        codes = {c.code for c in parties}
        after = sorted((c for c in self._sent_cands if comma >= 0 and c.mention.start > comma and c.code not in codes
                        and c.kind in ("person", "role", "state", "capital", "org")), key=lambda c: c.tok)
        first = next((k for k, t in enumerate(toks) if t.start > comma), len(toks)) if comma >= 0 else len(toks)
        if not after or _head_tok(toks, after[0]) - first > _VSO_TITLE_GAP \
                or any(t.text in _PREPOSITIONS for t in toks[first:after[0].tok]) or _after_preposition(toks, after[0].tok - 1, after[0]):
            return []  # "…، من رحلته إلى السعودية وتركيا": a state after a preposition is no subject
        return _coordinated(toks, after)

    def _joint_subject(self, doc: Document, toks: list[Tok], ti: int, left: list[Cand], right: list[Cand],
                       noun: bool) -> list[Cand]:
        """The coordinated subject of a trigger, before it or right after a verb ("وتعهد بوتين ونظيره الإيراني …",
        split by :meth:`_sides` into subject and what follows it), or [] when it has an object too."""
        if not right:
            return left
        if not left:
            return right if not noun and self._subject_near(doc, toks, ti, right[0]) else []
        nxt = end_tok(toks, left[-1]) + 1
        return left + right if left[0].tok > ti and nxt < len(toks) and toks[nxt].text[:1] == "و" else []

    @staticmethod
    def _subject_near(doc: Document, toks: list[Tok], ti: int, c: Cand) -> bool:
        """The actor right after a verb is its subject: within a few words, or after a longer run of
        title words with no comma or preposition ("استقبل رئيس حكومة تصريف الأعمال اللبنانية نجيب ميقاتي")."""
        head = _head_tok(toks, c)
        if head - ti <= _VSO_SUBJECT_GAP:
            return True
        between = toks[ti + 1:head]
        return head - ti <= _VSO_TITLE_GAP and "،" not in doc.raw[toks[ti].end:toks[head].start] \
            and not any(t.text in _PREPOSITIONS or t.text in _RELATIVE for t in between)

    def _draft(self, doc, ai, si, toks, ti, trig: Trigger, cands: list[Cand], times, place, ctx_time, pub,
               topic: list[Cand] = ()) -> list[Draft]:
        lex, self._sent_cands = self.lex, cands
        places = [c for c in cands if c.kind == "place" and self._is_party(c.code) and c.tok > ti]
        earlier = [c for c in cands if c.kind in ("place", "state", "capital") and self._is_party(c.code) and c.tok < ti]
        # citizens, pilgrims, refugees named by a nisba are people an act may fall on, never a state acting or
        # addressed: "ترحيبها بالمواطنين القطريين الراغبين بأداء مناسك الحج" welcomes no state
        cands = [c for c in cands if c.kind != "place" and self._is_party(c.code)
                 and (c.kind != "weapon" or trig.category == "AID")
                 and not (self._people(toks, c) and trig.category not in _PLACE_TARGETED)]
        if trig.frame == "demand.call_on" and invitation(self.lex, toks, ti) is not None:
            return []  # "دعا ترامب نظيره الروسي لزيارة الولايات المتحدة": an invitation, told by the visit it invites to
        if _frame_says(trig, "antecedent"):
            # "المطالب التي قدمها وزير الخارجية الأمريكي": the noun before is what is done, the agent follows the verb
            cands = [c for c in cands if c.tok > ti]
        elif ti > 0 and toks[ti - 1].text in _RELATIVE and trig.category not in ("CONSULT", "SUPPORT", "AGREE"):
            # "العملية التي استهدفت…": the agent is the noun before the relative pronoun, not an earlier actor
            if not any(ti - 3 <= c.tok < ti - 1 for c in cands):
                return []
        if trig.noun and ti > 1 and toks[ti - 1].text == "علي" and toks[ti - 2].variants[-1] in _RESPONSE \
                and not any(c.tok == ti + 1 for c in cands):
            return []  # "وردا على الهجوم شنت الولايات المتحدة … غارات": the act answered has no agent here
        left, right = self._sides(doc, toks, ti, cands, trig.noun)
        if trig.dual and not trig.noun and trig.role in ("symmetric", "signer") \
                and len({c.code for c in left if c.tok < ti}) == 2:
            # a dual verb's parties are the two named before it: "أن بوتين وماكرون اتفقا … في أعقاب اتصال الرئيس
            # الفرنسي بنظيره الروسي لإطلاعه على محادثاته مع دونالد ترامب" is no agreement with Trump
            left, right = [c for c in left if c.tok < ti], []
        where = _visit_where(toks, ti, cands, earlier) if trig.role == "visitor" else None
        if where is not None:
            left, right = where
        if not trig.noun and trig.role in ("host", "agent") and ti > 0 and toks[ti].text[:1] == "و" \
                and not _opens_clause(toks, ti):
            # "كما ندد حلف الأطلسي بتسميم الجاسوس … وطالب روسيا بالرد": a verb joined by و mid-sentence
            # goes on with the sentence's subject; what follows it is its object
            subj = _subject_of(toks, [c for c in cands if c.tok < ti], self._first_tok)
            if subj and not any(c.tok < ti for c in left) and not any(c.code == subj[0].code for c in left + right):
                left, right = subj, _group(doc, toks, sorted((c for c in cands if c.tok > ti), key=lambda c: c.tok), False)
        if not left and not trig.noun and _opens_clause(toks, ti) and right and topic \
                and len({c.code for c in right}) == 1 and topic[0].code != right[0].code \
                and not (ti + 1 < len(toks) and toks[ti + 1].text in lex.cues["nonstate_heads"]) \
                and not (trig.feminine and right[0].tok == ti + 1 and right[0].kind in ("state", "capital")) \
                and not armed_subject(toks, ti, trig, right[0], _PLACE_TARGETED) and not quantified(toks, ti) \
                and (trig.role == "host" or trig.role == "agent" and all(c.kind not in ("person", "role") for c in right)):
            # a sentence-initial verb with one party after it: the subject is the one the discourse is
            # about — "كما استقبل وزير الخارجية التركي …", "وندد بالعقوبات الأمريكية"; an official right
            # after an agent verb is its own subject ("ودعا الجنرال محمد باقري إلى …"); a state right after a
            # feminine verb is its subject, not its object ("وتنفي إيران هذه الاتهامات"); a company, NGO or
            # activist right after the verb is its subject, and no state ("ونددت المنظمات التونسية بمواقف …")
            left = list(topic)
        if trig.category == "CONSULT" and trig.definite and self._told_meeting \
                and not any(0 < c.tok - ti <= _GENITIVE_GAP for c in right) \
                and (ti + 1 >= len(toks) or toks[ti + 1].text not in _MEETING_LINKS):
            return []  # "وتأتي الزيارة في محاولة …": the visit the article already told, named by its article alone
        summit: list[Cand] = []
        if trig.category == "CONSULT":
            left = [c for c in left if c.kind != "force"]
            right = [c for c in right if c.kind != "force"]
            # another meeting word after the trigger opens that meeting's own parties: "اتصال الرئيس
            # الفرنسي بنظيره الروسي لإطلاعه على محادثاته مع دونالد ترامب" is a call between two
            nested = next((k for k in range(ti + 2, len(toks)) if _consult_form(lex, toks[k])), None)
            if nested is not None and any(c.tok < nested for c in right):
                right = [c for c in right if c.tok < nested]
            # and one before it closes that meeting's: "تزامنت المكالمة بين ترامب وبن سلمان مع زيارة بومبيو
            # إلى السعودية ولقاء الملك سلمان" — Pompeo met the king, Trump did not
            before = max((k for k in range(0, ti - 1) if _consult_form(lex, toks[k])), default=None)
            if trig.noun and toks[ti].text[:1] == "و" and before is not None and any(c.tok > before for c in left):
                left = [c for c in left if c.tok > before]
            summit = [c for c in right if c.tok == ti + 1 and c.mention.type == "NORP" and c.mention.source == "kb"] \
                if trig.noun else []
            if summit:
                left, right = summit, []  # "قمة مجموعة السبع": the summit of a grouping is a meeting of its states
            elif any(c.kind in ("person", "role", "org") for c in left + right):
                left = [c for c in left if c.kind not in ("state", "capital")]
                right = [c for c in right if c.kind not in ("state", "capital")]
            else:
                return []
        left, right = _prefer_persons(left), _prefer_persons(right)
        place_cc = place.get("cc3") if place else None
        noun = trig.noun
        mode: list[str] = []
        source, recipient = left, right
        if trig.category == "CONSULT":
            if trig.role == "phone":
                mode, place = ["phone"], None  # a call happens nowhere in particular
                if not left:
                    source, recipient = right, []
            elif trig.role == "host" and not noun:
                source, recipient, mode = right, left, ["visit"]
                everyone = sorted((c for c in left + right if c.tok > ti), key=lambda c: c.tok)
                by = _agent_after(toks, ti, everyone)
                if by is not None:
                    # "استُقبل فيدان … من قبل نظيره عطاف": the passive's agent after من قبل is the host
                    source, recipient = [c for c in everyone if c.tok < by], [c for c in everyone if c.tok > by]
                elif trig.obj_pronoun and left and right:
                    # "ثم استقبله تبون": the suffix is the guest the discourse is about, the subject hosts
                    source, recipient = left, right
            elif trig.role == "visitor":
                # "زار X Y" / "X يزور Y": the visitor is the subject; "زيارة (أجراها) X إلى Y": after the noun
                # the visitor of a visit noun follows it closely ("زيارة الرئيس التركي", "زيارة يقوم بها
                # ماكرون", "تلك التي قام بها الرئيس الفرنسي"); a party far after it belongs to another phrase ("زيارة قادته إلى طهران … للنظام السوري")
                close = right and (right[0].tok - ti <= _VISITOR_GAP or "بها" in {t.text for t in toks[right[0].tok - 3:right[0].tok]})
                group = ((right if close else []) or left or right) if noun else (left or right)
                vcode = next((c.code for c in group if c.code != place_cc), group[0].code if group else None)
                visitors = [c for c in group if c.code == vcode]
                hosts = [c for c in right if c.code != vcode and c.code == (place_cc or c.code)]
                lo, hi = self._clause(doc, toks, ti)
                if any(t.text in lex.cues["attend"] for t in toks[lo:hi + 1]):
                    # "بزيارة إلى بروكسل لحضور اجتماع لحلف الناتو": a visit to a gathering has no host
                    place_cc, hosts = None, [c for c in hosts if c.kind in ("person", "role")]
                if not hosts and place_cc and vcode and place_cc != vcode:
                    hosts = [c for c in cands if c.code == place_cc and c.kind in ("person", "role") and c.tok > ti] \
                        or [self._state(place_cc, toks[ti])]
                source, recipient, mode = (where or (visitors, hosts)) + (["visit"],)
            else:
                everyone = left + right
                if noun and len({c.code for c in everyone}) == 1 and ti <= _OPENING and _governed(toks, ti):
                    # "وعقب اجتماعه مع نظيره الروسي سيرغي لافروف، أعلن وزير الخارجية الأمريكي مايك بومبيو …": the
                    # meeting's other party is the subject of the clause the time phrase opens
                    everyone = self._main_subject(doc, toks, ti, everyone) + everyone
                hosts = [c for c in everyone if place_cc and c.code == place_cc]
                guests = [c for c in everyone if not (place_cc and c.code == place_cc)]
                if hosts and guests:
                    source, recipient, mode = guests, hosts, ["visit"]
                elif place_cc:
                    source, recipient, mode = everyone, [], ["third-party"]
                else:
                    source, recipient, mode = everyone, [], []
            lo, hi = self._clause(doc, toks, ti)
            near = {t.text for t in toks[max(0, lo - 3):hi + 1]}
            near -= {t.text for k, t in enumerate(toks[max(0, lo - 3):hi], max(0, lo - 3))
                     if toks[k + 1].text in _PRESS}  # "في مؤتمر صحفي" is a press conference, no summit
            if near & lex.cues["multilateral"] and "phone" not in mode:
                mode = mode + ["multilateral"]
        elif trig.category == "AID":
            words = {t.text for t in toks}
            if not (words & set().union(*lex.aid_modes.values(), lex.cues["aid_objects"])) and not any(
                    c.mention.type == "WEAPON" for c in cands):
                return []  # "تلقى مكالمة هاتفية" is no delivery: AID needs something delivered
            mode = [k for k, v in lex.aid_modes.items() if words & v][:1]
            if trig.role == "receiver":
                source, recipient = right, left
            suppliers = [c for c in source + recipient if c.kind == "weapon"]
            if suppliers:
                # "تسلمت القوات العراقية مقاتلات إف-16 الأمريكية": the weapon's state supplies it
                recipient = [c for c in source + recipient if c.kind != "weapon" and c.code != suppliers[0].code]
                source = [c for c in (source + recipient) if c.code == suppliers[0].code and c.kind != "weapon"] or suppliers[:1]
        elif trig.role == "agent":
            got = self._agent_sides(toks, ti, trig, left, right, places, earlier)
            if got is None and (trig.category in _REPLIES or _frame_says(trig, "antecedent")) \
                    and not trig.noun and left and not right \
                    and (left[0].tok > ti or ti - max(c.tok for c in left) <= _VSO_NEAR + 2):
                # "ونفت موسكو ذلك": a denial or accusation with no one named answers the other state of
                # the dispute the article is about
                other = self._counterpart({c.code for c in left}, toks[ti])
                got = (left, [other]) if other else None
            if got is None and _frame_says(trig, "antecedent"):
                got = self._addressed(toks, ti, left + right)
            joint = self._joint_subject(doc, toks, ti, left, right, noun) if got is None else []
            if trig.category in _JOINT and len({c.code for c in joint}) > 1:
                # "وتعهد بوتين ونظيره الإيراني حسن روحاني بالتعاون": a pledge the parties make together binds
                # each to the others, as "اتفق" does
                got = (joint, [])
            if got is None:
                return []
            source, recipient = got
        elif trig.role == "receiver" and trig.category == "SUPPORT" and left and right:
            # "ونالت بريطانيا دعما من الاتحاد الأوروبي": the subject is backed, those after the noun back it
            source, recipient = right, left
        elif trig.category in ("SUPPORT", "AGREE", "COOPERATE"):
            # the parties, not what they agree about: "اتفقت باريس مع بريطانيا على أن روسيا كانت وراء الهجوم"
            that = next((k for k in range(ti + 1, len(toks)) if toks[k].text in ("ان", "بان", "انه", "انها")), len(toks))
            source, recipient = left + [c for c in right if c.tok < that], []
        if not source:
            source, recipient = recipient, []
        if trig.category != "CONSULT":
            src_codes = {c.code for c in source}
            recipient = [c for c in recipient if c.code not in src_codes]  # "اتهمت تونس ألمانيا … تونس"
        if len({c.code for c in source + recipient}) < 2:
            return []
        lo, hi = self._clause(doc, toks, ti)
        # what is said after "أن/إنه" has its own times: "قال ماكرون الخميس … إنه سيعلن في الأيام المقبلة"
        said = next((k for k in range(ti + 1, hi + 1) if toks[k].text in _LEFT_BOUNDARY), hi)
        # a "حيث" clause happens when its head clause does: "وانعقدت آخر قمة مطلع أبريل في أنقرة، حيث تعهدوا …"
        tlo = self._clause(doc, toks, lo - 2)[0] if lo > 1 and toks[lo - 1].text == "حيث" else lo
        in_clause = own_times([t for t in times if toks[tlo].start <= t.start and t.end <= toks[said].end], toks, ti)
        if trig.category == "AID" and not mode:
            # what is delivered is unnamed ("زورقين"): a military giver or receiver makes it military aid
            mode = ["military"] if any(c.sector == "MIL" or "دفاع" in (c.name or "") for c in source + recipient) \
                or {t.text for t in toks} & lex.topics["military"] else ["economic"]
        if not trig.noun and trig.aspect == "past":
            # a done deed is not dated ahead: "وتعهد باتخاذ إجراءات … في الأول من يوليو المقبل" dates the measures
            in_clause = [t for t in in_clause if t.direction != "future"]
        time, explicit = _nearest_time(in_clause, toks[ti], self._other_triggers(trig)) or saying_time(times, toks, lo), True
        if time is None:
            time, explicit = ctx_time, False
        voted = getattr(frames_by_id().get(trig.frame), "target", "") == "sponsor"
        context = self._context(toks, ti, time, pub, trig.aspect, explicit, voted)
        if trig.category == "CONSULT" and trig.noun and "future" not in context \
                and any(invitation(self.lex, toks, k) == ti for k in range(max(0, ti - INVITE_REACH), ti)):
            context = ["future"] + context  # "دعا الرئيس المصري نظيره الفرنسي إلى زيارة القاهرة": a visit to come
        if "future" in context and not explicit and time and time.date and pub and (time.enddate or time.date) < pub:
            time = None  # "وسيلتقي بومبيو في طوكيو …": a plan is not dated by the past the article last told
        conf = 0.5 + 0.15 * bool(any(c.kind == "person" for c in source)) + 0.15 * bool(
            any(c.kind == "person" for c in recipient) or len(source) > 1) + 0.1 * explicit + 0.1 * bool(place)
        source, recipient = _with_fellow_members(source, cands), _with_fellow_members(recipient, cands)
        if summit:
            # no member hosts its grouping's summit; a member's official the sentence names stands for his state
            # ("شن الرئيس الأمريكي دونالد ترامب هجوما على حلفائه … التي شهدتها قمة مجموعة السبع")
            officials = {c.code: c for c in cands if c.kind in ("person", "role") and c.tok != summit[0].tok}
            source, recipient, mode = [officials.get(c.code, c) for c in summit], [], ["multilateral"]
        pairs: list[tuple[list[Cand], list[Cand]]] = [(source, recipient)]
        hosts = [c for c in recipient if c.kind in ("person", "role")]
        # a compound subject ("أدانت دمشق وموسكو …") is one event of all its states, as a clause tells it
        if "phone" in mode and len({c.code for c in recipient}) > 1:
            # "اتصل ماكرون بالعاهل الأردني والرئيس الفلسطيني": one call each
            pairs = _one_each(source, recipient)
        elif trig.category == "CONSULT" and len(hosts) > 1:
            # a visitor meeting several officials of the host state: one event each
            pairs = [(source, [h]) for h in hosts]
        elif trig.category == "CONSULT" and not recipient and left and len({c.code for c in left}) == 1 \
                and len({c.code for c in source}) >= 3:
            # "كان له لقاءات مع عدة قادة على غرار X و Y و Z": one meeting per counterpart
            pairs = [(left + [c], []) for c in source if c.code != left[0].code and c.kind in ("person", "role")]
        # one call each to several parties never leaves a caller calling his own side
        pairs = [(src, rec) for src, rec in pairs if len({c.code for c in src + rec}) > 1]
        # the force words that make an official's attack a military one stand in the attack's own clause, not after a
        # comma ("شن خاتمي هجوما على الولايات المتحدة …، في ظل … الضربة الإسرائيلية لمواقع عسكرية")
        comma = next((k for k in range(ti, hi) if "،" in doc.raw[toks[k].end:toks[k + 1].start]), hi)
        # the object stands after a subject that follows the verb: "وهاجم الرئيس السوري بشار الأسد مشاركة قوات …"
        obj = max([ti] + [end_tok(toks, c) for c in source if c.tok > ti]) + 1
        if trig.category == "ASSAULT" and trig.frame in _WORDS_OR_FORCE and (all(c.kind in ("person", "role") for c in source) \
                and not any(t.text in self._force_words and not self.lex.trigger(t.text) for t in toks[lo:comma + 1])
                or any(t.text in self.lex.cues["speech_objects"] for t in toks[obj:obj + 3])):
            # "شن الرئيس الإيراني هجوما على الولايات المتحدة", "هاجم ترامب روسيا … في أعقاب هجوم كيماوي": an
            # official, not a force, attacking with no weapon or force in the clause attacks in words; so does
            # anyone attacking words ("هاجمت الصين تعليقات ترامب")
            trig = replace(trig, category="ACCUSE", frame="accuse.verbal_attack")
        if trig.category == "ASSAULT" and len(pairs) == 1 and len({c.code for c in recipient}) > 1 \
                and _one_target_phrase(toks, ti, recipient):
            # "غارات جوية في سوريا على أهداف سورية وإيرانية": a strike on several states' targets is one event per
            # state hit (a joint strike by several states stays one)
            pairs = _one_each(source, recipient)
        if len(pairs) == 1 and len({c.code for c in recipient}) > 1 and _frame_says(trig, "each"):
            pairs = _one_each(source, recipient)  # "تحمل إيران ومضيفتها سوريا كامل المسؤولية": each is blamed
        how = {"via": "frame", "frame": trig.frame, "aspect": trig.aspect}
        return [Draft(trig.category, mode, context, src, rec, si, toks[ti], time, explicit, place, min(conf, 0.99), ai,
                      dict(how)) for src, rec in pairs]

    def _statement_drafts(self, doc, ai, si, toks, cands: list[Cand], topic: list[Cand], times, pub) -> list[Draft]:
        """Verbal events told as reported speech (:mod:`.statements`): the speaker's state toward the
        states its words are about. No place: a statement's venue is rarely its subject."""
        out = []
        parties = [c for c in cands if c.kind != "weapon" and not self._people(toks, c)]
        for st in find_statements(doc, toks, parties, topic, self._is_party,
                                  counterpart=lambda codes: self._counterpart(codes, toks[0]), situations=self.situations):
            if self.trace is not None:
                self.trace[-1]["statements"].append((st.anchor, st.category, st.cue.id, [c.code for c in st.speaker],
                                                     [(c.code, c.mention.text) for c in st.targets]))
            # the state an act falls on is its victim, not what the words are aimed at:
            # "وصف خامنئي الهجوم على سوريا بالجريمة" accuses the attackers, not Syria
            aimed = [c for c in st.targets if not self._victim(toks, c)]
            if not aimed:
                continue
            source, recipient = _prefer_persons(st.speaker), _prefer_persons(aimed)
            anchor = toks[st.anchor]
            said = [t for t in outside_relatives(times, toks) if (t.start < toks[min(st.said_until, len(toks) - 1)].start or st.said_until >= len(toks))
                    and t.direction != "future"]  # what is said is said by now; a date ahead is what it is about
            time, explicit = _nearest_time(said, anchor), True
            if time is None:
                # a statement with no time of its own is the day's news, not the last date the article
                # named (gold/ANNOTATION.md: published - 2 days .. published)
                time, explicit = None, False
            context = self._context(toks, st.anchor, time, pub, "", explicit)
            conf = 0.45 + 0.1 * any(c.kind == "person" for c in source) + 0.1 * explicit
            out.append(Draft(st.category, [], context, source, recipient, si, anchor, time, explicit, None,
                             min(conf, 0.99), ai, {"via": "statement", "frame": st.cue.id, "aspect": "statement"}))
        return out

    def _dyad_draft(self, doc, ai, si, toks, ti, trig: Trigger, refs: tuple[Counter, dict[str, Cand]], times, place,
                    ctx_time, pub, bare: bool = False, cands: list[Cand] = ()) -> tuple[list[Draft], bool]:
        """Events whose parties are a back-reference to the two the article is about: "توقيع اتفاقية بين
        البلدين", "واتفق الجانبان" (the two states), "ووقّع الرئيسان", "ووقّعا" (the two officials just named).

        Returns the drafts and whether the trigger only restates a meeting already read from its
        participants ("وجرى بحث التعاون بين البلدين"), which then gives no event at all."""
        near = [t.text for t in toks[max(0, ti - 2):ti + 6]]  # "وجرى بحث التعاون الأمني بين البلدين"
        if _trio(toks, ti):
            parties = self._trio_parties(doc, toks, ti, refs[1], cands)
            return ([self._backref_draft(ai, si, toks, ti, trig, parties, ["multilateral"] if trig.category == "CONSULT"
                                         else [], times, place, ctx_time, pub)] if parties else []), False
        office = any(w in _DUAL_OFFICES for w in near) or trig.dual and bare
        if not office and not any(w in _DYAD_WORDS for w in near):
            return [], False  # only when the trigger itself is about "the two"
        if trig.category == "CONSULT" and not office:
            return [], True  # "خلال اللقاء بين البلدين" restates a meeting already read from its participants
        dyad, leaders = refs
        top = [code for code, n in dyad.most_common(3)]
        if len(top) < 2 or (len(top) == 3 and dyad[top[1]] == dyad[top[2]]):
            return [], False  # no clear pair of states yet
        pair = [leaders[code] if office and code in leaders else self._state(code, toks[ti]) for code in top[:2]]
        mode = ["third-party"] if trig.category == "CONSULT" and place and place.get("cc3") not in top[:2] else []
        return [self._backref_draft(ai, si, toks, ti, trig, pair, mode, times, place, ctx_time, pub)], False

    def _backref_draft(self, ai, si, toks, ti, trig: Trigger, parties: list[Cand], mode: list[str], times, place,
                       ctx_time, pub) -> Draft:
        """The draft of an act whose parties a back-reference names ("البلدين", "الدول الثلاث"), dated by its
        own clause or the discourse."""
        time, explicit = _nearest_time(times, toks[ti], self._other_triggers(trig)), True
        if time is None:
            time, explicit = ctx_time, False
        return Draft(trig.category, mode, self._context(toks, ti, time, pub, trig.aspect, explicit), parties, [], si,
                     toks[ti], time, explicit, place, 0.6, ai, {"via": "dyad", "frame": trig.frame, "aspect": trig.aspect})

    def _trio_parties(self, doc, toks, ti, leaders: dict[str, Cand], cands: list[Cand]) -> list[Cand]:
        """The parties of "the three states" or their leaders: the last three states the article listed together
        ("وزراء خارجية روسيا وإيران وتركيا" … "وكان زعماء الدول الثلاثة قد اجتمعوا مطلع الشهر في تركيا"), each by
        its official this sentence names ("قمة بين الدول الثلاث …، حيث كان الرئيس الروسي فلاديمير بوتين …"),
        else by the last one named when the words name leaders, else by the state; [] when there is none."""
        lo, hi = self._clause(doc, toks, ti)
        if not self._trio or any(lo <= c.tok <= hi and c.code not in self._trio and c.kind != "place" for c in cands):
            return []  # "بحث العلاقات بين إيران والدول الثلاث": a fourth party makes it no meeting of the three
        office = any(t.text in _TRIO_HEADS - _TRIO_STATES for t in toks[max(0, ti - _TRIO_REACH):ti + _TRIO_REACH])
        named = {c.code: c for c in reversed(cands) if c.kind == "person"}
        return [named.get(code) or (leaders.get(code) if office else None) or self._state(code, toks[ti]) for code in self._trio]

    def _other_triggers(self, trig: Trigger) -> list[Tok]:
        """The sentence's triggers of another kind than ``trig``: a time told before one of them is that
        event's ("وشنت إسرائيل في 10 من شباط غارات … لكن طهران نفت"); one of the same kind tells the
        same happening ("زيارة … التقى خلالها")."""
        return [tok for tok, cat in self._sent_triggers if cat != trig.category]

    def _context(self, toks: list[Tok], ti: int, time: TimeExpr | None, pub: dt.date | None,
                 aspect: str = "", explicit: bool = True, voted: bool = False) -> list[str]:
        """CONTRACT §2 context of an event told at token ``ti`` (:func:`.modality.event_context`)."""
        return event_context(self.lex.cues, self.lex.topics, self._modal_words, toks, ti, time, pub, aspect, explicit,
                             self._raw, voted)

    # -- output ----------------------------------------------------------------------------------
    def _finish(self, doc: Document, d: Draft) -> Event:
        sent = doc.sentences[d.sentence]
        date = d.time.date if d.time else (doc.articles[d.article].published if doc.articles else None)
        end = (d.time.enddate if d.time else None) or date
        # CONTRACT precisions are day|month|year; a vague window of days ("قبل أيام") is a day span
        prec = {"week": "day"}.get(d.time.precision, d.time.precision) if d.time else ("day" if date else None)
        actors = sorted(c.entity or c.mention.text for c in d.source + d.recipient)
        eid = "ev:" + hashlib.sha1(f"{doc.doc_id}|{d.article}|{d.category}|{sent.start}|{'|'.join(actors)}".encode()).hexdigest()[:16]
        loc = {k: v for k, v in d.place.items() if k != "kind"} if d.place else None
        return Event(id=eid, event=[d.category], mode=d.mode, context=d.context,
                     source=[c.actor() for c in d.source], recipient=[c.actor() for c in d.recipient],
                     date=date, enddate=end if end and end != date else None, date_precision=prec,
                     event_loc=loc, event_text=[doc.raw[sent.start:sent.end]], start=sent.start, end=sent.end,
                     confidence=d.confidence, article=d.article, trigger=d.trigger_tok.text)


_KANA = {"كان", "وكان", "كانت", "وكانت", "فكان", "فكانت"}


def _kana_subject(toks: list[Tok], ti: int, cands: list[Cand]) -> list[Cand]:
    """"وكان ولي العهد السعودي … في زيارته للولايات المتحدة … قد دعا واشنطن إلى …": the first actor after كان
    is the subject of the verb after قد, whatever comes between (empty when the verb has no كان … قد)."""
    if ti < 2 or toks[ti - 1].text != "قد":
        return []
    k = next((k for k in range(ti - 2, max(-1, ti - _SIDE_WINDOW), -1) if toks[k].text in _KANA), None)
    first = sorted((c for c in cands if k is not None and k < c.tok < ti and c.kind in ("person", "role", "state", "capital", "org")),
                   key=lambda c: c.tok)
    return _coordinated(toks, first) if first and first[0].tok - k <= 2 else []


def _split_subject(doc: Document, toks: list[Tok], right: list[Cand], after: list[Cand]) -> tuple[list[Cand], list[Cand]]:
    """The coordinated subject at the head of ``right`` and the group of other states named after it ([] if none)."""
    subject = _coordinated(toks, right)
    codes = {c.code for c in subject}
    rest = [c for c in after if c.code not in codes and c.tok > subject[-1].tok]
    return subject, _group(doc, toks, rest, reverse=False) if rest else []


def _governed(toks: list[Tok], ti: int) -> bool:
    """The noun at ``ti`` is governed by a time word ("عقب اجتماعه", "وخلال لقائه", "بعد اللقاء")."""
    w = toks[ti - 1].text if ti > 0 else ""
    return w in _NOUN_GOVERNORS or w[:1] in "وف" and w[1:] in _NOUN_GOVERNORS


def _frame_says(trig: Trigger, field: str) -> bool:
    """Whether the trigger's frame (``data/frames.json``) sets ``field`` ("each", "antecedent"); statement cues have none."""
    return bool(getattr(frames_by_id().get(trig.frame), field, False))


def _one_each(source: list[Cand], recipient: list[Cand]) -> list[tuple[list[Cand], list[Cand]]]:
    """One ``(source, recipient)`` pair per state among the recipients, in their order."""
    return [(source, [c for c in recipient if c.code == code]) for code in dict.fromkeys(c.code for c in recipient)]


def _with_fellow_members(side: list[Cand], cands: list[Cand]) -> list[Cand]:
    """``side`` with every member of a grouping one of its candidates stands for: "طالب … الترويكا الأوروبية"
    asks France, Germany and the United Kingdom, not the first of them."""
    named = {id(c.mention) for c in side}
    return side + [c for c in cands if id(c.mention) in named and c not in side]


def _one_target_phrase(toks: list[Tok], ti: int, recipient: list[Cand]) -> bool:
    """All of ``recipient`` stand in one على/ضد phrase right after the trigger: "على أهداف سورية وإيرانية"."""
    k = next((k for k in range(ti + 1, min(len(toks), ti + 1 + _TARGET_PREP_REACH)) if toks[k].text in ("علي", "ضد")), None)
    return k is not None and all(k < c.tok <= k + _TARGET_PHRASE for c in recipient)


def _dateline_end(text: str) -> int:
    """Length of a wire dateline at the start of a sentence, 0 if none."""
    m = _DATELINE_LEAD.match(text)
    return m.end() if m else 0


