/**
 * The "Essay" sidebar: the essay's metadata as a form that checks as you type.
 *
 * Each edit builds the notebook as it would be, asks the server to check it
 * (the essay model, the same code and messages as `essaykit check`), writes
 * the fields the check accepts into the notebook's metadata and keeps the
 * refused ones in their box with the check's message under them. Nothing is
 * validated here: the server has the only copy of the rules.
 */
import { NotebookPanel } from '@jupyterlab/notebook';
import { Widget } from '@lumino/widgets';

import { check, ICheckResult, IProblem } from './api';
import { EssayState, isEssay } from './state';

interface IField {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'number' | 'tags' | 'url';
  hint: string;
}

const FIELDS: IField[] = [
  { key: 'title', label: 'Title', kind: 'text', hint: '' },
  { key: 'author', label: 'Author', kind: 'text', hint: '' },
  { key: 'date', label: 'Date', kind: 'text', hint: 'e.g. 2026-11-24' },
  { key: 'slug', label: 'Slug', kind: 'text', hint: 'default: the file name' },
  { key: 'rating', label: 'Rating', kind: 'number', hint: '0 to 5' },
  { key: 'summary', label: 'Summary', kind: 'textarea', hint: '' },
  { key: 'tags', label: 'Tags', kind: 'tags', hint: 'comma-separated' },
  { key: 'live_url', label: 'Live URL', kind: 'url', hint: 'https://…' }
];
const DELAY_MS = 250;

/** What the box holds, as the metadata value it stands for (undefined: leave the key out). */
function valueOf(field: IField, raw: string): unknown {
  const text = raw.trim();
  if (!text) {
    return undefined;
  }
  if (field.kind === 'tags') {
    return text.split(',').map(t => t.trim()).filter(t => t);
  }
  if (field.kind === 'number') {
    const n = Number(text);
    return Number.isFinite(n) ? n : text; // not a number: the check says so
  }
  return text;
}

function shown(field: IField, value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (field.kind === 'tags' && Array.isArray(value) && value.every(t => typeof t === 'string')) {
    return value.join(', ');
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

export class EssayForm extends Widget {
  constructor(private readonly stateOf: (panel: NotebookPanel) => EssayState) {
    super();
    this.id = 'essaykit-essay-form';
    this.addClass('ek-lab-form');
    this.title.label = 'Essay';
    this.title.caption = 'The essay: title, author, rating… checked as you type';
    this.node.innerHTML = '';
    const heading = document.createElement('h2');
    heading.textContent = 'Essay';
    this._empty.className = 'ek-lab-form-empty';
    this._general.className = 'ek-lab-form-general';
    this._general.setAttribute('role', 'status');
    this._form.setAttribute('aria-label', 'Essay metadata');
    this._form.addEventListener('submit', e => e.preventDefault());
    for (const field of FIELDS) {
      this._form.appendChild(this._row(field));
    }
    this._labels.className = 'ek-lab-form-labels';
    this._form.appendChild(this._labels);
    this.node.append(heading, this._empty, this._general, this._form);
    this.setPanel(null);
  }

  get panel(): NotebookPanel | null {
    return this._panel;
  }

  setPanel(panel: NotebookPanel | null): void {
    if (this._state) {
      this._state.checked.disconnect(this._onChecked, this);
    }
    this._panel = panel;
    this._state = panel ? this.stateOf(panel) : null;
    this._refused.clear();
    this._touched.clear();
    this._pending.clear();
    if (this._state) {
      this._state.checked.connect(this._onChecked, this);
    }
    this._fill(true);
  }

  private _row(field: IField): HTMLElement {
    const row = document.createElement('div');
    row.className = 'ek-lab-field';
    const id = `ek-lab-field-${field.key}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = field.label;
    const input =
      field.kind === 'textarea' ? document.createElement('textarea') : document.createElement('input');
    input.id = id;
    input.name = field.key;
    if (input instanceof HTMLInputElement) {
      input.type = field.kind === 'url' ? 'url' : 'text';
      if (field.kind === 'number') {
        input.inputMode = 'decimal';
      }
    }
    input.placeholder = field.hint;
    const error = document.createElement('p');
    error.className = 'ek-lab-error';
    error.id = `${id}-error`;
    error.setAttribute('aria-live', 'polite');
    input.setAttribute('aria-describedby', error.id);
    input.addEventListener('input', () => {
      this._touched.add(field.key);
      this._pending.add(field.key);
      this._edited();
    });
    row.append(label, input, error);
    this._inputs.set(field.key, input);
    this._errors.set(field.key, error);
    return row;
  }

  /** Put the notebook's values in the boxes; boxes holding refused text keep it. */
  private _fill(all: boolean): void {
    const panel = this._panel;
    const essay = panel && isEssay(panel) ? (panel.model!.getMetadata('essay') as any) : null;
    this._empty.textContent = panel
      ? essay
        ? ''
        : 'This notebook has no essay metadata. Give it a title to make it an essay.'
      : 'Open an essay notebook to edit its title, rating and the rest.';
    this._form.hidden = !panel;
    for (const field of FIELDS) {
      const input = this._inputs.get(field.key)!;
      const kept = this._refused.has(field.key) || this._pending.has(field.key) || document.activeElement === input;
      if (all || !kept) {
        input.value = shown(field, essay ? essay[field.key] : undefined);
        if (all) {
          this._showError(field.key, '');
        }
      }
    }
    if (all) {
      this._general.textContent = '';
    }
  }

  private _showError(key: string, message: string): void {
    const input = this._inputs.get(key);
    const error = this._errors.get(key);
    if (!input || !error) {
      return;
    }
    error.textContent = message;
    if (message) {
      input.setAttribute('aria-invalid', 'true');
    } else {
      input.removeAttribute('aria-invalid');
    }
  }

  private _edited(): void {
    window.clearTimeout(this._timer);
    this._timer = window.setTimeout(() => void this._validate(), DELAY_MS);
  }

  /** The essay metadata the boxes the author edited stand for, on top of what the notebook has. */
  private _candidate(): { [key: string]: unknown } {
    const current = (this._panel?.model?.getMetadata('essay') as any) || {};
    const essay: { [key: string]: unknown } = { ...current };
    for (const field of FIELDS.filter(f => this._touched.has(f.key))) {
      const value = valueOf(field, this._inputs.get(field.key)!.value);
      if (value === undefined) {
        delete essay[field.key];
      } else {
        essay[field.key] = value;
      }
    }
    return essay;
  }

  private async _validate(): Promise<void> {
    const panel = this._panel;
    const model = panel?.model;
    if (!panel || !model) {
      return;
    }
    const candidate = this._candidate();
    const typed = new Map([...this._pending].map(key => [key, this._inputs.get(key)!.value]));
    const labels = this._labelValues();
    const notebook = model.toJSON() as any;
    notebook.metadata = { ...notebook.metadata, essay: candidate };
    for (const [index, label] of labels) {
      const cell = notebook.cells[index];
      if (cell) {
        const own = { ...(cell.metadata?.essay || {}) };
        if (label === undefined) {
          delete own.spoiler_label;
        } else {
          own.spoiler_label = label;
        }
        cell.metadata = { ...cell.metadata, essay: own };
      }
    }
    const serial = ++this._serial;
    let result: ICheckResult;
    try {
      result = await check(panel.context.path, notebook);
    } catch (err) {
      this._general.textContent = (err as Error).message;
      return;
    }
    if (serial !== this._serial || panel !== this._panel) {
      return;
    }
    this._general.textContent = '';
    const byField = new Map<string, IProblem[]>();
    const byLabel = new Map<number, IProblem[]>();
    for (const p of result.problems) {
      if (p.field === 'spoiler_label' && p.cell !== null) {
        byLabel.set(p.cell - 1, [...(byLabel.get(p.cell - 1) || []), p]);
      } else if (p.field) {
        byField.set(p.field, [...(byField.get(p.field) || []), p]);
      }
    }
    // Write what the check accepts; keep the previous value of what it refuses.
    const current = (model.getMetadata('essay') as any) || {};
    const accepted: { [key: string]: unknown } = { ...current };
    this._refused.clear();
    for (const field of FIELDS.filter(f => this._touched.has(f.key))) {
      const problems = byField.get(field.key) || [];
      this._showError(field.key, problems.map(p => p.message).join('\n'));
      if (problems.length) {
        this._refused.add(field.key);
        continue;
      }
      if (candidate[field.key] === undefined) {
        delete accepted[field.key];
      } else {
        accepted[field.key] = candidate[field.key];
      }
    }
    // What this check saw is settled (written or refused); text typed since waits for its own check.
    for (const [key, text] of typed) {
      if (this._inputs.get(key)!.value === text) {
        this._pending.delete(key);
      }
    }
    if (JSON.stringify(accepted) !== JSON.stringify(current)) {
      model.setMetadata('essay', accepted);
    }
    for (const [index, label] of labels) {
      const problems = byLabel.get(index) || [];
      const error = this._labels.querySelector(`[data-ek-cell="${index}"] .ek-lab-error`);
      const input = this._labels.querySelector(`[data-ek-cell="${index}"] input`);
      if (error) {
        error.textContent = problems.map(p => p.message).join('\n');
      }
      input?.toggleAttribute('aria-invalid', problems.length > 0);
      const cell = model.cells.get(index);
      if (!problems.length && cell) {
        const own = { ...((cell.getMetadata('essay') as any) || {}) };
        if (own.spoiler_label !== label) {
          if (label === undefined) {
            delete own.spoiler_label;
          } else {
            own.spoiler_label = label;
          }
          if (Object.keys(own).length) {
            cell.setMetadata('essay', own);
          } else {
            cell.deleteMetadata('essay');
          }
        }
      }
    }
  }

  private _labelValues(): Array<[number, string | undefined]> {
    const out: Array<[number, string | undefined]> = [];
    this._labels.querySelectorAll<HTMLInputElement>('input[data-ek-cell]').forEach(input => {
      const text = input.value;
      out.push([Number(input.dataset.ekCell), text.trim() ? text : undefined]);
    });
    return out;
  }

  /** A new check of the notebook: fields refreshed, spoiler label boxes for each block. */
  private _onChecked(_: EssayState, result: ICheckResult | null): void {
    this._fill(false);
    // What is wrong with the notebook as saved in the model; boxes holding refused text keep their own message.
    for (const field of FIELDS) {
      if (!this._refused.has(field.key)) {
        const problems = result?.problems.filter(p => p.field === field.key) || [];
        this._showError(field.key, problems.map(p => p.message).join('\n'));
      }
    }
    const problems = result?.problems.filter(p => p.cell === null && !p.field) || [];
    const lines = problems.map(p => p.message);
    if (!result && this._state?.error) {
      lines.push(this._state.error); // the check itself failed: say why (too large, server gone...)
    }
    this._general.textContent = lines.join('\n');
    this._drawLabels(result);
  }

  private _drawLabels(result: ICheckResult | null): void {
    const model = this._panel?.model;
    const blocks = result?.spoilers.blocks || [];
    const key = blocks.map(b => b.cells[0]).join(',');
    if (key === this._labelsKey && this._labels.contains(document.activeElement)) {
      return; // the author is typing in one of them
    }
    this._labelsKey = key;
    this._labels.replaceChildren();
    if (!blocks.length || !model) {
      return;
    }
    const heading = document.createElement('h3');
    heading.textContent = 'Spoiler labels';
    this._labels.appendChild(heading);
    blocks.forEach((block, n) => {
      const first = block.cells[0];
      const own = (model.cells.get(first)?.getMetadata('essay') as any)?.spoiler_label;
      const row = document.createElement('div');
      row.className = 'ek-lab-field';
      row.dataset.ekCell = String(first);
      const id = `ek-lab-spoiler-label-${first}`;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = `Spoiler ${n + 1} (cell ${first + 1})`;
      const input = document.createElement('input');
      input.type = 'text';
      input.id = id;
      input.dataset.ekCell = String(first);
      input.value = typeof own === 'string' ? own : '';
      input.placeholder = block.label;
      const error = document.createElement('p');
      error.className = 'ek-lab-error';
      error.id = `${id}-error`;
      input.setAttribute('aria-describedby', error.id);
      input.addEventListener('input', () => this._edited());
      row.append(label, input, error);
      this._labels.appendChild(row);
    });
  }

  private _panel: NotebookPanel | null = null;
  private _state: EssayState | null = null;
  private _form = document.createElement('form');
  private _labels = document.createElement('div');
  private _empty = document.createElement('p');
  private _general = document.createElement('p');
  private _inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  private _errors = new Map<string, HTMLElement>();
  private _refused = new Set<string>();
  private _touched = new Set<string>();
  /** Boxes whose text the notebook does not have yet: a check of an earlier edit must not refill them. */
  private _pending = new Set<string>();
  private _labelsKey = '';
  private _timer = 0;
  private _serial = 0;
}
