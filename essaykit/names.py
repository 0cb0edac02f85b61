"""Names that other programs and people see, each spelled once: environment
variables, HTTP headers and cookies (docs/serve.md and docs/comments.md list them).

The bottom layer: it imports nothing from essaykit.
"""

from __future__ import annotations

# --- environment variables ----------------------------------------------------------------
ENV_DB = "ESSAYKIT_DB"  # the comment database URL (docs/comments.md)
ENV_MODERATION = "ESSAYKIT_MODERATION"  # the moderation rules file
ENV_AUTHOR = "ESSAYKIT_AUTHOR"  # the name the author's replies and moderation go by
ENV_MAX_NOTEBOOK_MB = "ESSAYKIT_MAX_NOTEBOOK_MB"  # the largest notebook read as an essay
ENV_OIDC_SECRET = "ESSAYKIT_OIDC_CLIENT_SECRET"  # the OpenID Connect provider's client secret (essaykit.signin)
# What a kernel is told (essaykit._kernel_env): the essay it runs, the reader it serves, that
# reader's address and proven email, that it serves readers, and its database connection cap.
ENV_SLUG = "ESSAYKIT_SLUG"
ENV_SESSION = "ESSAYKIT_SESSION"
ENV_CLIENT = "ESSAYKIT_CLIENT"
ENV_KNOWN = "ESSAYKIT_KNOWN"
ENV_SERVE = "ESSAYKIT_SERVE"
ENV_DB_CONNECTIONS = "ESSAYKIT_DB_CONNECTIONS"

# --- request headers: essaykit serve tells a Voilà kernel its essay and reader ------------------
SLUG_HEADER = "X-Essaykit-Slug"
READER_HEADER = "X-Essaykit-Reader"


def header_env(header: str) -> str:
    """The environment variable Voilà gives a kernel for request header ``header`` (``HTTP_X_…``)."""
    return "HTTP_" + header.upper().replace("-", "_")


# --- query parameters -------------------------------------------------------------------------
ON_PARAM = "on"  # ?on=ek-p-… on an essay's page opens the form on that paragraph ("Comment on this paragraph")
REPLY_PARAM = "reply"  # ?reply=ID on an essay's page opens the form as a reply to comment ID (the author's email)


# --- cookies --------------------------------------------------------------------------------
READER_COOKIE = "essaykit_reader"  # the signed reader session
IDENTITY_COOKIE = "essaykit_identity"  # name, email and website a reader asked to be remembered
KNOWN_COOKIE = "essaykit_known"  # the signed "approved before" token (essaykit.comments.trust)
