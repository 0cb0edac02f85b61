"""Kernels on Unix domain sockets (ZeroMQ's ``ipc`` transport) wherever the platform has them.

Over TCP, jupyter_client picks five free ports, closes them and hands their numbers to the kernel, which
binds them a moment later; on a busy machine another process can take one in between, and the kernel
dies with ZeroMQ's "Address already in use". Over ``ipc`` there is no port to take: jupyter_client names
a kernel's five sockets after its connection file (``kernel-<id>-ipc-1`` … ``-5`` beside
``kernel-<id>.json``), in a folder that is the starting process's alone (mode 0700): Voilà's per-server
``connection_dir`` for ``essaykit serve``, a folder of its own for each export. Kernel ids and these
folders are unique, so two servers or build workers on one machine never share a path; jupyter_client
removes a kernel's sockets when it shuts the kernel down (``cleanup_ipc_files``), and the folder goes
with its owner.

A socket's path holds at most :data:`SOCKET_PATH_MAX` bytes, so a kernel whose path would be longer
(a deep temporary folder) stays on TCP rather than fail; so do kernels on Windows.
"""

from __future__ import annotations

import os
import sys
import tempfile

import zmq

#: Bytes in a Unix socket's path: ``sun_path`` is 108 bytes on Linux and 104 on macOS, its NUL included.
SOCKET_PATH_MAX = 103 if sys.platform == "darwin" else 107
#: What jupyter_client adds to a connection file's name (without ``.json``) for its sockets, with room:
#: it numbers them from 1 and skips names already taken, which never happens in a folder of our own.
SOCKETS_SUFFIX = "-ipc-99"
#: The deepest connection file under a root: a private folder (``mkdtemp``'s 8 characters after a
#: prefix of up to 9) and ``kernel-<uuid>.json``.
_DEEPEST = "/essaykit-12345678/kernel-12345678-1234-1234-1234-123456789abc.json"
IPC = os.name == "posix" and zmq.has("ipc")


def socket_path(connection_file: str) -> str:
    """The longest path of the sockets of a kernel started with ``connection_file``."""
    return os.path.splitext(connection_file)[0] + SOCKETS_SUFFIX


def transport_for(connection_file: str) -> str:
    """``"ipc"`` when the kernel of ``connection_file`` (an absolute path: kernel and server resolve a
    relative one in different folders) can have its sockets beside it, else ``"tcp"``."""
    if IPC and os.path.isabs(connection_file) and len(os.fsencode(socket_path(connection_file))) <= SOCKET_PATH_MAX:
        return "ipc"
    return "tcp"


def socket_root() -> str:
    """Where private folders for kernels' sockets go: the temporary folder, or ``/tmp`` where that one is
    too deep for them (macOS's ``/var/folders/…/T``, a long ``TMPDIR``)."""
    root = tempfile.gettempdir()
    if len(os.fsencode(socket_path(root + _DEEPEST))) > SOCKET_PATH_MAX and os.path.isdir("/tmp"):
        return "/tmp"
    return root
