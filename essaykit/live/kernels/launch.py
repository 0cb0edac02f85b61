"""Start a kernel under a memory limit: ``python launch.py LIMIT_BYTES -- KERNEL ARGV...``.

:class:`essaykit.live.kernels.memory.LimitedKernelManager` puts this file in front of
the kernel's command. It sets ``RLIMIT_AS`` (the address space the process may
map), then replaces itself with the kernel, which keeps its process id, so
the server still watches and stops the real kernel. An allocation past the
limit fails inside the kernel with ``MemoryError``; the code essaykit runs in
every kernel turns that into the kernel's exit (see ``cells.GUARD_CODE``),
and the server reclaims the slot.

Run as a file, not ``-m``: importing the essaykit package first would cost
the kernel's start-up time for nothing.
"""

import os
import resource
import sys


def main(argv: list[str]) -> None:
    if len(argv) < 3 or argv[1] != "--" or not argv[0].isdigit():
        sys.exit("usage: launch.py LIMIT_BYTES -- KERNEL ARGV...")
    limit = int(argv[0])
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        os.execv(argv[2], argv[2:])
    except OSError as exc:  # a kernel spec naming a program that is not there: one line, not a traceback
        sys.exit(f"cannot start the kernel {argv[2]}: {exc.strerror}")


if __name__ == "__main__":
    main(sys.argv[1:])
