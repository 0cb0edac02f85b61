/* essaykit live page, live code under essaykit serve (only pages whose essay has live code get this).
   The page came without a kernel; its live cells show their saved outputs. ekLive.start() asks for a
   kernel (POST with the page's _xsrf token), puts the fresh outputs in the slots, then draws the
   widgets with ipywidgets' own manager from essaykit's widget bundle (window.essaykitWidgets, loaded
   by the page while the kernel starts): fed the widget state the server captured while it ran the
   cells, so they are drawn at once, then connected to the kernel over its websocket. Only when the
   server says the bundle cannot draw the page (another widget library, an output only
   a front-end renderer knows) does it load Voila's front end with that kernel instead. At the cap the
   server says "busy": the saved outputs stay, a note says so and offers a retry; a reader in line for a
   kernel is told their place, and the page asks again when the server says (Retry-After). Closing the page
   shuts the kernel down (a beacon with the token). */
(function () {
  var doc = document;
  var BUSY = "The live version is busy; try again in a minute.";
  // essaykit.live.kernels.STOPPED: the kernel died under the page (the server says the rest itself).
  var STOPPED = "The live version stopped; reload the page to start it again.";
  var ERROR_NOTE = "This part of the essay could not be shown.";
  var VOILA = "application/vnd.voila.cell-output+json", VIEW = "application/vnd.jupyter.widget-view+json";
  var booted = false, loaded = false, leaving = false, kernelId = null, config = null, again = null;

  // The server puts the token in the page: its _xsrf cookie is HttpOnly, out of any script's reach.
  function xsrf() {
    var meta = doc.querySelector('meta[name="essaykit-xsrf"]');
    return meta ? meta.getAttribute("content") : "";
  }
  function liveCells() { return doc.querySelectorAll(".ek-live-cell"); }
  function clearNotes() {
    doc.querySelectorAll(".ek-live-busy").forEach(function (n) { n.remove(); });
  }
  function busy(message) {
    var text = (message || BUSY) + " ";
    var shown = doc.querySelector(".ek-live-busy");
    // Asked again while in line: the same words stay put (a screen reader is not told them again).
    if (shown && shown.firstChild && shown.firstChild.nodeValue === text) {
      liveCells().forEach(function (slot) { slot.removeAttribute("aria-busy"); });
      return;
    }
    clearNotes();
    liveCells().forEach(function (slot) {
      slot.removeAttribute("aria-busy");
      var note = doc.createElement("p");
      note.className = "ek-live-busy";
      note.setAttribute("role", "status");
      note.appendChild(doc.createTextNode(text));
      var retry = doc.createElement("button");
      retry.type = "button";
      retry.className = "ek-button ek-live-retry";
      retry.textContent = "Try again";
      // Once Voila's front end has run, a fresh page is the clean way to get a new kernel.
      retry.addEventListener("click", function () { if (loaded) location.reload(); else start(); });
      note.appendChild(retry);
      slot.appendChild(note);
    });
  }
  function start() {
    if (booted) return;
    var el = doc.getElementById("ek-live-config");
    if (!el) return;
    config = config || JSON.parse(el.textContent);
    stylesheets();  // the widgets' stylesheets load while the kernel starts (added by script: not render-blocking)
    liveCells().forEach(function (slot) { slot.setAttribute("aria-busy", "true"); });
    // Asked for in <head> already (live-early.js); a retry asks again.
    clearTimeout(again);
    window.ekLive.ask().then(function (answer) {
      // The server says why: busy (at the cap, with this reader's place in line), over this reader's
      // share, cannot run here (no such kernel), or stopped. A place in line is kept by asking again.
      if (!answer.ok || !answer.data.kernel_id) {
        busy(answer.data && answer.data.message ? answer.data.message : BUSY);
        if (answer.data && answer.data.position && answer.retry > 0) again = setTimeout(start, answer.retry * 1000);
        return;
      }
      boot(answer.data);
    }).catch(function () { busy(BUSY); });
  }
  function boot(data) {
    if (window.performance && performance.mark) performance.mark("ek-kernel-answer");
    booted = true;
    kernelId = data.kernel_id;
    clearNotes();
    Object.keys(data.cells).forEach(function (n) {
      var slot = doc.getElementById("ek-cell-" + n);
      if (!slot) return;
      var outputs = slot.querySelector(".ek-live-outputs") || slot;
      outputs.innerHTML = data.cells[n];
      slot.removeAttribute("aria-busy");
      slot.classList.add("is-live");
    });
    liveCells().forEach(function (slot) { slot.removeAttribute("aria-busy"); });
    if (data.bundle) {
      loaded = true;
      bundle().then(function (widgets) { drawWidgets(widgets, data); }, function () { busy(BUSY); });
      return;
    }
    var pageConfig = Object.assign({}, config.pageConfig, {kernelId: kernelId});
    var script = doc.createElement("script");
    script.id = "jupyter-config-data";
    script.type = "application/json";
    script.textContent = JSON.stringify(pageConfig);
    doc.body.appendChild(script);
    startVoila();
  }
  // The bundle's script is in the page (async); it defines window.essaykitWidgets when it has run.
  function bundle() {
    return new Promise(function (resolve, reject) {
      if (window.essaykitWidgets) return resolve(window.essaykitWidgets);
      var script = doc.getElementById("ek-widgets-bundle");
      if (!script) return reject(new Error("no widget bundle on the page"));
      script.addEventListener("load", function () { resolve(window.essaykitWidgets); });
      script.addEventListener("error", reject);
    });
  }
  function stylesheets() {
    (config.widgets.css || []).forEach(function (href) {
      if (doc.querySelector('link[rel="stylesheet"][href="' + href + '"]')) return;
      var link = doc.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      doc.head.appendChild(link);
    });
  }
  // Each widget view the kernel's outputs hold (Voila's cell-output script in its slot) is drawn by
  // ipywidgets' manager in that place; the kernel connection is made at the same time and carries
  // what the reader does from then on (messages wait in the connection until it is up).
  function drawWidgets(widgets, data) {
    var proto = location.protocol === "https:" ? "wss://" : "ws://";
    var kernel = widgets.connectKernel({baseUrl: location.origin + config.base,
                                        wsUrl: proto + location.host + config.base, kernelId: kernelId});
    var manager = new widgets.KernelWidgetManager(kernel);
    watchKernel(kernel);
    kernel.connectionStatusChanged.connect(function (_, status) {
      if (status === "connected" && window.performance && performance.mark) performance.mark("ek-kernel-connected");
    });
    manager.restore(data.widgets).then(function () {
      var shown = [];
      doc.querySelectorAll('.ek-live-cell script[type="' + VOILA + '"]').forEach(function (script) {
        var view = (JSON.parse(script.textContent).data || {})[VIEW];
        var holder = script.parentNode;
        if (!view) return;
        holder.classList.add("is-drawn");
        shown.push(manager.show(view.model_id, holder).catch(function (e) {
          holder.textContent = "";
          holder.appendChild(doc.createTextNode(ERROR_NOTE));
          console.error(e);
        }));
      });
      return Promise.all(shown);
    }).then(function () {
      if (window.performance && performance.mark) performance.mark("ek-widgets-drawn");
    });
  }
  // Voila's front end starts its app from a "load" listener on the window, and offers no other way in;
  // that event has passed by now. So from here until Voila's bundle registers that one listener, the
  // window has an addEventListener of its own (an own property, in front of EventTarget's): it hands
  // every other registration to EventTarget's method unchanged, and on the "load" one deletes itself
  // first, then runs Voila's start. Nothing else of the page's globals is touched, and once Voila is
  // running window.addEventListener is EventTarget's again.
  function startVoila() {
    var native = EventTarget.prototype.addEventListener;
    function restore() { delete window.addEventListener; }
    Object.defineProperty(window, "addEventListener", {configurable: true, writable: true, value: function (type, fn, options) {
      if (type !== "load") return native.call(window, type, fn, options);
      restore();
      setTimeout(function () {
        var event = new Event("load");
        var started = typeof fn === "function" ? fn.call(window, event) : fn.handleEvent(event);
        Promise.resolve(started).then(watchKernel, watchKernel);
      }, 0);
    }});
    var voila = doc.createElement("script");
    voila.src = config.voila;
    voila.onerror = function () { restore(); busy(BUSY); };
    loaded = true;
    doc.body.appendChild(voila);
  }
  // When the kernel goes away (closed, idle, over its memory limit) the page says so. Voila's front end
  // has the kernel's connection (window.jupyterapp.widgetManager.kernel, a JupyterLab KernelConnection):
  // its connectionStatusChanged says when the socket closed ("connecting": it tries again) and when it
  // gave up ("disconnected").
  function watchKernel(given) {
    var app = window.jupyterapp, kernel = given || (app && app.widgetManager && app.widgetManager.kernel);
    if (!kernel || !kernel.connectionStatusChanged) { check(); return; }
    kernel.connectionStatusChanged.connect(function (_, status) {
      if (leaving || kernel.isDisposed) return;
      if (status === "connecting") setTimeout(check, 500);
      else if (status === "disconnected") busy(STOPPED);
      else if (status === "connected") clearNotes();
    });
  }
  function check() {
    if (!kernelId) return;
    fetch(config.kernels + kernelId, {credentials: "same-origin"}).then(function (r) {
      if (r.status === 404) { booted = false; kernelId = null; busy(STOPPED); }
    }).catch(function () { busy(BUSY); });  // the server is gone (stopping, or the network is): say so
  }
  window.addEventListener("pagehide", function () {
    leaving = true;
    if (!kernelId || !navigator.sendBeacon) return;
    var form = new FormData();
    form.append("_xsrf", xsrf());
    navigator.sendBeacon(config.shutdown + kernelId, form);
  });

  window.ekLive.start = start;
})();
