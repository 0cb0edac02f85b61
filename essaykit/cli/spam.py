"""``essaykit spam``: train, evaluate and question the spam filter that learns from your moderation (docs/spam.md)."""

from __future__ import annotations

import click

from .._words import plural
from ..errors import StoreError
from ._command import EssaykitCommand, EssaykitGroup
from .comments import _open, db_option


@click.group("spam", cls=EssaykitGroup)
def spam_command() -> None:
    """Train, evaluate and explain the spam filter that learns from your approve and spam decisions.

    \b
    essaykit spam train
    essaykit spam evaluate
    essaykit spam explain 1a2b3c4d5e6f
    """


@spam_command.command("train", cls=EssaykitCommand)
@db_option
def train_command(db: str | None) -> None:
    """Rebuild the filter from scratch from every approved and spam-marked comment.

    Safe while `essaykit serve` runs: servers score with the old model until the
    new one is saved, then load it.
    """
    with _open(db) as store:
        model = store.spam.rebuild()
    click.echo(f"trained on {plural(model.ham, 'approved comment')} and {plural(model.spam, 'spam comment')}")


@spam_command.command("evaluate", cls=EssaykitCommand)
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True,
              help="Cross-validation folds, e.g. --folds 10.")
@db_option
def evaluate_command(folds: int, db: str | None) -> None:
    """Cross-validated precision and recall of the filter on your own decisions."""
    from ..spam.evaluate import cross_validate

    with _open(db) as store:
        record = store.spam.record()
        model = store.spam.model()
        rules = store.rules
    ham = sum(1 for _, is_spam in record if not is_spam)
    spam = len(record) - ham
    seen = f"{model.ham} ham and {model.spam} spam" if model else "nothing yet"
    click.echo(f"your decisions: {ham} approved, {spam} spam; the filter has learned {seen}")
    if min(ham, spam) < folds:
        raise StoreError(f"cross-validation needs at least {folds} approved and {folds} spam comments; "
                         "moderate some more, or lower --folds")
    result = cross_validate(record, threshold=rules.spam_threshold, folds=folds)
    click.echo(f"at threshold {rules.spam_threshold:g} ({folds}-fold): precision {result.precision:.3f}, "
               f"recall {result.recall:.3f} ({result.caught} of {result.caught + result.missed} spam caught), "
               f"{result.false_alarms} of {result.ham} real comments sent to spam")
    if min(ham, spam) < rules.spam_min_examples:
        click.echo(f"the filter decides nothing until it has learned {rules.spam_min_examples} of each "
                   "(spam_min_examples); it only scores")


@spam_command.command("explain", cls=EssaykitCommand)
@click.argument("comment_id", metavar="ID")
@click.option("--top", type=click.IntRange(1, 50), default=8, show_default=True, help="How many features to show.")
@db_option
def explain_command(comment_id: str, top: int, db: str | None) -> None:
    """Show the score of comment ID now and the features that weighed most, for and against spam."""
    from ..spam.features import Sample, describe

    with _open(db) as store:
        comment = store.get(comment_id)
        model = store.spam.model()
    if model is None:
        raise StoreError("the filter has learned nothing yet; approve or mark some comments as spam first")
    score = model.score(Sample.of(comment))
    stored = "none" if comment.spam_score is None else f"{comment.spam_score:.2f}"
    click.echo(f"{comment_id}: score now {score.probability:.2f} (when it arrived: {stored}); status {comment.status}")
    for name, weight in score.weighed[:top]:
        click.echo(f"  {weight:+.2f}  {'spam' if weight > 0 else 'ham '}  {describe(name)}")
