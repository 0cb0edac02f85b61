/* essaykit live page (Voilà only; essay.js does the revealing):
   - ekLive.fill(n) moves cell n's outputs into its slot as Voilà runs the cell;
     ekLive.done() turns slots that never ran into a short note;
   - revealed spoilers are remembered per essay slug in localStorage, Spoiler
     widgets too (they appear only once the kernel has run their cell);
   - spoiler controls get aria-controls, and block summaries aria-expanded. */
(function () {
  var doc = document;
  var NOTE = "This part of the essay could not be shown.";
  // Voilà calls window.voila_heartbeat() from the page while a cell runs long.
  window.voila_heartbeat = function () {};

  function settle(slot) {
    slot.classList.remove("is-pending");
    slot.removeAttribute("aria-busy");
    var placeholder = slot.querySelector(":scope > .ek-placeholder");
    if (placeholder) placeholder.remove();
  }
  window.ekLive = {
    fill: function (n) {
      var source = doc.getElementById("ek-fill-" + n), slot = doc.getElementById("ek-cell-" + n);
      if (!source) return;
      if (slot) {
        settle(slot);
        while (source.firstChild) slot.appendChild(source.firstChild);
        if (!slot.children.length) slot.hidden = true;
      }
      source.remove();
    },
    start: start,
    done: function () {
      doc.querySelectorAll(".ek-slot.is-pending").forEach(function (slot) {
        settle(slot);
        var p = doc.createElement("p");
        p.className = "ek-output-error";
        p.setAttribute("role", "note");
        p.textContent = NOTE;
        slot.appendChild(p);
      });
    }
  };

  // --- live code under essaykit serve -------------------------------------------------
  // The page came without a kernel; its live cells show their saved outputs. Ask for a kernel
  // (POST with the _xsrf cookie's token), put the fresh outputs in the slots, then load Voila's
  // front end with that kernel. At the cap the server says "busy": keep the saved outputs,
  // say so, and offer a retry. Closing the page shuts the kernel down (a beacon with the token).
  var BUSY = "The live version is busy; try again in a minute.";
  var booted = false, loaded = false, leaving = false, kernelId = null, config = null;

  function xsrf() {
    var m = doc.cookie.match(/(?:^|;\s*)_xsrf=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  function liveCells() { return doc.querySelectorAll(".ek-live-cell"); }
  function clearNotes() {
    doc.querySelectorAll(".ek-live-busy").forEach(function (n) { n.remove(); });
  }
  function busy(message) {
    clearNotes();
    liveCells().forEach(function (slot) {
      slot.removeAttribute("aria-busy");
      var note = doc.createElement("p");
      note.className = "ek-live-busy";
      note.setAttribute("role", "status");
      note.appendChild(doc.createTextNode((message || BUSY) + " "));
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
    liveCells().forEach(function (slot) { slot.setAttribute("aria-busy", "true"); });
    var body = "essay=" + encodeURIComponent(config.essay) + "&_xsrf=" + encodeURIComponent(xsrf());
    fetch(config.start, {
      method: "POST", credentials: "same-origin", body: body,
      headers: {"Content-Type": "application/x-www-form-urlencoded", "X-XSRFToken": xsrf()}
    }).then(function (r) {
      return r.json().then(function (data) { return {ok: r.ok, data: data}; });
    }).then(function (answer) {
      if (!answer.ok || !answer.data.kernel_id) return busy(answer.data && answer.data.busy ? answer.data.message : BUSY);
      boot(answer.data);
    }).catch(function () { busy(BUSY); });
  }
  function boot(data) {
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
    var pageConfig = Object.assign({}, config.pageConfig, {kernelId: kernelId});
    var script = doc.createElement("script");
    script.id = "jupyter-config-data";
    script.type = "application/json";
    script.textContent = JSON.stringify(pageConfig);
    doc.body.appendChild(script);
    watchSocket();
    // Voila's front end starts on the window's "load" event, which has passed by now: run such
    // listeners at once instead.
    var add = window.addEventListener;
    window.addEventListener = function (type, fn, options) {
      if (type === "load" && doc.readyState === "complete") { setTimeout(fn, 0); return; }
      return add.call(window, type, fn, options);
    };
    var voila = doc.createElement("script");
    voila.src = config.voila;
    loaded = true;
    doc.body.appendChild(voila);
  }
  // When the kernel goes away (closed, idle, over its memory limit) the page says so.
  function watchSocket() {
    var Native = window.WebSocket;
    function Watched(url, protocols) {
      var ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
      if (String(url).indexOf(kernelId + "/channels") >= 0) {
        ws.addEventListener("close", function () { if (!leaving) setTimeout(check, 500); });
      }
      return ws;
    }
    Watched.prototype = Native.prototype;
    ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { Watched[k] = Native[k]; });
    window.WebSocket = Watched;
  }
  function check() {
    fetch(config.kernels + kernelId, {credentials: "same-origin"}).then(function (r) {
      if (r.status === 404) { booted = false; kernelId = null; busy(BUSY); }
    }).catch(function () {});
  }
  window.addEventListener("pagehide", function () {
    leaving = true;
    if (!kernelId || !navigator.sendBeacon) return;
    var form = new FormData();
    form.append("_xsrf", xsrf());
    navigator.sendBeacon(config.shutdown + kernelId, form);
  });

  var main = doc.getElementById("ek-essay");
  if (!main || !main.hasAttribute("data-ek-live")) return;
  var key = "essaykit:revealed:" + main.getAttribute("data-ek-slug");
  var inline = Array.prototype.slice.call(main.querySelectorAll("[data-ek-spoiler]"));
  var blocks = Array.prototype.slice.call(main.querySelectorAll("details[data-ek-spoiler-block]"));
  var revealAll = main.querySelector("[data-ek-reveal-all]");

  inline.forEach(function (el, n) {
    var text = el.querySelector(".ek-spoiler__text");
    if (text) {
      text.id = text.id || "ek-inline-spoiler-" + (n + 1);
      el.setAttribute("aria-controls", text.id);
    }
  });
  blocks.forEach(function (d, n) {
    var summary = d.querySelector("summary"), body = d.querySelector(".ek-spoiler-block__body");
    if (!d.id) d.id = "ek-spoiler-block-" + (n + 1);
    if (body && summary) {
      body.id = body.id || d.id + "-body";
      summary.setAttribute("aria-controls", body.id);
    }
    if (summary) summary.setAttribute("aria-expanded", String(d.open));
  });

  // Spoiler widgets, in page order. Remembered by position; "open" holds the
  // positions last seen open, kept for widgets that have not rendered yet.
  function toggles() {
    return Array.prototype.slice.call(main.querySelectorAll(".ek-spoiler-widget__toggle"));
  }
  var widgetsOpen = {};

  function read() {
    try { return JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { return {}; }
  }
  function save() {
    var state = {
      inline: inline.map(function (el, n) { return el.classList.contains("is-revealed") ? n : -1; })
        .filter(function (n) { return n >= 0; }),
      blocks: blocks.filter(function (d) { return d.open; }).map(function (d) { return d.id; }),
      widgets: Object.keys(widgetsOpen).filter(function (n) { return widgetsOpen[n]; }).map(Number),
      all: !!(revealAll && revealAll.getAttribute("aria-pressed") === "true")
    };
    try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode: just don't remember */ }
  }

  var state = read();
  (state.widgets || []).forEach(function (n) { widgetsOpen[n] = true; });
  // A widget rendered after the page loaded: open it if the reader had, or had
  // pressed "Reveal all"; from then on follow its aria-expanded.
  function watchWidgets() {
    var all = !!(revealAll && revealAll.getAttribute("aria-pressed") === "true");
    toggles().forEach(function (button, n) {
      if (button.hasAttribute("data-ek-seen")) {
        widgetsOpen[n] = button.getAttribute("aria-expanded") === "true";
        return;
      }
      button.setAttribute("data-ek-seen", "");
      if ((all || widgetsOpen[n]) && button.getAttribute("aria-expanded") === "false") button.click();
    });
  }
  if (state.all && revealAll) revealAll.click();
  (state.inline || []).forEach(function (n) {
    if (inline[n] && !inline[n].classList.contains("is-revealed")) inline[n].click();
  });
  (state.blocks || []).forEach(function (id) {
    var d = doc.getElementById(id);
    if (d && blocks.indexOf(d) >= 0) d.open = true;
  });
  blocks.forEach(function (d) {
    d.addEventListener("toggle", function () {
      var summary = d.querySelector("summary");
      if (summary) summary.setAttribute("aria-expanded", String(d.open));
      save();
    });
  });
  // Whatever reveals a spoiler (click, keyboard, "reveal all"), the class or
  // attribute changes; remembering follows that, not the event that caused it.
  new MutationObserver(function () { watchWidgets(); save(); }).observe(main, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["class", "aria-pressed", "aria-expanded"]
  });
})();
