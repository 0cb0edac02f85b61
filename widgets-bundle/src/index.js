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
 * Bring the widgets of a page to life from its saved widget state
 * (`<script type="application/vnd.jupyter.widget-state+json">`), without a kernel: each element
 * `[data-ek-widget="MODEL_ID"]` (where the server drew the widget) gets ipywidgets' own view of
 * that model in place of its content. Resolves to the manager once every view is drawn.
 */
export async function renderSaved(root = document, manager = new HTMLManager()) {
  const stateTag = root.querySelector(`script[type="${STATE_MIME}"]`);
  if (!stateTag) {
    return manager;
  }
  const models = await manager.set_state(JSON.parse(stateTag.textContent));
  const byId = new Map(models.map((m) => [m.model_id, m]));
  await Promise.all(
    Array.from(root.querySelectorAll('[data-ek-widget]')).map(async (host) => {
      const model = byId.get(host.getAttribute('data-ek-widget'));
      if (!model) {
        return;
      }
      const view = await manager.create_view(model);
      host.replaceChildren();
      await manager.display_view(view, host);
    })
  );
  return manager;
}
