"""Moderation rules: one pure function decides what happens to a new comment.

:func:`decide` takes the cleaned comment (:class:`Candidate`), what the store
knows about its surroundings (:class:`Context`) and the author's
:class:`Rules`, and returns a :class:`Decision` — or raises
:class:`~essaykit.errors.CommentError` when the reader must be told no
(a duplicate, or posting too fast). It reads no clock and no database, so it
is tested as a table of cases.

The rules, first match wins:

1. flood control, keyed on what a sender pays for (refused, 429): the same
   signed reader session or the same client address (IPv4 /32, IPv6 /64)
   posted less than ``min_interval`` seconds ago; the address posted
   ``max_per_hour`` times in the last hour, or its network (IPv4 /24,
   IPv6 /48) ``max_per_hour_network`` times; the essay already holds
   ``max_pending`` comments waiting for the author *and* this sender posted
   in the last hour (an address that has not posted recently is never
   refused). Every post counts against its own sender, caught ones included,
   and against nobody else;
2. the honeypot field (:data:`HONEYPOT_FIELD`) is filled in → ``spam``
   (the bot is told nothing: it sees the usual "awaiting moderation");
3. the same reader session already posted this email and body here →
   refused (only that reader's own browser learns it); the same email and
   body from any other browser → ``spam`` ("duplicate"), answered like any
   held post; for mentions, the same source URL → refused;
4. a mention from a ``block_domains`` site (the domain or a subdomain) → ``spam``;
5. a block-list word → ``spam``;
   then the spam filter (:mod:`essaykit.spam`), once it has learned at least
   ``spam_min_examples`` decisions of each kind: a score at or above
   ``spam_threshold`` → ``spam`` ("filter 0.97: …"), except for a comment whose
   browser proved an approved commenter's email, and a mention from an
   ``allow_domains`` site; below it, the rules go on;
6. a hold-list word → ``pending``;
7. a mention from an ``allow_domains`` site → ``approved``;
8. ``max_links`` or more links → ``pending``;
9. pingbacks and webmentions → ``pending`` (``approve_mentions`` changes it);
10. the poster's browser *proves* the email (its "approved before" token,
    :mod:`.trust`, or its signed session posted an approved comment under
    that address) → ``approved``;
11. otherwise → ``pending``; the reason notes when the address (normalised,
    :func:`.fields.normalise_email`) is a known commenter's, so the author
    sees an unproven claim to it.

The answer a reader gets depends only on what their browser proves and on
what their own session and address did, never on whether an email has been
seen before (docs/comments.md, "Threat model").
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import CommentError, ConfigError, DuplicateMention, RateLimited

#: The honeypot's form field name: unusual enough that no browser autofills it.
HONEYPOT_FIELD = "ek_homepage_url2"
HOUR = 3600  # seconds the hourly flood counts look back

DEFAULT_BLOCK_WORDS = ("viagra", "cialis", "casino", "payday loan", "crypto giveaway", "escort service")

_LINK = re.compile(r"(?i)(?:\bhttps?://|\bwww\.|\bmailto:|\]\s*\()")


@dataclass(frozen=True)
class Rules:
    """What the author decided about new comments; every default is the issue's.

    Set ``min_interval``, ``max_per_hour``, ``max_per_hour_network`` or
    ``max_pending`` to 0 to switch that flood check off (bulk tests and
    benchmarks do).
    """

    min_interval: float = 15.0
    max_per_hour: int = 10
    max_per_hour_network: int = 30
    max_pending: int = 200
    max_links: int = 2
    block_words: tuple[str, ...] = DEFAULT_BLOCK_WORDS
    hold_words: tuple[str, ...] = ()
    approve_known_emails: bool = True
    approve_mentions: bool = False
    max_depth: int = 4
    allow_domains: tuple[str, ...] = ()
    block_domains: tuple[str, ...] = ()
    spam_threshold: float = 0.9
    spam_min_examples: int = 30
    edit_minutes: float = 15.0  # how long a reader may edit their own comment (0: never); deleting has no limit
    erase_removes_comments: bool = False  # erasing an address deletes its unreplied comments (else: tombstones)

    def __post_init__(self) -> None:
        if not 0 < self.spam_threshold <= 1:
            raise ConfigError(f"spam_threshold must be above 0 and at most 1 (not {self.spam_threshold!r})")
        if self.spam_min_examples < 1:
            raise ConfigError(f"spam_min_examples must be at least 1 (not {self.spam_min_examples!r})")
        if self.min_interval < 0:
            raise ConfigError(f"min_interval must be 0 or more seconds (not {self.min_interval!r})")
        for name in ("max_per_hour", "max_per_hour_network", "max_pending"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must be 0 or more (not {getattr(self, name)!r})")
        if self.max_links < 1:
            raise ConfigError(f"max_links must be at least 1 (not {self.max_links!r})")
        if self.edit_minutes < 0:
            raise ConfigError(f"edit_minutes must be 0 or more minutes (not {self.edit_minutes!r})")
        if self.max_depth < 1:
            raise ConfigError(f"max_depth must be at least 1 (not {self.max_depth!r})")

    @classmethod
    def from_file(cls, path) -> Rules:
        """Rules from a JSON object whose keys are this class's fields, e.g.
        ``{"hold_words": ["refund"], "min_interval": 30}``; missing keys keep their defaults."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the moderation rules: {exc}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: the moderation rules must be a JSON object of settings")
        known = {f.name: f for f in dataclass_fields(cls)}
        values = {}
        for key, value in data.items():
            if key in _RETIRED:
                continue
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
        return cls(**{"min_interval": 0, "max_per_hour": 0, "max_per_hour_network": 0, "max_pending": 0,
                      **changes})


#: Settings older moderation files may hold that no longer do anything: ``max_per_minute`` was
#: a per-essay lock-out that five throwaway pages could trigger for everyone (issue 11).
_RETIRED = frozenset({"max_per_minute"})


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
    title: str = ""  # a mention's page title


@dataclass(frozen=True)
class Context:
    """What the store knows around the candidate, gathered in the posting transaction."""

    now: datetime
    email_has_approved: bool = False  # someone's approved comment used this (normalised) address
    proven: bool = False  # the poster's browser proved the address: token, or its session's approved comment
    duplicate: bool = False  # same essay, email and body as an earlier comment (any browser)
    own_duplicate: bool = False  # same essay, email and body, from this very session
    last_from_session: datetime | None = None
    last_from_address: datetime | None = None
    address_last_hour: int = 0
    network_last_hour: int = 0
    pending_in_essay: int = 0
    spam_score: float | None = None  # the spam filter's probability; None before it learned anything
    spam_reason: str = ""  # "filter 0.97: …", its top features
    spam_ready: bool = False  # it has learned at least Rules.spam_min_examples of each kind


@dataclass(frozen=True)
class Decision:
    status: str
    reason: str
    by: str = "rules"  # who decided, for the moderation log: "rules" or "filter"


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


def domain_listed(domains: tuple[str, ...], url: str) -> str | None:
    """The entry of ``domains`` that the host of ``url`` is, or is a subdomain of; None otherwise."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    for domain in domains:
        wanted = domain.strip().strip(".").lower()
        if wanted and (host == wanted or host.endswith("." + wanted)):
            return domain.strip()
    return None


def flood(context: Context, rules: Rules) -> None:
    """Raise :class:`RateLimited` when this sender (session, address, network) posts too much."""
    last = [t for t in (context.last_from_session, context.last_from_address) if t is not None]
    if rules.min_interval and last:
        waited = (context.now - max(last)).total_seconds()
        if waited < rules.min_interval:
            wait = max(1, round(rules.min_interval - waited))
            raise RateLimited(
                f"you are posting too fast; please wait {wait} second{'s' if wait != 1 else ''} and post again",
                "body", retry_after=wait,
            )
    # The hourly counts look back one hour, and a refused post is not counted: after an hour they are clear.
    if rules.max_per_hour and context.address_last_hour >= rules.max_per_hour:
        raise RateLimited(f"you have posted {context.address_last_hour} comments in the last hour, the most "
                          "this site takes from one address; please post again later", "body", retry_after=HOUR)
    if rules.max_per_hour_network and context.network_last_hour >= rules.max_per_hour_network:
        raise RateLimited("many comments came from your network in the last hour; please post again later", "body",
                          retry_after=HOUR)
    if rules.max_pending and context.pending_in_essay >= rules.max_pending and context.address_last_hour:
        raise RateLimited("this essay has many comments waiting for the author, and you posted one recently; "
                          "please post again later", "body", retry_after=HOUR)


def _filtered(candidate: Candidate, context: Context, rules: Rules) -> bool:
    if not context.spam_ready or context.spam_score is None or context.spam_score < rules.spam_threshold:
        return False
    if candidate.kind == "comment":
        # A reader whose browser proves an approved address is never sent to spam by a guess alone.
        return not context.proven
    return not domain_listed(rules.allow_domains, candidate.source_url)


def held_by_edit(old: str, new: str, rules: Rules) -> str | None:
    """Why an edit of a comment from ``old`` to ``new`` sends it back to the author (``pending``), or None
    when the author's decision stands: the edit adds links, or a block- or hold-list word."""
    if count_links(new) > count_links(old):
        return f"edited: links added ({count_links(old)} → {count_links(new)})"
    word = _find_word(rules.block_words + rules.hold_words, new)
    if word and not _find_word((word,), old):
        return f"edited: added the listed word {word!r}"
    return None


def decide(candidate: Candidate, context: Context, rules: Rules = Rules()) -> Decision:
    """The status of a new comment under ``rules``; raises CommentError to refuse it."""
    mention = candidate.kind != "comment"
    flood(context, rules)
    if candidate.honeypot.strip():
        return Decision("spam", "honeypot field filled in")
    if mention and context.duplicate:
        raise DuplicateMention(f"this essay already has a {candidate.kind} from {candidate.source_url}")
    if context.own_duplicate:
        raise CommentError("you have already posted this comment here; it is not posted twice", "body")
    if context.duplicate:
        # Answered like any held comment: a stranger must not learn that this email wrote this body.
        return Decision("spam", "duplicate of an earlier comment with the same email and body")
    if mention:
        domain = domain_listed(rules.block_domains, candidate.source_url)
        if domain:
            return Decision("spam", f"block-listed domain {domain!r}")
    texts = (candidate.body, candidate.author, candidate.website, candidate.email, candidate.source_url)
    word = _find_word(rules.block_words, *texts)
    if word:
        return Decision("spam", f"block-list word {word!r}")
    if _filtered(candidate, context, rules):
        return Decision("spam", context.spam_reason, by="filter")
    word = _find_word(rules.hold_words, *texts)
    if word:
        return Decision("pending", f"hold-list word {word!r}")
    if mention:
        domain = domain_listed(rules.allow_domains, candidate.source_url)
        if domain:
            return Decision("approved", f"allow-listed domain {domain!r}")
    links = count_links(candidate.body)
    if links >= rules.max_links:
        return Decision("pending", f"{links} links (held at {rules.max_links})")
    if mention:
        if rules.approve_mentions:
            return Decision("approved", f"{candidate.kind}s are approved by the rules")
        return Decision("pending", f"{candidate.kind}s wait for the author")
    if rules.approve_known_emails and context.proven:
        return Decision("approved", "the browser proved an approved commenter's email")
    if context.email_has_approved:
        return Decision("pending", "uses an approved commenter's email without proof from their browser")
    return Decision("pending", "first comment from this email")
