"""Kernels for live pages: started on request, capped, kept warm, reclaimed, and fenced off from the page.

=============  ================================================================================
module         what
=============  ================================================================================
``manager``    :class:`EssayKernelManager`: the cap, reader-owned kernels, each kernel's environment
``warm``       the warm pool: kernels started before a reader asks
``shares``     each reader's share of the kernels (per session, address, network) and the line at the cap
``reaper``     reclaiming kernels that exited, have had no page or no use for a while, or reached their lifetime
``cells``      running the essay's live cells through nbclient; the widget states the page draws from
``channels``   what a page may send its kernel (:class:`ReaderChannels`); the open page connections
``memory``     the per-kernel memory limit and the default cap; ``launch.py`` applies the limit
=============  ================================================================================
"""

from .cells import KernelNoAnswer, LiveCells
from .channels import ReaderChannels
from .manager import HEADERS, STOPPED, EssayKernelManager, KernelMissing
from .memory import LimitedKernelManager, available_memory, default_max_kernels
from .shares import BUSY, BUSY_RETRY_SECONDS, KernelsBusy, KernelsLimited, Owner, default_share

__all__ = ["BUSY", "BUSY_RETRY_SECONDS", "HEADERS", "EssayKernelManager", "KernelMissing", "KernelNoAnswer", "KernelsBusy", "KernelsLimited",
           "LimitedKernelManager", "LiveCells", "Owner", "ReaderChannels", "STOPPED", "available_memory",
           "default_max_kernels", "default_share"]
