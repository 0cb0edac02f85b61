"""Kernels for live pages: started on request, capped, kept warm, reclaimed, and fenced off from the page.

=============  ================================================================================
module         what
=============  ================================================================================
``manager``    :class:`EssayKernelManager`: the cap, reader-owned kernels, each kernel's environment
``warm``       the warm pool: kernels started before a reader asks
``reaper``     reclaiming kernels that exited or have had no page for ``idle_seconds``
``cells``      running the essay's live cells through nbclient; the widget states the page draws from
``channels``   what a page may send its kernel (:class:`ReaderChannels`); the open page connections
``memory``     the per-kernel memory limit and the default cap; ``launch.py`` applies the limit
=============  ================================================================================
"""

from .cells import LiveCells
from .channels import ReaderChannels
from .manager import (BUSY, BUSY_RETRY_SECONDS, HEADERS, STOPPED, EssayKernelManager, KernelMissing,
                      KernelsBusy)
from .memory import LimitedKernelManager, available_memory, default_max_kernels

__all__ = ["BUSY", "BUSY_RETRY_SECONDS", "HEADERS", "EssayKernelManager", "KernelMissing", "KernelsBusy", "LimitedKernelManager", "LiveCells",
           "ReaderChannels", "STOPPED", "available_memory", "default_max_kernels"]
