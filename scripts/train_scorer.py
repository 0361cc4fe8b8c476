"""Train the candidate scorer (``marsad/scorer.py``) on the hand-labelled candidates in ``eval/labels/``.

    python scripts/train_scorer.py [--with-judged] [--C 0.5] [--out marsad/models/event_scorer.json]
                                   [--report eval/labels/SCORER.md]

1. Reads every labelled line of ``eval/labels/batch-*.jsonl`` (``label`` right/wrong).
2. Reads the labelled articles again from the shared corpora (by record id; ``eval/labels/pool.json``
   records how each batch was drawn) and runs the extractor on them, so features come from the current engine; a label
   joins the event with the same key (document, sentence, category, countries). Labelled candidates
   the current engine no longer proposes are counted and left out.
3. Fits a logistic regression (scikit-learn, L2) on the named features plus the USE embedding of the
   evidence sentence, with 5-fold cross-validation grouped by document; fits an isotonic calibration on
   the cross-validated probabilities; prints AUC, a reliability table and precision/recall at
   thresholds, and writes them to the report. With ``--with-judged`` the report gives the same figures
   for the judged samples alone (random ordinary news as ``marsad extract`` prints it).
4. Refits on everything and writes the JSON model.

Needs the ``train`` extra (scikit-learn). Runs in a few minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from candidates import JAWHARA, MULTISOURCE, _records, candidate_key  # noqa: E402

from marsad.extract import Extractor  # noqa: E402
from marsad.scorer import ScorerModel, embed  # noqa: E402

LABELS = ROOT / "eval" / "labels"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


JUDGED = ROOT / "eval" / "judged"


def load_labels(judged: bool = False) -> dict[str, dict]:
    """Labelled candidates by key: ``eval/labels/batch-*.jsonl``, and with ``judged`` the events judged by
    hand in ``eval/judged/sample-200*.jsonl`` too (random ordinary news at the default threshold; a
    sample used for training no longer measures the model — draw a new one)."""
    out = {}
    paths = sorted(LABELS.glob("batch-*.jsonl")) + (sorted(JUDGED.glob("sample-200*.jsonl")) if judged else [])
    for p in paths:
        for line in p.read_text("utf-8").splitlines():
            row = json.loads(line)
            if row.get("label") in ("right", "wrong"):
                out[row["key"]] = row
    return out


def judged_keys() -> set[str]:
    """Keys of the events judged in ``eval/judged/sample-200*.jsonl`` (labelled right or wrong)."""
    return set(load_labels(judged=True)) - set(load_labels(judged=False))


def featurise(labels: dict[str, dict], keys: list[str] | None = None) -> tuple[list[dict], list[str], list[int], list[str], int]:
    """Features, sentences, labels (1 right) and document ids of the labelled candidates the current
    engine proposes, and how many labelled ones it no longer does; their keys are appended to ``keys``."""
    docs = {row["doc"] for row in labels.values()}
    # the labelled articles by id, whichever draw of eval/labels/pool.json picked them
    drawn = [r for path in (MULTISOURCE, JAWHARA) for r in _records(path) if r["id"] in docs]
    ex = Extractor()
    feats, sents, ys, groups, seen = [], [], [], [], set()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "labelled.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in drawn), "utf-8")
        for doc, _ in ex.iter_records([str(src)]):
            rid = drawn[int(doc.doc_key.rsplit("#", 1)[1]) - 1]["id"]
            for ev in doc.events:
                countries = sorted({a.code for a in ev.source + ev.recipient if a.code})
                key = candidate_key(rid, " ".join(ev.event_text), ev.event[0], countries)
                row = labels.get(key)
                if row is None or key in seen:
                    continue
                seen.add(key)
                if keys is not None:
                    keys.append(key)
                feats.append(ev.features)
                sents.append(ev.event_text[0])
                ys.append(int(row["label"] == "right"))
                groups.append(rid)
    return feats, sents, ys, groups, len(labels) - len(seen)


def reliability(p: np.ndarray, y: np.ndarray) -> list[tuple[str, int, float, float]]:
    rows = []
    for lo, hi in ((0, .2), (.2, .4), (.4, .6), (.6, .8), (.8, 1.01)):
        m = (p >= lo) & (p < hi)
        if m.any():
            rows.append((f"{lo:.1f}-{min(hi, 1):.1f}", int(m.sum()), float(p[m].mean()), float(y[m].mean())))
    return rows


def threshold_rows(held: np.ndarray, y: np.ndarray) -> list[str]:
    """Markdown rows ``| t | kept | precision | recall of right |`` for each of :data:`THRESHOLDS`:
    the candidates whose held-out calibrated confidence ``held`` (shape ``(n,)``) is at least t, against
    the labels ``y`` (shape ``(n,)``, 1 right)."""
    rows = ["| t | kept | precision | recall of right |", "|---|---|---|---|"]
    for t in THRESHOLDS:
        k = held >= t
        if k.any():
            rows.append(f"| {t:.1f} | {int(k.sum())} | {y[k].mean():.3f} | {y[k].sum() / max(1, y.sum()):.3f} |")
    return rows


def main() -> int:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "marsad" / "models" / "event_scorer.json"))
    ap.add_argument("--report", default=str(LABELS / "SCORER.md"))
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--with-judged", action="store_true", help="train on the judged samples of eval/judged/ too")
    args = ap.parse_args()

    labels = load_labels(args.with_judged)
    keys: list[str] = []
    feats, sents, ys, groups, gone = featurise(labels, keys)
    y = np.asarray(ys)
    seen_judged = judged_keys() if args.with_judged else set()
    judged = np.asarray([k in seen_judged for k in keys], dtype=bool)
    vec = DictVectorizer(sparse=False)
    xf = vec.fit_transform(feats)
    xe = embed(sents)
    x = np.hstack([xf, xe])
    cv = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=5).split(x, y, groups):
        m = LogisticRegression(C=args.C, max_iter=2000).fit(x[tr], y[tr])
        cv[te] = m.predict_proba(x[te])[:, 1]
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(cv, y)
    cal = iso.predict(cv)
    # calibration judged on held-out folds: fit the isotonic map on four folds of the CV scores, apply to the fifth
    held = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=5).split(x, y, groups):
        held[te] = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(cv[tr], y[tr]).predict(cv[te])
    final = LogisticRegression(C=args.C, max_iter=2000).fit(x, y)
    names = vec.get_feature_names_out()
    coef = final.coef_[0]
    model = ScorerModel({n: round(float(w), 5) for n, w in zip(names, coef[:len(names)]) if abs(w) > 1e-6},
                        [round(float(w), 6) for w in coef[len(names):]], float(final.intercept_[0]),
                        [[round(float(a), 5), round(float(b), 5)] for a, b in zip(iso.X_thresholds_, iso.y_thresholds_)],
                        {"labelled": len(labels), "used": int(len(y)), "not_proposed_now": gone,
                         "right": int(y.sum()), "judged": int(judged.sum()), "cv_auc": round(float(roc_auc_score(y, cv)), 4),
                         "C": args.C})
    Path(args.out).write_text(model.to_json(), "utf-8")

    lines = [f"# Candidate scorer: cross-validated figures ({len(y)} labelled candidates in use)", "",
             f"Labelled {len(labels)}; the current engine still proposes {len(y)} of them ({gone} no longer); "
             f"{int(y.sum())} right ({y.mean():.1%}). 5-fold cross-validation grouped by document.", "",
             f"- AUC (held-out folds): {roc_auc_score(y, cv):.3f}", "",
             "Reliability of the calibrated confidence on held-out folds (isotonic map fitted without the fold):", "",
             "| confidence | n | mean confidence | share right |", "|---|---|---|---|"]
    lines += [f"| {b} | {n} | {mp:.2f} | {mr:.2f} |" for b, n, mp, mr in reliability(held, y)]
    lines += ["", "Keeping events with held-out calibrated confidence ≥ t:", ""] + threshold_rows(held, y)
    if judged.any():
        j = judged
        lines += ["", f"## The judged samples alone ({int(j.sum())} events, {int(y[j].sum())} right, {y[j].mean():.1%})", "",
                  "Events `marsad extract` printed at its default threshold on random ordinary news "
                  "(`eval/judged/sample-200*.jsonl`), scored on the same held-out folds:", "",
                  f"- AUC (held-out folds): {roc_auc_score(y[j], cv[j]):.3f}; the labelled batches alone: "
                  f"{roc_auc_score(y[~j], cv[~j]):.3f}", "", "Keeping judged events with held-out calibrated confidence ≥ t:", ""]
        lines += threshold_rows(held[j], y[j])
    lines += ["", f"Rule confidence for comparison: AUC {roc_auc_score(y, [f.get('rule_conf', 0) for f in feats]):.3f}"
              if any('rule_conf' in f for f in feats) else ""]
    Path(args.report).write_text("\n".join(lines) + "\n", "utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
