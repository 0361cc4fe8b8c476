#!/usr/bin/env python
"""Train the Marsad neural Arabic NER tagger (marsad/models/ner-nn.pt) and write ner-nn.json.

Model: :mod:`marsad.ner.nn` (char CNN + word embeddings + CRF-feature bag -> BiLSTM -> CRF).

Steps (all deterministic: fixed seeds, one thread per op set by ``--threads``):
  1. ``emb``: word embeddings = truncated SVD of a positive-PMI matrix (word x directional context
     word, window 2, context-distribution smoothing 0.75) over the unlabelled Jawhara corpus plus
     the *text* of ANERcorp train, AQMAR train/dev and Wojood train/val (never a test split).
     Cached in ``--work``.
  2. ``select``: train on ANERcorp train minus its last 10% (contiguous, whole documents), score
     that held-out block after every epoch; the best epoch count is recorded.
  3. ``final``: train on all of ANERcorp train for that many epochs, score once on ANERcorp test,
     save the model and metrics.
The training-entity gazetteer features (``gazetteer-train.tsv``) are jackknifed over 5 contiguous
folds as for the CRF (scripts/train_ner.py), so the network learns how far to trust them.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from marsad.ner.evaluate import read_bio, score  # noqa: E402
from marsad.ner.features import DATA_DIR, FeatureExtractor, Resources  # noqa: E402
from marsad.ner.model import MODEL_DIR, fix_bio  # noqa: E402
from marsad.ner.nn import PAD, TAGS, UNK, Encoder, Net  # noqa: E402
from marsad.ner.tokenize import tokenize  # noqa: E402
from marsad.textnorm import fold  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from train_ner import corpus_texts, train_gaz_entries, with_entries  # noqa: E402

SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "ner"
CORPUS = SHARED / "corpus" / "jawhara-ant-v1.jsonl.gz"


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def wkey(w: str) -> str:
    import re
    return re.sub(r"[0-9]", "0", fold(w))


# -- embeddings ---------------------------------------------------------------------------------
def emb_corpus() -> list[list[str]]:
    sents = []
    for t in corpus_texts(CORPUS):
        for para in t.split("\n"):
            toks = [wkey(para[s:e]) for s, e in tokenize(para)]
            if toks:
                sents.append(toks)
    extra = read_bio(DATA / "anercorp" / "train.txt")
    for part in ("train", "dev"):
        extra += read_bio(DATA / "aqmar-topcoder" / f"{part}.txt")
    for part in ("train", "val"):
        extra += read_bio(DATA / "wojood-sample" / f"{part}.txt", column=1)
    sents += [[wkey(t) for t in toks] for toks, _ in extra]
    return sents


def build_embeddings(work: Path, dim: int, max_vocab: int, min_count: int) -> tuple[list[str], np.ndarray]:
    out = work / f"emb-{dim}-{max_vocab}-{min_count}.npz"
    if out.exists():
        z = np.load(out, allow_pickle=False)
        return [str(w) for w in z["words"]], z["vecs"]
    t0 = time.time()
    sents = emb_corpus()
    cnt = Counter(w for s in sents for w in s)
    words = [w for w, c in cnt.most_common(max_vocab) if c >= min_count]
    idx = {w: i for i, w in enumerate(words)}
    V = len(words)
    log(f"emb: {len(sents)} sentences, {sum(cnt.values())} tokens, vocab {V}")
    rows, cols, vals = [], [], []
    for s in sents:
        ids = [idx.get(w, -1) for w in s]
        n = len(ids)
        for i, a in enumerate(ids):
            if a < 0:
                continue
            for d, wt in ((1, 1.0), (2, 0.5)):
                if i - d >= 0 and ids[i - d] >= 0:       # left context
                    rows.append(a); cols.append(ids[i - d]); vals.append(wt)
                if i + d < n and ids[i + d] >= 0:        # right context
                    rows.append(a); cols.append(V + ids[i + d]); vals.append(wt)
    rows = np.array(rows, dtype=np.int64)
    cols = np.array(cols, dtype=np.int64)
    vals = np.array(vals, dtype=np.float64)
    key = rows * (2 * V) + cols
    uk, inv = np.unique(key, return_inverse=True)
    c = np.bincount(inv, weights=vals)
    r, cc = uk // (2 * V), uk % (2 * V)
    total = c.sum()
    pw = np.bincount(r, weights=c, minlength=V)
    pc = np.bincount(cc, weights=c, minlength=2 * V) ** 0.75
    pc = pc / pc.sum()
    pmi = np.log(c / total) - np.log(pw[r] / total) - np.log(pc[cc])
    keep = pmi > 0
    log(f"emb: {keep.sum()} positive PMI cells of {len(c)}")
    A = torch.sparse_coo_tensor(np.stack([r[keep], cc[keep]]), pmi[keep].astype(np.float32), (V, 2 * V)).coalesce()
    torch.manual_seed(0)
    U, S, _ = torch.svd_lowrank(A, q=dim + 20, niter=4)
    vecs = (U[:, :dim] * S[:dim].sqrt()).numpy()
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-8
    np.savez(out, words=np.array(words), vecs=vecs.astype(np.float32))
    log(f"emb: built in {time.time() - t0:.0f}s")
    return words, vecs.astype(np.float32)


# -- data -----------------------------------------------------------------------------------------
class Vocab:
    def __init__(self, emb_words: list[str]):
        self.words = {"<pad>": PAD, "<unk>": UNK}
        for w in emb_words:
            self.words.setdefault(w, len(self.words))
        self.n_pre = len(self.words)
        self.chars = {"<pad>": PAD, "<unk>": UNK}
        self.feats = {"<pad>": PAD, "<unk>": UNK}


def encode(sents: list, voc: Vocab, train: bool, gaz_entries: set | None, folds: int = 5) -> list:
    """Encoded sentences. ``train``: jackknifed training gazetteer, vocabularies grow (training
    words are added to the word vocabulary). Otherwise ``gaz_entries`` is the gazetteer used."""
    out = []
    if train:
        for toks, _ in sents:
            for t in toks:
                voc.words.setdefault(wkey(t), len(voc.words))
        n = len(sents)
        bounds = [n * k // folds for k in range(folds + 1)]
        for k in range(folds):
            others = sents[:bounds[k]] + sents[bounds[k + 1]:]
            fx = FeatureExtractor(with_entries(DATA_DIR, train_gaz_entries(others)))
            enc = Encoder(fx, voc.words, voc.chars, voc.feats, grow=True)
            out += [enc.sentence(toks) for toks, _ in sents[bounds[k]:bounds[k + 1]]]
    else:
        fx = FeatureExtractor(with_entries(DATA_DIR, gaz_entries or set()))
        enc = Encoder(fx, voc.words, voc.chars, voc.feats, grow=False)
        out = [enc.sentence(toks) for toks, _ in sents]
    return out


def extra_corpora() -> list:
    """AQMAR train/dev and Wojood train/val (outer level), tags mapped to PERS/LOC/ORG/MISC."""
    ex = []
    for part in ("train", "dev"):
        ex += read_bio(DATA / "aqmar-topcoder" / f"{part}.txt")
    for part in ("train", "val"):
        ex += read_bio(DATA / "wojood-sample" / f"{part}.txt", column=1)
    return [(t, g) for t, g in ex if 0 < len(t) <= 150]


def encode_extra(sents: list, voc: Vocab, anercorp_train: list) -> list:
    """Extra corpora are encoded without the gazetteer rows derived from themselves (x*), which
    would otherwise mark every one of their entities, plus the ANERcorp training entities."""
    r = Resources()
    for line in (DATA_DIR / "gazetteer.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            typ, _, name = line.partition("\t")
            if not typ.startswith("x"):
                r.add_gaz(typ, name)
    base = Resources.load(DATA_DIR)
    r.clusters, r.freq = base.clusters, base.freq
    for typ, name in sorted(train_gaz_entries(anercorp_train)):
        r.add_gaz(typ, name)
    for toks, _ in sents:
        for t in toks:
            voc.words.setdefault(wkey(t), len(voc.words))
    enc = Encoder(FeatureExtractor(r), voc.words, voc.chars, voc.feats, grow=True)
    return [enc.sentence(toks) for toks, _ in sents]


def tag_ids(tags: list[str]) -> list[int]:
    return [TAGS.index(t) for t in tags]


# -- training ---------------------------------------------------------------------------------------
def make_net(voc: Vocab, vecs: np.ndarray, cfg: dict) -> Net:
    net = Net(len(voc.words), len(voc.chars), len(voc.feats), **cfg)
    with torch.no_grad():
        w = net.word.weight
        w.normal_(0, 0.1)
        w[PAD].zero_()
        w[2:2 + len(vecs)] = torch.from_numpy(vecs)
    return net


def predict(net: Net, enc: list, batch: int = 128) -> list[list[str]]:
    net.eval()
    out = [None] * len(enc)
    order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))
    with torch.no_grad():
        for k in range(0, len(order), batch):
            idx = order[k:k + batch]
            words, chars, feats, offs, mask = Encoder.batch([enc[i] for i in idx])
            em = net.emissions(words, chars, feats, offs, mask)
            for i, p in zip(idx, net.crf.viterbi(em, mask)):
                out[i] = fix_bio([TAGS[j] for j in p])
    return out


def train(voc: Vocab, vecs: np.ndarray, cfg: dict, hp: dict, tr_enc: list, tr_tags: list,
          dev_enc: list | None = None, dev_gold: list | None = None, epochs: int = 20):
    torch.manual_seed(hp["seed"])
    rnd = random.Random(hp["seed"])
    net = make_net(voc, vecs, cfg)
    if hp.get("freeze_pretrained"):
        # pretrained rows stay fixed (unseen test words keep their distributional neighbours);
        # only the words added from the training data are learnt
        rowmask = torch.ones(len(voc.words), 1)
        rowmask[2:voc.n_pre] = 0.0
        net.word.weight.register_hook(lambda g: g * rowmask)
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"])
    history = []
    best = (-1.0, 0, None)
    order = list(range(len(tr_enc)))
    for ep in range(1, epochs + 1):
        t0 = time.time()
        net.train()
        # length-bucketed shuffled batches
        rnd.shuffle(order)
        chunks = [order[i:i + hp["batch"] * 20] for i in range(0, len(order), hp["batch"] * 20)]
        batches = []
        for ch in chunks:
            ch = sorted(ch, key=lambda i: len(tr_enc[i][0]))
            batches += [ch[i:i + hp["batch"]] for i in range(0, len(ch), hp["batch"])]
        rnd.shuffle(batches)
        tot = 0.0
        lr = hp["lr"] / (1 + hp["decay"] * (ep - 1))
        for g in opt.param_groups:
            g["lr"] = lr
        for b in batches:
            words, chars, feats, offs, mask = Encoder.batch([tr_enc[i] for i in b])
            if hp["word_dropout"]:
                drop = (torch.rand(words.shape) < hp["word_dropout"]) & mask
                words = words.masked_fill(drop, UNK)
            T = words.shape[1]
            tags = torch.zeros(len(b), T, dtype=torch.long)
            for j, i in enumerate(b):
                tags[j, :len(tr_tags[i])] = torch.tensor(tr_tags[i])
            em = net.emissions(words, chars, feats, offs, mask)
            loss = net.crf.nll(em, tags, mask) / len(b)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            tot += loss.item() * len(b)
        rec = {"epoch": ep, "loss": round(tot / len(tr_enc), 3), "seconds": round(time.time() - t0, 1)}
        if dev_enc is not None:
            sc = score(dev_gold, predict(net, dev_enc))
            rec["heldout_f1"] = sc["micro"]["f1"]
            rec.update({t: sc[t]["f1"] for t in ("PERS", "LOC", "ORG", "MISC")})
            if sc["micro"]["f1"] > best[0]:
                best = (sc["micro"]["f1"], ep, {k: v.clone() for k, v in net.state_dict().items()})
        history.append(rec)
        log(json.dumps(rec))
    return net, history, best


def save_model(out: Path, voc: Vocab, cfg: dict, state: dict) -> list[str]:
    """The artefact: config, float16 weights and the word/char/feature vocabularies."""
    def inv(d):
        lst = [None] * len(d)
        for k, i in d.items():
            lst[i] = str(k)
        return lst
    words = inv(voc.words)
    sd = {k: (v.half() if v.dtype == torch.float32 else v) for k, v in state.items()}
    torch.save({"config": cfg, "state_dict": sd, "words": words, "chars": inv(voc.chars),
                "feats": inv(voc.feats), "tags": TAGS}, str(out))
    return words


CFG = {"word_dim": 100, "char_dim": 32, "char_filters": 64, "feat_dim": 48, "hidden": 128, "dropout": 0.5}
HP = {"seed": 1, "lr": 2e-3, "decay": 0.05, "batch": 16, "word_dropout": 0.05}


# Held-out micro F1 of NN/CRF span combinations, both models trained on the first 90% of ANERcorp
# train (CRF: scripts/train_ner.py features and parameters; NN: the chosen configuration). The best
# gain (+0.002, CRF ORG spans) does not pay for running both models, so the network runs alone.
ENSEMBLE_LOG: dict = {
    "crf alone": 0.6962, "nn alone": 0.7146,
    "nn + non-overlapping CRF spans (all types)": 0.7118,
    "crf + non-overlapping NN spans (all types)": 0.7038,
    "nn + CRF PERS": 0.7142, "nn + CRF LOC": 0.7110, "nn + CRF ORG": 0.7169, "nn + CRF MISC": 0.7134,
}


def report(work: Path) -> int:
    from marsad.ner.evaluate import evaluate_file
    from marsad.ner.model import NerTagger
    from train_ner import CITATIONS, speed

    meta = json.loads((work / "final.json").read_text(encoding="utf-8"))
    runs = [json.loads(x) for x in (work / "select.jsonl").read_text(encoding="utf-8").splitlines() if x]
    t0 = time.time()
    tagger = NerTagger(MODEL_DIR / "ner-nn.pt")
    load_s = time.time() - t0
    assert tagger.backend == "nn"
    test = evaluate_file(DATA / "anercorp" / "test.txt", tagger)
    sp = speed(tagger, CORPUS)
    out = {
        "model": "ner-nn.pt",
        "type": "BiLSTM-CRF (PyTorch %s): char CNN + word embeddings (own PPMI-SVD on Jawhara) + "
                "CRF lexical-feature bag; see marsad/ner/nn.py" % torch.__version__,
        "tagset": ["PERS", "LOC", "ORG", "MISC"],
        "training_data": {"anercorp": "anercorp/train.txt (all 4280 sentences)"}
        | ({"aqmar": "aqmar-topcoder/{train,dev}.txt", "wojood": "wojood-sample/{train,val}.txt (outer level)"}
           if meta["hp"].get("extra") else {}),
        "embeddings": "SVD (100 dims) of a positive-PMI word x directional-context matrix (window 2, "
                      "weights 1/0.5, context smoothing 0.75) over Jawhara titles+maintexts and the "
                      "text of ANERcorp train, AQMAR train/dev, Wojood train/val; 36.6k words with "
                      "count >= 3; built by scripts/train_ner_nn.py, stored inside ner-nn.pt",
        "resources": {"gazetteer": "marsad/data/ner/gazetteer.tsv + gazetteer-train.tsv (jackknifed "
                                   "in training, as for the CRF)",
                      "clusters": "marsad/data/ner/clusters.tsv", "provenance": "marsad/data/ner/PROVENANCE.md"},
        "citations": CITATIONS,
        "config": meta["cfg"], "training": meta["hp"] | {"epochs": meta["epochs"], "optimizer": "Adam",
                                                        "lr_schedule": "lr / (1 + decay * epoch)",
                                                        "grad_clip": 5.0, "threads": meta["threads"]},
        "vocab": meta["vocab"],
        "selection": "configurations compared on the last 10% of ANERcorp train (held out; models "
                     "trained on the first 90%); best epoch by held-out micro F1; final model trained "
                     "on all of train for that many epochs; test scored once",
        "selection_log": [{"tag": r["tag"], "hp": r["hp"], "cfg": r["cfg"],
                           "best_heldout_f1": r["best_heldout_f1"], "best_epoch": r["best_epoch"],
                           "heldout_per_type_at_best": next((h for h in r["history"] if h["epoch"] == r["best_epoch"]), None),
                           "epochs_run": len(r["history"])} for r in runs],
        "training_seconds": meta["train_seconds"],
        "training_history": meta["history"],
        "artefact_bytes": meta["artefact_bytes"],
        "load_seconds": round(load_s, 3),
        "test": test,
        "speed": sp | {"threads": 1},
        "ensemble_crf_types": list(tagger.ensemble_types),
        "ensemble": ("CRF spans (ner-crf.crfsuite) of these types are added where the network "
                     "found no entity; chosen on the held-out block with both models trained on the "
                     "first 90%" if tagger.ensemble_types else "none (network only)"),
        "ensemble_selection_heldout": ENSEMBLE_LOG,
        "fallback": "without torch, NerTagger.load() warns and uses ner-crf.crfsuite (ner-crf.json)",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "note": "a second CPU-heavy process shared the 2 cores during training/measurement"},
    }
    (MODEL_DIR / "ner-nn.json").write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"test": test["micro"], "speed": sp}, indent=1))
    return 0


def training_data(sents, voc, hp):
    """Encoded sentences and tag ids to train on, with AQMAR/Wojood added when hp["extra"] is set."""
    enc = encode(sents, voc, True, None)
    tags = [tag_ids(t) for _, t in sents]
    if hp.get("extra"):
        ex = extra_corpora()
        enc += encode_extra(ex, voc, sents)
        tags += [tag_ids(t) for _, t in ex]
    return enc, tags


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/ner_nn"))
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--final", action="store_true", help="train on all train, score test, save")
    ap.add_argument("--cfg", default="{}", help="JSON overrides of the network config")
    ap.add_argument("--hp", default="{}", help="JSON overrides of the training hyper-parameters")
    ap.add_argument("--tag", default="", help="name of this run in the log")
    ap.add_argument("--report", action="store_true",
                    help="score the committed ner-nn.pt on ANERcorp test, measure speed, write ner-nn.json")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    args.work.mkdir(parents=True, exist_ok=True)
    cfg = {**CFG, **json.loads(args.cfg)}
    hp = {**HP, **json.loads(args.hp)}
    if args.report:
        return report(args.work)
    t_start = time.time()
    emb_words, vecs = build_embeddings(args.work, cfg["word_dim"], 60000, 3)
    train_s = read_bio(DATA / "anercorp" / "train.txt")
    test_s = read_bio(DATA / "anercorp" / "test.txt")
    voc = Vocab(emb_words)
    if not args.final:
        k = int(len(train_s) * 0.9)
        tr, dev = train_s[:k], train_s[k:]
        tr_enc, tr_tags = training_data(tr, voc, hp)
        dev_enc = encode(dev, voc, False, train_gaz_entries(tr))
        log(f"select: {len(tr)} train / {len(dev)} held-out; vocab {len(voc.words)} words, "
            f"{len(voc.chars)} chars, {len(voc.feats)} feats")
        _, hist, best = train(voc, vecs, cfg, hp, tr_enc, tr_tags, dev_enc,
                              [t for _, t in dev], args.epochs)
        res = {"tag": args.tag, "cfg": cfg, "hp": hp, "best_heldout_f1": best[0], "best_epoch": best[1],
               "history": hist, "seconds": round(time.time() - t_start, 1)}
        save_model(args.work / f"sel-{args.tag or 'run'}.pt", voc, cfg, best[2])
        with open(args.work / "select.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(res) + "\n")
        log(f"best held-out F1 {best[0]} at epoch {best[1]}")
        return 0
    # final
    tr_enc, tr_tags = training_data(train_s, voc, hp)
    t0 = time.time()
    net, hist, _ = train(voc, vecs, cfg, hp, tr_enc, tr_tags, None, None,
                         args.epochs)
    train_seconds = time.time() - t0
    out = MODEL_DIR / "ner-nn.pt"
    words = save_model(out, voc, cfg, net.state_dict())
    # the training-entity gazetteer of the final model: all of ANERcorp train
    lines = ["# TYPE\tfolded name: entities of the training data used (see PROVENANCE.md)"]
    lines += [f"{t}\t{n}" for t, n in sorted(train_gaz_entries(train_s))]
    (DATA_DIR / "gazetteer-train.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    meta = {"artefact": out.name, "artefact_bytes": out.stat().st_size, "train_seconds": round(train_seconds, 1),
            "cfg": cfg, "hp": hp, "epochs": args.epochs, "history": hist,
            "vocab": {"words": len(words), "pretrained_words": voc.n_pre - 2, "chars": len(voc.chars),
                      "feats": len(voc.feats)},
            "torch": torch.__version__, "python": platform.python_version(), "cpus": os.cpu_count(),
            "threads": args.threads}
    (args.work / "final.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    log(f"final: saved {out} ({out.stat().st_size} bytes) in {train_seconds:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
