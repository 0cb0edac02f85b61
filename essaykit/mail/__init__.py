"""Email: the author hears about new comments, commenters can follow replies (docs/email.md).

- :mod:`.config`: the SMTP URL, sender, author's address and public URL (flags, environment, essaykit.toml);
- :mod:`.smtp`: one SMTP session, each step named when it fails;
- :mod:`.messages`: the plain-text messages (the templates);
- :mod:`.links`: the signed links in them and their routes' names;
- :mod:`.worker`: draining the outbox (``essaykit mail send`` and the worker in ``essaykit serve``);
- :mod:`.handlers`: the confirm pages behind the links.

The outbox itself lives with the comments (:mod:`essaykit.mail.outbox`):
its rows are written in the comment store's own transactions.
"""
