"""Actor candidates of a sentence for the ``events`` stage: who in it can take part in an event.

:class:`ActorCandidates` is mixed into :class:`marsad.stages.events.EventsStage` (which provides
``self.kb`` and ``self.lex``). It turns mentions into :class:`~.clauses.Cand` objects — officials with
their state (or the IGO they head), state bodies, states and capitals standing for them, weapons with
their supplier, nisbas on forces and targets ("طائرات حربية روسية") — and leaves out what only looks
like a state: a nationality on a company or medium ("وكالة الأنباء الفرنسية"), a venue in the genitive
of a summit ("قمة سنغافورة"), a place after في. It also resolves the place a sentence happens in.
"""
from __future__ import annotations

from typing import Any

from ..doc import Document, Entity, Mention
from ..textnorm import display, fold_key
from .clauses import _CAPITAL_WORDS, _LOC_PREP, _PREPOSITIONS, Cand, _definite, _is_locative
from .entities import Tok
from .places import _OTHER_REACH, _bare, place_cues

_MEDIA_SECTORS = {"MED", "MEDIA", "BUS"}  # news media and companies: a nisba on them is no state acting
_FORUM_REACH = 6  # words between a forum word and the organisation that hosts it
_FORUM_CONTEXT = {"هامش", "اعمال", "اشغال", "قمه", "مؤتمر", "منتدى", "دوره"}
_NISBA_HEAD_GAP = 3  # a nisba names a state's forces up to three words after the head: "طائرات حربية روسية"
_NOT_HEADS = {"في", "من", "الي", "علي", "عن", "مع", "و", "او", "ان", "انه", "قال", "وقال"}
_TITLE_REACH = 40  # characters before a name where its title ("رئيس المجلس الأوروبي") lies
_PATRON_REACH = 3  # words between a patron word and its state: "الموالية لإيران", "المدعومة من روسيا"
_POSTING_PREP = {"الي", "لدي", "في"}
_POSTING_REACH = 3  # title words between an envoy's head and the state he is posted to: "المبعوث الروسي الخاص إلى"
_TOPIC_WORDS = {"حول", "بشان", "الوضع", "الاوضاع", "اوضاع", "قضيه", "ملف", "الازمه", "تطورات", "مستجدات", "الملف"}


_QUOTES = "\"«»“”"


def place_record(p: Any) -> dict[str, Any]:
    """An event's ``event_loc`` for the KB place ``p`` (a :class:`marsad.kb.model.Place`)."""
    return {"name": p.name_en, "name_ar": p.name_ar, "cc3": p.cc3, "latitude": p.lat, "longitude": p.lon,
            "geonameid": p.geonameid, "kind": p.kind}


_LIST_REACH = 160  # characters of a parenthesis that lists a grouping's members


def _listed_after(raw: str, end: int) -> int:
    """End offset of a parenthesis right after offset ``end`` (within ``_LIST_REACH`` characters), else ``end``."""
    rest = raw[end:end + _LIST_REACH]
    if not rest.lstrip().startswith("("):
        return end
    close = rest.find(")")
    return end + close if close > 0 else end


def _spoken_from(toks: list[Tok], i: int) -> bool:
    """The nisba at ``i`` names the city one speaks from: "صرح ماكرون من العاصمة البلغارية صوفيا" (not what the
    words are about: "دعت … إلى وقف الاشتباكات في العاصمة الليبية")."""
    return i > 1 and toks[i - 2].text == "من" and toks[i - 1].text in _CAPITAL_WORDS


class ActorCandidates:
    """Candidate actors and places of a sentence (mixed into the events stage)."""

    kb: Any
    lex: Any

    def _cands(self, doc: Document, ents: dict, mentions: list[Mention], toks: list[Tok],
               igo_heads: frozenset[str] = frozenset()) -> list[Cand]:
        out: list[Cand] = []
        for m in mentions:
            if any(q in m.text.strip(_QUOTES) for q in _QUOTES):
                continue  # a span across a quotation mark is no name: '"الذراع اليمنى" لزعيم كوريا' is no Yemeni
            ti = next((i for i, t in enumerate(toks) if t.end > m.start), len(toks) - 1)
            ent = ents.get(m.entity) if m.entity else None
            if m.type in ("GPE", "LOC") and self._posting(toks, ti):
                continue  # "المبعوث الروسي الخاص إلى سوريا": his title, not a party nor a place
            if m.type in ("GPE", "LOC") and any(t.text in self.lex.cues["patron_words"] or t.text in self.lex.cues["landmark_words"]
                                                for t in toks[max(0, ti - _PATRON_REACH):ti]):
                continue  # "الحوثيون المتحالفون مع إيران", "الولايات المجاورة للمكسيك": a patron or a landmark, no party
            if m.type == "PER" and ent is not None and ent.country:
                if not (ent.office or ent.sector or self._office_holder(ent) or _speaks_for_body(m, mentions, ents, ent.country)):
                    continue  # a private person's nationality does not make them a state actor ("خاشقجي", "سكريبال")
                # an IGO head acts for the organisation: Aboul Gheit at the Arab League is IGO, not EGY
                # …in every sentence of the document once one names him with that title ("وكتب توسك")
                code = "IGO" if m.igo is not None or ent.id in igo_heads \
                    or self._igo_title(m, mentions, ents, doc.raw) else ent.country
                out.append(Cand(m, code, ti, "person", ent.id, ent.name, ent.office, ent.sector or "GOV"))
            elif m.type == "ORG" and ent is not None and ent.country == "IGO" and any(
                    t.text in _FORUM_CONTEXT or (tr := self.lex.trigger(t.text)) is not None and tr.category == "CONSULT" and tr.noun
                    for t in toks[max(0, ti - _FORUM_REACH):ti]):
                # "اجتماع وزراء دفاع منظمة شنغهاي", "على هامش الاجتماع الـ51 لوزراء خارجية رابطة دول جنوب شرق آسيا":
                # the organisation hosts the forum, it is no party
                continue
            elif m.type == "ORG" and ent is not None and ent.country and ent.sector and ent.sector not in _MEDIA_SECTORS \
                    and not _given_name_of(toks, ti, m):
                # only organisations the KB knows as state bodies act for states (not a football club)
                code = ent.country if ent.country != "IGO" else "IGO"
                kind = "org" if (ent.sector or "GOV") in ("GOV", "IGO") else "force"  # armies meet no one
                out.append(Cand(m, code, ti, kind, ent.id, ent.name, None, ent.sector or "GOV"))
            elif m.type == "GPE" and ent is not None and ent.country and m.place is None:
                if fold_key(m.text) in self.lex.ambiguous:
                    continue
                if _is_locative(toks, ti, m) or self._venue(toks, ti):
                    # "في روسيا", "بإيران": a place, not an actor — only the target of a strike
                    out.append(Cand(m, ent.country, ti, "place", ent.id, ent.name, None, None))
                    continue
                out.append(Cand(m, ent.country, ti, "state", ent.id, ent.name, None, "GOV"))
            elif m.type == "WEAPON" and m.weapon is not None:
                # the supplier of a weapon system: its nisba ("إف-16 الأمريكية") or its origin in the KB
                nisba = next((o.country for o in mentions if o.type == "NORP" and 0 <= o.start - m.end <= 2), None)
                code = nisba or m.weapon.origin or None
                if code:
                    out.append(Cand(m, code, ti, "weapon", None, display(m.text), None, "MIL"))
            elif m.type == "LOC" and m.place is not None and self._capital_of(m) and not self._private_head(toks, ti) \
                    and not _is_locative(toks, ti, m) and not self._venue(toks, ti) and fold_key(m.text) not in self.lex.ambiguous:
                # a capital standing for its state ("موسكو وطهران"), unless it spells an ordinary word ("مالية") or
                # names a company ("شركة موانئ دبي العالمية")
                p = m.place
                out.append(Cand(m, p.cc3, ti, "capital", ent.id if ent else None, p.name_ar, None, "GOV"))
            elif m.type in ("LOC", "FAC") and m.place is not None and m.place.cc3 and not _adverbial(toks, ti, m):
                p = m.place  # "على ريف إدلب", "مواقع في غزة": where a strike lands
                out.append(Cand(m, p.cc3, ti, "place", ent.id if ent else None, p.name_ar, None, None))
            elif m.type in ("ROLE", "NORP") and m.country and fold_key(m.text) not in self.lex.ambiguous \
                    and not (m.type == "NORP" and m.text.endswith("ى")):
                office, holder = m.office, m.holder
                if m.country == "IGO" and any(t.text in _FORUM_CONTEXT or t.text.lstrip("ال") in ("اجتماع",)
                                                       for t in toks[max(0, ti - _FORUM_REACH):ti]):
                    continue  # "على هامش الاجتماع الـ51 لوزراء خارجية آسيان": the forum, not a party
                if not office and self._private_head(toks, ti):
                    continue  # "وكالة الأنباء الفرنسية", "الناشطة السورية": a nationality, not a state acting
                out.append(Cand(m, m.country, ti, "role" if office else "group",
                                f"kb:{holder.id}" if holder else None, holder.name_ar if holder else display(m.text),
                                office.title_en if office else None, office.sector if office else "GOV"))
        return out

    def _grouping_cands(self, doc: Document, toks: list[Tok], cands: list[Cand]) -> list[Cand]:
        """``cands`` with each grouping of states the sentence names (``kb/groupings.tsv``) read as its
        members, one state candidate each at the grouping's first word, in place of an IGO candidate for it:
        "قمة مجموعة السبع" is a meeting of seven states, "وقعت إيران مع الدول الست الكبرى" an agreement with six."""
        index = self.kb.groupings_index()
        if not index:
            return cands
        longest = max(len(k) for k in index)
        starts = {k[0] for k in index}
        out = list(cands)
        i = 0
        while i < len(toks):
            if starts.isdisjoint(toks[i].variants):
                i += 1  # most words start no grouping's name: no n-grams built for them
                continue
            # the longest name first; its first word may carry a proclitic ("ومجموعة السبع", "للدول الست الكبرى")
            hit = next(((n, index[key]) for n in range(min(longest, len(toks) - i), 1, -1) for w in toks[i].variants
                        if (key := (w,) + tuple(t.text for t in toks[i + 1:i + n])) in index), None)
            if hit is None:
                i += 1
                continue
            n, g = hit
            if i > 0 and toks[i - 1].text == "في":
                i += n  # "شركاءه في مجموعة السبع": membership, where the actor is, not the grouping acting
                continue
            s, e = toks[i].start, toks[i + n - 1].end
            # "الدول الست الكبرى (الصين والولايات المتحدة …)": the members listed after it are the grouping again
            e_list = _listed_after(doc.raw, e)
            out = [c for c in out if not (s <= c.mention.start < e)
                   and not (e <= c.mention.start < e_list and c.kind == "state" and c.code in g.members)]
            m = Mention(s, e, doc.raw[s:e], "NORP", "kb")
            out += [Cand(m, code, i, "state", None, display(m.text), None, "GOV") for code in g.members]
            i += n
        return sorted(out, key=lambda c: c.tok)

    def _citizens(self, ents: dict, mentions: list[Mention], toks: list[Tok]) -> list[Cand]:
        """Private persons whose state the KB or the text gives (never the article's guess): no actors, but the
        foreign nationals an arrest or a trial falls on ("احتجزت السلطات التركية القس أندرو برونسون")."""
        out = []
        for m in mentions:
            ent = ents.get(m.entity) if m.type == "PER" and m.entity else None
            if ent is not None and ent.country and ent.country != "IGO" and ent.country_basis in ("kb", "text") \
                    and not (ent.office or ent.sector):
                ti = next((i for i, t in enumerate(toks) if t.end > m.start), len(toks) - 1)
                out.append(Cand(m, ent.country, ti, "group", None, ent.name, None, None))
        return out

    def _nisba_cands(self, doc: Document, toks: list[Tok], cands: list[Cand], loose: bool = False) -> list[Cand]:
        """States named by a nisba on forces, acts or targets that the mention layer left bare:
        "طائرات حربية روسية" (RUS forces), "الغارات الإسرائيلية" (ISR), "متظاهرين فلسطينيين" (PSE).
        ``loose``: a nisba on any definite noun ("قرار الإدارة الأمريكية"), for what statements are about."""
        nisbas = self.kb.nisba_index()
        # only the words that are nisbas can give a candidate: what is taken is worked out for them alone
        hits = [i for i, t in enumerate(toks) if (nisbas.get(t.text) if loose else nisbas.get(t.text) is not None)]
        if not hits:
            return []
        taken = {c.tok for c in cands}
        # a nisba inside an official's title is part of it: "رئيس حكومة تصريف الأعمال اللبنانية نجيب ميقاتي"
        titles = [c.mention.title_span for c in cands if c.mention.title_span]
        taken |= {k for k in hits if any(a <= toks[k].start < b for a, b in titles)}
        heads = self.lex.cues["force_heads"] | self.lex.cues["target_heads"]
        if loose:
            # inside or right after a named actor the nisba is part of its name: "الولايات المتحدة الأمريكية"
            taken |= {k for k in hits if any(c.tok <= k and toks[k].start <= c.mention.end for c in cands)}
            out = []
            for i in hits:
                t = toks[i]
                code = _nisba(nisbas, doc.raw, t)
                # agreement in definiteness: "المطالب الأمريكية", "وسيلة إعلام بريطانية"
                if code and i not in taken and i > 0 and fold_key(t.text) not in self.lex.ambiguous \
                        and _definite(toks[i - 1].text) == t.text.startswith(("ال", "لل")) \
                        and toks[i - 1].text not in _NOT_HEADS and not self._private_head(toks, i) \
                        and not _spoken_from(toks, i):
                    m = Mention(t.start, t.end, doc.raw[t.start:t.end], "NORP", "nisba", country=code)
                    out.append(Cand(m, code, i, "group", None, display(m.text), None, "GOV"))
            return out
        # a second nisba joined by و to one on the same head: "أهداف سورية وإيرانية"
        hits += [i for i, t in enumerate(toks) if i > 0 and t.text[:1] == "و" and nisbas.get(t.text[1:]) is not None
                 and (i - 1 in hits or i - 1 in taken)]
        out: list[Cand] = []
        for i in sorted(hits):
            t = toks[i]
            code = _nisba(nisbas, doc.raw, t) or (_nisba(nisbas, doc.raw, t, 1) if t.text[:1] == "و" else None)
            if code is None or i in taken or fold_key(t.text) in self.lex.ambiguous:
                continue
            head = next((toks[k].text for k in range(i - 1, max(-1, i - 1 - _NISBA_HEAD_GAP), -1)
                         if toks[k].text in heads), None)
            if head is None or self._private_head(toks, i):
                continue
            kind = "force" if head in self.lex.cues["force_heads"] else "group"
            m = Mention(t.start, t.end, doc.raw[t.start:t.end], "NORP", "nisba", country=code, head=head)
            out.append(Cand(m, code, i, kind, None, display(m.text), None, "MIL" if kind == "force" else "GOV"))
        return out

    def _igo_heads(self, by_sent: dict[int, list[Mention]], ents: dict, raw: str = "") -> frozenset[str]:
        """Persons some sentence of the document names with the title of an international organisation
        ("رئيس المجلس الأوروبي دونالد توسك"): they act for it wherever the document names them. Only a
        title the mention layer found counts here, not an organisation merely named before the name
        ("أعضاء آخرون في مجموعة السبع مندهشين من رد فعل ترامب")."""
        def titled(m: Mention, ms: list[Mention]) -> bool:
            if m.title_span:
                return self._igo_title(m, ms, ents, raw)
            # the organisation right before the name ends its title: "رئيس المجلس الأوروبي دونالد توسك"
            return any(o.type == "ORG" and o.entity in ents and ents[o.entity].country == "IGO"
                       and 0 <= m.start - o.end <= 1 and not self._posted_at(raw, o) for o in ms)

        return frozenset(m.entity for ms in by_sent.values() for m in ms if m.type == "PER" and m.entity
                         and (m.igo is not None or titled(m, ms)))

    def _igo_title(self, m: Mention, mentions: list[Mention], ents: dict, raw: str = "") -> bool:
        """An official whose title names an international organisation speaks for it: "رئيس المجلس
        الأوروبي دونالد توسك", "الأمين العام للأمم المتحدة أنطونيو غوتيريش" — unless the organisation is
        where an envoy of a state is posted ("السفير الروسي لدى الأمم المتحدة فاسيلي نيبنزيا": Russia)."""
        span = m.title_span or (m.start - _TITLE_REACH, m.start)
        return any(o.type == "ORG" and span[0] <= o.start and o.end <= m.start and o.entity in ents
                   and ents[o.entity].country == "IGO" and not self._posted_at(raw, o) for o in mentions)

    def _posted_at(self, raw: str, o: Mention) -> bool:
        """The organisation mention follows an envoy's title and a preposition of posting ("لدى")."""
        before = fold_key(raw[max(0, o.start - _TITLE_REACH):o.start]).split() if raw else []
        return bool(before) and before[-1] in _POSTING_PREP \
            and any(w in self.lex.cues["envoy_heads"] for w in before[-1 - _POSTING_REACH:-1])

    def _venue(self, toks: list[Tok], i: int) -> bool:
        """A state or capital in the genitive of a summit, treaty or festival names where, not who:
        "قمة سنغافورة", "اتفاقات أوسلو", "مؤتمر ميونيخ"."""
        return i > 0 and toks[i - 1].text in self.lex.cues["venue_heads"]

    def _private_head(self, toks: list[Tok], i: int) -> bool:
        """The noun a nisba at token ``i`` qualifies names a company, medium, team or private person."""
        heads = self.lex.cues["nonstate_heads"]
        return any(toks[k].text in heads or toks[k].text[1:] in heads for k in range(max(0, i - 2), i))

    def _capital_of(self, m: Mention) -> bool:
        """A capital (or a city the KB knows as standing for its state: "تل أبيب") of the place's state;
        GeoNames marks few capitals ("واشنطن", "طهران" are cities there)."""
        p = m.place
        return p.kind == "capital" or self.kb.country_by_capital(m.text) == p.cc3

    def _is_party(self, code: str | None) -> bool:
        """States (ISO 3166 alpha-3) and international organisations take part in events;
        armed groups and parties do not make an event between states by themselves."""
        return bool(code) and (code == "IGO" or self.kb.country(code) is not None)

    def _place(self, doc: Document, toks: list[Tok], places: list[Mention], ents: dict) -> dict[str, Any] | None:
        """The place of the sentence: a place after في/إلى (city before country), not a topic ("الوضع في سوريا")."""
        best = None
        for m in places:
            ti = next((i for i, t in enumerate(toks) if t.end > m.start), None)
            if ti is None:
                continue
            prev = toks[ti - 1].text if ti > 0 else ""
            own = toks[ti].text
            prev_trig = self.lex.trigger(prev)
            # "في العاصمة الكازاخية أستانا": a preposition up to three words back, across title words
            back = [t.text for t in toks[max(0, ti - 3):ti]]
            prep = prev in _LOC_PREP or any(w in ("العاصمه", "عاصمه", "مدينه", "بمدينه", "بالعاصمه") for w in back) \
                or own[:1] in ("ب",) and len(own) > 3 or own.startswith(("في", "الى")) \
                or (prev_trig is not None and prev_trig.role == "visitor")
            if best is not None and best["kind"] == "country" and doc.raw[best["_end"]:m.start].strip(" ،,") == "":
                prep = True  # apposition: "في عاصمة كازاخستان، نورسلطان"
            if ti >= 2 and toks[ti - 2].text in _TOPIC_WORDS or prev in _TOPIC_WORDS or self._posting(toks, ti):
                continue
            if any(_bare(t.text) in place_cues().other for t in toks[max(0, ti - _OTHER_REACH):ti]):
                continue  # "هجوم كيميائي محتمل في دوما": where that attack happened, not this sentence's event
            if not prep and prev not in ("عاصمه", "العاصمه"):
                continue
            loc = self._loc(m, ents)
            if loc is None:
                continue
            if best is None or (best["kind"] == "country" and loc["kind"] != "country"):
                best = loc | {"_end": m.end}
        if best:
            best.pop("_end", None)
        return best

    def _office_holder(self, ent: Entity) -> bool:
        """A person of the KB's office-holders (a notable of ``notables.tsv`` acts for a state only with a sector)."""
        p = self.kb.person(ent.kb_id) if ent.kb_id else None
        return p is not None and bool(p.terms)

    def _posting(self, toks: list[Tok], ti: int) -> bool:
        """The state or city at token ``ti`` is where an envoy is posted, inside his title: "المبعوث الروسي
        الخاص إلى سوريا", "سفير إيران لدى تونس", "المندوب الأمريكي في الأمم المتحدة"."""
        if ti == 0 or toks[ti - 1].text not in _POSTING_PREP and not toks[ti].text.startswith("لدي"):
            return False
        return any(t.text in self.lex.cues["envoy_heads"] for t in toks[max(0, ti - 1 - _POSTING_REACH):ti - 1])

    def _loc(self, m: Mention, ents: dict) -> dict[str, Any] | None:
        if m.place is not None:
            return place_record(m.place)
        ent = ents.get(m.entity)
        if ent is not None and ent.type == "GPE" and ent.country:
            c = self.kb.country(ent.country)
            cap = self.kb.place(c.capital_ar) if getattr(c, "capital_ar", None) else None
            return {"name": c.name_en, "name_ar": c.name_ar, "cc3": c.iso3,
                    "latitude": cap.lat if cap else None, "longitude": cap.lon if cap else None,
                    "geonameid": None, "kind": "country"}
        return None

    def _state(self, code: str, at: Tok) -> Cand:
        """The host state as an actor when the text names the destination but no host official."""
        c = self.kb.country(code)
        name = c.name_ar if c else code
        m = Mention(at.start, at.end, name, "GPE", "context")
        return Cand(m, code, -1, "state", f"gpe:{code}", name, None, "GOV")


def _adverbial(toks: list[Tok], ti: int, m: Mention) -> bool:
    """A one-word town spelled like an accusative adjective in -يّاً after an indefinite accusative noun:
    "هجوما جويا وبريا" (an air and ground offensive), not Goya in Argentina."""
    p = m.place
    return p.kind not in ("country", "capital") and len(fold_key(m.text).split()) == 1 and toks[ti].text.endswith("يا") \
        and ti > 0 and toks[ti - 1].text.endswith("ا") and toks[ti - 1].text not in _PREPOSITIONS


def _speaks_for_body(m: Mention, mentions: list[Mention], ents: dict, country: str) -> bool:
    """A person named right after a state body of their own state, as its spokesperson or official:
    "المتحدثة باسم وزارة الخارجية الأمريكية هيذر ناورت" acts for the United States though the KB does not
    know her."""
    return any(o.type == "ORG" and 0 <= m.start - o.end <= 2 and o.entity in ents and ents[o.entity].country == country
               and (ents[o.entity].sector or "GOV") not in _MEDIA_SECTORS for o in mentions)


def _nisba(nisbas: dict[str, str], raw: str, t: Tok, skip: int = 0) -> str | None:
    """The state a nisba token names (after ``skip`` leading letters: 1 for a conjunction و). A word written
    with a final alif maqsura is no nisba even when folding makes it one: "الذراع اليمنى" is the right arm,
    not Yemeni."""
    return None if raw[t.start:t.end].endswith("ى") else nisbas.get(t.text[skip:])


def _given_name_of(toks: list[Tok], ti: int, m: Mention) -> bool:
    """An organisation name that ends in the first half of a theophoric given name: "حركة فتح الله غولن"
    is Fethullah Gülen's movement, not Fatah."""
    k = ti + len(fold_key(m.text).split())
    return k < len(toks) and toks[k].text == "الله"
