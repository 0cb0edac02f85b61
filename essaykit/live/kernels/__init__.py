"""Kernels for live pages: started on request, capped, pooled warm, reclaimed, and fenced off from the page.

The rest of essaykit imports what it needs from here.
"""

from .channels import ReaderChannels
from .manager import (BUSY, HEADERS, EssayKernelManager, KernelsBusy, LimitedKernelManager, WidgetStates,
                      available_memory, default_max_kernels)

__all__ = ["BUSY", "HEADERS", "EssayKernelManager", "KernelsBusy", "LimitedKernelManager", "ReaderChannels",
           "WidgetStates", "available_memory", "default_max_kernels"]
