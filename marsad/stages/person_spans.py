"""Person spans made right before the link stage clusters them.

The NER model and the KB scan give PER mentions with wrong edges: a preposition, verb, proclitic noun or
"ولد" before the name, a verb, preposition, apposition's title or spelled acronym after it, the
conjunction و glued to a given name, two persons joined by و in one span, a given name cut off a KB
name, a KB surname after someone else's given names ("حمد بن علي العطية"). The functions here move a
mention's edges (``Mention.start``, ``end`` and ``text`` stay offsets into and text of ``doc.raw``),
split a span, join two, or unlink a KB match, and give the folded name words the linker clusters on
(:func:`name_tokens`, :func:`trim_name`, :func:`trim_edges`). Whether what is left looks like a name
at all is :mod:`marsad.ner.names`' call, made by the linker.

:mod:`marsad.stages.link` calls them in this order: :func:`other_family_member` on KB mentions,
:func:`split_lists`, :func:`join_adjacent`, :func:`given_name_before_family` on the document, then
:func:`trim_name` and :func:`trim_edges` on each PER mention. Kept apart from the linking itself (KB,
clusters, run-wide ids) so that both modules can be read whole.
"""
from __future__ import annotations

import copy
import difflib
from bisect import bisect_left

from ..doc import Document, Mention
from ..kb import KB
from ..ner.names import LETTER_NAMES, clitic_on_ordinary, conjunction_word, ends_no_name, is_given_name, kb_name_words
from ..ner.names import name_word, ordinary_word, past_verb, starts_no_name, verb_like, word_zipf
from ..textnorm import fold_key
from .entities import _HONORIFICS, _first_name_of, _skip_chars, _variants, common_words


_MAX_NAME_WORDS = 5  # words of one person's name at the most: more is a run of names
_BORN = frozenset(fold_key(w) for w in ("ولد", "ولدت"))  # "was born", or the ولد of a Mauritanian name inside it
_GLUED_WAW_MIN = 5  # letters of an unknown word read as و + a name (و and four letters at least)
_ACRONYM_LETTERS = 3  # spelled letters in a row that make an acronym ("سي بي دي"); two may be initials ("خافير جي دي")
# Prepositions as written (على with ى is not the name علي): the model sometimes starts a name with one.
_PREPOSITIONS = frozenset(("على", "عن", "في", "من", "إلى", "الى", "مع", "لدى", "حول", "ضد"))
# Words that end a name the model ran on past: "known as" and the title of an apposition in construct
# ("محمود أبو زيد المعروف بشوكان", "الملك عبد الله عاهل الأردن"); given names like أمير or ملك are not among them
_NAME_ENDERS = frozenset(fold_key(w) for w in (
    "المعروف", "المعروفة", "الملقب", "الملقبة", "المكنى", "الشهير", "الشهيرة", "عاهل", "رئيس", "رئيسة", "وزير",
    "وزيرة", "سفير", "سفيرة", "زعيم", "زعيمة", "مدير", "مديرة", "نائب", "مبعوث", "مستشار", "مستشارة", "قائد"))


def _zipf_of(word: str) -> float:
    return word_zipf().get(word, 0.0)


def _cut_first_word(doc: Document, m: Mention) -> None:
    """Move the start of ``m`` past its first word and the spaces after it."""
    cut = m.start + len(m.text) - len(m.text.lstrip()) + len(m.text.split()[0])
    while cut < m.end and doc.raw[cut].isspace():
        cut += 1
    m.start, m.text = cut, doc.raw[cut:m.end]


def _cut_last_word(doc: Document, m: Mention) -> None:
    """Move the end of ``m`` before its last word and the spaces before it."""
    body = m.text.rstrip()
    cut = m.start + len(body) - len(body.split()[-1])
    while cut > m.start and doc.raw[cut - 1].isspace():
        cut -= 1
    m.end, m.text = cut, doc.raw[m.start:cut]


def _acronym_start(toks: list[str]) -> int | None:
    """Index of the first of :data:`_ACRONYM_LETTERS` Latin letters spelled in Arabic in a row, or of two or
    more after ل or ب ("لبي بي سي"), or None: a name ends before an acronym ("قال الدوسري لبي بي سي")."""
    for k, w in enumerate(toks):
        run = next((n for n in range(1, len(toks) - k) if toks[k + n] not in LETTER_NAMES), len(toks) - k)
        if (w in LETTER_NAMES and run >= _ACRONYM_LETTERS) or (w[:1] in "لب" and w[1:] in LETTER_NAMES and run >= 2):
            return k
    return None


def name_tokens(text: str) -> list[str]:
    """Folded name words without honorifics (a و/ب/ل at a name's start is kept: first names use them)."""
    toks = fold_key(text).split()
    while toks and toks[0] in _HONORIFICS:
        toks = toks[1:]
    return toks


def trim_name(kb: KB, doc: Document, m: Mention, doc_names: set[str]) -> list[str]:
    """The name words of a PER mention, without a proclitic glued to the first name ("لرضا بهلوي",
    "وبن سلمان", "للجبير") or a verb or noun before a KB surname ("أشاد ماكرون", "إقناع ترامب").
    The unstripped reading wins when it is a name itself ("بوتين", "لافروف")."""
    toks = name_tokens(m.text)
    while len(toks) > 1 and m.source != "kb" and m.text.split()[0] in _PREPOSITIONS:
        _cut_first_word(doc, m)  # "على سيرغي": على with ى is a preposition, not the name علي
        toks = toks[1:]
    if not toks or m.source == "kb" or toks[0] in kb_name_words() or is_given_name(toks[0]):
        return toks
    index = kb.persons_index()
    if toks[0][0] in "وفبلك" and len(toks[0]) > 2:
        for v in _variants(toks[0])[1:]:
            # "لمانافورت" after "بول مانافورت": a name the article has already written without it
            if v in kb_name_words() or is_given_name(v) or (len(toks) == 1 and v in index) or v in doc_names:
                if toks[0].endswith(v):  # a plain prefix: move the mention's start past it
                    cut = _skip_chars(doc.raw, m.start, len(toks[0]) - len(v))
                    m.start, m.text = cut, doc.raw[cut:m.end]
                return [v] + toks[1:]
    rest = " ".join(toks[1:])
    if len(toks) > 1 and rest in index and not _first_name_of(toks[0], index[rest]):
        _cut_first_word(doc, m)
        return toks[1:]
    common = common_words()
    if len(toks) > 1 and len(toks[0]) > 3 and toks[0][0] == "و" and not toks[0].startswith("وال") \
            and ordinary_word(toks[0][1:], common) and not verb_like(toks[0][1:], common):
        # "وماريوس تريزور": the conjunction, not the word, is glued to the name; what is left must
        # still look like a name ("وتصفيق استمر" does not)
        cut = _skip_chars(doc.raw, m.start, 1)
        m.start, m.text = cut, doc.raw[cut:m.end]
        m.trimmed = True
        return [toks[0][1:]] + toks[1:]
    while len(toks) > 1 and toks[1] not in ("بن", "ابن", "بنت") and not is_given_name(toks[0]) \
            and (clitic_on_ordinary(toks[0], common) or verb_like(toks[0], common)
                 or (toks[0].startswith("ال") and ordinary_word(toks[0], common))):
        # "وغردت السيدو هيدالغو", "الماركسي سمير": a verb, a proclitic on a noun or an adjective with the
        # article before the name is no part of it
        _cut_first_word(doc, m)
        m.trimmed = True  # what is left must look like a name on its own ("بنفوذ كبير")
        toks = toks[1:]
    return toks


def trim_edges(doc: Document, m: Mention, toks: list[str], common: frozenset[str]) -> list[str]:
    """Words glued to either end of a name the KB does not know (:func:`marsad.ner.names.starts_no_name`,
    :func:`~marsad.ner.names.ends_no_name`): "تزوجت ماري", "CNN بيكي أندرسون", "إبان عهد مبارك" (إبان) before it,
    "جوليان دراكسلر بـ40", "محمد صلاح لخوض", "صلاح على", "كيت غادرا" after it; and a conjunction و on a
    given name that starts a name in a list ("ألكسندر بتروف وروسلان بوشيروف"); an acronym spelled in letters and
    what follows it ("الدوسري لبي بي سي", "لبي بي سي عربي": nothing is left, no name)."""
    k = _acronym_start(toks) if len(m.text.split()) == len(toks) else None
    if k is not None:
        if k == 0:
            return []
        for _ in range(len(toks) - k):
            _cut_last_word(doc, m)
        toks = toks[:k]
    while len(toks) > 1 and len(m.text.split()) == len(toks) and (starts_no_name(toks[0], common, m.text.split()[0])
                                                                 or toks[0] in _BORN):
        _cut_first_word(doc, m)  # "ولد خالد محيي الدين في ...": he was born; ولد joins names inside, never first
        toks = toks[1:]
    raw_words = m.text.split()
    for k in range(1, min(len(raw_words), len(toks))):
        w = toks[k]
        if len(raw_words) == len(toks) and ((past_verb(w) and not is_given_name(w)) or w in _NAME_ENDERS):
            # "فيوريكا دانسيلا اعتمدت ليل الأربعاء": a verb ends the name, the sentence goes on; so do an
            # apposition's title and "known as" ("عبد الله عاهل الأردن", "محمود أبو زيد المعروف بشوكان")
            for _ in range(len(toks) - k):
                _cut_last_word(doc, m)
            toks = toks[:k]
            break
    trailed = False
    while len(m.text.split()) > 1:
        last = m.text.split()[-1]
        k = len(fold_key(last).split())  # "بـ40" folds to two tokens
        why = ends_no_name("".join(fold_key(last).split()), last, common) if 0 < k < len(toks) else None
        if not why and k == 1 and len(toks) > 2 and len(m.text.split()) == len(toks) and not name_word(toks[-1]) \
                and ordinary_word(toks[-1], common) and ends_no_name(toks[-2], m.text.split()[-2], common) \
                == "a proclitic on a word":
            why = "an adjective after a proclitic noun"  # "جوزيه مورينيو لموقف محرج"
        if not why:
            break
        _cut_last_word(doc, m)
        toks = toks[:-k]
        trailed = trailed or why in ("a preposition", "a particle")
    if trailed and toks and not name_word(toks[-1]) and _zipf_of(toks[-1]) > 0:
        # "دينا اتفاق واضح حول", "واستقبله بتصفيق حار عند": what is left before a cut preposition ends in a
        # word of the language, not a name (a name table's word or one too rare for the word list)
        return []  # "دينا اتفاق واضح حول": what is left before the preposition is the sentence, not a name
    first = toks[0] if toks else ""
    raw_first = m.text.split()[0] if m.text.split() else ""
    # a name the tables and the word list do not know, written و + a consonant or a hamza ("وروميلو لوكاكو",
    # "وإدينسون كافاني"), is the conjunction on a name: names in و go on with a vowel ("واغنر", "وودوارد", "ويلبور")
    unknown = len(first) >= _GLUED_WAW_MIN and _zipf_of(first) == 0 and not name_word(first) \
        and raw_first[1:2] not in ("ا", "و", "ي", "آ", "")
    if len(first) > 3 and first[0] == "و" and first not in kb_name_words() and not is_given_name(first) \
            and (name_word(first[1:]) or _zipf_of(first) == 0 < _zipf_of(first[1:]) or unknown) and first[1:] not in common:
        cut = _skip_chars(doc.raw, m.start, 1)
        m.start, m.text = cut, doc.raw[cut:m.end]
        toks = [first[1:]] + toks[1:]
    return toks


def other_family_member(doc: Document, m: Mention) -> bool:
    """A KB surname preceded by given names that are not the KB person's ("حمد بن علي العطية" is not
    Khalid al-Attiyah, "محسن بن علي" not Zine El Abidine Ben Ali, "الحسين بن علي" not him either):
    widen ``m`` over those names and unlink it from the KB. Returns True when it did."""
    from .entities import gazetteer, token_edges, tokens_of

    cands = m.kb_persons
    if m.source != "kb" or not cands or m.sentence is None or m.sentence >= len(doc.sentences):
        return False
    sent = doc.sentences[m.sentence]
    toks = tokens_of(doc, sent.start, sent.end)
    i = bisect_left(token_edges(doc, sent.start, sent.end)[0], m.start)  # the mention's first token
    if i == len(toks):
        return False
    mine = fold_key(m.text).split()
    if len(mine) > 1 and mine[0] not in ("بن", "ابن", "ابو", "ال"):
        return False  # the mention holds a first name already ("أدان علي خامنئي")
    before = []  # per candidate alias ending in the mention's words: the word before them
    for p in cands:
        for alias in (p.name_ar,) + tuple(p.aliases_ar):
            at = fold_key(alias).split()
            if len(at) > len(mine) and at[-len(mine):] == mine:
                before.append(at[-len(mine) - 1])
    if not before:
        return False  # a first name or a whole name ("الملك سلمان"), not a family name
    taken = [(o.start, o.end) for o in doc.mentions if o is not m and (o.source == "kb" or o.type != "PER")]
    j, common, gz = i, common_words(), gazetteer()
    while j > 0 and i - j < 4 and not doc.raw[toks[j - 1].end:toks[j].start].strip() \
            and not any(s <= toks[j - 1].start < e for s, e in taken):
        w = toks[j - 1].text
        after_bin = j > 1 and toks[j - 2].text in ("بن", "ابن", "بنت")  # "بن علي": a father's name
        if w in ("بن", "ابن", "بنت") or (after_bin and is_given_name(w)) or (is_given_name(w)
                                        and w not in common and w not in _HONORIFICS
                                        and _zipf_of(w) < 5.0 and not any(k in ("office", "nisba", "country", "place")
                                                                      for k, _ in gz.table.get(w, ()))):
            j -= 1
        else:
            break
    while j < i and toks[j].text in ("بن", "ابن", "بنت"):
        j += 1  # the names start with a given name
    if j == i or any(difflib.SequenceMatcher(None, toks[i - 1].text, b).ratio() >= 0.7 for b in before):
        return False  # "أدان علي خامنئي": the word before is the KB person's own name
    start = toks[j].start
    doc.mentions[:] = [o for o in doc.mentions if o is m or not (o.type == "PER" and start <= o.start and o.end <= m.start)]
    m.start, m.text, m.source = start, doc.raw[start:m.end], "ner"
    m.kb_persons = []
    return True


def split_lists(doc: Document) -> None:
    """A person span the KB does not know with و inside (:func:`marsad.ner.names.conjunction_word`) is a
    list: "صلاح وماني", "كاثرين وأليكس" are two persons, each a mention of its own, and "الأمير هاري
    وأميرة ويلز" is Harry and a title. When neither the word before و nor the one after it is in a name
    table (:func:`marsad.ner.names.name_word`)
    and one is a frequent word ("مؤقت ومصطنع", "لوجستيا وتكنولوجيا"), the span is a phrase: it is dropped."""
    from .entities import gazetteer

    common, gz = common_words(), gazetteer()
    out: list[Mention] = []
    for m in doc.mentions:
        if m.type != "PER" or m.source == "kb":
            out.append(m)
            continue
        parts = [m]
        while True:
            cur = parts[-1]
            raw_words = cur.text.split()
            toks = [fold_key(w) for w in raw_words]
            k = next((i for i in range(1, len(toks)) if toks[i] and conjunction_word(toks[i], common)), None)
            if k is None or any(len(t.split()) != 1 for t in toks):
                break
            before, after = toks[k - 1], toks[k][1:]
            if not name_word(before) and not name_word(after) and (ordinary_word(before, common)
                                                                   or ordinary_word(after, common)):
                parts = []  # "مؤقت ومصطنع", "لوجستيا وتكنولوجيا": words joined, no one named
                break
            offs, pos = [], cur.start
            for w in raw_words:
                pos = doc.raw.index(w, pos)
                offs.append(pos)
                pos += len(w)
            head_end = offs[k - 1] + len(raw_words[k - 1])
            tail_start = _skip_chars(doc.raw, offs[k], 1)
            tail = copy.copy(cur)
            tail.start, tail.end, tail.text = tail_start, cur.end, doc.raw[tail_start:cur.end]
            tail.title_span, tail.office, tail.country = None, None, None
            tail.source = "ner" if cur.source == "title" else cur.source  # the title was the first's
            cur.end, cur.text = head_end, doc.raw[cur.start:head_end]
            if not name_word(after) or (_zipf_of(after) >= 4.0 and after not in kb_name_words()) \
                    or any(kind in ("office", "nisba") for kind, _ in gz.table.get(after, ())):
                # "بيتا ومكتبا", "هاري وأميرة ويلز": what follows و is a word, or a given name as frequent
                # as a word (أميرة: princess), no one's name for sure; the first item stays
                break
            parts.append(tail)
        out.extend(parts)
    ends = {m.end for m in out if m.type == "PER"}
    for m in out:
        # "كاثرين ديفيس | وأليكسندرا موريس": a name right after another person's, starting with و, is the
        # next item of a list: the و is the conjunction, whatever the word without it
        if m.type == "PER" and m.source != "kb" and m.text[:1] == "و" and len(m.text.split()[0]) > 3 \
                and any(e < m.start and not doc.raw[e:m.start].strip() for e in ends if m.start - e <= 2):
            cut = _skip_chars(doc.raw, m.start, 1)
            m.start, m.text = cut, doc.raw[cut:m.end]
    doc.mentions[:] = out


def given_name_before_family(doc: Document) -> None:
    """A name starting with آل or بن has its given name right before it, even when that word is also a
    nisba: "تركي آل الشيخ" is Turki Al al-Sheikh, not a Turkish «آل الشيخ» (an adjective follows its
    noun, it does not open an Arabic name chain). The word joins the name and the state it gave is dropped."""
    from .entities import gazetteer

    gz = gazetteer()
    for m in doc.mentions:
        if m.type != "PER" or m.source == "kb" or fold_key(m.text).split()[:1] not in (["ال"], ["بن"]) \
                or not m.text.startswith(("آل", "بن")):
            continue
        before = doc.raw[max(0, m.start - 20):m.start]
        if not before.endswith(" ") or before.endswith("  ") or not before.split():
            continue
        word = before.split()[-1]
        w = fold_key(word)
        if len(w) < 3 or not is_given_name(w) or w.startswith("ال") or ends_no_name(w, word, common_words()):
            continue  # "به بن طلال": a preposition with a pronoun (a "given name" of the table) stays out
        m.start -= len(word) + 1
        m.text = doc.raw[m.start:m.end]
        nisba = [obj for kind, obj in gz.table.get(w, ()) if kind == "nisba"]
        if nisba and m.country in nisba:
            m.country, m.title_span = None, None


def join_adjacent(doc: Document) -> None:
    """A lone given name the KB did not find, with only spaces before a KB person's name, is the start of
    that name ("الرئيس الأمريكي دونالد | جيه ترامب", "ستيفان | دي ميستورا"): a list of persons is joined
    by و or a comma. Two spans the model found are left apart: its own boundary is the better guess."""
    per = sorted((m for m in doc.mentions if m.type == "PER"), key=lambda m: m.start)
    drop: set[int] = set()
    i = 0
    while i + 1 < len(per):
        m, n = per[i], per[i + 1]
        gap = doc.raw[m.end:n.start]
        # only a lone given name before ("دونالد"), and never before و/ف ("ألكسندر بتروف وروسلان
        # بوشيروف" is two persons)
        if m.source != "kb" and n.source == "kb" and m.sentence == n.sentence and gap and gap.strip(" ") == "" \
                and len(m.text.split()) == 1 \
                and is_given_name(fold_key(m.text)) and fold_key(n.text)[:1] not in "وفلب" \
                and len((m.text + gap + n.text).split()) <= _MAX_NAME_WORDS:
            m.end, m.text = n.end, doc.raw[m.start:n.end]
            if n.source == "kb":  # "دونالد | جيه ترامب": the KB's candidates for the surname hold for the whole
                m.source, m.kb_persons = "kb", n.kb_persons
            m.title_span = m.title_span or n.title_span
            for attr in ("office", "rank", "country", "seat"):
                if getattr(m, attr, None) is None and getattr(n, attr, None) is not None:
                    setattr(m, attr, getattr(n, attr))
            drop.add(id(n))
            per.pop(i + 1)
            continue
        i += 1
    if drop:
        doc.mentions[:] = [o for o in doc.mentions if id(o) not in drop]
