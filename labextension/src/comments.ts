/**
 * The "Comments" sidebar: every essay's pending comments and mentions, the likeliest spam first.
 *
 * The queue and every action go through the server route /essaykit/moderation
 * (essaykit/lab/handlers.py), which the ModerationQueue widget's queue shares
 * (essaykit/comments/queue.py); nothing is decided here. Each item shows the
 * filter's score and reason and what it answers. Keyboard: on a focused item,
 * A approves, S marks spam, D deletes, R opens the reply box (JupyterLab
 * commands with key bindings, so the author can change them in Settings); the
 * arrow keys move between items. The bulk button marks every comment scored
 * over the queue's bulk_score (the server's, essaykit/comments/queue.py) as spam at once.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';

import { IQueue, IQueueItem, moderation, QueueAction } from './api';

const ITEM = 'ek-lab-comment';
const ACTIONS: Array<[key: 'approve' | 'spam' | 'delete', label: string, shortcut: string]> = [
  ['approve', 'Approve', 'A'],
  ['spam', 'Spam', 'S'],
  ['delete', 'Delete', 'D']
];

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text = ''
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

export class CommentsPanel extends Widget {
  constructor() {
    super();
    this.id = 'essaykit-comments';
    this.addClass('ek-lab-comments');
    this.title.label = 'Comments';
    this.title.caption = 'Comments and mentions awaiting moderation, the likeliest spam first';
    const head = element('div', 'ek-lab-comments-head');
    const heading = element('h2', '', 'Comments');
    const refresh = element('button', 'jp-Button ek-lab-comments-button', 'Refresh');
    refresh.type = 'button';
    refresh.addEventListener('click', () => void this.refresh());
    head.append(heading, refresh);
    this._status.className = 'ek-lab-comments-status';
    this._status.setAttribute('role', 'status');
    this._bulk.className = 'jp-Button ek-lab-comments-button ek-lab-comments-bulk';
    this._bulk.type = 'button';
    this._bulk.addEventListener('click', () => {
      const ids = this._over().map(i => i.id);
      if (ids.length) {
        void this.act({ action: 'spam', ids });
      }
    });
    this._list.className = 'ek-lab-comments-list';
    this._list.setAttribute('aria-label', 'Pending comments, the likeliest spam first');
    this._list.addEventListener('keydown', event => this._move(event));
    this.node.append(head, this._status, this._bulk, this._list);
  }

  protected onAfterShow(): void {
    void this.refresh();
  }

  /** A panel JupyterLab restores open is shown by being attached, with no "after show": load it then too. */
  protected onAfterAttach(): void {
    if (this.isVisible) {
      void this.refresh();
    }
  }

  /** Load the queue again from the server. */
  async refresh(): Promise<void> {
    await this._run(moderation());
  }

  /** One action on comments of the queue; the queue as the server then has it. */
  async act(action: QueueAction): Promise<void> {
    await this._run(moderation(action));
  }

  /** The item that has the keyboard focus (or holds it), for the shortcut commands. */
  focusedItem(): IQueueItem | null {
    const li = (document.activeElement as HTMLElement | null)?.closest(`.${ITEM}`) as HTMLElement | null;
    if (!li || !this._list.contains(li)) {
      return null;
    }
    return this._items.find(i => i.id === li.dataset.ekPending) ?? null;
  }

  /** Open the reply box of an item and put the cursor in it. */
  openReply(id: string): void {
    const form = this._list.querySelector(`[data-ek-pending="${CSS.escape(id)}"] form`) as HTMLFormElement | null;
    if (form) {
      form.hidden = false;
      form.querySelector('textarea')?.focus();
    }
  }

  private async _run(request: Promise<IQueue>): Promise<void> {
    const focused = this.focusedItem();
    const index = focused ? this._items.findIndex(i => i.id === focused.id) : -1;
    this.node.setAttribute('aria-busy', 'true');
    try {
      const queue = await request;
      this._items = queue.items;
      this._bulkScore = queue.bulk_score;
      this._draw();
      this._status.textContent = queue.message ?? '';
      if (index >= 0) {
        // Keep the author's place: the item that took the decided one's place gets the focus.
        const next = this._list.children[Math.min(index, this._items.length - 1)] as HTMLElement | undefined;
        next?.focus();
      }
    } catch (error) {
      this._status.textContent = (error as Error).message;
    } finally {
      this.node.removeAttribute('aria-busy');
    }
  }

  private _draw(): void {
    const over = this._over().length;
    this._bulk.hidden = over === 0;
    this._bulk.textContent = `Mark the ${over} comment${over === 1 ? '' : 's'} scored over ${this._bulkScore} as spam`;
    this._list.replaceChildren(...this._items.map(item => this._item(item)));
    if (!this._items.length) {
      this._list.append(element('li', 'ek-lab-comments-empty', 'Nothing is waiting for you.'));
    }
  }

  /** The comments the bulk button marks as spam: scored over the server's bulk score. */
  private _over(): IQueueItem[] {
    return this._items.filter(i => i.score !== null && i.score > this._bulkScore);
  }

  private _item(item: IQueueItem): HTMLElement {
    const li = element('li', ITEM);
    li.tabIndex = 0;
    li.dataset.ekPending = item.id;
    const who = item.author || item.id;
    li.setAttribute('aria-label', `${item.kind} by ${who} on ${item.essay}: ${item.reason || 'not scored'}`);
    const reason = element('p', 'ek-lab-comment-reason', item.reason || (item.score === null ? 'not scored' : `filter ${item.score.toFixed(2)}`));
    const meta = element('p', 'ek-lab-comment-meta');
    const name = element('bdi', 'ek-lab-comment-author');
    name.innerHTML = item.author_html; // sanitised by essaykit.comments.render.person_html
    meta.append(name, ` · ${item.kind === 'comment' ? (item.reply ? 'reply' : 'comment') : item.kind} on ${item.essay} · ${item.created_text}`);
    if (item.email) {
      meta.append(` · ${item.email}`);
    }
    const answers = element('p', 'ek-lab-comment-answers', item.kind === 'comment' ? `In reply to ${item.answers}` : item.answers);
    const body = element('div', 'ek-lab-comment-body');
    body.innerHTML = item.body_html; // sanitised by essaykit.markdown (comment profile)
    const actions = element('p', 'ek-lab-comment-actions');
    for (const [action, label, key] of ACTIONS) {
      const button = element('button', `jp-Button ek-lab-comments-button ek-lab-comment-${action}`, label);
      button.type = 'button';
      button.setAttribute('aria-label', `${label} the ${item.kind} by ${who}`);
      button.setAttribute('aria-keyshortcuts', key);
      button.addEventListener('click', () => void this.act({ action, ids: [item.id] }));
      actions.append(button);
    }
    li.append(reason, meta, answers, body, actions);
    if (item.kind === 'comment') {
      const open = element('button', 'jp-Button ek-lab-comments-button', 'Reply');
      open.type = 'button';
      open.setAttribute('aria-keyshortcuts', 'R');
      open.setAttribute('aria-label', `Reply to ${who}`);
      open.addEventListener('click', () => this.openReply(item.id));
      actions.append(open);
      li.append(this._replyForm(item, who));
    }
    return li;
  }

  private _replyForm(item: IQueueItem, who: string): HTMLFormElement {
    const form = element('form', 'ek-lab-comment-reply');
    form.hidden = true;
    const box = element('textarea', 'ek-lab-comment-reply-box');
    box.rows = 3;
    box.setAttribute('aria-label', `Your reply to ${who} (approves the comment; published as Author)`);
    const send = element('button', 'jp-Button ek-lab-comments-button', 'Approve and reply');
    send.type = 'submit';
    form.append(box, send);
    form.addEventListener('submit', event => {
      event.preventDefault();
      if (box.value.trim()) {
        void this.act({ action: 'reply', id: item.id, body: box.value });
      }
    });
    return form;
  }

  private _move(event: KeyboardEvent): void {
    const li = event.target as HTMLElement;
    if (!li.classList?.contains(ITEM) || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) {
      return;
    }
    const next = (event.key === 'ArrowDown' ? li.nextElementSibling : li.previousElementSibling) as HTMLElement | null;
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }

  private _items: IQueueItem[] = [];
  private _status = document.createElement('p');
  private _bulk = document.createElement('button');
  private _bulkScore = 1; // nothing is over it until the server's queue arrives
  private _list = document.createElement('ol');
}

/** The panel, its commands (open; approve, spam, delete, reply on the focused item) and their keys. */
export function addCommentsPanel(app: JupyterFrontEnd, palette: ICommandPalette | null): CommentsPanel {
  const panel = new CommentsPanel();
  app.shell.add(panel, 'right', { rank: 660 });
  app.commands.addCommand('essaykit:open-comments', {
    label: 'Open the comments awaiting moderation',
    execute: () => app.shell.activateById(panel.id)
  });
  palette?.addItem({ command: 'essaykit:open-comments', category: 'Essay' });
  // The item itself, focused: typing "a" in its reply box must stay a letter.
  const selector = `.ek-lab-comments .${ITEM}:focus`;
  for (const [action, label, key] of ACTIONS) {
    const id = `essaykit:comment-${action}`;
    app.commands.addCommand(id, {
      label: `${label} the focused comment`,
      execute: () => {
        const item = panel.focusedItem();
        return item ? panel.act({ action, ids: [item.id] }) : undefined;
      }
    });
    app.commands.addKeyBinding({ command: id, keys: [key], selector });
  }
  app.commands.addCommand('essaykit:comment-reply', {
    label: 'Reply to the focused comment',
    execute: () => {
      const item = panel.focusedItem();
      if (item && item.kind === 'comment') {
        panel.openReply(item.id);
      }
    }
  });
  app.commands.addKeyBinding({ command: 'essaykit:comment-reply', keys: ['R'], selector });
  return panel;
}
