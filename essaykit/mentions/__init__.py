"""Mentions: receiving Webmentions and pingbacks, and sending them (docs/mentions.md).

- :mod:`.fetch`: the safe fetcher every outgoing request goes through
  (no private addresses after DNS resolution, 1 MB, 5 s, 5 redirects).
- :mod:`.urls`: URL checks and the one URL comparison both sides use.
- :mod:`.html`: links, ``<link>`` elements and h-entry details from an HTML page.
- :mod:`.linkheader`: the HTTP ``Link`` header (RFC 8288).
- :mod:`.xmlrpc`: the Pingback 1.0 XML-RPC codec (parsed with defusedxml).
- :mod:`.verify`: is a source linking to a target, and what to show for it.
- :mod:`.receive`: the receiver: which essay a target is, queueing, verifying, storing.
- :mod:`.handlers`: the HTTP routes ``essaykit serve`` adds (``/webmention``, ``/pingback``).
- :mod:`.send`: the sender behind ``essaykit mentions send`` and ``essaykit build --send-mentions``.
- :mod:`.publish`: sending for notebooks, behind ``essaykit mentions send`` (:mod:`essaykit.cli.mentions`)
  and ``essaykit build --send-mentions``.

Nothing here is imported by ``import essaykit``; mf2py loads only when a page is verified.
"""
