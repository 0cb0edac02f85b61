/**
 * "Preview essay": the essay's static page, as the exporter renders it, in a
 * panel beside the notebook, reloaded each time the notebook is saved.
 */
import { MainAreaWidget } from '@jupyterlab/apputils';
import { NotebookPanel } from '@jupyterlab/notebook';
import { Widget } from '@lumino/widgets';

import { previewUrl } from './api';

export class PreviewFrame extends Widget {
  constructor(private readonly panel: NotebookPanel) {
    super();
    this.addClass('ek-lab-preview');
    this.frame = document.createElement('iframe');
    this.frame.className = 'ek-lab-preview-frame';
    // The page's own few lines of JS run; it gets no access to JupyterLab.
    this.frame.setAttribute('sandbox', 'allow-scripts allow-popups allow-popups-to-escape-sandbox');
    this.frame.referrerPolicy = 'no-referrer';
    this.frame.title = 'Essay preview';
    this.node.appendChild(this.frame);
    panel.context.saveState.connect(this._onSave, this);
    panel.context.pathChanged.connect(() => this.reload(), this);
    this.reload();
  }

  readonly frame: HTMLIFrameElement;

  reload(): void {
    this.reloads++;
    this.node.dataset.ekReloads = String(this.reloads);
    this.frame.src = `${previewUrl(this.panel.context.path)}?v=${Date.now()}`;
  }

  private _onSave(_: unknown, state: string): void {
    if (state === 'completed') {
      this.reload();
    }
  }

  reloads = 0;
}

export function openPreview(panel: NotebookPanel, add: (w: Widget, ref: string) => void, open: Map<NotebookPanel, MainAreaWidget<PreviewFrame>>): MainAreaWidget<PreviewFrame> {
  let widget = open.get(panel);
  if (widget && !widget.isDisposed) {
    widget.content.reload();
    add(widget, panel.id);
    return widget;
  }
  const content = new PreviewFrame(panel);
  widget = new MainAreaWidget({ content });
  widget.id = `essaykit-preview-${panel.id}`;
  widget.title.label = `Preview: ${panel.context.localPath.split('/').pop()}`;
  widget.title.caption = 'The essay as the static page shows it; refreshed when you save';
  widget.title.closable = true;
  widget.addClass('ek-lab-preview-panel');
  open.set(panel, widget);
  widget.disposed.connect(() => open.delete(panel));
  panel.disposed.connect(() => widget!.dispose());
  add(widget, panel.id);
  return widget;
}
