"""X-Forwarded-For spoofing: the header buys an attacker a new address only if the server believes
it. essaykit._forwarded.TrustedProxies is the one place that decides (uvicorn's and gunicorn's rule)."""

from __future__ import annotations

import pytest

from essaykit.comments.addresses import address_keys
from essaykit.errors import ConfigError
from essaykit._forwarded import TrustedProxies

LOCAL = TrustedProxies.parse("127.0.0.1")
CHAIN = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8, ::1")

CASES = [
    # (case, proxies, peer, X-Forwarded-For values, client)
    ("no option: header ignored", TrustedProxies.parse(None), "127.0.0.1", ["203.0.113.9"], "127.0.0.1"),
    ("untrusted peer: header ignored", LOCAL, "198.51.100.7", ["203.0.113.9"], "198.51.100.7"),
    ("trusted peer, one hop", LOCAL, "127.0.0.1", ["203.0.113.9"], "203.0.113.9"),
    ("the right-most untrusted hop wins", LOCAL, "127.0.0.1", ["6.6.6.6, 203.0.113.9"], "203.0.113.9"),
    ("listed proxies are skipped", CHAIN, "127.0.0.1", ["6.6.6.6, 203.0.113.9, 10.1.2.3"], "203.0.113.9"),
    ("several headers are one list", CHAIN, "::1", ["6.6.6.6", "203.0.113.9, 10.0.0.5"], "203.0.113.9"),
    ("every hop trusted: the left-most", TrustedProxies.parse("*"), "127.0.0.1", ["6.6.6.6, 203.0.113.9"],
     "6.6.6.6"),
    ("garbage stops at the last vouched address", CHAIN, "127.0.0.1", ["203.0.113.9, not-an-ip, 10.0.0.9"],
     "10.0.0.9"),
    ("garbage right after the proxy", LOCAL, "127.0.0.1", ["<script>"], "127.0.0.1"),
    ("IPv6 in brackets with a port", LOCAL, "127.0.0.1", ["[2001:db8::5]:4431"], "2001:db8::5"),
    ("IPv4 with a port", LOCAL, "127.0.0.1", ["203.0.113.9:5555"], "203.0.113.9"),
    ("IPv4-mapped peer", LOCAL, "::ffff:127.0.0.1", ["203.0.113.9"], "203.0.113.9"),
    ("empty header", LOCAL, "127.0.0.1", [" , "], "127.0.0.1"),
]


@pytest.mark.parametrize("proxies, peer, forwarded, client", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_client_address(proxies, peer, forwarded, client):
    assert proxies.client(peer, forwarded) == client


@pytest.mark.parametrize("text", ["127.0.0.1, nonsense", "300.1.1.1", "10.0.0.0/33", "localhost"])
def test_a_bad_option_is_refused_naming_the_entry(text):
    with pytest.raises(ConfigError, match="--forwarded-allow-ips"):
        TrustedProxies.parse(text)


@pytest.mark.parametrize("ip, keys", [
    ("203.0.113.9", ("203.0.113.9/32", "203.0.113.0/24")),
    ("::ffff:203.0.113.9", ("203.0.113.9/32", "203.0.113.0/24")),
    ("2001:db8:1:2:3:4:5:6", ("2001:db8:1:2::/64", "2001:db8:1::/48")),
    ("fe80::1%eth0", ("fe80::/64", "fe80::/48")),
    ("", ("", "")), ("not an ip", ("", "")),
])
def test_what_limits_key_on(ip, keys):
    assert address_keys(ip) == keys


def test_serve_refuses_a_bad_option_in_one_line(cli, tmp_path):
    result = cli("serve", tmp_path, "--forwarded-allow-ips", "10.0.0.0/8,proxy.example")
    assert result.exit_code == 2 and "'proxy.example' is not an IP address" in result.output, result.output
