/**
 * One notebook's essay state: its latest check, redone shortly after every edit.
 */
import { NotebookPanel } from '@jupyterlab/notebook';
import { ISignal, Signal } from '@lumino/signaling';

import { check, ICheckResult } from './api';

const DELAY_MS = 300;

export function isEssay(panel: NotebookPanel): boolean {
  const essay = panel.model?.getMetadata('essay');
  return !!essay && typeof essay === 'object' && !Array.isArray(essay);
}

export class EssayState {
  constructor(readonly panel: NotebookPanel) {
    void panel.context.ready.then(() => {
      const model = panel.model;
      if (!model) {
        return;
      }
      const watch = () => {
        for (let i = 0; i < model.cells.length; i++) {
          const cell = model.cells.get(i);
          cell.contentChanged.connect(this.schedule, this);
          cell.metadataChanged.connect(this.schedule, this);
        }
      };
      watch();
      model.cells.changed.connect(() => {
        watch();
        this.schedule();
      });
      model.metadataChanged.connect(this.schedule, this);
      model.contentChanged.connect(this.schedule, this);
      this.schedule();
    });
    panel.disposed.connect(() => {
      window.clearTimeout(this._timer);
      Signal.clearData(this);
    });
  }

  get checked(): ISignal<this, ICheckResult | null> {
    return this._checked;
  }

  get result(): ICheckResult | null {
    return this._result;
  }

  get error(): string {
    return this._error;
  }

  schedule(): void {
    window.clearTimeout(this._timer);
    this._timer = window.setTimeout(() => void this.run(), DELAY_MS);
  }

  async run(): Promise<void> {
    const model = this.panel.model;
    if (!model || this.panel.isDisposed) {
      return;
    }
    if (!isEssay(this.panel)) {
      this._result = null;
      this._error = '';
      this._checked.emit(null);
      return;
    }
    const serial = ++this._serial;
    try {
      const result = await check(this.panel.context.path, model.toJSON());
      if (serial !== this._serial) {
        return; // an edit came in meanwhile; its check is the one to show
      }
      this._result = result;
      this._error = '';
    } catch (err) {
      if (serial !== this._serial) {
        return;
      }
      this._result = null;
      this._error = (err as Error).message;
    }
    this._checked.emit(this._result);
  }

  private _timer = 0;
  private _serial = 0;
  private _result: ICheckResult | null = null;
  private _error = '';
  private _checked = new Signal<this, ICheckResult | null>(this);
}
