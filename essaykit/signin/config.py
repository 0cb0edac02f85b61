"""What this server offers readers to sign in with: ``essaykit serve``'s flags and environment.

    --oidc-issuer URL        an OpenID Connect provider (its discovery document is URL/.well-known/…)
    --oidc-client-id ID      this site's client id there
    --oidc-name NAME         the provider's name on the form ("Sign in with NAME"); default: its host
    $ESSAYKIT_OIDC_CLIENT_SECRET   the client secret (never a flag: flags show in process lists);
                                   unset for a public client, which PKCE alone protects

Email links are offered when the server sends mail; IndieAuth ("your website") always, since it needs
nothing but the reader's own site.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import EssaykitError
from ..names import ENV_OIDC_SECRET


@dataclass(frozen=True)
class OidcProvider:
    """The host's OpenID Connect provider (the secret is left out of the repr)."""

    issuer: str
    client_id: str
    name: str
    client_secret: str = ""

    def __repr__(self) -> str:
        return f"OidcProvider(issuer={self.issuer!r}, client_id={self.client_id!r}, name={self.name!r})"


@dataclass(frozen=True)
class SignInConfig:
    """The ways to sign in this server offers. ``allow_private``: IndieAuth may fetch loopback and private
    addresses (``--allow-private-sources``: tests and intranets)."""

    email: bool = False
    indieauth: bool = True
    oidc: OidcProvider | None = None
    allow_private: bool = False

    @classmethod
    def of(cls, *, mail: bool, issuer: str | None = None, client_id: str | None = None, name: str | None = None,
           allow_private: bool = False, environ=os.environ) -> SignInConfig:
        """From the serve flags; EssaykitError naming the flag when they do not make a provider."""
        provider = None
        if issuer or client_id:
            if not (issuer and client_id):
                raise EssaykitError("--oidc-issuer and --oidc-client-id go together: give both to offer sign-in "
                                    "with an OpenID Connect provider, or neither")
            parts = urlsplit(issuer.strip())
            if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
                raise EssaykitError(f"--oidc-issuer {issuer!r}: give the provider's issuer URL, such as "
                                    "https://accounts.example.org")
            provider = OidcProvider(issuer=issuer.strip().rstrip("/"), client_id=client_id.strip(),
                                    name=(name or parts.hostname).strip(),
                                    client_secret=environ.get(ENV_OIDC_SECRET, ""))
        return cls(email=mail, oidc=provider, allow_private=allow_private)

    def describe(self) -> str:
        """One line for the server's start-up message."""
        ways = ["email link"] if self.email else []
        ways += ["website (IndieAuth)"] if self.indieauth else []
        ways += [f"{self.oidc.name} (OpenID Connect, {self.oidc.issuer})"] if self.oidc else []
        return "Readers may sign in to comment with: " + ", ".join(ways) + "."
