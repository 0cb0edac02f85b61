/* essaykit live page: a lean front end for the common ipywidgets (essaykit serve, pages with live code).
   Voila's front end is ~90 files and 4.6 MB of JavaScript whose loading and parsing dominate the time
   until a reader's first live widget works. Most essays' live code uses the standard controls only
   (buttons, sliders, text boxes, dropdowns, boxes, Output for a redrawn plot). The server runs the
   essay's cells and sends every widget model's state with the outputs (essaykit.live.kernels); this
   script draws those widgets at once and talks to the kernel over its websocket with the Jupyter
   message protocol (JSON frames) and the widget protocol (comm_msg "update" / "custom").
   ekWidgets.canRender(answer) says whether every widget on the page is one it knows; if not, the page
   loads Voila's front end instead (live-kernel.js), so nothing is drawn wrongly. */
(function () {
  var doc = document;
  var VIEW = "application/vnd.jupyter.widget-view+json";
  var VOILA = "application/vnd.voila.cell-output+json";
  var BASE = "@jupyter-widgets/base", CONTROLS = "@jupyter-widgets/controls", OUTPUT = "@jupyter-widgets/output";
  var ERROR_NOTE = "This part of the essay could not be shown.";
  var models = {}, ws = null, connected = false, queue = [], session = uid(), hooks = {};

  function uid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, "");
    return Math.random().toString(16).slice(2) + Date.now().toString(16);
  }
  // Named moments for the benchmark's breakdown (bench/capacity.py reads them with performance.getEntries).
  function mark(name) { if (window.performance && performance.mark) performance.mark(name); }
  function el(tag, cls, text) {
    var node = doc.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function ref(value) {
    return typeof value === "string" && value.indexOf("IPY_MODEL_") === 0 ? models[value.slice(10)] : null;
  }

  // --- models --------------------------------------------------------------------------------------
  function Model(id, state) {
    this.id = id;
    this.state = state || {};
    this.listeners = [];
    this.pending = {};  // attribute -> updates sent and not echoed yet
  }
  Model.prototype.changed = function () {
    this.listeners.forEach(function (fn) { fn(); });
  };
  Model.prototype.apply = function (patch, echo) {
    var self = this, any = false;
    Object.keys(patch || {}).forEach(function (key) {
      if (echo && self.pending[key] > 0) { self.pending[key] -= 1; return; }
      self.state[key] = patch[key];
      any = true;
    });
    if (any) this.changed();
  };
  Model.prototype.set = function (patch) {
    var self = this;
    Object.keys(patch).forEach(function (key) {
      self.state[key] = patch[key];
      self.pending[key] = (self.pending[key] || 0) + 1;
    });
    comm(this.id, {method: "update", state: patch, buffer_paths: []});
    this.changed();
  };
  Model.prototype.custom = function (content) {
    comm(this.id, {method: "custom", content: content});
  };

  // --- the kernel connection ------------------------------------------------------------------------
  function send(msgType, content) {
    var msg = {
      header: {msg_id: uid(), msg_type: msgType, username: "", session: session,
               date: new Date().toISOString(), version: "5.3"},
      parent_header: {}, metadata: {}, content: content, channel: "shell", buffers: []
    };
    var text = JSON.stringify(msg);
    if (connected) ws.send(text); else queue.push(text);
    return msg.header.msg_id;
  }
  function comm(id, data) {
    send("comm_msg", {comm_id: id, data: data});
  }
  function connect(url) {
    ws = new WebSocket(url);
    ws.binaryType = "arraybuffer";
    ws.onopen = function () {
      mark("ek-kernel-connected");
      connected = true;
      queue.splice(0).forEach(function (text) { ws.send(text); });
      Object.keys(models).forEach(function (id) { models[id].changed(); });  // enable the controls
    };
    ws.onclose = function (event) {
      var was = connected;
      connected = false;
      Object.keys(models).forEach(function (id) { models[id].changed(); });
      if (hooks.closed) hooks.closed(was, event);
    };
    ws.onmessage = function (event) {
      var msg;
      try { msg = typeof event.data === "string" ? JSON.parse(event.data) : binary(event.data); }
      catch (e) { return; }
      if (msg) receive(msg);
    };
  }
  // A message with buffers comes as one binary frame: offsets (uint32, big-endian), the JSON, the buffers.
  function binary(buffer) {
    var view = new DataView(buffer);
    var count = view.getUint32(0);
    var start = view.getUint32(4), end = count > 1 ? view.getUint32(8) : buffer.byteLength;
    return JSON.parse(new TextDecoder("utf-8").decode(new Uint8Array(buffer, start, end - start)));
  }
  function receive(msg) {
    var type = msg.header && msg.header.msg_type, content = msg.content || {};
    var parent = (msg.parent_header || {}).msg_id;
    if (type === "comm_open" && content.target_name === "jupyter.widget") {
      var state = (content.data || {}).state || {};
      if (known(state)) models[content.comm_id] = new Model(content.comm_id, state);
      return;
    }
    if (type === "comm_msg" && models[content.comm_id]) {
      var data = content.data || {};
      if (data.method === "update" || data.method === "echo_update") {
        models[content.comm_id].apply(data.state, data.method === "echo_update");
      }
      return;
    }
    if (type === "comm_close") { delete models[content.comm_id]; return; }
    if (parent && /^(stream|display_data|execute_result|error|clear_output|update_display_data)$/.test(type)) {
      Object.keys(models).forEach(function (id) {
        var m = models[id];
        if (m.state._model_name === "OutputModel" && m.state.msg_id === parent) capture(m, type, content);
      });
    }
  }
  // The Output widget shows what the kernel prints while its msg_id is set (ipywidgets' capture).
  function capture(model, type, content) {
    var outputs = (model.state.outputs || []).slice();
    if (model.clearNext && type !== "clear_output") { outputs = []; model.clearNext = false; }
    if (type === "clear_output") {
      if (content.wait) model.clearNext = true; else outputs = [];
    } else if (type === "stream") {
      var last = outputs[outputs.length - 1];
      if (last && last.output_type === "stream" && last.name === content.name) {
        outputs[outputs.length - 1] = {output_type: "stream", name: content.name, text: text(last.text) + text(content.text)};
      } else {
        outputs.push({output_type: "stream", name: content.name, text: text(content.text)});
      }
    } else if (type === "error") {
      outputs.push({output_type: "error", ename: content.ename, evalue: content.evalue, traceback: []});
    } else if (type !== "update_display_data") {
      outputs.push({output_type: type, data: content.data || {}, metadata: content.metadata || {}});
    }
    model.state.outputs = outputs;
    model.changed();
  }
  function text(value) { return Array.isArray(value) ? value.join("") : String(value || ""); }

  // --- which widgets this script draws ----------------------------------------------------------------
  var VIEWS = {};
  function known(state) {
    // Layouts and styles: data the views read (LayoutView and StyleView draw nothing themselves).
    if (!state._view_name || state._view_name === "LayoutView" || state._view_name === "StyleView") {
      return state._model_module === BASE || state._model_module === CONTROLS;
    }
    return (state._view_module === CONTROLS || state._view_module === OUTPUT) && !!VIEWS[state._view_name];
  }
  function canRender(answer) {
    var widgets = answer && answer.widgets;
    if (!widgets || !window.WebSocket || !window.TextDecoder) return false;
    for (var id in widgets) {
      if (widgets[id].buffers || !known(widgets[id].state || {})) return false;
    }
    var html = Object.keys(answer.cells || {}).map(function (n) { return answer.cells[n]; }).join("");
    var box = doc.createElement("template");
    box.innerHTML = html;
    var scripts = box.content.querySelectorAll('script[type="' + VOILA + '"]');
    for (var i = 0; i < scripts.length; i++) {
      var view;
      try { view = (JSON.parse(scripts[i].textContent).data || {})[VIEW]; } catch (e) { return false; }
      if (!view || !widgets[view.model_id]) return false;  // another renderer's output: Voila's front end
    }
    return true;
  }

  // --- views -------------------------------------------------------------------------------------------
  var LAYOUT = ["width", "height", "min_width", "max_width", "min_height", "max_height", "display", "flex",
                "flex_flow", "align_items", "align_content", "align_self", "justify_content", "justify_items",
                "margin", "padding", "border", "border_top", "border_right", "border_bottom", "border_left",
                "overflow", "visibility", "order", "object_fit", "object_position", "top", "bottom", "left",
                "right", "grid_area", "grid_gap", "grid_template_rows", "grid_template_columns",
                "grid_template_areas", "grid_row", "grid_column", "grid_auto_columns", "grid_auto_flow",
                "grid_auto_rows"];
  function view(model) {
    var make = VIEWS[model.state._view_name];
    var node = make(model);
    var classes = [];
    function paint() {
      var s = model.state;
      if (node.update) node.update(s);
      var layout = ref(s.layout), style = ref(s.style);
      if (layout) LAYOUT.forEach(function (key) {
        var value = layout.state[key];
        node.style.setProperty(key.replace(/_/g, "-"), value === null || value === undefined ? "" : String(value));
      });
      if (style && style.state.description_width && node.label) node.label.style.width = style.state.description_width;
      if (style && style.state.button_color) node.style.backgroundColor = style.state.button_color;
      classes.forEach(function (c) { node.classList.remove(c); });
      classes = (s._dom_classes || []).filter(function (c) { return typeof c === "string" && c; });
      classes.forEach(function (c) { node.classList.add(c); });
      if (s.tooltip || s.description_tooltip) node.title = s.tooltip || s.description_tooltip;
    }
    [model, ref(model.state.layout), ref(model.state.style)].forEach(function (m) {
      if (m) m.listeners.push(paint);
    });
    paint();
    return node;
  }
  function live(s) { return connected && !s.disabled; }
  function labelled(cls, model, control) {
    var box = el("div", "widget-inline-hbox " + cls);
    var label = el("label", "widget-label");
    box.appendChild(label);
    box.appendChild(control);
    box.label = label;
    var id = "ek-w-" + uid();
    control.id = id;
    if (/^(INPUT|SELECT|TEXTAREA|PROGRESS|OUTPUT)$/.test(control.tagName)) {
      label.htmlFor = id;
    } else {  // a radio group or HTML content: named by the label all the same
      label.id = id + "-label";
      control.setAttribute("aria-labelledby", label.id);
    }
    box.paintLabel = function (s) {
      label.textContent = s.description || "";
      label.hidden = !s.description;
    };
    return box;
  }
  function button(model) {
    var node = el("button", "jupyter-widgets jupyter-button widget-button");
    node.type = "button";
    node.addEventListener("click", function () { if (live(model.state)) model.custom({event: "click"}); });
    node.update = function (s) {
      node.textContent = s.description || "";
      node.disabled = !live(s);
    };
    return node;
  }
  function toggle(model) {
    var node = el("button", "jupyter-widgets jupyter-button widget-toggle-button");
    node.type = "button";
    node.addEventListener("click", function () { if (live(model.state)) model.set({value: !model.state.value}); });
    node.update = function (s) {
      node.textContent = s.description || "";
      node.disabled = !live(s);
      node.setAttribute("aria-pressed", s.value ? "true" : "false");
      node.classList.toggle("mod-active", !!s.value);
    };
    return node;
  }
  function checkbox(model) {
    var input = el("input");
    input.type = "checkbox";
    var node = el("div", "widget-inline-hbox widget-checkbox");
    var label = el("label", "widget-label-basic");
    var words = el("span");
    label.appendChild(input);
    label.appendChild(words);
    node.appendChild(label);
    input.addEventListener("change", function () { model.set({value: input.checked}); });
    node.update = function (s) {
      words.textContent = s.description || "";
      input.checked = !!s.value;
      input.disabled = !live(s);
    };
    return node;
  }
  function textual(model) {
    var s0 = model.state, name = s0._view_name;
    var area = name === "TextareaView", number = /^(Bounded)?(Int|Float)TextView$/.test(name);
    var input = el(area ? "textarea" : "input");
    if (!area) input.type = number ? "number" : name === "PasswordView" ? "password" : "text";
    var node = labelled(area ? "widget-textarea" : "widget-text", model, input);
    function value() {
      if (!number) return input.value;
      var v = /Int/.test(name) ? parseInt(input.value, 10) : parseFloat(input.value);
      if (isNaN(v)) return model.state.value;
      if (model.state.min !== undefined && model.state.min !== null) v = Math.max(model.state.min, v);
      if (model.state.max !== undefined && model.state.max !== null) v = Math.min(model.state.max, v);
      return v;
    }
    input.addEventListener("input", function () { if (model.state.continuous_update) model.set({value: value()}); });
    input.addEventListener("change", function () { model.set({value: value()}); });
    if (!area) input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { model.set({value: value()}); model.custom({event: "submit"}); }
    });
    node.update = function (s) {
      node.paintLabel(s);
      if (doc.activeElement !== input || String(s.value) !== input.value) input.value = s.value === null ? "" : s.value;
      input.placeholder = s.placeholder || "";
      input.disabled = !live(s);
      if (number && s.step) input.step = s.step;
      if (number && s.min !== undefined && s.min !== null) input.min = s.min;
      if (number && s.max !== undefined && s.max !== null) input.max = s.max;
      if (area && s.rows) input.rows = s.rows;
    };
    return node;
  }
  function format(value, spec) {
    var m = /\.(\d+)f/.exec(spec || "");
    return m ? Number(value).toFixed(Number(m[1])) : String(value);
  }
  function slider(model) {
    var input = el("input");
    input.type = "range";
    var node = labelled("widget-slider widget-hslider", model, input);
    var readout = el("output", "widget-readout");
    node.appendChild(readout);
    function value() {
      return /Int/.test(model.state._model_name) ? parseInt(input.value, 10) : parseFloat(input.value);
    }
    input.addEventListener("input", function () {
      readout.textContent = format(value(), model.state.readout_format);
      if (model.state.continuous_update) model.set({value: value()});
    });
    input.addEventListener("change", function () { model.set({value: value()}); });
    node.update = function (s) {
      node.paintLabel(s);
      input.min = s.min; input.max = s.max; input.step = s.step === null ? "any" : s.step;
      input.value = s.value;
      input.disabled = !live(s);
      input.setAttribute("aria-label", s.description || "value");
      readout.textContent = format(s.value, s.readout_format);
      readout.hidden = s.readout === false;
    };
    return node;
  }
  function labels(s) { return s._options_labels || []; }
  function dropdown(model) {
    var select = el("select");
    var node = labelled("widget-dropdown", model, select);
    select.addEventListener("change", function () { model.set({index: select.selectedIndex < 0 ? null : select.selectedIndex}); });
    node.update = function (s) {
      node.paintLabel(s);
      var options = labels(s);
      if (select.options.length !== options.length || options.some(function (o, i) { return select.options[i].text !== o; })) {
        select.textContent = "";
        options.forEach(function (o) { select.appendChild(el("option", "", o)); });
      }
      if (s._view_name === "SelectView") select.size = s.rows || 5;
      select.selectedIndex = s.index === null || s.index === undefined ? -1 : s.index;
      select.disabled = !live(s);
    };
    return node;
  }
  function radios(model) {
    var group = el("div", "widget-radio-box");
    group.setAttribute("role", "radiogroup");
    var node = labelled("widget-radio", model, group);
    var name = "ek-r-" + uid();
    node.update = function (s) {
      node.paintLabel(s);
      group.textContent = "";
      labels(s).forEach(function (o, i) {
        var label = el("label"), input = el("input");
        input.type = "radio"; input.name = name; input.checked = s.index === i; input.disabled = !live(s);
        input.addEventListener("change", function () { if (input.checked) model.set({index: i}); });
        label.appendChild(input);
        label.appendChild(doc.createTextNode(" " + o));
        group.appendChild(label);
      });
    };
    return node;
  }
  function html(model) {
    var content = el("div", "widget-html-content");
    var node = labelled("widget-html", model, content);
    node.update = function (s) { node.paintLabel(s); content.innerHTML = s.value || ""; };
    return node;
  }
  function label(model) {
    var node = el("div", "widget-label");
    node.update = function (s) { node.textContent = s.value || ""; };
    return node;
  }
  function progress(model) {
    var bar = el("progress");
    var node = labelled("widget-progress", model, bar);
    node.update = function (s) { node.paintLabel(s); bar.max = s.max - s.min; bar.value = s.value - s.min; };
    return node;
  }
  function box(model) {
    var names = {HBoxView: "widget-hbox", VBoxView: "widget-vbox", GridBoxView: "widget-gridbox"};
    var node = el("div", "widget-container widget-box " + (names[model.state._view_name] || ""));
    var shown = null;
    node.update = function (s) {
      var children = (s.children || []).map(ref).filter(Boolean);
      var key = children.map(function (m) { return m.id; }).join(",");
      if (key === shown) return;
      shown = key;
      node.textContent = "";
      children.forEach(function (m) { if (VIEWS[m.state._view_name]) node.appendChild(view(m)); });
    };
    return node;
  }
  function output(model) {
    var node = el("div", "widget-output");
    node.update = function (s) { render(node, s.outputs || []); };
    return node;
  }
  function render(node, outputs) {
    node.textContent = "";
    outputs.forEach(function (o) {
      if (o.output_type === "stream") {
        if (o.name !== "stderr") node.appendChild(el("pre", "ek-stream", text(o.text)));
        return;
      }
      if (o.output_type === "error") { node.appendChild(el("p", "ek-output-error", ERROR_NOTE)); return; }
      var data = o.data || {};
      if (data[VIEW] && models[data[VIEW].model_id]) { node.appendChild(view(models[data[VIEW].model_id])); return; }
      var image = ["image/png", "image/jpeg", "image/gif"].filter(function (t) { return data[t]; })[0];
      if (image) {
        var img = el("img");
        img.src = "data:" + image + ";base64," + text(data[image]).replace(/\s/g, "");
        img.alt = text(data["text/plain"]);
        node.appendChild(img);
      } else if (data["image/svg+xml"]) {
        var svg = el("img");
        svg.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text(data["image/svg+xml"]));
        node.appendChild(svg);
      } else if (data["text/html"]) {
        var div = el("div", "ek-html-output");
        div.innerHTML = text(data["text/html"]);
        node.appendChild(div);
      } else if (data["text/plain"]) {
        node.appendChild(el("pre", "ek-text-output", text(data["text/plain"])));
      }
    });
  }
  [["ButtonView", button], ["ToggleButtonView", toggle], ["CheckboxView", checkbox],
   ["TextView", textual], ["TextareaView", textual], ["PasswordView", textual], ["IntTextView", textual],
   ["FloatTextView", textual], ["BoundedIntTextView", textual], ["BoundedFloatTextView", textual],
   ["IntSliderView", slider], ["FloatSliderView", slider], ["DropdownView", dropdown], ["SelectView", dropdown],
   ["RadioButtonsView", radios], ["HTMLView", html], ["HTMLMathView", html], ["LabelView", label],
   ["ProgressView", progress], ["BoxView", box], ["HBoxView", box], ["VBoxView", box], ["GridBoxView", box],
   ["OutputView", output]].forEach(function (pair) { VIEWS[pair[0]] = pair[1]; });

  // --- starting -------------------------------------------------------------------------------------
  function start(config, answer, options) {
    hooks = options || {};
    Object.keys(answer.widgets).forEach(function (id) {
      models[id] = new Model(id, answer.widgets[id].state);
    });
    var proto = location.protocol === "https:" ? "wss://" : "ws://";
    connect(proto + location.host + config.kernels + answer.kernel_id + "/channels?session_id=" + session);
    doc.querySelectorAll('.ek-live-cell script[type="' + VOILA + '"]').forEach(function (script) {
      var id = JSON.parse(script.textContent).data[VIEW].model_id;
      var holder = script.parentNode;
      holder.textContent = "";
      holder.classList.add("is-drawn");
      holder.appendChild(view(models[id]));
    });
    mark("ek-widgets-drawn");
  }
  window.ekWidgets = {canRender: canRender, start: start};
})();
