// essaykit's one widget bundle: ipywidgets' own HTML manager, its controls and output widget, and a
// kernel connection from @jupyterlab/services, the pattern of ipywidgets' examples/web3.
// Built by ./dev widgets-bundle into share/jupyter/essaykit/widgets/ (see build.mjs); pages load it
// as a classic script that defines window.essaykitWidgets.

import { HTMLManager } from '@jupyter-widgets/html-manager/lib/htmlmanager';
import * as base from '@jupyter-widgets/base';
import { base64ToBuffer } from '@jupyter-widgets/base-manager/lib/utils';
import createAnywidget from 'anywidget';
import * as output from './output';
import * as sliders from './sliders';
import { KernelConnection } from '@jupyterlab/services/lib/kernel/default';
import { ServerConnection } from '@jupyterlab/services/lib/serverconnection';

// The stylesheets are built beside the script (src/controls.css, src/icons.css): static pages take
// the controls' rules without the script, and icons only when a widget has one.

export const STATE_MIME = 'application/vnd.jupyter.widget-state+json';
export { HTMLManager };

/** ipywidgets' HTML manager with sliders whose handles carry their label (a screen reader names the
 * handle, not just the track): the manager of a static page's saved widgets. */
export class PageWidgetManager extends HTMLManager {
  loadClass(className, moduleName, moduleVersion) {
    if (moduleName === '@jupyter-widgets/controls' && sliders.views[className]) {
      return Promise.resolve(sliders.views[className]);
    }
    return super.loadClass(className, moduleName, moduleVersion);
  }
}

/** The page manager whose models talk to a kernel through its comms (ipywidgets' examples/web3). */
export class KernelWidgetManager extends PageWidgetManager {
  constructor(kernel, options) {
    super(options);
    this.anywidget = null;
    this.kernel = kernel;
    kernel.registerCommTarget(this.comm_target_name, (comm, msg) =>
      this.handle_comm_open(new base.shims.services.Comm(comm), msg)
    );
  }

  async _create_comm(targetName, modelId, data, metadata, buffers) {
    const comm = this.kernel.createComm(targetName, modelId);
    if (data || metadata) {
      comm.open(data, metadata, buffers);
    }
    return new base.shims.services.Comm(comm);
  }

  async _get_comm_info() {
    const reply = await this.kernel.requestCommInfo({ target_name: this.comm_target_name });
    return reply.content.comms;
  }

  /** Output widgets that catch what the kernel prints for them and anywidget's front end (bundled:
   * its module is the same file the Python package ships); the rest as the page manager loads them. */
  loadClass(className, moduleName, moduleVersion) {
    if (moduleName === '@jupyter-widgets/output' && output[className]) {
      return Promise.resolve(output[className]);
    }
    if (moduleName === 'anywidget') {
      this.anywidget = this.anywidget || createAnywidget(base);
      const found = this.anywidget[className];
      return found ? Promise.resolve(found) : Promise.reject(new Error(`anywidget has no ${className}`));
    }
    return super.loadClass(className, moduleName, moduleVersion);
  }

  /**
   * The models of widgets that exist in the kernel, from their state as the server saw it
   * (`application/vnd.jupyter.widget-state+json`, the model ids being the comm ids): each gets its
   * comm without a round trip to the kernel, the way ManagerBase._loadFromKernel does once the
   * kernel has answered. Resolves to the models; one that fails is left out (and logged).
   */
  async restore(widgetState) {
    const states = widgetState.state || {};
    const ids = Object.keys(states);
    // Every comm first: a model's state may name another model, whose promise new_model registers
    // before its first await; so each new_model below starts before any of them waits.
    const comms = await Promise.all(ids.map((id) => this._create_comm(this.comm_target_name, id)));
    const models = await Promise.all(ids.map(async (id, n) => {
      const { model_name, model_module, model_module_version, state, buffers } = states[id];
      if (buffers && buffers.length) {
        base.put_buffers(state, buffers.map((b) => b.path), buffers.map((b) => new DataView(base64ToBuffer(b.data))));
      }
      try {
        return await this.new_model({ model_name, model_module, model_module_version, model_id: id, comm: comms[n] }, state);
      } catch (error) {
        console.error(error);
        return null;
      }
    }));
    return models.filter(Boolean);
  }

  /** Draw ipywidgets' own view of the model `modelId` in `host`, in place of what it holds. */
  async show(modelId, host) {
    const model = await this.get_model(modelId);
    const view = await this.create_view(model);
    host.replaceChildren();
    await this.display_view(view, host);
    return view;
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
 * that model in place of the drawing. A model the manager cannot make (a widget library the bundle
 * does not carry) leaves its drawing as it is. Resolves to the manager once every view is settled;
 * the root element's `data-ek-widgets` then says how many came to life.
 */
export async function renderSaved(root = document, manager = new PageWidgetManager()) {
  const stateTag = root.querySelector(`script[type="${STATE_MIME}"]`);
  if (!stateTag) {
    return manager;
  }
  // set_state rejects when one model fails; the others are registered all the same.
  await Promise.resolve().then(() => manager.set_state(JSON.parse(stateTag.textContent))).catch(console.error);
  const hosts = Array.from(root.querySelectorAll('[data-ek-widget]'));
  const drawn = await Promise.all(hosts.map((host) => bringToLife(manager, host)));
  const top = root.documentElement || root;
  top.setAttribute('data-ek-widgets', String(drawn.filter(Boolean).length));
  return manager;
}

async function bringToLife(manager, host) {
  const twin = Array.from(host.childNodes);
  try {
    const model = await manager.get_model(host.getAttribute('data-ek-widget'));
    const view = await manager.create_view(model);
    host.replaceChildren();
    await manager.display_view(view, host);
    host.classList.add('is-live');
    return true;
  } catch (error) {
    console.error(error);
    host.replaceChildren(...twin);
    return false;
  }
}

// A static page loads the bundle with `data-ek-saved` on its script element: the saved widgets come to
// life once the page is parsed.
const current = typeof document === 'undefined' ? null : document.currentScript;
if (current && current.hasAttribute('data-ek-saved')) {
  const boot = () => renderSaved(document);
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', boot, { once: true });
  } else {
    boot();
  }
}
