"""Neural NER tagger: character CNN + word embeddings + lexical feature bag -> BiLSTM -> CRF.

Everything here is written for this project (no pretrained third-party weights). The committed model
``marsad/models/ner-nn.pt`` is trained by ``scripts/train_ner_nn.py`` (see ``ner-nn.json`` for the
data, parameters and scores):

* words are folded with :func:`marsad.textnorm.fold`; digits map to ``0``; the word embeddings were
  pretrained by the training script as an SVD of a positive-PMI word/context matrix of the
  unlabelled Jawhara corpus (+ ANERcorp/AQMAR training text) and then fine-tuned;
* a character CNN over the folded word captures clitics and affixes;
* a bag of the CRF's lexical signals (:mod:`marsad.ner.features`: gazetteer matches, trigger words,
  distributional signature, frequency bucket, shape, clitics) is embedded and summed;
* a one-layer BiLSTM and a linear-chain CRF (Viterbi decoding) produce BIO tags.

This module imports torch; :class:`marsad.ner.model.NerTagger` falls back to the CRF if it cannot.
"""
from __future__ import annotations

import re

import torch
from torch import nn

from marsad.ner.features import FeatureExtractor, _Type

TAGS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
PAD, UNK = 0, 1
MAX_WORD = 20
_DIGITS = re.compile(r"[0-9]")

# Prefixes of the CRF feature strings (marsad.ner.features) given to the network as a feature bag.
OWN_PREFIXES = ("k=", "sh=", "len=", "pro=", "enc=", "fq=", "dl=", "dr=", "trig=", "gw=", "nisba",
                "plural", "num", "year", "hyph")


def word_key(t: _Type) -> str:
    """The embedding key of a word type: its folded form with every digit run as ``0``."""
    return _DIGITS.sub("0", t.w)


class CRF(nn.Module):
    """Linear-chain CRF over ``n`` tags with start/end transitions (batch-first, masked)."""

    def __init__(self, n: int):
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(n, n))   # trans[i, j]: score of i -> j
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Summed negative log-likelihood; em (B, T, n), tags (B, T), mask (B, T) bool."""
        B, T, n = em.shape
        maskf = mask.float()
        # gold path score
        s = self.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
        for t in range(1, T):
            step = self.trans[tags[:, t - 1], tags[:, t]] + em[:, t].gather(1, tags[:, t:t + 1]).squeeze(1)
            s = s + step * maskf[:, t]
        last = tags.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
        s = s + self.end[last]
        # partition function
        alpha = self.start + em[:, 0]
        for t in range(1, T):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0), dim=1) + em[:, t]
            alpha = torch.where(mask[:, t:t + 1], nxt, alpha)
        z = torch.logsumexp(alpha + self.end, dim=1)
        return (z - s).sum()

    @torch.no_grad()
    def viterbi(self, em: torch.Tensor, mask: torch.Tensor) -> list[list[int]]:
        """Best tag index path per sentence for emissions ``em`` (B, T, n) under ``mask`` (B, T) bool; paths as long as each sentence."""
        B, T, n = em.shape
        score = self.start + em[:, 0]
        back = []
        for t in range(1, T):
            cand = score.unsqueeze(2) + self.trans.unsqueeze(0)   # (B, from, to)
            best, idx = cand.max(dim=1)
            nxt = best + em[:, t]
            m = mask[:, t:t + 1]
            score = torch.where(m, nxt, score)
            back.append(torch.where(m, idx, torch.arange(n).expand(B, n)))
        score = score + self.end
        best_last = score.argmax(dim=1)
        lengths = mask.sum(1).tolist()
        paths = [[0] * L for L in lengths]
        bl = torch.stack(back).tolist() if back else []
        cur = best_last.tolist()
        for b in range(B):
            y = cur[b]
            L = lengths[b]
            path = paths[b]
            path[L - 1] = y
            for t in range(L - 1, 0, -1):
                y = bl[t - 1][b][y]
                path[t - 1] = y
        return paths


class Net(nn.Module):
    """The neural tagger: word embeddings, a character CNN and the CRF feature bag, concatenated into
    a BiLSTM whose per-token scores feed :class:`CRF`."""

    def __init__(self, n_words: int, n_chars: int, n_feats: int, word_dim: int = 100,
                 char_dim: int = 32, char_filters: int = 64, feat_dim: int = 48, hidden: int = 128,
                 dropout: float = 0.5, n_tags: int = len(TAGS)):
        super().__init__()
        self.word = nn.Embedding(n_words, word_dim, padding_idx=PAD)
        self.char = nn.Embedding(n_chars, char_dim, padding_idx=PAD)
        self.conv = nn.Conv1d(char_dim, char_filters, kernel_size=3, padding=1)
        self.feat = nn.EmbeddingBag(n_feats, feat_dim, mode="sum", padding_idx=PAD)
        self.drop = nn.Dropout(dropout)
        self.lstm = nn.LSTM(word_dim + char_filters + feat_dim, hidden, batch_first=True,
                            bidirectional=True)
        self.out = nn.Linear(2 * hidden, n_tags)
        self.crf = CRF(n_tags)

    def emissions(self, words, chars, feats, feat_offsets, mask):
        """Per-token tag scores (B, T, n_tags) of a padded batch (index tensors of :meth:`Encoder.batch`, ``mask`` (B, T) bool)."""
        B, T = words.shape
        w = self.word(words)
        c = self.char(chars).transpose(1, 2)                          # (N, C, L), real tokens
        c = torch.relu(self.conv(c)).max(dim=2).values
        cf = c.new_zeros(B, T, c.shape[1])
        cf[mask] = c
        c = cf
        f = self.feat(feats, feat_offsets).view(B, T, -1)
        x = self.drop(torch.cat([w, c, f], dim=2))
        lengths = mask.sum(1).cpu()
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=T)
        return self.out(self.drop(h))


class Encoder:
    """Maps token lists to the network's index tensors (per-type results cached)."""

    def __init__(self, fx: FeatureExtractor, words: list[str] | dict[str, int],
                 chars: list[str] | dict[str, int], feats: list[str] | dict[str, int],
                 grow: bool = False):
        """``grow`` (training only): unseen feature strings and characters get new ids."""
        self.fx = fx
        self.words = words if isinstance(words, dict) else {w: i for i, w in enumerate(words)}
        self.chars = chars if isinstance(chars, dict) else {c: i for i, c in enumerate(chars)}
        self.feats = feats if isinstance(feats, dict) else {f: i for i, f in enumerate(feats)}
        self.grow = grow
        self._cache: dict[str, tuple[int, list[int], list[int], _Type]] = {}

    def _fids(self, fs: list[str]) -> list[int]:
        fv = self.feats
        if self.grow:
            for f in fs:
                fv.setdefault(f, len(fv))
        return [fv[f] for f in fs if f in fv]

    def _tok(self, raw: str):
        e = self._cache.get(raw)
        if e is not None:
            return e
        t = self.fx._type(raw)
        wv = self.words
        k = word_key(t)
        wid = wv.get(k)
        if wid is None:
            wid = wv.get(t.base) or wv.get(t.stem) or UNK
        cv = self.chars
        cs = ("<" + t.w + ">")[:MAX_WORD]
        if self.grow:
            for ch in cs:
                cv.setdefault(ch, len(cv))
        cid = [cv.get(ch, UNK) for ch in cs]
        fid = self._fids([f for f in t.own if f.startswith(OWN_PREFIXES)])
        e = (wid, cid, fid, t)
        if len(self._cache) >= 300_000:
            self._cache.clear()
        self._cache[raw] = e
        return e

    def sentence(self, tokens: list[str]) -> tuple[list[int], list[list[int]], list[list[int]]]:
        """One sentence's ``(word ids, per-token char ids, per-token feature ids)`` (unknown items map to the UNK index)."""
        ents = [self._tok(x) for x in tokens]
        types = [e[3] for e in ents]
        gz = self.fx._gaz(types)
        n = len(ents)
        feats = []
        for i, e in enumerate(ents):
            ctx = list(gz[i])
            if i > 0:
                ctx += ["-1" + g for g in gz[i - 1]]
                if types[i - 1].trig:
                    ctx.append("-1trig=" + types[i - 1].trig)
                if i > 1 and types[i - 2].trig:
                    ctx.append("-2trig=" + types[i - 2].trig)
            else:
                ctx.append("BOS")
            if i + 1 < n:
                ctx += ["+1" + g for g in gz[i + 1]]
                if types[i + 1].trig:
                    ctx.append("+1trig=" + types[i + 1].trig)
            else:
                ctx.append("EOS")
            feats.append(e[2] + self._fids(ctx))
        return [e[0] for e in ents], [e[1] for e in ents], feats

    @staticmethod
    def batch(encoded: list[tuple[list[int], list[list[int]], list[list[int]]]]):
        """Tensors of a batch: words (B, T), chars of the real tokens only (N, L), the flat
        feature-bag ids with their per-position offsets (B*T bags), mask (B, T)."""
        T = max(len(x[0]) for x in encoded)
        L = max(len(c) for x in encoded for c in x[1])
        words: list[list[int]] = []
        maskl: list[list[bool]] = []
        chars: list[list[int]] = []
        flat: list[int] = []
        offsets: list[int] = []
        for w, c, f in encoded:
            n = len(w)
            words.append(w + [PAD] * (T - n))
            maskl.append([True] * n + [False] * (T - n))
            for t in range(n):
                ct = c[t]
                chars.append(ct + [PAD] * (L - len(ct)))
                offsets.append(len(flat))
                flat.extend(f[t])
            offsets.extend([len(flat)] * (T - n))
        return (torch.tensor(words), torch.tensor(chars), torch.tensor(flat, dtype=torch.long),
                torch.tensor(offsets, dtype=torch.long), torch.tensor(maskl))


class NNBackend:
    """Loaded network + encoder; ``tag_batch`` tags many sentences at once."""

    BATCH = 64

    def __init__(self, path, fx: FeatureExtractor, threads: int | None = 1):
        blob = torch.load(str(path), map_location="cpu", weights_only=True)
        cfg = blob["config"]
        self.net = Net(len(blob["words"]), len(blob["chars"]), len(blob["feats"]), **cfg)
        self.net.load_state_dict({k: v.float() for k, v in blob["state_dict"].items()})
        self.net.eval()
        self.enc = Encoder(fx, blob["words"], blob["chars"], blob["feats"])
        self.tags = blob["tags"]
        if threads:
            torch.set_num_threads(threads)

    @torch.no_grad()
    def tag_batch(self, sents: list[list[str]]) -> list[list[str]]:
        """BIO tags for each token list of ``sents`` (an empty sentence gets ``[]``), decoded in length-sorted batches."""
        out: list[list[str] | None] = [None] * len(sents)
        order = sorted((i for i, s in enumerate(sents) if s), key=lambda i: len(sents[i]))
        for i, s in enumerate(sents):
            if not s:
                out[i] = []
        for k in range(0, len(order), self.BATCH):
            idx = order[k:k + self.BATCH]
            words, chars, feats, offs, mask = Encoder.batch([self.enc.sentence(sents[i]) for i in idx])
            em = self.net.emissions(words, chars, feats, offs, mask)
            for i, path in zip(idx, self.net.crf.viterbi(em, mask)):
                out[i] = [self.tags[j] for j in path]
        return out  # type: ignore[return-value]
