/**
 * What the editor shows on the cells: the spoiler stripe and label on cells in
 * a spoiler block, inline ||spoilers|| in rendered Markdown, and the problems
 * `essaykit check` finds, each on its cell.
 *
 * Where the spoilers are comes from the server (the essay model decides which
 * cells form a block, what its label is and how many inline spoilers a cell
 * has); this module only draws.
 */
import { Cell, MarkdownCell } from '@jupyterlab/cells';
import { NotebookPanel } from '@jupyterlab/notebook';

import { ICheckResult } from './api';

const STRIPE = 'ek-lab-spoiler';
const LABEL = 'ek-lab-spoiler-label';
const PROBLEMS = 'ek-lab-problems';
const HAS_PROBLEM = 'ek-lab-has-problem';
const INLINE = 'ek-lab-inline-spoiler';

export function applyMarks(panel: NotebookPanel, result: ICheckResult | null): void {
  const cells = panel.content.widgets;
  const labels = new Map<number, string>();
  const striped = new Set<number>();
  const problems = new Map<number, string[]>();
  if (result) {
    for (const block of result.spoilers.blocks) {
      block.cells.forEach(i => striped.add(i));
      if (block.cells.length) {
        labels.set(block.cells[0], block.label);
      }
    }
    for (const problem of result.problems) {
      if (problem.cell !== null) {
        const list = problems.get(problem.cell - 1) || [];
        list.push(problem.message);
        problems.set(problem.cell - 1, list);
      }
    }
  }
  cells.forEach((cell, i) => {
    cell.toggleClass(STRIPE, striped.has(i));
    setLabel(cell, labels.get(i));
    setProblems(cell, problems.get(i) || []);
    if (cell instanceof MarkdownCell) {
      const count = result ? result.spoilers.inline[String(i)] || 0 : 0;
      cell.node.dataset.ekInline = String(count);
      markInline(cell);
    }
  });
}

/** The stripe alone, drawn at once when the author toggles the tag (the next check redraws everything). */
export function markStripe(cell: Cell, on: boolean): void {
  cell.toggleClass(STRIPE, on);
}

function setLabel(cell: Cell, label: string | undefined): void {
  let node = cell.node.querySelector(`:scope > .${LABEL}`) as HTMLElement | null;
  if (label === undefined) {
    node?.remove();
    return;
  }
  if (!node) {
    node = document.createElement('div');
    node.className = LABEL;
    cell.node.insertBefore(node, cell.node.firstChild);
  }
  node.textContent = `Spoiler: ${label}`;
  node.title = 'Readers see this block closed, behind this label. Change it in the Essay panel.';
}

function setProblems(cell: Cell, messages: string[]): void {
  let node = cell.node.querySelector(`:scope > .${PROBLEMS}`) as HTMLElement | null;
  cell.toggleClass(HAS_PROBLEM, messages.length > 0);
  if (!messages.length) {
    node?.remove();
    return;
  }
  if (!node) {
    node = document.createElement('ul');
    node.className = PROBLEMS;
    node.setAttribute('role', 'note');
    node.setAttribute('aria-label', 'essaykit check');
    cell.node.appendChild(node);
  }
  node.replaceChildren(
    ...messages.map(m => {
      const li = document.createElement('li');
      li.textContent = m;
      return li;
    })
  );
}

/**
 * Wrap ||…|| in the cell's rendered Markdown, at most as many as the essay
 * model counted in its source (so an escaped \|\| that Markdown turned into
 * two bars is left alone when the model found no spoiler there).
 */
export function markInline(cell: MarkdownCell): void {
  const wanted = Number(cell.node.dataset.ekInline || '0');
  const root = cell.node.querySelector('.jp-RenderedMarkdown') as HTMLElement | null;
  if (!root || !cell.rendered) {
    return;
  }
  let done = root.querySelectorAll(`.${INLINE}`).length;
  if (done >= wanted) {
    return;
  }
  const parents = new Set<Element>();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent && n.nodeValue?.includes('||') && !parent.closest(`code, pre, .${INLINE}`)) {
      parents.add(parent);
    }
  }
  for (const parent of parents) {
    while (done < wanted && wrapFirstPair(parent)) {
      done++;
    }
  }
}

function wrapFirstPair(parent: Element): boolean {
  let start: { node: Text; at: number } | null = null;
  for (const child of Array.from(parent.childNodes)) {
    if (child.nodeType !== Node.TEXT_NODE) {
      continue;
    }
    const text = child as Text;
    let from = 0;
    for (;;) {
      const at = text.data.indexOf('||', from);
      if (at < 0) {
        break;
      }
      if (!start) {
        start = { node: text, at };
        from = at + 2;
        continue;
      }
      if (start.node === text && at === start.at + 2) {
        from = at + 1; // "||||" is not a spoiler
        continue;
      }
      const range = document.createRange();
      range.setStart(start.node, start.at);
      range.setEnd(text, at + 2);
      const content = range.extractContents();
      const first = content.firstChild as Text;
      const last = content.lastChild as Text;
      first.data = first.data.slice(2);
      last.data = last.data.slice(0, -2);
      const span = document.createElement('span');
      span.className = INLINE;
      span.tabIndex = 0;
      span.title = 'Inline spoiler: hidden from readers until they reveal it';
      span.appendChild(content);
      range.insertNode(span);
      return true;
    }
  }
  return false;
}
