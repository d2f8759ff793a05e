"""How well the outcome classifier tells helped / not_helped / not_done apart (a report).

5-fold cross-validation on the ``report_outcome`` examples of data/nlu (the outcome named in
each block's metadata), with the same classifier ``components/outcome.py`` trains. The
intent report (``make nlu-report``) only shows that a reply is a ``report_outcome``; this
shows how often its outcome is then read right.

Usage: python -m coach.env .venv/bin/python bench/outcome_eval.py [--folds 5] [--seed 0]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import classification_report
from sklearn.model_selection import StratifiedKFold

from components.intents import new_intent_classifier
from components.outcome import OUTCOME_INTENT, OutcomeClassifier, outcome_of_example

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Print per-outcome precision, recall and F1, and the confusions."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    data = load_data(str(ROOT / "data" / "nlu"))
    pairs = [
        (str(e.get("text")), outcome)
        for e in data.intent_examples
        if e.get("intent") == OUTCOME_INTENT and (outcome := outcome_of_example(e))
    ]
    texts = [t for t, _ in pairs]
    labels = [o for _, o in pairs]
    print(f"{len(pairs)} examples: {dict(Counter(labels))}")
    truth: list[str] = []
    predicted: list[str] = []
    folds = StratifiedKFold(args.folds, shuffle=True, random_state=args.seed)
    for train, test in folds.split(texts, labels):
        model = new_intent_classifier(OutcomeClassifier.get_default_config())
        model.fit([texts[i] for i in train], [labels[i] for i in train])
        predicted += list(model.predict([texts[i] for i in test]))
        truth += [labels[i] for i in test]
    print(classification_report(truth, predicted, digits=3))
    for (want, got), n in Counter(zip(truth, predicted, strict=True)).most_common():
        if want != got:
            print(f"{n} {want} -> {got}")


if __name__ == "__main__":
    main()
