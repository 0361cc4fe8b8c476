"""Train the stance model (:mod:`marsad.stance`) from hand-labelled statements.

    python scripts/train_stance.py [--labels 'eval/labels/stance-*.jsonl'] [--out marsad/models/stance.json]

Each labelled line (``eval/stance_sample.py`` wrote it, a judge filled it) gives a sentence, its
reporting word and a ``label`` among ACCUSE, THREATEN, DEMAND, REJECT, SUPPORT and NONE. Features are
the USE embedding of what is said (:func:`marsad.stance.said_text`). A multinomial logistic
regression is chosen by 5-fold cross-validation grouped by article (C over a small grid, by macro F1
of the verbal categories); per class, an isotonic map from the cross-validated probability of the
predicted class to "the prediction is right" calibrates it. Prints per-class precision and recall
on held-out folds and the reliability of the calibrated probability; runs in about a minute on two
cores. scikit-learn is needed here only.
"""
from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.scorer import embed  # noqa: E402
from marsad.stance import LABELS, MODEL_PATH, StanceModel, said_text  # noqa: E402

VERBAL = [x for x in LABELS if x != "NONE"]


def load(pattern: str) -> list[dict]:
    """Labelled items of every file matching ``pattern``; unlabelled lines are skipped, an unknown
    label is an error naming the file and item."""
    rows = []
    for path in sorted(glob.glob(str(ROOT / pattern))):
        for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("label") is None:
                continue
            if r["label"] not in LABELS:
                raise SystemExit(f"{path}:{n}: item {r.get('item')}: unknown label {r['label']!r}")
            rows.append(r)
    if not rows:
        raise SystemExit(f"no labelled items match {pattern}")
    return rows


def _fit(x: np.ndarray, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(x, y)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", default="eval/labels/stance-*.jsonl")
    ap.add_argument("--out", default=str(MODEL_PATH))
    args = ap.parse_args()
    from sklearn.isotonic import IsotonicRegression
    from sklearn.metrics import f1_score, precision_recall_fscore_support
    from sklearn.model_selection import GroupKFold

    rows = load(args.labels)
    x = embed([said_text(r["sentence"], r.get("anchor", "")) for r in rows])
    y = np.array([LABELS.index(r["label"]) for r in rows])
    groups = np.array([r["doc"] for r in rows])
    folds = list(GroupKFold(n_splits=5).split(x, y, groups))
    verbal = [LABELS.index(v) for v in VERBAL]
    best = None
    for c in (0.3, 1.0, 3.0, 10.0):
        cv = np.zeros((len(y), len(LABELS)))
        for tr, te in folds:
            m = _fit(x[tr], y[tr], c)
            cv[np.ix_(te, m.classes_)] = m.predict_proba(x[te])
        f1 = f1_score(y, cv.argmax(1), labels=verbal, average="macro", zero_division=0)
        print(f"C={c}: macro F1 of the verbal categories on held-out folds {f1:.3f}")
        if best is None or f1 > best[0]:
            best = (f1, c, cv)
    f1, c, cv = best
    pred, top = cv.argmax(1), cv.max(1)
    p, r, f, n = precision_recall_fscore_support(y, pred, labels=range(len(LABELS)), zero_division=0)
    print(f"chosen C={c}; held-out folds, per class (precision / recall / support):")
    for k, lab in enumerate(LABELS):
        print(f"  {lab:9s} {p[k]:.2f} / {r[k]:.2f} / {n[k]}")
    calibration, reliability = {}, []
    for k, lab in enumerate(LABELS):
        sel = pred == k
        if sel.sum() < 5:
            continue
        iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(top[sel], (y[sel] == k).astype(float))
        calibration[lab] = [[round(float(a), 4), round(float(b), 4)] for a, b in zip(iso.X_thresholds_, iso.y_thresholds_)]
    model = _fit(x, y, c)
    w = np.zeros((len(LABELS), x.shape[1]), dtype=np.float32)
    b = np.zeros(len(LABELS), dtype=np.float32)
    w[model.classes_], b[model.classes_] = model.coef_, model.intercept_
    out = StanceModel(list(LABELS), w, b, calibration)
    # reliability of the calibrated probability of verbal predictions, on the held-out folds (the
    # calibration itself was fitted on those folds, so this is the fit, not a fresh test)
    verbal_pred = [i for i in range(len(y)) if pred[i] in verbal]
    cal = np.array([out.calibrate(LABELS[pred[i]], float(top[i])) for i in verbal_pred])
    right = np.array([pred[i] == y[i] for i in verbal_pred])
    for lo, hi in ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01)):
        sel = (cal >= lo) & (cal < hi)
        if sel.any():
            reliability.append([f"{lo:.2f}-{min(hi, 1.0):.2f}", int(sel.sum()), round(float(right[sel].mean()), 3)])
            print(f"  calibrated {lo:.2f}-{min(hi, 1.0):.2f}: {int(sel.sum())} verbal predictions, {right[sel].mean():.0%} right")
    out.meta = {"labelled": len(rows), "counts": {lab: int((y == k).sum()) for k, lab in enumerate(LABELS)}, "C": c,
                "cv_macro_f1_verbal": round(float(f1), 3), "cv_precision": {lab: round(float(p[k]), 3) for k, lab in enumerate(LABELS)},
                "cv_recall": {lab: round(float(r[k]), 3) for k, lab in enumerate(LABELS)}, "reliability": reliability}
    Path(args.out).write_text(out.to_json() + "\n", "utf-8")
    print(f"{len(rows)} labelled statements -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
