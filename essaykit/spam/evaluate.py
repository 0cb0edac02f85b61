"""How well the filter does on the author's own decisions: k-fold cross-validation.

Each fold trains a model on the other folds' decisions, in their order, and scores
its own; a comment counts as caught when its score reaches the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import train


@dataclass(frozen=True)
class Evaluation:
    """Counts over every fold: spam caught (true positives), ham sent to spam, and the totals."""

    caught: int
    missed: int
    false_alarms: int
    ham: int

    @property
    def precision(self) -> float:
        """Of what the filter sent to spam, the share that was spam (1.0 when it sent nothing)."""
        sent = self.caught + self.false_alarms
        return self.caught / sent if sent else 1.0

    @property
    def recall(self) -> float:
        """Of the spam, the share the filter caught."""
        spam = self.caught + self.missed
        return self.caught / spam if spam else 0.0

    @property
    def false_alarm_rate(self) -> float:
        """Of the real comments, the share sent to spam."""
        return self.false_alarms / self.ham if self.ham else 0.0


def cross_validate(examples, *, threshold: float, folds: int = 5) -> Evaluation:
    """Cross-validated counts for ``(sample, is_spam)`` pairs; needs at least ``folds`` of them."""
    examples = list(examples)
    if len(examples) < folds:
        raise ValueError(f"cross-validation needs at least {folds} decisions (not {len(examples)})")
    caught = missed = false_alarms = ham = 0
    for fold in range(folds):
        model = train(x for i, x in enumerate(examples) if i % folds != fold)
        for sample, is_spam in examples[fold::folds]:
            flagged = model.score(sample).probability >= threshold
            if is_spam:
                caught += flagged
                missed += not flagged
            else:
                ham += 1
                false_alarms += flagged
    return Evaluation(caught=caught, missed=missed, false_alarms=false_alarms, ham=ham)
