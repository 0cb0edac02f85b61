"""The privacy notice, written from the server's real settings (issue 26; docs/privacy.md).

    sections = notice(store.rules, mail_config)    # [(heading, [paragraph, …]), …]

Every figure in it comes from where the server reads it: the moderation rules
(:class:`~essaykit.comments.moderation.Rules`: flood limits, the edit window, what
erasure does to comments), the mail configuration (none: no email at all), the
lifetimes of the cookies and signed links, and how long the outbox keeps messages.
Change a setting and the text changes with it; nothing here is a promise typed by hand.
"""

from __future__ import annotations

from .._cookies import MAX_AGE_DAYS
from .._words import plural
from ..comments.moderation import Rules
from ..comments.signins import FLOW_MINUTES
from .links import CONFIRM_DAYS
from .worker import KEEP_FINISHED

Section = tuple[str, list[str]]


def _minutes(value: float) -> str:
    return plural(int(value), "minute") if float(value).is_integer() else f"{value:g} minutes"


def _stored(rules: Rules) -> Section:
    limits = []
    if rules.min_interval:
        limits.append(f"one comment every {rules.min_interval:g} seconds from one browser or address")
    if rules.max_per_hour:
        limits.append(f"{rules.max_per_hour} an hour from one address")
    if rules.max_per_hour_network:
        limits.append(f"{rules.max_per_hour_network} an hour from one network")
    why = f" The hashes enforce this server's limits ({'; '.join(limits)})." if limits else ""
    return ("What this server stores", [
        "When you comment: the name, email address and website you type, your comment, and when you posted or "
        "edited it.",
        "With each comment and each star rating: a salted hash of your browser's session and of your internet "
        "address (IPv4 /32, IPv6 /64), and your network's prefix in clear (IPv4 /24, IPv6 /48). The salt never "
        "leaves the database, so the hashes cannot be turned back into an address." + why,
        "A spam filter scores each new comment from its words and fields; the score is kept with the comment.",
    ])


def _cookies() -> Section:
    return ("Cookies", [
        f"A signed session cookie, so the server knows your browser again (kept {plural(MAX_AGE_DAYS, 'day')}): "
        "it shows you your comments that wait for moderation and lets you edit or delete your own.",
        "Once the author has approved a comment of yours, an \"approved before\" cookie, so your next comments "
        "from this browser appear at once.",
        "Your name, email and website only if you tick \"Save my name…\"; untick it to remove them.",
    ])


def _mail(mail) -> Section:
    if mail is None or not mail.enabled:
        return ("Email", ["This server sends no email: your address is kept only with your comments."])
    return ("Email", [
        "If you ask to be notified of replies, or follow by email, we first send a link to confirm the address "
        f"(it works for {plural(CONFIRM_DAYS, 'day')}); nothing else is sent until you confirm it.",
        f"At most {plural(mail.per_hour, 'message')} an hour go to one address. Every email has a link to stop "
        "them; we remember an address that asked for no more mail, or that bounced, so it gets none.",
        f"A record of each message (to whom, when, whether it was sent) is kept for "
        f"{plural(KEEP_FINISHED.days, 'day')}.",
    ])


def _sign_in(sign_in) -> Section | None:
    """What a sign-in keeps (:mod:`essaykit.comments.signins`), for the ways this server offers."""
    if sign_in is None:
        return None
    ways = (["an email link (we send one link to the address you type; it works once, for "
             f"{_minutes(FLOW_MINUTES)})"] if sign_in.email else [])
    ways += ["your website (IndieAuth: your site's authorization server tells us the address it vouches for)"
             ] if sign_in.indieauth else []
    ways += [f"{sign_in.oidc.name} (OpenID Connect: we keep its issuer, your account's id there, and the name "
             "and website it gives)"] if sign_in.oidc else []
    if not ways:
        return None
    return ("Signing in", [
        "Signing in is optional. You can sign in with " + "; or ".join(ways) + ".",
        "We store the identity you proved (the address, your website's URL, or the provider's account id), "
        "the name and website your comments then show, and when you signed in, tied to your browser's session "
        "cookie; your comments while signed in are stored with that identity and marked verified. Signing "
        "out forgets it. While a sign-in is under way we keep what its end must check (which way, the address "
        f"or website typed, and a hash of your internet address for the limits) for {_minutes(FLOW_MINUTES)}; "
        "it stays recorded, marked used, until your data is erased.",
    ])


def _who(rules: Rules) -> Section:
    first = ("New comments wait for the author" + (" unless your browser has an approved comment already"
                                                  if rules.approve_known_emails else "") + ".")
    return ("Who sees it", [
        "Readers see the name, website, comment and date of each approved comment, and whether it was edited. "
        "Nobody but the author sees email addresses; your picture is drawn from a salted hash of it.",
        first + " The author sees everything stored with a comment, and a record of each moderation decision.",
    ])


def _rights(rules: Rules, mail) -> Section:
    edit = (f"From the browser you posted with, you can edit a comment for {_minutes(rules.edit_minutes)} "
            "after posting, and delete it at any time." if rules.edit_minutes
            else "From the browser you posted with, you can delete a comment at any time (editing is off here).")
    erased = ("comments that nobody replied to are deleted, and the others become \"[deleted]\" placeholders so "
              "the replies keep their place" if rules.erase_removes_comments
              else "your comments become \"[deleted]\" placeholders (no name, no words) so replies keep their place")
    return ("How long, and how to get or erase it", [
        "Comments and ratings are kept until you or the author delete them.",
        edit + " A deleted comment loses its words, name, email and website at once.",
        ("Ask below, by a link we email to your address, " if mail is not None and mail.enabled
         else "Ask the site's author ") + "for a copy of everything stored about your email address (a JSON "
        f"file), or for its erasure: {erased}; your subscriptions, ratings, sign-ins and the hashes are deleted too.",
        "After an erasure the server keeps only a one-way salted hash of your address and its time, so that "
        "restoring an older backup does not bring your comments back; the site's comment feeds leave them out "
        "from its next build.",
    ])


def notice(rules: Rules, mail=None, sign_in=None) -> list[Section]:
    """The privacy notice's sections for a server with these moderation ``rules``, mail configuration
    (:class:`~essaykit.mail.config.MailConfig`; None or one without SMTP: no mail) and ways to sign in
    (:class:`~essaykit.signin.config.SignInConfig`; None: none)."""
    signing = _sign_in(sign_in)
    return [_stored(rules), _cookies(), _mail(mail), *([signing] if signing else []), _who(rules),
            _rights(rules, mail)]
