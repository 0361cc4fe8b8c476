"""Who does what to whom in a hostile or verbal act: the agent and target of a trigger whose subject acts
on its object (ACCUSE, THREATEN, DEMAND, REJECT, ASSAULT, SANCTION …), once :mod:`.events` has split its
clause into a subject side and an object side.

The rules read Arabic news syntax: a verbal noun's agent in its genitive or nisba ("الغارات الإسرائيلية"),
a light verb's subject ("شنت إسرائيل غارات"), a relative clause on the act's object ("الضربات التي نفذتها
أمريكا"), the passive's victim ("مقاتلة إسرائيلية بنيران الدفاعات الجوية السورية"), an object pronoun
pointing back to a relative pronoun ("إيران التي اتهمتها السعودية"), the accused of an accusation noun
("اتهام روسيا بإسقاط الطائرة"), and targets that are places, nisbas, or the other side of the article's
dispute. :class:`AgentRoles` is a mixin of :class:`.events.EventsStage`, which sets, per sentence, the
attributes it reads (``_sent_cands``, ``_sent_citizens``, ``_raw``, ``_first_tok``, ``_drafts``, ``_article``,
``_discourse``, ``_theatre``, ``_sponsor``, ``_condemned``) and provides ``lex``, ``kb`` and ``_state``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..frames import Frame, frames_by_id
from ..textnorm import fold_key
from .acts import (_DRAFT_HEAD_REACH, _GENITIVE_GAP, _RELATIVE, _agent_after, _by, _light, accuser, addressed, anaphoric_claim,
                   draft_head, draft_sponsor, in_victim_domain, object_nisba, striker,
                   own_country, relative_agent)
from .clauses import (_PATIENT_PREP, _PREPOSITIONS, Cand, _after_preposition, _coordinated, _head_tok, _is_locative, _pair,
                      _subject_of, _without_patients, end_tok)
from .entities import Tok
from .triggers import _NO_TRIGGER, Lexicon, Trigger

_SIDE_WINDOW = 40  # tokens
_VERBAL = {"ACCUSE", "REJECT", "DEMAND", "THREATEN"}  # categories a state performs by speaking
_DISPUTE_MIN = 2  # mentions of each state before "the other side" of a dispute is clear
_CLAIMS = {fold_key(w) for w in ("الاتهامات", "اتهامات", "الاتهام", "المزاعم", "مزاعم", "الادعاءات", "ادعاءات", "التقارير",
                                  "تقارير", "التصريحات", "تصريحات", "الرواية", "رواية", "الأنباء", "انباء")}
_DENIED_REACH = 3  # words between a denial verb and the claims it denies: "ونفت إيران الاتهامات"
_RELATIVE_REACH = 4  # a relative pronoun this close after a verbal trigger qualifies its object
# frames whose object is an act, not the one accused ("أدان الهجوم"; "اتهم كوريا الشمالية بتدبير الهجوم على …" is not)
_CONDEMN_ACTS = frozenset({"accuse.denounce", "accuse.condemn", "accuse.deplore", "accuse.protest", "accuse.criticise"})
_PLACE_TARGETED = {"ASSAULT", "MOBILIZE", "COERCE"}
_ANY_FRAME = Frame("", "ASSAULT", "agent")  # what a trigger outside the frame table (a statement cue) allows
_ASSEMBLIES = {"مجلس", "بمجلس", "الجمعيه", "بالجمعيه"}  # bodies that meet and vote: a venue ("في مجلس الأمن")
_ANAPHOR_TARGETED = {"ASSAULT", "THREATEN", "SANCTION", "COERCE"}  # acts aimed at "البلاد", the country just named
_GENITIVE_REACH = 5  # words of the noun phrase after a frame's required word: "تصريحات رئيس الوزراء الإسرائيلي بنيامين نتنياهو"
_HELD_REACH = 6  # words between an arrest and the foreign national it holds ("احتجزت السلطات التركية أندرو برونسون")
_ANAPHOR_REACH = 8  # words after the trigger within which "على البلاد" is its target
_FORCE_NISBA_GAP = 2  # words a force's nisba may stand after its head: "طائرات حربية إسرائيلية"
# the object pronoun that points back to a relative pronoun: "التي اتهمها" (her), not "التي نسبته" (it: she attributed it)
_RELATIVE_OBJECT = {"التي": "ها", "الذي": "ه", "الذين": "هم"}
_NAMED = {"person", "role", "state", "capital", "org"}  # actors named as such, not by a nisba on a thing
_OWNER_REACH = 6  # words between an official and "بلاده" (his country) that is his
_LIGHT_GAP = 3  # words between a light verb and its act noun ("موجهاً أصابع الاتهام")
_VICTIM_REACH = 8  # words between who was hit and the fire that hit it ("مقاتلة إسرائيلية من نوع أف 16 بنيران")
_REACTION_REACH = 2  # "ورحبت تركيا بالضربات": the strikes right after the reaction's verb and its subject
_NONSTATE_OBJECT_REACH = 5  # "هددت فرنسا بفرض غرامات على شركة …": the object's head a few words after the subject
_VSO_NEAR = 2  # an agent verb's subject this close after it is its subject even with an actor before it
_VSO_TITLE_GAP = 8  # …or after a run of title words only
# what in the strike's own sentence tells where it happens: its places, and forces or a regime by their nisba ("النظام
# السوري"); a state or capital named there is a party of another clause ("حمل … إسرائيل المسؤولية عن إسقاط الطائرة")
_THEATRE_SENT = {"place", "group", "force"}
_THEATRE_MIN = 2  # mentions of a state or its places, so far, for it to be where the article's story happens
_POSSESSOR_REACH = 12  # words between a light verb of force and its act noun: "بدأت تركيا في 20 كانون الثاني … تدخلها"
_OPENING_PREPS = {"في", "خلال", "بعد", "عقب"}  # the phrase opening a sentence: "وفي إعلانه عن …،"
_OPENING_HEAD = 2  # words from the sentence's start to that preposition
_WE_LIGHT = {"قمنا", "شننا", "نفذنا", "اطلقنا", "وجهنا"}  # "بعد أن قمنا بإسقاطها": the speaker's state acted
_OPEN_QUOTES = "\"«“"
_ATTRIBUTION_REACH = 12  # words between a strike noun and the word attributing it ("… في سوريا هذا الأسبوع ونسبتها")
_MADE_IN = {"الصنع", "صنع"}  # "أمريكية الصنع": a maker's nisba
_RESUMED = {"انها", "انه", "بانها", "بانه"}  # "قالت إسرائيل إنها استهدفت": the pronoun resumes the subject
# frames of a strike by force: an aggression, a battle or an assassination is often told in words ("العدوان الأمريكي"،
# "معركة تجارية"), a downing names the aircraft's state, not the shooter's
_THEATRE_FRAMES = frozenset({"assault.raid", "assault.shell", "assault.target", "assault.fire", "assault.under_fire",
                             "assault.storm", "assault.intervene"})  # an intervention only with its military word


class AgentRoles:
    """The agent and target of an acting trigger (see the module docstring)."""

    def _agent_sides(self, toks: list[Tok], ti: int, trig: Trigger, left: list[Cand],
                     right: list[Cand], places: list[Cand] = (), earlier: list[Cand] = ()
                     ) -> tuple[list[Cand], list[Cand]] | None:
        """Agent and target of a frame whose subject acts on its object (ACCUSE, THREATEN, ASSAULT …).

        A verb's agent is its subject (the group before it, or after it in verb-subject order, as
        :meth:`_sides` found it) and its target the group after it: "اتهمت إيران الولايات المتحدة".
        A verbal noun's agent is a nisba or genitive right after it ("الغارات الإسرائيلية على غزة",
        "قصف الجيش السوري") or the subject of a light verb before it ("شنت إسرائيل غارات على …");
        "الرد على الهجوم" names none and gives no event. The target never sits inside a relative
        clause after the trigger ("التصريح بفحوى المكالمة التي جمعته بالرئيس الأمريكي").
        Returns None when either side is missing.
        """
        # a meeting noun between the verb and an actor takes that actor as its own participant:
        # "دعا عبد العاطي خلال لقائه نظيره الأردني … إلى إحياء مسار السلام" demands nothing of Jordan
        # what a condemnation is aimed at may be the agent of a relative clause on its object:
        # "أدان خامنئي الضربات التي نفذتها أمريكا وفرنسا وبريطانيا" (not "المكالمة التي جمعته بالرئيس")
        own_relative, frame = trig.category in _VERBAL, frames_by_id().get(trig.frame, _ANY_FRAME)
        # measured from the verb, or from the end of its subject when the subject follows it
        base = max([ti] + [end_tok(toks, c) for c in left if c.tok > ti])
        # what is condemned may be an act ("الضربات التي نفذتها أمريكا") or a stance word ("التطرف الذي تبديه
        # دول الاتحاد الأوروبي"): the relative clause on it names whom the words are aimed at
        acts = self._condemned
        cut = next((k for k in range(ti + 1, len(toks)) if toks[k].text in _RELATIVE
                    and not (own_relative and (k - base <= _RELATIVE_REACH or toks[k - 1].text in acts)) or
                    toks[k].text in self.lex.cues["target_end"] and not _by(toks, k) or _pair(toks, k) in self.lex.cues["target_end"]
                    or k > ti + 1 and _consult_form(self.lex, toks[k]) and not _gathering(self.lex, toks[k])), len(toks))
        after = sorted((c for c in left + right if c.tok > ti), key=lambda c: c.tok)
        blamed = self._attributed(toks, ti) if trig.category == "ASSAULT" and trig.noun else None
        if blamed is not None:
            # "الغارة الجوية التي استهدفت مطارا عسكريا في سوريا ونسبتها دمشق وطهران وموسكو إلى إسرائيل": the state a
            # strike is attributed to is its agent; it falls where it struck, or on the state of the story
            k, agent = blamed
            codes = {agent.code}
            where = [c for c in places if ti < c.tok < k and c.code not in codes][:1]
            where = where or self._theatre_target(toks, ti, [agent], [c for c in places if c.tok < k])
            return ([agent], where) if where else None
        if trig.frame == "assault.shoot_down" and not trig.noun and after and after[0].kind in ("force", "group") \
                and not any(c.tok < ti for c in left) \
                and any(t.text in self.lex.cues["aircraft"] for t in toks[ti + 1:after[0].tok + 1]) \
                and not [c for c in after[1:] if c.kind != "place" and not _is_locative(toks, c.tok, c.mention)]:
            return None  # "وأسقطت الطائرة الماليزية فوق أوكرانيا": the aircraft after the verb is what was downed
        if not trig.noun and trig.obj_pronoun and ti > 1 and not frame.antecedent \
                and toks[ti].text.endswith(_RELATIVE_OBJECT.get(toks[ti - 1].text, "-")):
            return self._relative_object(toks, ti)
        # a force's nisba comes after its head and adjectives: "هاجمت طائرات حربية إسرائيلية"
        reach = _VSO_NEAR + (_FORCE_NISBA_GAP if right and right[0].kind == "force" else 0)
        if not trig.noun and not left and right and right[0].tok - ti <= reach and trig.category in _PLACE_TARGETED \
                and not _after_preposition(toks, ti, right[0]):
            # verb, subject, and where it struck: "تدخلت السعودية عسكريا في اليمن", "قصفت إسرائيل غزة"
            left = _coordinated(toks, right)
            right = [c for c in right if c.tok > left[-1].tok]
        elif not trig.noun and not left and right and trig.feminine and right[0].tok == ti + 1 \
                and right[0].kind in ("state", "capital"):
            # a state right after a feminine verb is its subject: "وتنفي إيران هذه الاتهامات"
            left = _coordinated(toks, right)
            right = [c for c in right if c.tok > left[-1].tok]
        by = relative_agent(toks, ti, right, self.lex.cues["light_verbs"]) if trig.noun else None
        right = [c for c in right if c.tok < cut]
        owner = self._possessor(toks, ti, trig) or self._opening_owner(toks, ti, trig)
        spoken = self._we(toks, ti, trig)
        if spoken is not None:
            source, recipient = spoken
        elif owner:
            # "وبدأت تركيا … بدعم من فصائل سورية موالية تدخلها العسكري في عفرين": the pronoun on the act noun is
            # the subject of the light verb of force before it, whatever support phrase stands between (after
            # that verb "تدخلها"، "قصفها" are nouns, not "she intervenes in it")
            source, recipient = owner, [c for c in right if c.code not in {o.code for o in owner}]
        elif by is not None and trig.category in _VERBAL and ti + 1 < len(toks) and toks[ti + 1].text not in _RELATIVE:
            # "في انتقاد للرسوم التي ستفرضها كندا": words aimed at the act the relative clause on their object
            # tells, by its agent ("المهلة التي حددتها لندن" is London's own demand)
            source, recipient = left or _subject_of(toks, [c for c in self._sent_cands if c.tok < ti], self._first_tok), by[0]
        elif by is not None:
            source, recipient = by
            if not recipient:
                recipient = [c for c in places if c.tok > source[-1].tok and c.code not in {s.code for s in source}
                             and c.tok - source[-1].tok <= _SIDE_WINDOW // 4][:1]
        elif trig.noun and trig.category == "ACCUSE" and [c for c in left if c.kind in _NAMED] and right and right[0].tok == ti + 1 \
                and right[0].kind in ("state", "capital", "person", "role") and _charged_with(toks, right[0]) \
                and not self.kb.country_by_nisba(toks[right[0].tok].text):
            # "باتهام روسيا بإسقاط الطائرة": the genitive charged with an act is the accused; the accuser is
            # the one before the noun ("اتهامات تركية بالإرهاب": a nisba after the noun is the accuser)
            source, recipient = [c for c in left if c.kind in _NAMED], [right[0]]  # not "الأزمة الأوكرانية واتهام موسكو"
        elif trig.noun:
            light = self.lex.cues["light_verbs"]
            # the agent's phrase may begin with its title: "توعد الرئيس الأمريكي دونالد ترامب"
            if right and min(right[0].tok, _head_tok(toks, right[0])) - ti <= _GENITIVE_GAP \
                    and not _after_preposition(toks, ti, right[0]) \
                    and right[0].mention.head not in self.lex.cues["target_heads"]:
                agent = right[0].code
                source = [c for c in right if c.code == agent]
                recipient = [c for c in right if c.code != agent]
                if frame.agent_after and not recipient:
                    # the passive's subject before "بنيران" is who was hit: "وتحطمت مقاتلة إسرائيلية بنيران
                    # الدفاعات الجوية السورية", "أصيب جنود أتراك بنيران …"; forces or people by their nisba, not a
                    # state blamed before it ("حمل … إسرائيل المسؤولية عن إسقاط الطائرة بنيران …") nor a weapon's maker
                    hit = sorted((c for c in self._sent_cands if c.tok < ti and c.code != agent and c.kind in ("force", "group")
                                  and ti - c.tok <= _VICTIM_REACH), key=lambda c: -c.tok)
                    recipient = hit[:1]
            elif left and not frame.agent_after and any(_light(toks[k], light) for k in range(max(0, _lead(toks, left) - 4), ti)):
                # the light verb's own subject when it stands among the actors before the noun: "دانت دمشق
                # إعادة فرض الولايات المتحدة عقوبات على طهران" is imposed by the United States alone
                # the subject's phrase begins at its title: "وجهت المندوبة الأمريكية في مجلس الأمن، نيكي هايلي، انتقادات"
                k = max(k for k in range(max(0, _lead(toks, left) - 4), ti) if _light(toks[k], light))
                after = [c for c in left if c.tok > k]
                # "سوريا تدين قرار الإدارة الأمريكية بإعادة فرض عقوبات على إيران": a light verb governed by
                # a noun or preposition after the subject is someone else's act, unnamed here
                governed = toks[k].text[:1] == "ب" or toks[k - 1].text[:1] == "ب" or toks[k - 1].text == "الي"
                if not after and governed and not any(_light(toks[j], light) for j in range(max(0, left[0].tok - 4), left[0].tok)):
                    return None
                source, recipient = after or left, right
            elif own_country(toks, ti) or not left and any(_light(toks[k], light) and toks[k].text[:1] == "م"
                                                           for k in range(max(0, ti - _LIGHT_GAP), ti)):
                # "…، موجهاً أصابع الاتهام لإيران": a light verb's participle (a circumstantial clause) has the
                # sentence's subject, past a quotation; a finite light verb has its own ("تعيد فرض عقوبات")
                source, recipient = _subject_of(toks, [c for c in self._sent_cands if c.tok < ti], self._first_tok), right
                official = [c for c in self._sent_cands if c.kind in ("person", "role") and 0 < ti - c.tok <= _OWNER_REACH]
                if own_country(toks, ti) and official:
                    # "أعلنت السعودية تأييدها الخطوات التي أعلنها الرئيس الأمريكي لجهة انسحاب بلاده": "his country"
                    # is the official named just before, not the sentence's subject
                    source = [max(official, key=lambda c: c.tok)]
            elif trig.category == "COOPERATE" and toks[ti].text[:1] == "ب" and ti + 1 < len(toks) and toks[ti + 1].text == "مع":
                # "إن هذه الهجمات نُفذت بالتنسيق مع الحكومة السورية": done in coordination, by whoever the sentence
                # says did it, its subject or speaker
                before = [c for c in self._sent_cands if c.tok < ti and c.kind != "place"]
                source = _subject_of(toks, before, self._first_tok) or sorted(before, key=lambda c: -c.tok)[:1]
                recipient = [c for c in right if c.tok > ti + 1]
            else:
                return None
        else:
            source, recipient = left, right
        codes = {c.code for c in source}
        if trig.noun and trig.category == "ACCUSE":
            # "ونفت إيران الاتهامات الإسرائيلية": the claims a denial rejects are aimed at the denier
            deny = next((k for k in range(max(0, ti - _DENIED_REACH), ti)
                         if (self.lex.trigger(toks[k].text) or _NO_TRIGGER).frame == "reject.deny"), None)
            if deny is not None:
                recipient = [c for c in left if deny < c.tok < ti]
        recipient = [c for c in recipient if c.code not in codes]  # "اتهمت تونس ألمانيا … تونس"
        if trig.category == "DEMAND" and not trig.noun:
            # a demand is made of its object; a state inside what is demanded ("دعا ترامب شركاءه إلى إعادة
            # روسيا إلى المجموعة") is not the one asked
            recipient = [c for c in recipient if not (c.tok > ti + 1 and toks[c.tok - 1].text == "الي")]
        if len(recipient) > 1 and any(c.code != "IGO" for c in recipient):
            # "استخدمت روسيا حق النقض في مجلس الأمن الدولي ضد مشروع قرار أمريكي": a council where a vote
            # or a speech takes place is no target, even when it is named first
            recipient = [c for c in recipient if not (c.code == "IGO" and c.kind == "org" and _is_locative(toks, c.tok, c.mention)
                                                      and fold_key(c.mention.text).split()[0] in _ASSEMBLIES)]
        if trig.category in ("ACCUSE", "REJECT") and not trig.noun:
            # "اتهمت ساندرز المسؤولين السابقين بالحديث عن ادعاءات بشأن علاقة ترامب بالحكومة الروسية", "موسكو ترفض
            # التصريحات التي تتحدث عن ضرورة تدمير إسرائيل": a state told after a topic preposition is what the
            # words are about, not whom they are aimed at
            recipient = [c for c in recipient if not any(t.text in self.lex.cues["topic_preps"] for t in toks[ti + 1:c.tok])]
        by_k = _agent_after(toks, ti, recipient) if trig.category == "ACCUSE" else None
        if by_k is not None:
            # "ندد باحتلال أجزاء من سوريا من قبل القوات الأمريكية": the act's agent after "من قبل" is the one
            # condemned; the place before it is where the act falls
            recipient = [c for c in recipient if c.tok > by_k]
        if trig.category in ("ACCUSE", "THREATEN"):
            # "ندد بانتهاك سيادة سوريا": the state whose sovereignty or land is violated is not the one condemned;
            # "حذر لافروف من محاولات تقسيم سوريا": nor the one warned
            recipient = [c for c in recipient if not in_victim_domain(toks, c, self.lex.cues["victim_domain"])]
        company = next((k for k in range(base + 1, min(len(toks), base + 1 + _NONSTATE_OBJECT_REACH))
                        if any(v in self.lex.cues["nonstate_heads"] for v in toks[k].variants)
                        and (k == base + 1 or toks[k - 1].text in _PATIENT_PREP)), None)
        if company is not None and not trig.noun and recipient and all(c.tok > company for c in recipient):
            # "هددت فرنسا بفرض غرامات على شركة جنرال الكتريك … عملاق الصناعة الأمريكية": the act falls on a company;
            # the state named after it is the company's, not a party
            recipient = []
        if trig.category in _VERBAL and recipient:
            # the object and what is coordinated with it, not the states its complement is about:
            # "اتهمت السعودية إيران بتسليح الحوثيين في اليمن" is aimed at Iran
            recipient = _coordinated(toks, _without_patients(toks, recipient))
            if trig.frame in _CONDEMN_ACTS and self._victim_of_unnamed(toks, ti, recipient[0]):
                recipient = []  # "أدانت الكويت الهجوم الصاروخي على السعودية": Saudi Arabia is hit, not accused
            if trig.frame == "reject.deny" and not any(toks[max(0, c.tok - 1)].text in _CLAIMS or c.kind == "group"
                                                      and toks[c.tok - 1].text in _CLAIMS for c in recipient):
                # "نفت طهران دعم الحوثيين": what is denied is no target; the claim's author, or the other
                # side of the article's dispute, is
                other = self._counterpart(codes, toks[ti])
                recipient = [other] if other else []
        if trig.frame == "reject.deny" and not recipient and anaphoric_claim(toks, ti, _CLAIMS):
            # "وتنفي إيران هذه الاتهامات": the claims the article told before, aimed at the denier
            recipient = accuser(self._drafts, self._article, codes, toks[ti])
        if any(c.code != "IGO" for c in recipient):
            # "استخدمت روسيا حق النقض ضد مشروع قرار أمريكي بمجلس الأمن": the council is where, not whom
            recipient = [c for c in recipient if not (c.code == "IGO" and c.kind == "org" and _is_locative(toks, c.tok, c.mention))]
        target = frame.target
        if target == "next":
            # "ونسبتها دمشق وطهران وموسكو إلى إسرائيل": the target is named right after the required word
            k = next((k for k in range(ti + 1, min(len(toks), ti + 1 + frame.reach)) if toks[k].text in frame.next), None)
            between = sorted((c for c in self._sent_cands if k is not None and ti < c.tok < k), key=lambda c: c.tok)
            if between and not trig.noun:
                source, codes = _coordinated(toks, between), {c.code for c in _coordinated(toks, between)}  # verb-subject
            # …or heads the genitive after it: "على تصريحات رئيس الوزراء الإسرائيلي بنيامين نتنياهو" (a place only
            # right after: "إلى جهات مجهولة في سوريا" names no target)
            after = sorted((c for c in self._sent_cands if k is not None and k < c.tok <= k + _GENITIVE_REACH
                            and c.code not in codes and c.kind != "place"), key=lambda c: c.tok) \
                or sorted((c for c in places if k is not None and c.tok == k + 1 and c.code not in codes), key=lambda c: c.tok)
            recipient = after[:1]
        if target == "sponsor":
            # a vote falls on whoever put the draft forward, not on a state the draft is about: "استخدمت روسيا
            # الفيتو ضد مشروع قرار دولي يتهم إيران" aims at no one named; "مشروع القرار" alone is the one told before
            head = draft_head(toks, base + 1, base + 1 + _DRAFT_HEAD_REACH, self.lex.cues["draft_heads"])
            if head is not None:
                sponsor = draft_sponsor(toks, head, self._sent_cands, self.kb.nisba_index(), self.lex.cues["draft_presenters"],
                                        self._raw)
                if not sponsor and head + 1 < len(toks) and toks[head + 1].text == "القرار":
                    sponsor = self._sponsor
                recipient = [c for c in sponsor if c.code not in codes]
        if trig.category == "COERCE" and not recipient:
            # "احتجزت السلطات التركية القس أندرو برونسون": the act falls on a foreign national named after it
            held = [c for c in self._sent_citizens if 0 < c.tok - ti <= _HELD_REACH and c.code not in codes]
            recipient = held[:1]
        if target == "place" and any(0 < c.tok - ti <= 4 for c in places):
            recipient = []  # "استدعاءه لسفيره في موسكو، وفقاً لما ذكره رئيس الوزراء الإيرلندي": the envoy's post
        if not recipient and (trig.category in _PLACE_TARGETED or target == "place"):
            # a strike's target is where it lands: "قصفت الطائرات الإسرائيلية مواقع في غزة" (PSE)
            near = [c for c in places if c.tok < cut and c.code not in codes and c.tok - ti <= _SIDE_WINDOW // 4]
            recipient = near[:1]
        recipient = recipient or (object_nisba(toks, ti, self.kb.nisba_index(), codes, self._raw) if target == "nisba" else [])
        if source and not recipient and trig.category in _ANAPHOR_TARGETED:
            # "توعد ترامب بإطلاق صواريخ على البلاد": "the country" is the last other state the sentence named
            anaphor = any(toks[k].text in self.lex.cues["country_anaphora"] and toks[k - 1].text in ("علي", "ضد")
                          for k in range(ti + 1, min(cut, ti + 1 + _ANAPHOR_REACH)))
            other = [c for c in earlier if c.code not in codes and c.code != "IGO"]
            recipient = [max(other, key=lambda c: c.tok)] if anaphor and other else []
        if source and not recipient and trig.category == "ASSAULT" and trig.frame in _THEATRE_FRAMES \
                and all(self._armed(toks, ti, trig, c) for c in source):
            recipient = self._theatre_target(toks, ti, source, places)
        if source and not recipient and trig.category in ("SUPPORT", "ACCUSE") and not trig.noun:
            # "ورحبت تركيا بالضربات الغربية": a reaction to strikes whose agent the sentence leaves to the article
            act = next((k for k in range(ti + 1, min(len(toks), ti + 1 + _REACTION_REACH))
                        if any((self.lex.trigger(v) or _NO_TRIGGER).category == "ASSAULT" for v in toks[k].variants)), None)
            recipient = striker(self._drafts, self._article, codes, toks[act]) if act is not None else []
        if not source or not recipient or frame.dative and not addressed(toks, recipient):
            return None  # one side only: "يرفض الأخير استعادته", "طالب لجوء"; a pledge to no one
        return source, recipient

    def _theatre_target(self, toks: list[Tok], ti: int, source: list[Cand], places: list[Cand]) -> list[Cand]:
        """The state a foreign force's strike falls on when the text names no state for its target: "أغارت
        طائرات روسية على مستشفى المسيفرة" in a story about Daraa, "الغارات التي شنتها واشنطن وباريس ولندن" in one
        about Syria — the state the article's places and named states so far mostly belong to (the sentence's own
        counting twice), clearly ahead of any other, when it is not the agent's own. An official is no force ("هاجم ترامب …" may be words), and a
        place of the agent's own state after the strike leaves it where it is."""
        codes = {c.code for c in source}
        if any(c.code in codes for c in places):
            return []
        # the sentence's own places and forces but the agents count twice: "… على دوما …، وأيضا الغارات التي شنتها واشنطن وباريس ولندن"
        here = [c.code for c in self._sent_cands if c.kind in _THEATRE_SENT and c.code != "IGO" and c not in source]
        told = self._theatre + Counter(here + here)
        top = told.most_common(2)
        if not top or top[0][1] < _THEATRE_MIN or len(top) > 1 and top[1][1] >= top[0][1] or top[0][0] in codes:
            return []
        return [replace(self._state(top[0][0], toks[ti]), tok=ti)]  # named by the strike itself, where its mention is

    def _possessor(self, toks: list[Tok], ti: int, trig: Trigger) -> list[Cand]:
        """The subject of a light verb of force (``strike_verbs``) whose act noun carries a possessive pronoun (a
        form the lexicon may also read as a verb with its object):
        "بدأت تركيا … تدخلها العسكري"، "واصلت إسرائيل غاراتها"، "كثفت روسيا ضرباتها" — the first actor right after
        the verb, or the one right before it; [] when the noun has no pronoun or no such verb stands before it."""
        if trig.category not in _PLACE_TARGETED:
            return []
        got = self.lex.frames.lookup(toks[ti].text)
        if got is None or not got[1].enclitic:
            return []
        verbs = [k for k in range(max(0, ti - _POSSESSOR_REACH), ti) if set(toks[k].variants) & self.lex.cues["strike_verbs"]
                 or toks[k].text[:1] in "وف" and toks[k].text[1:] in self.lex.cues["strike_verbs"]]
        if not verbs:
            return []
        k = verbs[-1]
        named = [c for c in self._sent_cands if c.kind in _NAMED | {"force", "group"} and c.code and c.code != "IGO"]
        after = sorted((c for c in named if k < c.tok < ti and c.tok - k <= _VSO_NEAR), key=lambda c: c.tok)
        before = sorted((c for c in named if c.tok < k and 0 < k - end_tok(toks, c) <= 1), key=lambda c: -c.tok)
        return _coordinated(toks, after) if after else before[:1]

    def _opening_owner(self, toks: list[Tok], ti: int, trig: Trigger) -> list[Cand]:
        """The subject of the main clause when the act is told inside the phrase opening the sentence, whose noun
        carries a pronoun: "وفي إعلانه عن توجيه ضربات عسكرية للنظام السوري …، قال ترامب" (his announcement: Trump's
        strikes). The first named actor right after the phrase's comma; [] when there is none."""
        if trig.category not in _PLACE_TARGETED or not trig.noun:
            return []
        first = self._first_tok
        head = next((k for k in range(first, min(ti, first + _OPENING_HEAD)) if toks[k].variants[-1] in _OPENING_PREPS
                     or toks[k].text[:1] == "و" and toks[k].text[1:] in _OPENING_PREPS), None)
        if head is None or head + 1 >= ti or not toks[head + 1].text.endswith(("ه", "ها")) or len(toks[head + 1].text) < 4:
            return []
        comma = self._raw.find("،", toks[ti].end)
        if comma < 0 or "،" in self._raw[toks[head].start:toks[ti].start]:
            return []
        after = sorted((c for c in self._sent_cands if c.mention.start > comma and c.kind in _NAMED and c.code != "IGO"),
                       key=lambda c: c.tok)
        start = next((k for k, t in enumerate(toks) if t.start > comma), len(toks))
        if not after or _head_tok(toks, after[0]) - start > _VSO_TITLE_GAP \
                or any(t.text in _PREPOSITIONS for t in toks[start:after[0].tok]):
            return []
        return _coordinated(toks, after)

    def _we(self, toks: list[Tok], ti: int, trig: Trigger) -> tuple[list[Cand], list[Cand]] | None:
        """A strike told in the first person plural inside a quotation is the speaker's state's: 'أوضح نتانياهو أنها
        "قطعة من تلك الطائرة دون طيار إيرانية … بعد أن قمنا بإسقاطها"' (ISR -> IRN), '"قصفنا مواقع في سوريا"'. The
        speaker is the subject before the quotation; the target the object after the verb, else the other state's
        force or place the quotation names before it. None when the act is not told so."""
        if trig.category not in _PLACE_TARGETED:
            return None
        word = toks[ti].text
        # a past verb of force ("قصفنا"، "أسقطنا"); "تهاجمنا" is "she attacks us", "هاجمنا" may be words
        we = not trig.noun and trig.aspect == "past" and trig.frame in _THEATRE_FRAMES | {"assault.shoot_down"} \
            and word.endswith("نا") and len(word) > 4 or trig.noun and any(
            toks[k].text.lstrip("وف") in _WE_LIGHT for k in range(max(0, ti - 2), ti))
        start = toks[self._first_tok].start if self._first_tok < len(toks) else toks[0].start
        quote = next((i for i in range(toks[ti].start - 1, start - 1, -1) if self._raw[i] in _OPEN_QUOTES), None)
        if not we or quote is None:
            return None
        speaker = _subject_of(toks, [c for c in self._sent_cands if c.mention.end <= quote], self._first_tok)
        if not speaker:
            return None
        codes = {c.code for c in speaker}
        inside = [c for c in self._sent_cands if quote < c.mention.start and c.code not in codes and c.code != "IGO"]
        # where it struck first ("إن تدخلنا العسكري في سوريا، من قبل الولايات المتحدة …" is in Syria)
        target = [c for c in inside if c.tok > ti and c.kind == "place"][:1] or [c for c in inside if c.tok > ti][:1] \
            or sorted((c for c in inside if c.tok < ti and c.kind in ("force", "group", "state", "capital", "place")),
                      key=lambda c: -c.tok)[:1]
        return speaker, target

    def _attributed(self, toks: list[Tok], ti: int) -> tuple[int, Cand] | None:
        """The word attributing the strike noun at ``ti`` to a state, and that state: "ونسبتها دمشق … إلى إسرائيل",
        "المنسوبة إلى إسرائيل", "التي تنسب لإسرائيل" (within a few words after the strike; the state after إلى/لـ)."""
        for k in range(ti + 1, min(len(toks), ti + 1 + _ATTRIBUTION_REACH)):
            if toks[k].text not in self.lex.cues["attributed"] and (self.lex.trigger(toks[k].text) or _NO_TRIGGER).frame != "accuse.attribute":
                continue
            for c in sorted(self._sent_cands, key=lambda c: c.tok):
                if k < c.tok <= k + _GENITIVE_REACH + 4 and c.code and c.code != "IGO" and c.kind in ("state", "capital", "place") \
                        and (toks[c.tok - 1].text == "الي" or toks[c.tok].text[:1] == "ل" and c.mention.text[:1] != "ل"):
                    return k, replace(self._state(c.code, toks[c.tok]), tok=c.tok)
            return None
        return None

    def _armed(self, toks: list[Tok], ti: int, trig: Trigger, c: Cand) -> bool:
        """The agent strikes as an armed force: an army ("برصاص الجيش الإسرائيلي"), a nisba on an armed head
        ("طائرات روسية"، "الغارات التركية"), or a state that is the subject of the strike verb ("قصفت إسرائيل"),
        of a light verb of force before the strike noun ("شنت واشنطن وباريس ولندن ضربات"، "الغارات التي شنتها
        واشنطن") or its genitive ("قصف إسرائيل لمواقع"). Not an IGO, an official, nor a nisba on sanctions or a
        government ("العقوبات الأمريكية استهدفت"، "الحكومة اليمنية")."""
        cues = self.lex.cues
        if c.code == "IGO" or c.kind in ("person", "role", "weapon"):
            return False
        if c.kind in ("force", "group"):
            end = end_tok(toks, c)
            if end + 1 < len(toks) and toks[end + 1].text in _MADE_IN:
                return False  # "طائرات إف15 أمريكية الصنع": where the aircraft were made, not whose they are
            return c.mention.type == "ORG" and c.sector == "MIL" \
                or any(toks[k].text in cues["armed_heads"] for k in range(max(0, c.tok - _FORCE_NISBA_GAP - 1), c.tok))
        if not trig.noun:
            # the verb's own subject, right after it or right before it ("إسرائيل استهدفت"، "قالت إسرائيل إنها
            # استهدفت"), not a state of another clause ("وصفت روسيا التقارير بأنها استفزاز يستهدف …")
            return 0 < c.tok - ti <= _VSO_NEAR or 0 < ti - end_tok(toks, c) <= 1 \
                or ti > 0 and toks[ti - 1].text in _RESUMED and 0 < ti - end_tok(toks, c) <= _VSO_NEAR + 1
        near = range(max(0, ti - _LIGHT_GAP - 1), min(len(toks), ti + _GENITIVE_GAP + 2))
        # the genitive right after the noun ("قصف إسرائيل"), not that of a place struck ("استهداف مطار أبوظبي")
        return c.tok - ti == 1 or any(set(toks[k].variants) & cues["strike_verbs"] for k in near if k != ti)

    def _victim_of_unnamed(self, toks: list[Tok], ti: int, first: Cand) -> bool:
        """``first`` is what an attack with no named agent falls on: after an attack word and a على/ضد/بحق or
        the attack's own verb ("الهجوم على عميل المخابرات الروسية", "الهجوم الذي استهدف السفارة الأمريكية"),
        with no actor in between."""
        attack = next((k for k in range(ti + 1, first.tok)
                       if (self.lex.trigger(toks[k].text) or _NO_TRIGGER).category == "ASSAULT"), None)
        if attack is None or any(attack < c.tok < first.tok for c in self._sent_cands):
            return False
        return any(toks[k].text in _PATIENT_PREP or (self.lex.trigger(toks[k].text) or _NO_TRIGGER).category == "ASSAULT"
                   for k in range(attack + 1, first.tok))

    def _relative_object(self, toks: list[Tok], ti: int) -> tuple[list[Cand], list[Cand]] | None:
        """Agent and target of a verb opening a relative clause with an object pronoun: the antecedent
        is the verb's object and the agent its subject after it, or the one the sentence is about —
        "معاقبة الصين، التي اتهمها بسرقة الملكية الفكرية" (USA -> CHN), "إيران التي تتهمها السعودية" (SAU -> IRN)."""
        before = [c for c in self._sent_cands if c.tok < ti - 1 and ti - 1 - c.tok <= _GENITIVE_GAP]
        if not before:
            return None
        antecedent = max(before, key=lambda c: c.tok)
        after = sorted((c for c in self._sent_cands if c.tok > ti and not _after_preposition(toks, ti, c)), key=lambda c: c.tok)
        if after and _head_tok(toks, after[0]) - ti <= _VSO_TITLE_GAP and "،" not in self._raw[toks[ti].end:after[0].mention.start]:
            agent = _coordinated(toks, after)
        elif ti + 1 == len(toks) or toks[ti + 1].text[:1] in "بل" or toks[ti + 1].text in _PREPOSITIONS:
            agent = _subject_of(toks, [c for c in self._sent_cands if c.tok < antecedent.tok], self._first_tok)
        else:
            return None  # a subject the text names but no state stands for: "التي تتهمها الدول المقاطعة"
        agent = [c for c in agent if c.code != antecedent.code]
        return (agent, [antecedent]) if agent else None

    def _addressed(self, toks: list[Tok], ti: int, agent: list[Cand]) -> tuple[list[Cand], list[Cand]] | None:
        """Agent and addressee of demands told in a relative clause that names no addressee: whoever
        rejects or denounces them is the one they were put to. "ورفضت إيران الشروط التي قدمها بومبيو",
        "أصدرت بيونغ يانغ بيانا للتنديد بالمطالب التي قدمها بومبيو خلال زيارته" (both: DEMAND USA → them)."""
        agent = sorted((c for c in agent if c.tok > ti), key=lambda c: c.tok)
        agent = [c for c in agent if c.code == agent[0].code] if agent else []  # "خلال زيارته لكوريا" is no agent
        subject = _subject_of(toks, [c for c in self._sent_cands if c.tok < ti], self._first_tok)
        own = {c.code for c in agent}
        subject = [c for c in subject or [] if c.code and c.code not in own]
        return (agent, subject) if agent and subject else None

    def _victim(self, toks: list[Tok], c: Cand) -> bool:
        """The candidate is the object of على/ضد after an act: "الهجوم على سوريا", "العقوبات ضد إيران"."""
        k = c.tok
        prep = toks[k - 1].text if k > 0 else ""
        head = toks[k - 2].text if k > 1 else ""
        if prep in ("علي", "ضد"):
            return head in self.lex.cues["force_heads"]
        return toks[k].text.startswith("علي") and prep in self.lex.cues["force_heads"]

    def _counterpart(self, codes: set[str], at: Tok) -> Cand | None:
        """The other state of the two the article is about, when the speaker's state is one of them and
        both have been named at least twice so far ("البلدين" without the word)."""
        top = self._discourse.most_common(2)
        if len(top) < 2 or top[1][1] < _DISPUTE_MIN or not codes & {top[0][0], top[1][0]}:
            return None
        other = top[1][0] if top[0][0] in codes else top[0][0]
        return None if other in codes else self._state(other, at)


def _consult_form(lex: Lexicon, tok: Tok) -> bool:
    return (lex.trigger(tok.text) or _NO_TRIGGER).category == "CONSULT"


def _charged_with(toks: list[Tok], c: Cand) -> bool:
    """The actor's mention is followed by a بـ-phrase of what it is charged with: "روسيا بإسقاط", "إيران بدعم"."""
    end = end_tok(toks, c)
    return end + 1 < len(toks) and toks[end + 1].text[:1] == "ب" and len(toks[end + 1].text) > 3


def _gathering(lex: Lexicon, tok: Tok) -> bool:
    """A gathering noun ("القمة", "المؤتمر") takes no person as its object: "متهما في ختام القمة رئيس
    الوزراء الكندي" accuses the Canadian, unlike "خلال لقائه نظيره الأردني"."""
    return tok.text in lex.cues["venue_heads"] and (lex.trigger(tok.text) or _NO_TRIGGER).noun


def _lead(toks: list[Tok], group: list[Cand]) -> int:
    """Where the nearest actor's phrase begins: its title when the mention layer found one."""
    return min(group[0].tok, _head_tok(toks, group[0]))
