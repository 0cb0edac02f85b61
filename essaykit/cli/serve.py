"""The ``essaykit serve`` command: read essays live, as Voilà pages.

    essaykit serve [PATH] [--port 8866] [--host 127.0.0.1] [--db URL]

PATH is one essay notebook, or a folder whose notebooks are listed on an
index page (default: the current folder). The server answers only for the
essays, the images they show and what Voilà's front end needs; see
:mod:`essaykit.live.app` and docs/serve.md.
"""

from __future__ import annotations

import errno
import logging
import os
import socket
import sys
from pathlib import Path

import click

from .. import limits
from .._words import plural
from ..errors import EssaykitError
from ..names import ENV_CLIENT, ENV_DB, ENV_KNOWN, ENV_OIDC_SECRET, ENV_SESSION, ENV_SLUG
from ._command import EssaykitCommand
from ._mail_options import link_options, smtp_options


def _check_port(host: str, port: int) -> None:
    """Fail with one clear line when the port is taken (Voilà would quietly pick another)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise EssaykitError(f"port {port} on {host} is already in use; stop the other server or pass --port") from None
            if exc.errno == errno.EACCES:
                raise EssaykitError(f"not allowed to listen on port {port}; pick a port above 1023 with --port") from None
            raise EssaykitError(f"cannot listen on {host}:{port} ({exc.strerror}); check --host") from None


def _log_to_stderr() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("[essaykit %(levelname).1s %(asctime)s] %(message)s", "%H:%M:%S"))
    logger = logging.getLogger("essaykit")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


@click.command("serve", cls=EssaykitCommand)
@click.argument("path", type=click.Path(path_type=Path), default=Path("."))
@click.option("--port", type=click.IntRange(1, 65535), default=8866, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Only loopback by default; use 0.0.0.0 to let other machines read.")
@click.option("--db", "db", default=None, metavar="URL",
              help="Comment database, e.g. sqlite:///essays/.essaykit/comments.sqlite or "
                   "postgresql+psycopg://me@localhost/essays. Default: $ESSAYKIT_DB, else "
                   ".essaykit/comments.sqlite in the site folder (the nearest folder with an "
                   "essaykit.toml, else the essays' folder).")
@click.option("--title", default="Essays", show_default=True, help="Title of the index page when serving a folder.")
@click.option("--drafts", is_flag=True,
              help="List drafts (essay.draft) and essays dated in the future on the index, marked 'Draft'.")
@click.option("--warm-kernels", type=click.IntRange(0, 16), default=1, show_default=True,
              help="Kernels kept started for the next reader (0: start one per page view).")
@click.option("--max-kernels", type=click.IntRange(1, 10_000), default=None, metavar="N",
              help="Kernels at most at once, warm ones included; a reader past the cap gets the whole page, "
                   "with live code shown as saved. Default: as many as fit in the memory available at "
                   "start-up at --kernel-memory each (printed at start-up).")
@click.option("--idle-seconds", type=click.FloatRange(1, 86_400), default=60, show_default=True,
              help="Shut a kernel down when no page has been connected to it for this long.")
@click.option("--kernels-per-session", type=click.IntRange(1, 10_000), default=None, metavar="N",
              help=f"Kernels one reader (their signed session) may hold at once. Default: "
                   f"{limits.KERNELS_PER_SESSION}, or half of --max-kernels when that is less.")
@click.option("--kernels-per-address", type=click.IntRange(1, 10_000), default=None, metavar="N",
              help=f"Kernels one client address (IPv4, or an IPv6 /64) may hold at once. Default: "
                   f"{limits.KERNELS_PER_ADDRESS}, or half of --max-kernels when that is less.")
@click.option("--kernels-per-network", type=click.IntRange(1, 10_000), default=None, metavar="N",
              help=f"Kernels one network (IPv4 /24, IPv6 /48) may hold at once, and places in line it may take. "
                   f"Default: {limits.KERNELS_PER_NETWORK}, or half of --max-kernels when that is less.")
@click.option("--kernel-lifetime", type=click.FloatRange(1, 7 * 86_400), default=limits.KERNEL_LIFETIME_SECONDS,
              show_default=True, metavar="SECONDS",
              help="Shut a reader's kernel down this long after it started, however it is used.")
@click.option("--inactive-seconds", type=click.FloatRange(1, 86_400), default=limits.KERNEL_INACTIVE_SECONDS,
              show_default=True, metavar="SECONDS",
              help="Shut a kernel down when its reader has not used a widget for this long, even with the page open.")
@click.option("--cell-timeout", "cell_timeout", type=click.FloatRange(1, 86_400), default=limits.LIVE_CODE_SECONDS,
              show_default=True, metavar="SECONDS",
              help="The longest the essay's live cells may run, all together, for one reader; past it the page "
                   "is told the live version stopped and the kernel is shut down.")
@click.option("--queue-length", type=click.IntRange(0, 100_000), default=limits.KERNEL_QUEUE_LENGTH,
              show_default=True, metavar="N", help="Readers waiting in line for a kernel at the cap, at most.")
@click.option("--queue-seconds", type=click.FloatRange(1, 86_400), default=limits.KERNEL_QUEUE_SECONDS,
              show_default=True, metavar="SECONDS",
              help="The longest a reader waits in line before being told the live version is busy.")
@click.option("--kernel-memory", default="1GiB", show_default=True, metavar="SIZE",
              help="Memory each kernel may use (its address space, RLIMIT_AS), e.g. 512MiB or 2GiB; a kernel "
                   "that goes over it is shut down and its reader is told the live version is busy.")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="URL",
              help="Another origin whose pages may post comments and ratings here, e.g. the static site "
                   "https://blog.example.org (repeatable). This server's own pages always may.")
@click.option("--allow-private-sources", is_flag=True,
              help="Let the mention receiver fetch private, loopback and link-local addresses. "
                   "For tests and intranets only: anyone who can send a mention can then make the "
                   "server fetch addresses on its network.")
@click.option("--oidc-issuer", default=None, metavar="URL",
              help="Offer sign-in to comment with this OpenID Connect provider, e.g. https://accounts.example.org "
                   "(its discovery document must name the same issuer). Needs --oidc-client-id; the client "
                   f"secret comes from ${ENV_OIDC_SECRET}.")
@click.option("--oidc-client-id", default=None, metavar="ID", help="This site's client id at --oidc-issuer.")
@click.option("--oidc-name", default=None, metavar="NAME",
              help="The provider's name on the comment form (\"Sign in with NAME\"). Default: the issuer's host.")
@smtp_options
@link_options(public_url_fallback="http://HOST:PORT/")
@click.option("--mail-every", type=click.FloatRange(0.2, 3600), default=5, show_default=True, metavar="SECONDS",
              help="How often the server looks for mail to send.")
@click.option("--forwarded-allow-ips", "forwarded_allow_ips", default=None, metavar="IPS",
              help="Proxies whose X-Forwarded-For header is believed, comma-separated addresses or networks "
                   "(e.g. 127.0.0.1 or 10.0.0.0/8,::1; '*' for any), as in uvicorn and gunicorn. The client "
                   "is the right-most address in the header that is not one of them. Without this option "
                   "the header is ignored and the client is the connection's peer.")
def serve_command(path: Path, port: int, host: str, db: str | None, title: str, drafts: bool, warm_kernels: int,
                  max_kernels: int | None, idle_seconds: float, kernels_per_session: int | None,
                  kernels_per_address: int | None, kernels_per_network: int | None, kernel_lifetime: float, inactive_seconds: float, cell_timeout: float,
                  queue_length: int, queue_seconds: float, kernel_memory: str,
                  allow_origins: tuple[str, ...], allow_private_sources: bool, smtp: str | None,
                  mail_from: str | None, notify: str | None, public_url: str | None, mail_every: float,
                  forwarded_allow_ips: str | None, oidc_issuer: str | None, oidc_client_id: str | None,
                  oidc_name: str | None) -> None:
    """Serve the essay at PATH, or the essays in folder PATH, as live pages."""
    from .._forwarded import TrustedProxies

    proxies = TrustedProxies.parse(forwarded_allow_ips)  # first: a typo is one line, before anything loads
    mail = _mail_config(path, host, port, smtp=smtp, sender=mail_from, notify=notify, public_url=public_url)
    from ..signin.config import SignInConfig

    sign_in = SignInConfig.of(mail=mail.enabled, issuer=oidc_issuer, client_id=oidc_client_id, name=oidc_name,
                              allow_private=allow_private_sources)
    from ..db.engine import default_url, resolve_url, shown_url, sqlite_file
    from ..live.kernels import available_memory, default_max_kernels, default_share
    from ..live.api.origins import OriginPolicy
    from ..live.pages.site import EssaySite

    memory = parse_size(kernel_memory)
    cap_note = "--max-kernels"
    if max_kernels is None:
        available = available_memory()
        max_kernels = default_max_kernels(memory)
        cap_note = (f"{_bytes(available)} available / {_bytes(memory)} per kernel" if available
                    else "memory unknown") + "; change with --max-kernels"

    kernels_per_session = kernels_per_session or default_share(limits.KERNELS_PER_SESSION, max_kernels)
    kernels_per_address = kernels_per_address or default_share(limits.KERNELS_PER_ADDRESS, max_kernels)
    kernels_per_network = kernels_per_network or default_share(limits.KERNELS_PER_NETWORK, max_kernels)
    policy = OriginPolicy.of(allow_origins)

    if allow_private_sources:
        from ..mentions.fetch import ALLOW_PRIVATE_WARNING

        click.echo(ALLOW_PRIVATE_WARNING, err=True)
    site = EssaySite.discover(path)
    for problem in site.skipped:
        click.echo(f"warning: not serving {problem}", err=True)
    _check_port(host, port)

    # Every kernel inherits this environment: the database for CommentSection()
    # and Rating(). The essay's slug and the reader's session are set per page
    # view (essaykit.live.kernels), so stray values must not leak into kernels.
    os.environ[ENV_DB] = resolve_url(db, essay_dir=site.root)
    if os.environ[ENV_DB] == default_url(site.root):
        folder = sqlite_file(os.environ[ENV_DB]).parent
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise EssaykitError(f"{folder}: cannot create the comment database folder ({exc.strerror}); "
                                "pass --db with a writable location") from None
    from ..comments.store import CommentStore

    # Before listening: an unreachable or malformed --db stops here with the one line
    # `essaykit comments list` gives, instead of a server whose every page says "unavailable".
    with CommentStore.open(os.environ[ENV_DB]):
        pass
    for name in (ENV_SLUG, ENV_SESSION, ENV_CLIENT, ENV_KNOWN):
        os.environ.pop(name, None)

    from ..live.app import EssayVoila, voila_config
    from ..html.paths import share_dir

    # Voilà finds templates on the Jupyter path; put essaykit's own share/jupyter
    # first, so a source checkout serves its templates, not a stale installed copy.
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(share_dir())] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p])

    _log_to_stderr()
    names = sorted({((i.essay.notebook.get("metadata") or {}).get("kernelspec") or {}).get("name") or "python3"
                    for i in site.essays.values()})
    from ..live.api.service import CommentApi, install

    app = EssayVoila(config=voila_config(kernel_names=names, warm_kernels=min(warm_kernels, max_kernels),
                                         max_kernels=max_kernels, idle_seconds=idle_seconds, kernel_memory=memory,
                                         kernels_per_session=kernels_per_session,
                                         kernels_per_address=kernels_per_address,
                                         kernels_per_network=kernels_per_network, kernel_lifetime=kernel_lifetime,
                                         inactive_seconds=inactive_seconds, queue_length=queue_length,
                                         queue_seconds=queue_seconds, live_code_seconds=cell_timeout))
    app.site = site
    app.comment_api = CommentApi(site=site, policy=policy, db_url=os.environ[ENV_DB], mail_enabled=mail.enabled,
                                 sign_in=sign_in)
    install(app.comment_api)
    app.site_title = title
    app.show_drafts = drafts
    app.allow_private_sources = allow_private_sources
    app.mail = mail
    app.mail_interval = mail_every
    app.trusted_proxies = proxies
    target = next(iter(site.essays.values())).path if site.single else site.root
    app.initialize([str(target), f"--port={port}", f"--Voila.ip={host}", "--Voila.port_retries=0"])
    shown = f"[{host}]" if ":" in host else host
    what = next(iter(site.essays.values())).essay.meta.title if site.single else plural(len(site.essays), "essay")
    click.echo(f"Serving {what} at http://{shown}:{port}/ (database: {shown_url(os.environ['ESSAYKIT_DB'])}); "
               "press Ctrl-C to stop.", err=True)
    click.echo(f"Kernels: at most {max_kernels} at once ({cap_note}), {_bytes(memory)} each, shut down after "
               f"{idle_seconds:g} s with no page connected; page views start none.", err=True)
    click.echo(f"Per reader: {kernels_per_session} per session, {kernels_per_address} per address, "
               f"{kernels_per_network} per network; each lives {kernel_lifetime:g} s at most, "
               f"{inactive_seconds:g} s unused, its live cells {cell_timeout:g} s; {queue_length} may wait in line, {queue_seconds:g} s at most.", err=True)
    click.echo(mail.describe(), err=True)
    click.echo(sign_in.describe(), err=True)
    if policy.listed:
        click.echo(f"Pages at {', '.join(sorted(policy.listed))} may post comments and ratings.", err=True)
    if proxies:
        click.echo(f"X-Forwarded-For is believed from {forwarded_allow_ips.strip()}.", err=True)
    app.start()



def _mail_config(path: Path, host: str, port: int, **given):
    """The mail settings (essaykit.mail.config), checked before anything heavy loads."""
    from ..mail.config import MailConfig

    shown_host = f"[{host}]" if ":" in host else host
    wildcard = host in ("0.0.0.0", "::", "")  # no address a reader could use in a link
    mail = MailConfig.load(site_dir=path, default_public_url="" if wildcard else f"http://{shown_host}:{port}/",
                           **given)
    if mail.enabled and not mail.public_url:
        raise EssaykitError(f"the links in emails need the address readers use to reach this server; with "
                            f"--host {host} pass --public-url https://comments.example.org/ (or set "
                            "ESSAYKIT_PUBLIC_URL)")
    return mail


_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "kib": 1024, "m": 1000 ** 2, "mb": 1000 ** 2, "mib": 1024 ** 2,
          "g": 1000 ** 3, "gb": 1000 ** 3, "gib": 1024 ** 3, "t": 1000 ** 4, "tb": 1000 ** 4, "tib": 1024 ** 4}


def parse_size(text: str) -> int:
    """``"1GiB"``, ``"512M"``, ``"2.5 GB"`` or a number of bytes; EssaykitError for anything else."""
    import re

    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text or "")
    unit = match.group(2).lower() if match else None
    if match is None or unit not in _UNITS:
        raise EssaykitError(f"--kernel-memory {text!r}: give a size such as 512MiB, 1GiB or 2GB")
    size = int(float(match.group(1)) * _UNITS[unit])
    if size < 64 * 1024 ** 2:
        raise EssaykitError(f"--kernel-memory {text!r}: a kernel needs at least 64MiB; give e.g. 512MiB or 1GiB")
    return size


def _bytes(n: int) -> str:
    for unit, size in (("GiB", 1024 ** 3), ("MiB", 1024 ** 2)):
        if n >= size:
            return f"{n / size:.1f} {unit}".replace(".0 ", " ")
    return f"{n} B"
