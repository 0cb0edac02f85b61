// essaykit's one widget bundle: ipywidgets' own HTML manager, its controls and output widget, and a
// kernel connection from @jupyterlab/services, the pattern of ipywidgets' examples/web3.
// Built by ./dev widgets-bundle into share/jupyter/essaykit/widgets/ (see build.mjs); pages load it
// as a classic script that defines window.essaykitWidgets.

import { HTMLManager } from '@jupyter-widgets/html-manager/lib/htmlmanager';
import { shims } from '@jupyter-widgets/base';
import { KernelConnection } from '@jupyterlab/services/lib/kernel/default';
import { ServerConnection } from '@jupyterlab/services/lib/serverconnection';

// The stylesheets are built beside the script (src/controls.css, src/icons.css): static pages take
// the controls' rules without the script, and icons only when a widget has one.

export const STATE_MIME = 'application/vnd.jupyter.widget-state+json';
export const VIEW_MIME = 'application/vnd.jupyter.widget-view+json';
export { HTMLManager };

/** An HTMLManager whose models talk to a kernel through its comms (ipywidgets' examples/web3). */
export class KernelWidgetManager extends HTMLManager {
  constructor(kernel, options) {
    super(options);
    this.kernel = kernel;
    kernel.registerCommTarget(this.comm_target_name, (comm, msg) =>
      this.handle_comm_open(new shims.services.Comm(comm), msg)
    );
  }

  async _create_comm(targetName, modelId, data, metadata, buffers) {
    const comm = this.kernel.createComm(targetName, modelId);
    if (data || metadata) {
      comm.open(data, metadata, buffers);
    }
    return new shims.services.Comm(comm);
  }

  async _get_comm_info() {
    const reply = await this.kernel.requestCommInfo({ target_name: this.comm_target_name });
    return reply.content.comms;
  }
}

/** A connection to a running kernel of a Jupyter server (no polling, no session). */
export function connectKernel({ baseUrl, wsUrl, kernelId, name }) {
  const serverSettings = ServerConnection.makeSettings({ baseUrl, wsUrl });
  return new KernelConnection({ model: { id: kernelId, name: name || 'python3' }, serverSettings });
}

/**
 * Bring the widgets of a page to life from its saved widget state, without a kernel: each
 * `<script type="application/vnd.jupyter.widget-view+json">` becomes ipywidgets' own view, in place
 * of the server-drawn markup just before it (marked `data-ek-widget`). Resolves to the manager.
 */
export async function renderSaved(root = document, manager = new HTMLManager()) {
  const stateTag = root.querySelector(`script[type="${STATE_MIME}"]`);
  if (!stateTag) {
    return manager;
  }
  const models = await manager.set_state(JSON.parse(stateTag.textContent));
  const byId = new Map(models.map((m) => [m.model_id, m]));
  const views = Array.from(root.querySelectorAll(`script[type="${VIEW_MIME}"]`));
  await Promise.all(
    views.map(async (tag) => {
      const model = byId.get(JSON.parse(tag.textContent).model_id);
      if (!model || !tag.parentElement) {
        return;
      }
      const host = document.createElement('div');
      host.className = 'widget-subarea';
      const drawn = tag.previousElementSibling;
      tag.parentElement.insertBefore(host, tag);
      await manager.display_view(manager.create_view(model), host);
      if (drawn && drawn.hasAttribute('data-ek-widget')) {
        drawn.remove();
      }
    })
  );
  return manager;
}
