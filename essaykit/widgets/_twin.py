"""What every reader-facing essaykit widget shares: a static twin and a guarded comm.

Two mixins, to be listed before the ipywidgets/anywidget base class::

    class Rating(StaticTwin, FrontEndGuard, anywidget.AnyWidget):
        _frontend_writable = frozenset()        # readers act through custom messages

        def static_html(self) -> str:
            return "<p>…built from essaykit.html…</p>"

``StaticTwin`` puts ``static_html()`` in the ``text/html`` slot of the mime
bundle, next to the live widget view. JupyterLab and Voilà render the view;
nbconvert and ``essaykit export`` keep the ``text/html``, so an exported essay
shows the twin instead of an empty box.

``FrontEndGuard`` treats the browser as untrusted input. A front end can send
``update`` messages for *any* synced trait (a reader with devtools can set a
Rating's average to 99); only the traits named in ``_frontend_writable`` are
accepted, and only with values their trait accepts. Everything else is
refused: logged, never raised into the kernel, and the authoritative value is
sent back so the page reverts.
"""

from __future__ import annotations

import traitlets

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class StaticTwin:
    """Mixin: add the widget's static twin as ``text/html`` to its mime bundle."""

    def static_html(self) -> str:
        """Self-contained, offline HTML standing in for the live widget."""
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        if bundle is None:
            return None
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        return {**data, "text/html": self.static_html()}, metadata


class FrontEndGuard:
    """Mixin: accept front-end state only for ``_frontend_writable`` traits with valid values."""

    #: Synced traits the browser may set. Everything else is kernel-owned.
    _frontend_writable: frozenset[str] = frozenset()

    def set_state(self, sync_data):
        if not isinstance(sync_data, dict):
            self.log.warning("refused a front-end state update that is not an object: %r", sync_data)
            return
        accepted: dict = {}
        refused: list[str] = []
        for name, value in sync_data.items():
            if name in self._frontend_writable and self._valid_from_front_end(name, value):
                accepted[name] = value
            else:
                refused.append(name)
        if accepted:
            try:
                super().set_state(accepted)  # type: ignore[misc]
            except (traitlets.TraitError, ValueError, TypeError) as exc:
                # A cross-validator said no; the front end still gets the true value back.
                self.log.warning("refused front-end state %r: %s", accepted, exc)
                refused.extend(accepted)
        if refused:
            self.log.warning("refused front-end update of %s on %s", sorted(map(str, refused)), type(self).__name__)
            keys = [k for k in refused if k in self.keys]
            if keys:
                self.send_state(keys)

    def _valid_from_front_end(self, name: str, value) -> bool:
        trait = self.traits().get(name)
        if trait is None:
            return False
        if isinstance(trait, traitlets.Bool) and not isinstance(value, bool):
            return False  # traitlets would take 0 and 1; a browser sending them is not our front end
        try:
            trait.validate(self, value)
        except (traitlets.TraitError, ValueError, TypeError):
            return False
        return True
