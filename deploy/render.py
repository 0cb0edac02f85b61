"""Fill in a template of the reference deployment (docs/deploy.md) and print it.

    python3 deploy/render.py deploy/nginx-site.conf.j2 listen=80 server_name=blog.example.org \
        site_root=/srv/blog/site replicas=127.0.0.1:8001,127.0.0.1:8002 fail_timeout=5s \
        access_log=/var/log/nginx/essaykit.access.log > /etc/nginx/sites-available/essaykit

Every NAME the template uses must be given as NAME=VALUE (a missing one is an
error that names it); ``replicas`` is a comma-separated list. Needs Jinja2
(essaykit's virtualenv has it). tests/deploy/test_scaleout.py renders the same
templates with :func:`render`.
"""

from __future__ import annotations

import sys
from pathlib import Path

LISTS = {"replicas"}


def render(template: Path, values: dict) -> str:
    import jinja2

    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    try:
        return env.from_string(Path(template).read_text(encoding="utf-8")).render(**values)
    except jinja2.UndefinedError as exc:
        raise SystemExit(f"{template}: {exc}; give it as NAME=VALUE") from None


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    values: dict = {}
    for arg in argv[1:]:
        name, sep, value = arg.partition("=")
        if not sep or not name.isidentifier():
            raise SystemExit(f"{arg!r}: give values as NAME=VALUE, e.g. listen=80")
        values[name] = [v for v in value.split(",") if v] if name in LISTS else value
    sys.stdout.write(render(Path(argv[0]), values))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
