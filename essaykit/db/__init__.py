"""The comment database: where it is (:mod:`.engine`), its tables (:mod:`.schema`) and their
migrations (:mod:`.migrations`), one open database (:mod:`.database`), the signing keys kept in
it (:mod:`.signing_keys`) and the one way anything is signed with them (:mod:`.signing`).

This is the bottom layer of essaykit's storage: ``comments``, ``mail`` and ``mentions`` build
on it, and it imports none of them.
"""
