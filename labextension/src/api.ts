/**
 * Talking to essaykit's server extension (essaykit/lab/handlers.py).
 *
 * Every message the author reads comes from the server: the essay model's
 * checks say what is wrong, in the words `essaykit check` uses.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

export interface IProblem {
  message: string;
  /** The cell, counting from 1, or null for the notebook's metadata. */
  cell: number | null;
  /** The `essay` metadata key the problem is about, or null. */
  field: string | null;
  /** The line `essaykit check` prints. */
  text: string;
}

export interface ISpoilerBlock {
  label: string;
  /** Cell indexes, from 0. */
  cells: number[];
}

export interface ICheckResult {
  problems: IProblem[];
  spoilers: { blocks: ISpoilerBlock[]; inline: { [cell: string]: number } };
}

/** The notebook as the checks need it: no outputs or attachments, which they never read. */
export function checkable(notebook: any): any {
  const copy = { ...notebook };
  copy.cells = (notebook.cells || []).map((cell: any) => {
    const { outputs, attachments, ...rest } = cell;
    return cell.cell_type === 'code' ? { ...rest, outputs: [] } : rest;
  });
  return copy;
}

export async function check(path: string, notebook: any): Promise<ICheckResult> {
  const settings = ServerConnection.makeSettings();
  const url = URLExt.join(settings.baseUrl, 'essaykit', 'check');
  const response = await ServerConnection.makeRequest(
    url,
    { method: 'POST', body: JSON.stringify({ path, notebook: checkable(notebook) }) },
    settings
  );
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(data.message || `essaykit check failed (${response.status})`);
  }
  return data as ICheckResult;
}

export function previewUrl(path: string): string {
  const settings = ServerConnection.makeSettings();
  return URLExt.join(settings.baseUrl, 'essaykit', 'preview', URLExt.encodeParts(path));
}

/** One pending comment or mention of the queue (essaykit/comments/queue.py). */
export interface IQueueItem {
  id: string;
  essay: string;
  kind: string;
  author: string;
  /** The name, linked to the website when it has one; sanitised by the server. */
  author_html: string;
  email: string;
  created_text: string;
  avatar: string;
  /** Sanitised by the server's one Markdown renderer (comment profile). */
  body_html: string;
  reply: boolean;
  score: number | null;
  reason: string;
  answers: string;
}

export interface IQueue {
  items: IQueueItem[];
  threshold: number;
  /** The bulk action marks the comments scored over this as spam. */
  bulk_score: number;
  message?: string;
}

export type QueueAction =
  | { action: 'approve' | 'spam' | 'delete'; ids: string[] }
  | { action: 'reply'; id: string; body: string };

/** The queue (no action) or the queue after an action; the server's message on refusal. */
export async function moderation(action?: QueueAction): Promise<IQueue> {
  const settings = ServerConnection.makeSettings();
  const url = URLExt.join(settings.baseUrl, 'essaykit', 'moderation');
  const init = action ? { method: 'POST', body: JSON.stringify(action) } : { method: 'GET' };
  const response = await ServerConnection.makeRequest(url, init, settings);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(data.message || `the moderation queue failed (${response.status})`);
  }
  return data as IQueue;
}
