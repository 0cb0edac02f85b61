"""Reader-facing ipywidgets, one module each; each has a static twin (text/html) for exports."""
