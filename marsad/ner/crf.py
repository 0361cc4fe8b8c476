"""A crfsuite model's exact weights read from its file, and Viterbi decoding in numpy.

``pycrfsuite.Tagger`` turns every attribute string of every token into a C++ string and looks it up
in the model's string database, once per token. :class:`LinearChainCRF` reads the same model file
(the ``crf1d`` format of CRFsuite: a header, a chunk of features ``(type, source, destination, weight)``
and two CQDB string databases for labels and attributes) into a matrix of state weights (one row per
attribute, one column per label) and a matrix of transition weights, so a caller can sum a word
type's attribute weights once and reuse the sum. :meth:`LinearChainCRF.viterbi` decodes label score
matrices the way CRFsuite's tagger does: no start or end weights, the score of label ``j`` at ``t`` the
best ``previous score + transition`` plus the state score, ties going to the lowest label id.

The weights are the file's doubles (``Tagger.info()`` rounds them to six decimals).
"""
from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

__all__ = ["LinearChainCRF"]

_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # magic, size, type, version, #features, #labels, #attrs, offsets…
_CQDB = struct.Struct("<4sIIIII")           # chunk id, size, flag, byte order, #ids, offset of the id table
_FEATURE = struct.Struct("<IIId")           # type (0 state, 1 transition), source, destination, weight


def _cqdb_strings(data: bytes, off: int) -> list[str]:
    """The strings of the CQDB database at ``off``, by id (its backward table: id -> record)."""
    cid, _, _, _, n, table = _CQDB.unpack_from(data, off)
    if cid != b"CQDB":
        raise ValueError("not a CQDB chunk")
    out = []
    for i, rec in enumerate(struct.unpack_from(f"<{n}I", data, off + table)):
        rid, size = struct.unpack_from("<II", data, off + rec)
        if rid != i:
            raise ValueError("CQDB id table out of order")
        out.append(data[off + rec + 8:off + rec + 7 + size].decode("utf-8"))  # the key ends in a NUL
    return out


class LinearChainCRF:
    """The labels, state weights (``index``: attribute -> row of ``weights``) and ``transitions``
    (``[from, to]``) of a crfsuite model file."""

    def __init__(self, path: str | Path) -> None:
        data = Path(path).read_bytes()
        magic, _, _, _, _, n_labels, n_attrs, off_feat, off_labels, off_attrs, _, _ = _HEADER.unpack_from(data, 0)
        if magic != b"lCRF":
            raise ValueError(f"{path}: not a crfsuite model")
        self.labels: list[str] = _cqdb_strings(data, off_labels)
        attrs = _cqdb_strings(data, off_attrs)
        if len(self.labels) != n_labels or len(attrs) != n_attrs:
            raise ValueError(f"{path}: label or attribute count mismatch")
        cid, _, n_feat = struct.unpack_from("<4sII", data, off_feat)
        if cid != b"FEAT":
            raise ValueError(f"{path}: no feature chunk")
        weights = np.zeros((n_attrs, n_labels))
        self.transitions = np.zeros((n_labels, n_labels))
        for kind, src, dst, w in _FEATURE.iter_unpack(data[off_feat + 12:off_feat + 12 + n_feat * _FEATURE.size]):
            if kind == 0:
                weights[src, dst] = w
            else:
                self.transitions[src, dst] = w
        self.index: dict[str, int] = {a: i for i, a in enumerate(attrs)}
        # a last row of zeros, so that a group of no attributes sums to zero in np.add.reduceat
        self.weights = np.vstack([weights, np.zeros(n_labels)])
        self.nothing = n_attrs
        self._pairs: dict[str, tuple[int | None, ...]] | None = None
        self._by_left: dict[str, dict[str, tuple[int | None, ...]]] | None = None
        self._families: dict[str, dict[str, int]] | None = None

    #: the attributes of a word pair, by the position of the token they are given to
    PAIR_PREFIXES = ("-1w|w=", "w|+1w=", "-2w|-1w=", "+1w|+2w=")

    def pairs(self) -> dict[str, tuple[int | None, ...]]:
        """Word pair ``"a|b"`` -> the rows of its :data:`PAIR_PREFIXES` attributes (None: not in the model)."""
        if self._pairs is None:
            out: dict[str, list[int | None]] = {}
            for a, r in self.index.items():
                for k, pre in enumerate(self.PAIR_PREFIXES):
                    if a.startswith(pre):
                        out.setdefault(a[len(pre):], [None] * 4)[k] = r
            self._pairs = {key: tuple(v) for key, v in out.items()}
        return self._pairs

    def pairs_by_left(self) -> dict[str, dict[str, tuple[int | None, ...]]]:
        """:meth:`pairs` by first word: ``{a: {b: rows}}``, so a word that starts no pair of the model
        costs one look-up and no string. A token holding ``|`` is that one character (see
        :mod:`marsad.ner.tokenize`), so ``"||b"`` is the pair ``|``, ``b``."""
        if self._by_left is None:
            out: dict[str, dict[str, tuple[int | None, ...]]] = {}
            for key, rows in self.pairs().items():
                a, b = ("|", key[2:]) if key.startswith("||") else key.split("|", 1)
                out.setdefault(a, {})[b] = rows
            self._by_left = out
        return self._by_left

    def families(self) -> dict[str, dict[str, int]]:
        """The attributes ``PREFIX=VALUE`` by prefix (up to and with the first ``=``): ``{prefix: {value:
        row}}``, to look an attribute up by its value without making its string."""
        if self._families is None:
            out: dict[str, dict[str, int]] = {}
            for a, r in self.index.items():
                k = a.find("=")
                if k >= 0:
                    out.setdefault(a[:k + 1], {})[a[k + 1:]] = r
            self._families = out
        return self._families

    def scores(self, groups: Iterable[Iterable[str]]) -> np.ndarray:
        """``(len(groups), labels)``: the summed state weights of each group of attributes (attributes
        outside the model count nothing)."""
        get = self.index.get
        return self.sums([[r for a in attrs if (r := get(a)) is not None] for attrs in groups])

    def sums(self, groups: Iterable[list[int]]) -> np.ndarray:
        """``(len(groups), labels)``: the summed state weights of each group of rows of :attr:`weights`,
        added in order (the floats :meth:`scores` gives for the attributes of those rows)."""
        rows: list[int] = []
        starts: list[int] = []
        for g in groups:
            starts.append(len(rows))
            rows.append(self.nothing)
            rows += g
        return np.add.reduceat(self.weights[rows], starts)

    def viterbi(self, scores: Sequence[np.ndarray]) -> list[list[int]]:
        """The best label ids of each ``(n, labels)`` state-score matrix (``n`` >= 1), decoded together.

        Time-major arrays (one view per step, results written into buffers: a few numpy calls per
        position, whatever the number of sentences); the backtrack runs in numpy too: past a sentence's
        end its back-pointers all point at its best last label, so every sentence is followed from the
        longest one's end."""
        if not scores:
            return []
        lens = [len(s) for s in scores]
        b, tmax, n_labels = len(scores), max(lens), len(self.labels)
        em = np.zeros((tmax, b, n_labels))
        for k, s in enumerate(scores):
            em[:len(s), k] = s
        alpha = np.empty((tmax, b, n_labels))
        back = np.zeros((tmax, b, n_labels), dtype=np.intp)
        alpha[0] = em[0]
        # previous labels on the last axis: the reductions run over contiguous memory (the same sums,
        # a + b == b + a); views made once, positional arguments (a few numpy calls a step)
        prev = list(alpha[:, :, None, :])  # [t][sentence, 1, previous label]
        alphas, ems, backs = list(alpha), list(em), list(back)
        trans = np.ascontiguousarray(self.transitions.T)  # [label, previous label]
        cand = np.empty((b, n_labels, n_labels))  # [sentence, label, previous label]
        best = np.empty((b, n_labels))
        add, amax, argmax = np.add, np.maximum.reduce, cand.argmax  # the ufunc itself: np.max wraps it in Python
        for t in range(1, tmax):
            add(prev[t - 1], trans, cand)
            argmax(2, backs[t])  # the first of equal scores, as CRFsuite keeps it
            amax(cand, 2, None, best)
            add(best, ems[t], alphas[t])
        last = np.array(lens) - 1
        sent = np.arange(b)
        y = alpha[last, sent].argmax(axis=1)
        if tmax > 1:
            past = np.arange(tmax)[:, None] > last  # [t, sentence]: after the sentence's end
            back = np.where(past[:, :, None], y[None, :, None], back)
        path = np.empty((tmax, b), dtype=np.intp)
        path[tmax - 1] = y
        for t in range(tmax - 1, 0, -1):
            y = back[t, sent, y]
            path[t - 1] = y
        return [p[:n] for p, n in zip(path.T.tolist(), lens)]
