"""Signing in to comment (issue 26): the protocols, with no web framework in sight.

* :mod:`.config`: what the host offers (email links, IndieAuth, one OpenID Connect provider);
* :mod:`.oidc`: OpenID Connect with Authlib's client: discovery, state, nonce, PKCE, the ID token checked;
* :mod:`.indieauth`: the reader's website: endpoint discovery through the safe fetcher, PKCE, ``me`` checked.

The routes that drive them are :mod:`essaykit.live.api.signin` and :mod:`essaykit.live.api.signin_oauth`;
what a sign-in leaves in the database is :mod:`essaykit.comments.signins`.
"""
