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
