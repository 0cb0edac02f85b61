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
  // ekLive.ask may be there already (live-early.js, in <head>).
  window.ekLive = Object.assign(window.ekLive || {}, {
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
