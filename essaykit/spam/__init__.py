"""A spam filter that learns from the author's own moderation decisions (docs/spam.md).

:mod:`.features` names what it reads in a comment, :mod:`.model` is the classifier,
:mod:`.saved` keeps the one shared model in the comment database and trains it from the
moderation record, :mod:`.evaluate` cross-validates it on that record.
"""
