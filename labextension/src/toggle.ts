/**
 * "Spoiler" in the cell toolbar and the command palette (category Essay): adds
 * or removes the `spoiler` tag of the active markdown cell. The stripe changes
 * at once; the essay check that follows (state.ts) confirms the block and its label.
 *
 * The cell toolbar button comes from this plugin's settings schema
 * (schema/plugin.json, "jupyter.lab.toolbars" → "Cell"), JupyterLab's own way
 * for an extension to add to that toolbar.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { Cell, MarkdownCell } from '@jupyterlab/cells';
import { INotebookTracker } from '@jupyterlab/notebook';
import { LabIcon } from '@jupyterlab/ui-components';

import { markStripe } from './marks';
import { isEssay } from './state';

export const TOGGLE_SPOILER = 'essaykit:toggle-spoiler';
const TAG = 'spoiler';

const spoilerIcon = new LabIcon({
  name: 'essaykit:spoiler',
  svgstr:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16">' +
    '<path class="jp-icon3" fill="#616161" d="M12 6c-4.5 0-8 3.5-9.5 6 1.5 2.5 5 6 9.5 6s8-3.5 9.5-6C20 9.5 16.5 6 12 6zm0 10a4 4 0 1 1 0-8 4 4 0 0 1 0 8z"/>' +
    '<path class="jp-icon3" fill="#616161" d="M3.3 4.7l1.4-1.4 16 16-1.4 1.4z"/></svg>'
});

function tags(cell: Cell): string[] {
  const found = cell.model.getMetadata('tags');
  return Array.isArray(found) ? found.filter(t => typeof t === 'string') : [];
}

export function isSpoiler(cell: Cell | null): boolean {
  return !!cell && tags(cell).includes(TAG);
}

export function addSpoilerToggle(app: JupyterFrontEnd, tracker: INotebookTracker, palette: ICommandPalette | null): void {
  const target = (): MarkdownCell | null => {
    const panel = tracker.currentWidget;
    const cell = tracker.activeCell;
    return panel && isEssay(panel) && cell instanceof MarkdownCell ? cell : null;
  };
  app.commands.addCommand(TOGGLE_SPOILER, {
    label: 'Spoiler',
    caption: 'Hide this markdown cell from readers until they reveal it (adds or removes the tag "spoiler")',
    icon: spoilerIcon,
    isEnabled: () => target() !== null,
    isToggled: () => isSpoiler(tracker.activeCell),
    execute: () => {
      const cell = target();
      if (!cell) {
        return;
      }
      const on = !isSpoiler(cell);
      const next = on ? [...tags(cell), TAG] : tags(cell).filter(t => t !== TAG);
      if (next.length) {
        cell.model.setMetadata('tags', next);
      } else {
        cell.model.deleteMetadata('tags');
      }
      markStripe(cell, on);
      app.commands.notifyCommandChanged(TOGGLE_SPOILER);
    }
  });
  palette?.addItem({ command: TOGGLE_SPOILER, category: 'Essay' });
  // The button's pressed state follows the cell the author is on.
  tracker.activeCellChanged.connect(() => app.commands.notifyCommandChanged(TOGGLE_SPOILER));
}
