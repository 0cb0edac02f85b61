"""The classifier: river's online logistic regression over the named features of :mod:`.features`.

Chosen on measurements (``bench/spam.py --compare``, 312 fixtures, 5-fold): river's
``LogisticRegression`` had precision 0.98 and recall 0.98, scored in 0.02 ms and
learned 20,000 decisions in 2.6 s; scikit-learn's ``SGDClassifier`` on a
``FeatureHasher`` was close in quality (0.96/0.97) but took 0.2-8 ms to score and
28 ms for each one-example ``partial_fit``; the naive Bayes models of both libraries
sent a quarter of the ham to spam. A linear model over readable feature names also
explains itself: each feature's weight is its share of the score.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from .features import Sample, describe, features

#: Step size of the online updates, and the weight of one character n-gram against a word, a
#: domain or a shape. Chosen together on the fixtures and on the public YouTube Spam Collection
#: (bench/spam.py --corpus): at 0.1 and 1 the scores stayed timid (recall 0.83 on the fixtures,
#: 0.90 on YouTube at 0.9); a larger step alone pushed ham over the threshold on the hundreds of
#: n-grams a long comment has (2-3% at 0.3-0.5); halving the n-grams' say and stepping 0.4
#: gave 0.90 and 0.92 with no fixture ham and at most 1.3% of YouTube ham sent to spam.
LEARNING_RATE = 0.4
GRAM_WEIGHT = 0.5
TOP = 3  # features named in a stored reason


def _river():
    # river.linear_model imports scipy.stats: ~0.9 s measured with -X importtime, paid by the
    # first comment scored in a process, never by `essaykit check`, build or a page view.
    from river import linear_model, optim

    return linear_model.LogisticRegression(optimizer=optim.SGD(LEARNING_RATE))


def vector(names: Iterable[str]) -> dict[str, float]:
    """The model's input: every feature of ``names`` present counts 1, a character n-gram ``GRAM_WEIGHT``."""
    return {name: GRAM_WEIGHT if name.startswith("c:") else 1.0 for name in names}


@dataclass(frozen=True)
class Score:
    """A probability of spam from 0 to 1 and the features that pushed it most, heaviest first."""

    probability: float
    weighed: list[tuple[str, float]] = field(default_factory=list)

    def reason(self, top: int = TOP) -> str:
        """``filter 0.97: link to x.example, website ending top, word 'essay'``."""
        toward = [(n, w) for n, w in self.weighed if (w > 0) == (self.probability >= 0.5)][:top]
        named = ", ".join(describe(name) for name, _ in toward) or "nothing it knows"
        return f"filter {self.probability:.2f}: {named}"


def verdict(score: Score | None) -> dict:
    """The columns a score is stored in: ``spam_score`` and ``spam_reason`` (None and "" without one)."""
    if score is None:
        return {"spam_score": None, "spam_reason": ""}
    return {"spam_score": score.probability, "spam_reason": score.reason()[:1000]}


class SpamModel:
    """One trained filter: the regression and how many ham and spam decisions it has learned."""

    def __init__(self, regression=None, *, ham: int = 0, spam: int = 0):
        self._regression = regression if regression is not None else _river()
        self.ham = ham
        self.spam = spam
        self._weights: dict | None = None  # river hands out a copy; taken once per learned state

    def learn(self, sample: Sample, is_spam: bool) -> None:
        """Learn one decision (online)."""
        self._learn_features(vector(features(sample)), is_spam)

    def _learn_features(self, named: dict, is_spam: bool) -> None:
        self._regression.learn_one(named, bool(is_spam))
        self._weights = None
        if is_spam:
            self.spam += 1
        else:
            self.ham += 1

    def score(self, sample: Sample) -> Score:
        """The probability that ``sample`` is spam, with the features that weighed most."""
        names = features(sample)
        if self._weights is None:
            self._weights = self._regression.weights
        weights = self._weights
        weighed = sorted(((n, weights[n]) for n in names if weights.get(n)), key=lambda nw: -abs(nw[1]))
        probability = self._regression.predict_proba_one(vector(names))[True]
        return Score(probability=float(probability), weighed=weighed)

    def ready(self, minimum: int) -> bool:
        """Has it seen at least ``minimum`` decisions of each kind?"""
        return self.ham >= minimum and self.spam >= minimum

    def to_bytes(self) -> bytes:
        return zlib.compress(pickle.dumps(self._regression, protocol=pickle.HIGHEST_PROTOCOL), 6)

    @classmethod
    def from_bytes(cls, blob: bytes, *, ham: int, spam: int) -> SpamModel:
        # The blob is only ever written by essaykit into the comment database, which also holds the
        # signing keys: whoever can change it can already do worse than a crafted pickle.
        return cls(pickle.loads(zlib.decompress(blob)), ham=ham, spam=spam)


#: Passes over the record when rebuilding: one pass of online updates leaves the scores timid
#: (16 of 50 new spam above 0.9 on the fixtures); three reach 0.9 for most, and more overfit.
EPOCHS = 3


def train(examples, *, epochs: int = EPOCHS) -> SpamModel:
    """A new model from ``(sample, is_spam)`` pairs (any iterable, read once): ``epochs`` passes in the order given.

    Each example is kept between passes as the numbers of its feature names in one shared vocabulary (4 bytes a
    feature), not as its own dict of names: a comment has hundreds of character n-grams, and those dicts held
    ~14 KB a comment, 280 MB for an import of 20,000 comments. The learned model is the same: each pass hands
    the regression the same names, in the same order, with the same values as :func:`vector` gives.
    """
    from array import array

    numbers: dict[str, int] = {}
    names: list[str] = []
    kept: list[tuple[array, bool]] = []
    for sample, is_spam in examples:
        found = array("I")
        for name in features(sample):
            number = numbers.get(name)
            if number is None:
                number = numbers[name] = len(names)
                names.append(name)
            found.append(number)
        kept.append((found, bool(is_spam)))
    values = list(vector(names).values())  # each name's value, as a sample's vector gives it (names are unique)
    model = SpamModel()
    for _ in range(epochs):
        for found, is_spam in kept:
            model._learn_features({names[i]: values[i] for i in found}, is_spam)
    model.ham = sum(1 for _, is_spam in kept if not is_spam)
    model.spam = len(kept) - model.ham
    return model
