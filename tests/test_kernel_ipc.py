"""essaykit._kernel_ipc: which kernels go on Unix sockets, and where."""

import os
import tempfile

from essaykit._kernel_ipc import SOCKET_PATH_MAX, socket_path, socket_root, transport_for

UUID = "7bb4b65d-2231-4c00-ac8d-83ca575e035c"


def test_a_kernel_goes_on_unix_sockets_only_where_their_paths_fit():
    short = f"/tmp/voila_abcdefgh/kernel-{UUID}.json"
    assert transport_for(short) == "ipc"
    tail = len(socket_path(f"/kernel-{UUID}.json"))

    def at(length: int) -> str:  # a connection file whose longest socket path has ``length`` bytes
        return "/tmp/" + "d" * (length - len("/tmp/") - tail) + f"/kernel-{UUID}.json"

    assert len(os.fsencode(socket_path(at(SOCKET_PATH_MAX)))) == SOCKET_PATH_MAX
    assert transport_for(at(SOCKET_PATH_MAX)) == "ipc"
    deep = at(SOCKET_PATH_MAX + 1)
    assert transport_for(deep) == "tcp", "a socket path the kernel cannot bind: TCP rather than a failed start"
    assert transport_for(f"kernel-{UUID}.json") == "tcp", "a relative path means another folder to the kernel"
    assert transport_for("") == "tcp"


def test_a_deep_temporary_folder_gives_way_to_tmp(monkeypatch, tmp_path):
    deep = tmp_path / ("d" * 60)
    deep.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    assert socket_root() == "/tmp", "macOS's /var/folders/…/T or a long TMPDIR is too deep for sockets"
    monkeypatch.setattr(tempfile, "tempdir", "/tmp")
    assert socket_root() == "/tmp"
    assert transport_for(os.path.join(tempfile.mkdtemp(prefix="voila_", dir=socket_root()), f"kernel-{UUID}.json")) \
        == "ipc", "a server's folder under the root always fits"
