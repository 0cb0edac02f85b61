"""Benchmark starting one of ``essaykit serve``'s kernels on Unix sockets against the stock TCP transport.

    .venv/bin/python bench/kernel_start.py [--runs 10]

Each run starts a ``python3`` kernel through the server's own kernel manager
(:class:`essaykit.live.kernels.EssayKernelManager`, configured by ``voila_config``, no warm kernels) and
times it from the start until the kernel has run a statement (what a reader's new kernel waits for), once
on ``ipc`` (essaykit's default on Linux and macOS, essaykit/_kernel_ipc.py) and once on ``tcp``
(jupyter_client's default), turn about so that a busy machine slows both alike. It prints the median and
the slowest of each and the ratio (ipc / tcp); the target is <= 1.0x: the sockets cost no start time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Run as a script, this folder comes first on sys.path, and its voila.py would stand in for Voilà.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from essaykit._kernel_ipc import socket_root  # noqa: E402
from essaykit.live.app.voila import voila_config  # noqa: E402
from essaykit.live.kernels import EssayKernelManager  # noqa: E402


async def start_once(transport: str) -> float:
    config = voila_config(warm_kernels=0)
    config.LimitedKernelManager.transport = transport
    with tempfile.TemporaryDirectory(prefix="voila_", dir=socket_root()) as folder:
        km = EssayKernelManager(config=config, connection_dir=folder)
        began = time.perf_counter()
        kernel_id = await km.launch("python3", km.kernel_environment(os.environ))
        try:
            await km.run_silently(kernel_id, "pass", timeout=120)
            elapsed = time.perf_counter() - began
            said = km.get_kernel(kernel_id).get_connection_info()["transport"]
            assert said == transport, f"asked for {transport}, started on {said}"
        finally:
            await km.shutdown_all(now=True)
    return elapsed


async def main(runs: int) -> None:
    times: dict[str, list[float]] = {"ipc": [], "tcp": []}
    await start_once("ipc")  # Python's and the kernel's caches, not counted
    for i in range(runs):
        for transport in (("ipc", "tcp") if i % 2 == 0 else ("tcp", "ipc")):
            times[transport].append(await start_once(transport))
    for transport, seconds in times.items():
        print(f"{transport}: median {statistics.median(seconds):.3f} s, slowest {max(seconds):.3f} s ({runs} starts)")
    print(f"ipc / tcp: {statistics.median(times['ipc']) / statistics.median(times['tcp']):.2f}x (target <= 1.0x)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    asyncio.run(main(parser.parse_args().runs))
