// The Output widget of a live page. ipywidgets' kernel side only sets the widget's msg_id while
// `with out:` runs; the front end is the one that catches the kernel's messages with that parent and
// keeps them, then tells the kernel what it holds (so `out.outputs` in Python is right). The HTML
// manager's Output model only shows the outputs it is given, so this one does the catching, through
// the kernel connection's message hooks.

import { OutputModel as ShownOutputModel, OutputView } from '@jupyter-widgets/html-manager/lib/output';

const CAUGHT = new Set(['stream', 'display_data', 'execute_result', 'error']);

export class OutputModel extends ShownOutputModel {
  initialize(attributes, options) {
    super.initialize(attributes, options);
    // One function for the model's life, so the hook set for a msg_id is the one taken off later.
    // It answers false: a message this widget caught is not shown anywhere else.
    this.catchMessage = (msg) => {
      this.keep(msg);
      return false;
    };
    this.listenTo(this, 'change:msg_id', this.followMsgId);
    this.followMsgId();
  }

  followMsgId() {
    const kernel = this.widget_manager.kernel;
    if (!kernel) {
      return;
    }
    const before = this.previous('msg_id');
    const now = this.get('msg_id');
    if (before) {
      kernel.removeMessageHook(before, this.catchMessage);
    }
    if (now) {
      kernel.registerMessageHook(now, this.catchMessage);
    }
  }

  keep(msg) {
    const type = msg.header.msg_type;
    if (type === 'clear_output') {
      this.clear_output(msg.content.wait);
    } else if (CAUGHT.has(type)) {
      this.outputs.add({ ...msg.content, output_type: type });
    } else {
      return;
    }
    this.set('outputs', this.outputs.toJSON(), { newMessage: true });
    this.save_changes();
  }
}

export { OutputView };
