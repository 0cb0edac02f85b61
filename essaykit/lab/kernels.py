"""The kernel client of JupyterLab's kernels (the ones Voilà's preview runs essays on).

essaykit runs notebooks through :class:`essaykit._kernel_client.LookingKernelClient`, whose waits for a
kernel message cannot miss one that has already arrived. Voilà's preview inside JupyterLab runs the
essay's cells through nbclient with the client of the server's kernel managers, which by default is
jupyter_client's: under load its wait for a cell's reply, with no timeout, now and then never ends
although the kernel has answered (seen as a preview stuck on the demo essay's ``interact`` cell).

A ``jupyter_server_config.d`` file cannot set this: Jupyter Server reads only
``ServerApp.jpserver_extensions`` from those files, so the server extension sets it when it loads, in the
kernel manager's own configuration (which every kernel's manager is created from), and only where the
host has not chosen a client class for any of that manager's classes.
"""

from __future__ import annotations

from traitlets.utils.importstring import import_item

from .._kernel_client import CLIENT_CLASS


def use_looking_client(serverapp) -> bool:
    """Make kernels started from now on use essaykit's client; False when the host configured one."""
    mapping = serverapp.kernel_manager
    config = mapping.config
    factory = mapping.kernel_manager_class
    manager_class = import_item(factory) if isinstance(factory, str) else factory
    for klass in manager_class.__mro__:
        if klass.__name__ in config and "client_class" in config[klass.__name__]:
            return False
    config[manager_class.__name__]["client_class"] = CLIENT_CLASS
    return True
