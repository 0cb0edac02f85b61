"""The static HTML export, the Voilà template's Python side, and site building."""
