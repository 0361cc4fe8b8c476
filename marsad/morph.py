"""Arabic morphology for matching: clitic segmentation and inflection paradigms.

Everything here works on *folded* words (:func:`marsad.textnorm.fold_key`: hamza and alef forms
folded to ا, ى to ي, ة to ه, diacritics dropped), the form every matcher in Marsad compares.

Two directions, both needed:

* **Analysis** — :func:`segment` splits a written word into proclitics (conjunctions و ف, the
  prepositions ب ل ك, the future marker س, the article ال), a stem, and a pronoun enclitic
  (ه ها هم هما …). It returns every reading, fewest clitics first, so that "بلافروف" can be read as
  ب + لافروف and "بوتين" stays بوتين when the KB knows it. Offsets are kept as character counts.
* **Generation** — :func:`verb_forms` and :func:`noun_forms` expand a lemma (a verb's past and
  present stems, a verbal noun) into every written form a news sentence uses, with clitics. The
  trigger lexicon (``data/frames.json``) is compiled through them into one dictionary, so matching a
  token costs one lookup and every form is accounted for by a paradigm, not listed by hand.

Why generation rather than a stemmer for triggers: the Snowball Arabic stemmer (``snowballstemmer``)
was tried on trigger words and does not remove imperfect prefixes (يتهم, تتهم stay apart from اتهم),
while it over-strips names (للافروف → افروف); a paradigm generated from the lemma is exact and
cannot turn a name into a trigger. Sources for the affix inventory: standard Arabic grammar
(Ryding, *A Reference Grammar of Modern Standard Arabic*, 2005, ch. 7, 11, 33).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .textnorm import fold_key

#: Pronoun enclitics on verbs (objects) and nouns (possessors), longest first.
ENCLITICS: tuple[str, ...] = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ني", "ه", "ك")
#: The third-person and "us" enclitics news narration uses; generation leaves out the second person,
#: which in the corpus is mostly app promos ("على هاتفكم") rather than events.
_GENERATED_ENCLITICS: tuple[str, ...] = ("هما", "هم", "هن", "نا", "ها", "ه")
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
#: Subject suffixes of the past tense: 3ms, 3fs/1s/2ms, 3md, 3fd, 3mp, 1p, 2mp, 3fp.
_PAST_SUFFIXES = ("", "ت", "ا", "تا", "وا", "نا", "تم", "ن")
#: Imperfect person prefixes and subject suffixes (indicative and subjunctive/jussive).
#: (1s أ is left out: "اصل", "اقدم" are far more often nouns than "I arrive", "I offer").
_PRESENT_PREFIXES = ("ي", "ت", "ن")
_DUAL_SUFFIXES = ("ا", "تا")  # past 3rd-person dual: "التقيا", "وقّعتا"
_PRESENT_SUFFIXES = ("", "ان", "ون", "ين", "ا", "وا", "ن")
_MIN_STEM = 2

Pos = Literal["verb", "noun"]
Aspect = Literal["past", "present", "future", "noun", "participle"]


@dataclass(frozen=True)
class Segmentation:
    """One reading of a folded word: ``proclitics + stem + enclitic`` (concatenation gives the word,
    except that ل + ال is written لل)."""

    proclitics: tuple[str, ...]
    stem: str
    enclitic: str = ""

    @property
    def n_clitics(self) -> int:
        """How many clitics the segmentation removed (proclitics and the enclitic pronoun)."""
        return len(self.proclitics) + bool(self.enclitic)


def _strip_proclitics(word: str) -> list[tuple[tuple[str, ...], str]]:
    """Every way to peel conjunction, preposition and article off the front of ``word``."""
    out: list[tuple[tuple[str, ...], str]] = [((), word)]
    for conj in ("",) + _CONJ:
        if conj and not word.startswith(conj):
            continue
        rest = word[len(conj):]
        heads = [((conj,) if conj else (), rest)]
        for prep in _PREP:
            if rest.startswith(prep):
                heads.append((((conj,) if conj else ()) + (prep,), rest[1:]))
        for pre, stem in heads:
            if pre:
                out.append((pre, stem))
            if stem.startswith("ال") and len(stem) > 2 + _MIN_STEM:
                out.append((pre + ("ال",), stem[2:]))
            elif pre and pre[-1] == "ل" and stem.startswith("ل") and len(stem) > 1 + _MIN_STEM:
                out.append((pre + ("ال",), stem[1:]))  # لل = ل + ال: "للرئيس"
    return [(p, s) for p, s in dict.fromkeys(out) if len(s) >= _MIN_STEM]


@lru_cache(maxsize=65536)
def segment(word: str) -> tuple[Segmentation, ...]:
    """All clitic readings of a folded word, fewest clitics first (the bare word is always first).

    >>> [s.stem for s in segment("بلافروف")][:2]
    ['بلافروف', 'لافروف']
    """
    out: list[Segmentation] = []
    for pre, stem in _strip_proclitics(word):
        out.append(Segmentation(pre, stem))
        if "ال" in pre:
            continue  # the article and a possessive pronoun exclude each other
        for enc in ENCLITICS:
            if stem.endswith(enc) and len(stem) - len(enc) >= _MIN_STEM + 1:
                base = stem[: -len(enc)]
                out.append(Segmentation(pre, base, enc))
                if base.endswith("ت"):
                    out.append(Segmentation(pre, base[:-1] + "ه", enc))  # زيارته: ة written ت before a pronoun
    return tuple(sorted(dict.fromkeys(out), key=lambda s: s.n_clitics))


def stems(word: str) -> tuple[str, ...]:
    """The distinct stems of :func:`segment`, bare word first."""
    return tuple(dict.fromkeys(s.stem for s in segment(word)))


@dataclass(frozen=True)
class Form:
    """A generated written form of a lemma, with what its affixes say."""

    pos: Pos
    aspect: Aspect
    definite: bool = False  # the article ال: a noun that names a known event ("الزيارة")
    preposed: str = ""  # a preposition glued to a noun: "بزيارة", "لاتهام"
    enclitic: str = ""  # the pronoun suffix: an object on verbs ("استقبله"), a possessor on nouns
    dual: bool = False  # a verb whose suffix says "the two of them": "ووقّعا", "يبحثان"
    feminine: bool = False  # a verb of a feminine singular subject: "نفت", "تنفي" (states are feminine)


def _with_conj(forms: dict[str, Form]) -> dict[str, Form]:
    out = dict(forms)
    for w, f in forms.items():
        for c in _CONJ:
            out.setdefault(c + w, f)
    return out


def _with_objects(word: str) -> list[tuple[str, str]]:
    """A verb form and its object-pronoun forms: وا drops its alef before a pronoun (اتهموه)."""
    base = word[:-1] if word.endswith("وا") else word
    return [(word, "")] + [(base + e, e) for e in _GENERATED_ENCLITICS]


def verb_forms(past: str | None = None, present: str | None = None, extra: tuple[str, ...] = ()) -> dict[str, Form]:
    """Folded written forms of a verb from its 3ms past stem and its imperfect stem (without the
    person prefix), with subject suffixes, the future س, object pronouns and و/ف.

    ``verb_forms("اتهم", "تهم")`` gives اتهمت, اتهموا, يتهم, تتهمان, سيتهم, واتهمته … .
    Weak verbs whose stem changes (التقى/التقت/التقوا) list their forms in ``extra``; those get
    clitics and object pronouns but no further suffixes.
    """
    out: dict[str, Form] = {}
    if past:
        p = fold_key(past)
        for suf in _PAST_SUFFIXES:
            for w, enc in _with_objects(p + suf):
                out.setdefault(w, Form("verb", "past", enclitic=enc, dual=suf in _DUAL_SUFFIXES, feminine=suf == "ت"))
    if present:
        s = fold_key(present)
        for pre in _PRESENT_PREFIXES:
            for suf in _PRESENT_SUFFIXES:
                for w, enc in _with_objects(pre + s + suf):
                    fem = pre == "ت" and suf == ""
                    out.setdefault(w, Form("verb", "present", enclitic=enc, dual=suf == "ان", feminine=fem))
                    out.setdefault("س" + w, Form("verb", "future", enclitic=enc, dual=suf == "ان", feminine=fem))
    for x in extra:
        x = fold_key(x)
        # a final ت is the past's feminine suffix even after a letter that opens presents: "نفت", "تمت"
        aspect: Aspect = "present" if x[:1] in _PRESENT_PREFIXES and len(x) >= 3 and x[-1] != "ت" else "past"
        fem = x.endswith("ت") if aspect == "past" else x[:1] == "ت" and not x.endswith(("ان", "ون"))  # "نفت", "تنفي"
        for w, enc in _with_objects(x):
            out.setdefault(w, Form("verb", aspect, enclitic=enc, feminine=fem))
            if aspect == "present":
                out.setdefault("س" + w, Form("verb", "future", enclitic=enc, feminine=fem))
    return _with_conj(out)


def noun_forms(noun: str, plural: str | None = None) -> dict[str, Form]:
    """Folded written forms of an event noun (a verbal noun such as زيارة, اتهام, غارة): singular,
    dual, sound feminine plural (or the given broken ``plural``), the article, a glued preposition
    (ب ل ك; ل + ال is لل), possessive pronouns (ة written ت before them: زيارته), and و/ف."""
    n = fold_key(noun)
    fem = n.endswith("ه") and len(n) > 3
    base = n[:-1] if fem else n
    bare: dict[str, str] = {n: ""}
    if fem:
        bare[base + "ات"] = ""
        bare[base + "تان"] = ""
        bare[base + "تين"] = ""
    else:
        bare[n + "ات"] = ""
        bare[n + "ان"] = ""
        bare[n + "ين"] = ""
        bare[n + "ا"] = ""  # accusative tanwin written with alef: "اتهاما"
    if plural:
        bare[fold_key(plural)] = ""
    out: dict[str, Form] = {}
    for w in list(bare):
        # ة is written ت before a pronoun (زيارته); a final hamza sits on ي (لقائه, folded لقايه)
        pron_stems = [w[:-1] + "ت"] if w.endswith("ه") else [w, w[:-1] + "ي"] if w.endswith("ء") else [w]
        variants = [(w, "", False)] + [(ps + e, e, False) for ps in pron_stems for e in _GENERATED_ENCLITICS]
        variants.append(("ال" + w, "", True))
        for v, enc, definite in variants:
            out.setdefault(v, Form("noun", "noun", definite=definite, enclitic=enc))
            for p in _PREP:
                glued = ("ل" + v[1:]) if (p == "ل" and definite) else p + v
                out.setdefault(glued, Form("noun", "noun", definite=definite, preposed=p, enclitic=enc))
    return _with_conj(out)
