"""Client addresses as limits see them: what an attacker pays for is an address, or a network of them.

:func:`address_keys` turns the client's IP into the two keys the limits use:

=========  ===============================  ==============================
family     ``address`` (one client)         ``network`` (its neighbourhood)
=========  ===============================  ==============================
IPv4       the address itself (``/32``)     its ``/24``
IPv6       its ``/64`` (one household or    its ``/48`` (one site)
           server: they get a whole /64)
=========  ===============================  ==============================

An IPv4 address written as IPv6 (``::ffff:192.0.2.7``) is the IPv4 address.
The store keeps a salted hash of ``address`` and the ``network`` prefix in
clear (like Isso's anonymised addresses), so the author can see and delete
rating stuffing from one network without the database holding whole addresses.

Which IP is the client's is decided in one place, :mod:`essaykit._forwarded`
(``--forwarded-allow-ips``); everything here starts from that answer.
"""

from __future__ import annotations

import ipaddress

from .._forwarded import parse_ip

#: Prefix lengths: (address, network) for IPv4 and IPv6.
V4_PREFIXES = (32, 24)
V6_PREFIXES = (64, 48)


def address_keys(text: object) -> tuple[str, str]:
    """``(address, network)`` for the client IP ``text``, e.g. ``("203.0.113.7/32", "203.0.113.0/24")``;
    ``("", "")`` when there is no usable address (a kernel outside ``essaykit serve``, an import)."""
    ip = parse_ip(text)
    if ip is None:
        return "", ""
    own, wide = V4_PREFIXES if ip.version == 4 else V6_PREFIXES
    return (str(ipaddress.ip_network(f"{ip}/{own}", strict=False)),
            str(ipaddress.ip_network(f"{ip}/{wide}", strict=False)))


def network_of(text: object) -> str:
    """The network key of an IP or of a prefix written like the store shows it (``203.0.113.0/24``); ""
    when ``text`` is neither."""
    if isinstance(text, str) and "/" in text:
        try:
            net = ipaddress.ip_network(text.strip(), strict=False)
        except ValueError:
            return ""
        return address_keys(str(net.network_address))[1]
    return address_keys(text)[1]
