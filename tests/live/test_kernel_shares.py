"""Each reader's share of the kernels and the line at the cap (essaykit.live.kernels.shares), without a server:
the rules by themselves, with the clock given. tests/security/test_kernel_hoarding.py plays them against
a real `essaykit serve`."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from essaykit.live.kernels.shares import KernelsBusy, Line, Owner, over_share

LIMITS = SimpleNamespace(kernels_per_session=1, kernels_per_address=2, kernels_per_network=3)


def reader(session: str, ip: str) -> Owner:
    return Owner.of(session, ip)


def test_a_reader_is_counted_by_what_an_attacker_pays_for():
    assert reader("s", "203.0.113.7") == Owner("s", "203.0.113.7/32", "203.0.113.0/24")
    assert reader("s", "2001:db8:1:2::9") == Owner("s", "2001:db8:1:2::/64", "2001:db8:1::/48")
    assert reader("s", "::ffff:203.0.113.7").network == "203.0.113.0/24", "an IPv4 address written as IPv6"


@pytest.mark.parametrize("holders, asker, named", [
    ([reader("a", "203.0.113.1")], reader("a", "198.51.100.1"), "per reader (--kernels-per-session)"),
    ([reader("a", "203.0.113.1"), reader("b", "203.0.113.1")], reader("c", "203.0.113.1"),
     "per address (--kernels-per-address)"),
    ([reader(s, f"203.0.113.{n}") for n, s in enumerate("abc", 1)], reader("d", "203.0.113.200"),
     "per network (--kernels-per-network)"),
    ([reader(s, f"2001:db8:1:{n}::1") for n, s in enumerate("abc", 1)], reader("d", "2001:db8:1:ff::1"),
     "per network (--kernels-per-network)"),
])
def test_a_reader_over_a_share_is_told_which(holders, asker, named):
    why = over_share(asker, holders, LIMITS)
    assert why is not None and named in why, why


def test_a_reader_within_every_share_may_start():
    holders = [reader("a", "203.0.113.1"), reader("b", "203.0.113.2"), reader("c", "2001:db8:1::1")]
    assert over_share(reader("d", "203.0.114.1"), holders, LIMITS) is None, "another /24"
    assert over_share(reader("d", "2001:db8:2::1"), holders, LIMITS) is None, "another /48"


def test_the_line_gives_each_network_one_kernel_before_any_gets_a_second():
    line = Line()
    holders = [reader("h", "203.0.113.1")]  # network 203.0.113.0/24 holds a kernel
    join = dict(length=10, per_network=3, wait=100)
    assert line.join(reader("w1", "203.0.113.2"), holders, now=0, **join) == 1
    assert line.join(reader("w2", "198.51.100.2"), holders, now=1, **join) == 1, \
        "a network holding no kernel goes before one that holds one, though it came later"
    assert line.join(reader("w1", "203.0.113.2"), holders, now=2, **join) == 2, "asking again keeps the place"
    assert not line.first(reader("w1", "203.0.113.2"), holders) and line.first(reader("w2", "198.51.100.2"), holders)
    assert not line.first(reader("new", "192.0.2.1"), holders), "someone not in line waits behind those who are"
    line.leave(reader("w2", "198.51.100.2"))
    assert line.first(reader("w1", "203.0.113.2"), holders)
    assert line.join(reader("w3", "192.0.2.1"), [], now=3, **join) == 2, "among equals, arrival decides"


def test_the_line_is_bounded_in_length_per_network_and_in_time():
    line = Line()
    join = dict(length=3, per_network=2, wait=30)
    line.join(reader("a", "203.0.113.1"), [], now=0, **join)
    line.join(reader("b", "203.0.113.2"), [], now=0, **join)
    with pytest.raises(KernelsBusy, match="Your network already has 2 places in line") as refused:
        line.join(reader("c", "203.0.113.3"), [], now=0, **join)
    assert refused.value.status == 503 and refused.value.retry_after == 60 and "position" not in refused.value.details
    line.join(reader("d", "198.51.100.1"), [], now=0, **join)
    with pytest.raises(KernelsBusy, match="The line for a kernel is full"):
        line.join(reader("e", "192.0.2.1"), [], now=0, **join)
    line.join(reader("a", "203.0.113.1"), [], now=5, **join)
    line.join(reader("d", "198.51.100.1"), [], now=5, **join)
    line.prune(now=10)  # "b" has not asked again for 10 s: its page is gone
    assert len(line) == 2
    with pytest.raises(KernelsBusy, match="You waited 30 s in line"):
        line.join(reader("a", "203.0.113.1"), [], now=31, **join)
    assert len(line) == 1, "a reader who waited the longest anyone waits leaves the line"


def test_a_share_is_never_more_than_half_the_cap_by_default():
    from essaykit.live.kernels import default_share

    assert default_share(4, 2) == 1 and default_share(4, 1) == 1, "with two kernels, one each for two readers"
    assert default_share(4, 6) == 3 and default_share(4, 40) == 4
