"""How much memory a kernel may use, and how many kernels fit (docs/serve.md, "The memory limit")."""

from __future__ import annotations

import sys
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import ServerKernelManager
from traitlets import Integer, default

from ..._kernel_client import CLIENT_CLASS
from ..._kernel_ipc import transport_for

MIB = 1024 ** 2
#: Put in front of every kernel's command when there is a limit (see launch.py).
LAUNCHER = Path(__file__).with_name("launch.py")


def available_memory() -> int:
    """Bytes of memory available for new processes (MemAvailable), or 0 when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def default_max_kernels(kernel_memory: int, available: int | None = None, reserve: int = 512 * MIB) -> int:
    """As many kernels as fit in the memory available now, each at its limit, keeping ``reserve`` for the
    server; at least 1. Unknown memory: 4."""
    available = available_memory() if available is None else available
    if available <= 0 or kernel_memory <= 0:
        return 4
    return max(1, (available - reserve) // kernel_memory)


class LimitedKernelManager(ServerKernelManager):
    """One kernel, started through launch.py under ``memory_limit`` bytes of address space."""

    memory_limit = Integer(0, config=True, help="Bytes of address space each kernel may map (RLIMIT_AS); 0: no limit.")

    @default("client_class")
    def _looking(self):
        # The clients essaykit runs cells through (essaykit._kernel_client: no wait that can miss a reply).
        return CLIENT_CLASS

    @default("transport")
    def _sockets(self):
        # Unix sockets beside the connection file (essaykit._kernel_ipc): no port another process can take
        # between jupyter_client picking it and the kernel binding it.
        return transport_for(self.connection_file)

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        if self.memory_limit > 0 and sys.platform.startswith("linux"):
            return [sys.executable, str(LAUNCHER), str(self.memory_limit), "--", *cmd]
        return cmd

    def exited(self) -> bool:
        process = getattr(getattr(self, "provisioner", None), "process", None)
        return process is not None and process.poll() is not None
