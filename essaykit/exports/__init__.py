"""The static side: the nbconvert exporter, the self-contained page, kernels for exports, and site building
(``site`` the build, ``settings`` the site.toml file, ``site_stats`` what it reads from the comment store,
``feed`` the Atom feeds, ``manifest`` what the last build made, ``offline`` images in pages)."""
