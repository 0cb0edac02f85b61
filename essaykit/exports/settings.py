"""``essaykit build --settings site.toml``: what is set once for the whole site.

The file is TOML, either at its top level or in a ``[site]`` table; without
``--settings``, the ``[site]`` table of the site's ``essaykit.toml`` is used::

    title = "Film notes"
    author = "Mara Quill"
    bio = "Writes about slow cinema and fast trains."
    base_url = "https://example.org/films/"

    [[nav]]
    label = "About"
    url = "https://example.org/about/"

Every problem is reported with the file and the key, and what to write instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError

MAX_TEXT = {"title": 200, "author": 200, "bio": 600}
MAX_NAV = 20
_URL = re.compile(r"^(https?://[^\s/?#]+[^\s]*|/[^\s]*|[^\s:]+)$")
_BASE_URL = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")
_KEYS = {"title", "author", "bio", "base_url", "nav"}


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str


@dataclass(frozen=True)
class SiteSettings:
    title: str = "Essays"
    author: str = ""
    bio: str = ""
    base_url: str = ""
    nav: tuple[NavLink, ...] = ()


def normalise_base_url(value: str, where: str = "--base-url") -> str:
    value = value.strip()
    if not value:
        return ""
    if not _BASE_URL.match(value):
        raise ConfigError(f"{where} {value!r} is not an absolute http(s) URL; write it like https://example.org/essays/")
    return value if value.endswith("/") else value + "/"


def site_file_settings(notebook_dir: Path) -> SiteSettings | None:
    """The ``[site]`` table of the site's ``essaykit.toml`` (the file that marks the site's top
    folder, see :func:`essaykit.db.engine.site_folder`), or None when it has none."""
    import tomllib

    from ..db.engine import SITE_FILE, site_folder

    path = site_folder(notebook_dir) / SITE_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return load_settings(path)  # the same error, naming the file
    return load_settings(path) if "site" in data else None


def load_settings(path: Path) -> SiteSettings:
    """Read a site settings file; :class:`ConfigError` names the file and key on any problem."""
    import tomllib

    shown = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{shown}: no such settings file; check the path given to --settings") from None
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot read the settings file ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: not UTF-8 text; save the settings file as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: not valid TOML ({exc}); see docs/export.md for an example") from None
    prefix = ""
    if "site" in data:
        if not isinstance(data["site"], dict):
            raise ConfigError(f"{shown}: 'site' must be a table ([site]), not {type(data['site']).__name__}")
        data, prefix = data["site"], "site."
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(f"{shown}: unknown key '{prefix}{unknown[0]}'; the keys are "
                          + ", ".join(sorted(_KEYS)))

    def text(key: str, default: str = "") -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            raise ConfigError(f"{shown}: {prefix}{key} must be text in quotes (not {value!r})")
        value = value.strip()
        if len(value) > MAX_TEXT.get(key, 2000):
            raise ConfigError(f"{shown}: {prefix}{key} is {len(value)} characters; keep it under {MAX_TEXT[key]}")
        return value

    nav_raw = data.get("nav", [])
    if not isinstance(nav_raw, list):
        raise ConfigError(f"{shown}: {prefix}nav must be a list of [[nav]] tables with label and url")
    if len(nav_raw) > MAX_NAV:
        raise ConfigError(f"{shown}: {prefix}nav has {len(nav_raw)} links; keep it to {MAX_NAV}")
    nav = []
    for i, item in enumerate(nav_raw, 1):
        where = f"{shown}: {prefix}nav[{i}]"
        if not isinstance(item, dict) or set(item) - {"label", "url"}:
            raise ConfigError(f"{where} must be a table with just label and url, like "
                              "[[nav]] label = \"About\" url = \"/about/\"")
        label, url = item.get("label"), item.get("url")
        if not isinstance(label, str) or not label.strip() or len(label) > 100:
            raise ConfigError(f"{where}.label must be text of 1 to 100 characters (not {label!r})")
        if not isinstance(url, str) or not _URL.match(url.strip()) or url.strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")):
            raise ConfigError(f"{where}.url {url!r} must be an http(s) URL or a path like /about/")
        nav.append(NavLink(label.strip(), url.strip()))
    return SiteSettings(
        title=text("title", "Essays") or "Essays", author=text("author"), bio=text("bio"),
        base_url=normalise_base_url(text("base_url"), f"{shown}: {prefix}base_url"), nav=tuple(nav),
    )
