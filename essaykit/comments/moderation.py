"""Moderation rules: one pure function decides what happens to a new comment.

:func:`decide` takes the cleaned comment (:class:`Candidate`), what the store
knows about its surroundings (:class:`Context`) and the author's
:class:`Rules`, and returns a :class:`Decision` — or raises
:class:`~essaykit.errors.CommentError` when the reader must be told no
(a duplicate, or posting too fast). It reads no clock and no database, so it
is tested as a table of cases.

The rules, first match wins:

1. the honeypot field (:data:`HONEYPOT_FIELD`) is filled in → ``spam``
   (the bot is told nothing: it sees the usual "awaiting moderation");
2. same essay, email and body as an earlier comment (for mentions: the same
   source URL) → refused;
3. the same reader session posted less than ``min_interval`` seconds ago →
   refused;
4. ``max_per_minute`` or more comments on this essay in the last minute →
   refused;
5. a block-list word → ``spam``;
6. a hold-list word → ``pending``;
7. ``max_links`` or more links → ``pending``;
8. pingbacks and webmentions → ``pending`` (``approve_mentions`` changes it);
9. the email already has an approved comment → ``approved``;
10. otherwise → ``pending``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime

from ..errors import CommentError, ConfigError, RateLimited

#: The honeypot's form field name: unusual enough that no browser autofills it.
HONEYPOT_FIELD = "ek_homepage_url2"

DEFAULT_BLOCK_WORDS = ("viagra", "cialis", "casino", "payday loan", "crypto giveaway", "escort service")

_LINK = re.compile(r"(?i)(?:\bhttps?://|\bwww\.|\bmailto:|\]\s*\()")


@dataclass(frozen=True)
class Rules:
    """What the author decided about new comments; every default is the issue's.

    Set ``min_interval`` or ``max_per_minute`` to 0 to switch that flood
    check off (bulk tests and benchmarks do).
    """

    min_interval: float = 15.0
    max_per_minute: int = 5
    max_links: int = 2
    block_words: tuple[str, ...] = DEFAULT_BLOCK_WORDS
    hold_words: tuple[str, ...] = ()
    approve_known_emails: bool = True
    approve_mentions: bool = False
    max_depth: int = 4

    def __post_init__(self) -> None:
        if self.min_interval < 0:
            raise ConfigError(f"min_interval must be 0 or more seconds (not {self.min_interval!r})")
        if self.max_per_minute < 0:
            raise ConfigError(f"max_per_minute must be 0 or more (not {self.max_per_minute!r})")
        if self.max_links < 1:
            raise ConfigError(f"max_links must be at least 1 (not {self.max_links!r})")
        if self.max_depth < 1:
            raise ConfigError(f"max_depth must be at least 1 (not {self.max_depth!r})")

    @classmethod
    def from_file(cls, path) -> Rules:
        """Rules from a JSON object whose keys are this class's fields, e.g.
        ``{"hold_words": ["refund"], "min_interval": 30}``; missing keys keep their defaults."""
        import json
        from dataclasses import fields
        from pathlib import Path

        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the moderation rules: {exc}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: the moderation rules must be a JSON object of settings")
        known = {f.name: f for f in fields(cls)}
        values = {}
        for key, value in data.items():
            if key not in known:
                raise ConfigError(f"{path}: unknown moderation setting {key!r}; use one of {', '.join(known)}")
            default = getattr(cls, key)
            if isinstance(default, tuple):
                if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                    raise ConfigError(f"{path}: {key!r} must be a list of words (not {value!r})")
                value = tuple(value)
            elif isinstance(default, bool):
                if not isinstance(value, bool):
                    raise ConfigError(f"{path}: {key!r} must be true or false (not {value!r})")
            elif not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ConfigError(f"{path}: {key!r} must be a number (not {value!r})")
            values[key] = value
        try:
            return cls(**values)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{path}: {exc}") from None

    @classmethod
    def permissive(cls, **changes) -> Rules:
        """Rules with flood control off, for imports of many comments at once, tests and benchmarks."""
        return cls(**{"min_interval": 0, "max_per_minute": 0, **changes})


@dataclass(frozen=True)
class Candidate:
    """A new comment, already cleaned field by field."""

    essay: str
    author: str
    email: str
    body: str
    website: str = ""
    kind: str = "comment"
    source_url: str = ""
    honeypot: str = ""


@dataclass(frozen=True)
class Context:
    """What the store knows around the candidate, gathered in the posting transaction."""

    now: datetime
    email_has_approved: bool = False
    duplicate: bool = False
    last_from_session: datetime | None = None
    recent_in_essay: int = 0


@dataclass(frozen=True)
class Decision:
    status: str
    reason: str


def count_links(text: str) -> int:
    """How many links a body holds: URLs, ``www.`` hosts, mailto and Markdown ``](`` links."""
    return len(_LINK.findall(text))


@functools.lru_cache(maxsize=64)
def _word_pattern(words: tuple[str, ...]) -> list[tuple[str, re.Pattern]]:
    patterns = []
    for word in words:
        word = word.strip()
        if word:
            # Any run of whitespace between a phrase's words matches, so "payday  loan" is still caught.
            body = r"\s+".join(re.escape(part) for part in word.split())
            patterns.append((word, re.compile(rf"(?i)(?<!\w){body}(?!\w)")))
    return patterns


def _find_word(words: tuple[str, ...], *texts: str) -> str | None:
    for word, pattern in _word_pattern(tuple(words)):
        if any(pattern.search(t) for t in texts):
            return word
    return None


def decide(candidate: Candidate, context: Context, rules: Rules = Rules()) -> Decision:
    """The status of a new comment under ``rules``; raises CommentError to refuse it."""
    if candidate.honeypot.strip():
        return Decision("spam", "honeypot field filled in")
    mention = candidate.kind != "comment"
    if context.duplicate:
        if mention:
            raise CommentError(f"this essay already has a {candidate.kind} from {candidate.source_url}", "source_url")
        raise CommentError("you have already posted this comment here; it is not posted twice", "body")
    if rules.min_interval and context.last_from_session is not None:
        waited = (context.now - context.last_from_session).total_seconds()
        if waited < rules.min_interval:
            wait = max(1, round(rules.min_interval - waited))
            raise RateLimited(
                f"you are posting too fast; please wait {wait} second{'s' if wait != 1 else ''} and post again",
                "body",
            )
    if rules.max_per_minute and context.recent_in_essay >= rules.max_per_minute:
        raise RateLimited("this essay is getting many comments right now; please try again in a minute", "body")
    texts = (candidate.body, candidate.author, candidate.website, candidate.email, candidate.source_url)
    word = _find_word(rules.block_words, *texts)
    if word:
        return Decision("spam", f"block-list word {word!r}")
    word = _find_word(rules.hold_words, *texts)
    if word:
        return Decision("pending", f"hold-list word {word!r}")
    links = count_links(candidate.body)
    if links >= rules.max_links:
        return Decision("pending", f"{links} links (held at {rules.max_links})")
    if mention:
        if rules.approve_mentions:
            return Decision("approved", f"{candidate.kind}s are approved by the rules")
        return Decision("pending", f"{candidate.kind}s wait for the author")
    if rules.approve_known_emails and context.email_has_approved:
        return Decision("approved", "the email has an approved comment")
    return Decision("pending", "first comment from this email")
