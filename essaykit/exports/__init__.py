"""The static side: the nbconvert exporter, the self-contained page, kernels for exports, and site building."""
