/**
 * essaykit's JupyterLab extension.
 *
 * - "Preview essay" (command and notebook toolbar button): the static page
 *   beside the notebook, refreshed on save. Only essays (notebooks with an
 *   `essay` metadata object, as essaykit/essay.py reads them) show it.
 * - Spoilers marked while editing: the stripe and label on cells tagged
 *   `spoiler`, inline ||spoilers|| in rendered Markdown; "Spoiler" in the cell
 *   toolbar and the command palette toggles the tag.
 * - The "Essay" sidebar form, checked as you type.
 * - The problems `essaykit check` finds, shown on their cells.
 * - The "Comments" sidebar: every essay's comments awaiting moderation, the
 *   likeliest spam first, with keyboard shortcuts and a bulk spam action.
 *
 * Everything about the essay (checks, spoiler blocks, the page) comes from
 * the server extension in essaykit/lab/.
 */
import { ILabShell, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget, ToolbarButton } from '@jupyterlab/apputils';
import { MarkdownCell } from '@jupyterlab/cells';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';

import { addCommentsPanel } from './comments';
import { EssayForm } from './form';
import { applyMarks, markInline } from './marks';
import { openPreview, PreviewFrame } from './preview';
import { EssayState, isEssay } from './state';
import { addSpoilerToggle } from './toggle';

const PREVIEW = 'essaykit:preview';

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'essaykit:plugin',
  description: 'Preview essays, mark spoilers, edit and check essay metadata, moderate comments.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ICommandPalette, ILabShell],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    palette: ICommandPalette | null,
    labShell: ILabShell | null
  ) => {
    const states = new Map<NotebookPanel, EssayState>();
    const previews = new Map<NotebookPanel, MainAreaWidget<PreviewFrame>>();
    const stateOf = (panel: NotebookPanel): EssayState => {
      let state = states.get(panel);
      if (!state) {
        state = new EssayState(panel);
        states.set(panel, state);
        panel.disposed.connect(() => states.delete(panel));
      }
      return state;
    };

    const addBeside = (widget: any, ref: string) => {
      if (!widget.isAttached) {
        app.shell.add(widget, 'main', { mode: 'split-right', ref });
      }
      app.shell.activateById(widget.id);
    };

    app.commands.addCommand(PREVIEW, {
      label: 'Preview essay',
      caption: 'Show the essay as readers of the static page will see it; refreshed on save',
      isEnabled: () => tracker.currentWidget !== null && isEssay(tracker.currentWidget),
      execute: () => {
        const panel = tracker.currentWidget;
        if (panel && isEssay(panel)) {
          return openPreview(panel, addBeside, previews);
        }
      }
    });
    palette?.addItem({ command: PREVIEW, category: 'Essay' });
    addSpoilerToggle(app, tracker, palette);

    const form = new EssayForm(stateOf);
    app.shell.add(form, 'right', { rank: 650 });
    addCommentsPanel(app, palette);

    tracker.widgetAdded.connect((_, panel) => {
      const button = new ToolbarButton({
        label: 'Preview essay',
        tooltip: 'Preview essay: the page as readers will see it, refreshed on save',
        className: 'ek-lab-preview-button',
        onClick: () => {
          openPreview(panel, addBeside, previews);
        }
      });
      panel.toolbar.insertItem(10, 'essaykit-preview', button);
      // Hidden until the notebook is known to be an essay; it appears as soon as the
      // author gives it essay metadata (the sidebar form) and goes if they remove it.
      button.hide();
      void panel.context.ready.then(() => {
        const showIfEssay = () => button.setHidden(!isEssay(panel));
        showIfEssay();
        panel.model?.metadataChanged.connect(showIfEssay);
      });

      const state = stateOf(panel);
      state.checked.connect((_, result) => applyMarks(panel, result));
      // Markdown is re-rendered when the author leaves a cell; mark its inline spoilers again.
      const observer = new MutationObserver(() => {
        panel.content.widgets.forEach(cell => {
          if (cell instanceof MarkdownCell && Number(cell.node.dataset.ekInline || '0') > 0) {
            markInline(cell);
          }
        });
      });
      observer.observe(panel.content.node, { childList: true, subtree: true });
      panel.content.model?.cells.changed.connect(() => applyMarks(panel, state.result));
      panel.disposed.connect(() => observer.disconnect());
    });

    const follow = () => form.setPanel(tracker.currentWidget);
    tracker.currentChanged.connect(follow);
    tracker.widgetAdded.connect((_, panel) => {
      void panel.context.ready.then(() => {
        if (panel === tracker.currentWidget) {
          follow();
        }
      });
    });
    labShell?.currentChanged.connect(() => {
      if (tracker.currentWidget && tracker.currentWidget !== form.panel) {
        follow();
      }
    });
  }
};

export default plugin;
