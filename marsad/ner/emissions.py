"""A linear-chain CRF's state scores for the tokens of whole documents, from sums kept per word type.

The state score of a token under a CRF is the sum of the weights of the attributes
:meth:`~marsad.ner.features.FeatureExtractor.sent_features` gives it. Most of them come from one word
each: the token's own attributes and what its neighbours at -2 … +2 give it (:func:`_positional`).
:class:`TypeScores` sums those once per word type, as a ``(5, labels)`` row of a table, and keeps the rows of the most recent word types; the scores of a
document are then one gather of rows plus the few attributes that depend on two words (word pairs,
gazetteer names) or on the sentence (its ends). The sums are the ones the per-sentence code made, in
the same order, so the floats are the same.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from marsad.ner.crf import LinearChainCRF
    from marsad.ner.features import FeatureExtractor, _Type

__all__ = ["TypeScores"]


# the names of the word-class attributes a word gives its neighbours at -1 and +1, by granularity
_WC_BEFORE = tuple("-1wc%d=" % k for k in range(16))
_WC_AFTER = tuple("+1wc%d=" % k for k in range(16))


def _neighbour_attrs(t: "_Type") -> tuple[list[tuple[str, str]], ...]:
    """The attributes word type ``t`` gives the token after it, two after it, before it and two before
    it, as ``(prefix, value)`` pairs (the attribute is ``prefix + value``)."""
    w, st, b, s3, kd, c, tr = t.w, t.stem, t.base, t.s3, t.kind, t.cls, t.trig
    m1 = [("-1w=", w), ("-1st=", st), ("-1b=", b), ("-1s3=", s3), ("-1k=", kd)]
    p1 = [("+1w=", w), ("+1st=", st), ("+1b=", b), ("+1s3=", s3), ("+1k=", kd)]
    m2, p2 = [("-2w=", w)], [("+2w=", w)]
    if c:
        m1.append(("-1c=", c))
        p1.append(("+1c=", c))
    if tr:
        m1.append(("-1trig=", tr))
        m2.append(("-2trig=", tr))
        p1.append(("+1trig=", tr))
    m1 += [("-1nm=", x) for x in t.nm] + list(zip(_WC_BEFORE, t.wc))
    p1 += [("+1nm=", x) for x in t.nm] + list(zip(_WC_AFTER, t.wc))
    if t.wc:
        m2.append(("-2wc0=", t.wc[0]))
        p2.append(("+2wc0=", t.wc[0]))
    return m1, m2, p1, p2


def _positional(t: "_Type") -> tuple[list[str], ...]:
    """The attributes word type ``t`` gives a token of a sentence, by where it stands: the token itself
    (``b`` and its own), the token after it, two after it, before it and two before it. With the word
    pairs, gazetteer matches and sentence ends, they are :meth:`FeatureExtractor.sent_features`' attributes."""
    return (["b"] + t.own, *([p + v for p, v in g] for g in _neighbour_attrs(t)))


class _Entry:
    """What the scores need of one word type: its row of :attr:`TypeScores._table` (-1 until summed, -2
    when forgotten before that), its folded form, the gazetteer names it may start (see
    ``FeatureExtractor._gaz_start``), the word pairs of the model it starts (``{next word: rows}`` or
    None) and, until summed, its features."""

    __slots__ = ("slot", "w", "gaz", "left", "t")

    def __init__(self, t: "_Type", gaz: tuple, left: dict | None) -> None:
        self.slot, self.w, self.gaz, self.left, self.t = -1, t.w, gaz, left, t


class TypeScores:
    """State scores of sentences under ``crf`` with ``fx``'s attributes, summed per word type.

    At most ``cache_size`` word types are kept, in two generations of half that size: a type is looked
    up in the young one, then in the old one (and moved to the young); when the young one is full, the
    old one is forgotten and the young one becomes old. A look-up is one dict access (no reordering),
    and the words in use stay. The rows of forgotten types are reused from the next document on."""

    def __init__(self, fx: "FeatureExtractor", crf: "LinearChainCRF", cache_size: int = 100_000) -> None:
        self.fx, self.crf = fx, crf
        self._half = max(1, cache_size // 2)
        self._young: dict[str, _Entry] = {}
        self._old: dict[str, _Entry] = {}
        self._table = np.zeros((256, 5, len(crf.labels)))
        self._rows = 0
        self._free: list[int] = []   # rows to reuse
        self._freed: list[int] = []  # rows of types forgotten during the current document
        self._by_left = crf.pairs_by_left()
        self._fam: defaultdict[str, dict[str, int]] = defaultdict(dict, crf.families())  # no prefix: none
        self._ends = (crf.index.get("BOS"), crf.index.get("EOS"))
        self._pad = self._entry(fx._pad)  # before a sentence's first word and after its last
        self._assign([self._pad])

    # -- word types ------------------------------------------------------------------------------
    def _entry(self, t: "_Type") -> _Entry:
        gaz = self.fx._gaz_start(t) if self.fx.res.gazetteer else ()
        return _Entry(t, gaz, self._by_left.get(t.w))

    def _get(self, tok: str) -> _Entry:
        """The entry of token ``tok`` (cached; see the class doc)."""
        e = self._young.get(tok)
        if e is not None:
            return e
        e = self._old.pop(tok, None)
        if e is None:
            e = self._entry(self.fx.build_type(tok))
        self._young[tok] = e
        if len(self._young) >= self._half:
            for x in self._old.values():
                if x.slot >= 0:
                    self._freed.append(x.slot)
                else:  # forgotten before its row was made (a document of many new words)
                    x.slot = -2
            self._old, self._young = self._young, {}
        return e

    def _assign(self, new: list[_Entry]) -> None:
        """Give each entry of ``new`` without a row one (repeats are skipped) with its summed attribute
        weights by position: its own (with the bias ``b``), and what it gives the word after it, two
        after it, before it and two before it (all of them in one :meth:`LinearChainCRF.sums`)."""
        uniq: list[_Entry] = []
        for e in new:
            if e.slot >= 0:  # twice in the document
                continue
            forgotten = e.slot == -2
            e.slot = self._row()
            if forgotten:  # no longer cached: the row is for this document only
                self._freed.append(e.slot)
            uniq.append(e)
        # the rows of _positional's attributes in the model, in its order; those of the neighbours
        # looked up by value (no string made)
        get, fam = self.crf.index.get, self._fam
        groups: list[list[int]] = []
        for e in uniq:
            groups.append([r for a in ("b", *e.t.own) if (r := get(a)) is not None])
            groups += [[r for p, v in g if (r := fam[p].get(v)) is not None] for g in _neighbour_attrs(e.t)]
            e.t = None  # the features are in the row now
        self._table[[e.slot for e in uniq]] = self.crf.sums(groups).reshape(len(uniq), 5, -1)

    def _row(self) -> int:
        """A free row of the table, else a new one at its end (the table doubled when full)."""
        if self._free:
            return self._free.pop()
        if self._rows == len(self._table):
            self._table = np.concatenate([self._table, np.zeros_like(self._table)])
        self._rows += 1
        return self._rows - 1

    # -- documents -------------------------------------------------------------------------------
    def document(self, sents: list[list[str]]) -> list[np.ndarray]:
        """``(len(tokens), labels)`` state scores of each sentence of ``sents`` (lists of tokens)."""
        if self._freed:  # rows of types forgotten while the last document was scored
            self._free += self._freed
            self._freed = []
        pad, young, get = self._pad, self._young, self._get
        # the tokens of all sentences in one row, two pads before each sentence and after the last:
        # a token's neighbours within two words are then those of its sentence or pads
        flat = [pad, pad]
        starts = []
        for toks in sents:
            starts.append(len(flat))
            flat += [young.get(tok) or get(tok) for tok in toks]
            flat += (pad, pad)
        new = [e for e in flat if e.slot < 0]
        if new:
            self._assign(new)
        v = self._table[[e.slot for e in flat]]
        n = len(flat)
        em = v[2:n - 2, 0] + v[1:n - 3, 1] + v[:n - 4, 2] + v[3:n - 1, 3] + v[4:, 4]  # em[k]: token at flat[k + 2]
        rows: list[int] = []
        at: list[int] = []
        self._pairs(flat, rows, at)
        for s, toks in zip(starts, sents):
            if toks:
                self._sentence_attrs(flat[s:s + len(toks)], s - 2, rows, at)
        np.add.at(em, at, self.crf.weights[rows])
        return [em[s - 2:s - 2 + len(toks)] for s, toks in zip(starts, sents)]

    def _pairs(self, flat: list[_Entry], rows: list[int], at: list[int]) -> None:
        """The word-pair attributes (``CRF.PAIR_PREFIXES``) of the model in ``flat``: rows and the
        score index of the token each goes to (pairs in order; pads get none)."""
        pad = self._pad
        last = len(flat) - 1
        for j in range(last):
            d = flat[j].left
            if d is None:
                continue
            p = d.get(flat[j + 1].w)
            if p is None:
                continue
            # the pair at j, j + 1 as "-1w|w" of j + 1, "w|+1w" of j, "-2w|-1w" of j + 2, "+1w|+2w" of j - 1
            for r, q in zip(p, (j + 1, j, j + 2, j - 1)):
                if r is not None and 0 <= q <= last and flat[q] is not pad:
                    rows.append(r)
                    at.append(q - 2)

    def _sentence_attrs(self, types: list[_Entry], k0: int, rows: list[int], at: list[int]) -> None:
        """The gazetteer-match and sentence-end attributes of the model in one sentence (its entries
        ``types``, the first one's score index ``k0``)."""
        n = len(types)
        index = self.crf.index
        if any(t.gaz for t in types):
            for i, gs in enumerate(self.fx._gaz(types)):  # type: ignore[arg-type]
                if not gs:
                    continue
                for g, j in [(g, i) for g in gs] + [("+1" + g, i - 1) for g in gs if i > 0] \
                        + [("-1" + g, i + 1) for g in gs if i + 1 < n]:
                    r = index.get(g)
                    if r is not None:
                        rows.append(r)
                        at.append(k0 + j)
        for r, j in zip(self._ends, (0, n - 1)):
            if r is not None:
                rows.append(r)
                at.append(k0 + j)
