"""Tests of essaykit.importers, one module per module of the package."""
