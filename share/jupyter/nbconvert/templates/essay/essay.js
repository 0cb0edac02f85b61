/* essaykit enhancement: inline spoilers stay revealed once activated, and
   "Reveal all spoilers" opens every spoiler: inline ones, blocks, and the live
   page's Spoiler widgets (whose toggle tells the kernel). Everything works without it. */
(function () {
  var doc = document, root = doc.documentElement;
  root.classList.remove("ek-no-js");
  function reveal(el) {
    el.classList.add("is-revealed");
    // Revealed, it is plain text again: no button role, no label hiding the words.
    el.removeAttribute("aria-label");
    el.removeAttribute("role");
    el.removeAttribute("tabindex");
    el.removeAttribute("aria-expanded");
    var text = el.querySelector(".ek-spoiler__text"), label = el.querySelector(".ek-spoiler__label");
    if (text) text.removeAttribute("aria-hidden");
    if (label) label.remove();
  }
  doc.addEventListener("click", function (ev) {
    var t = ev.target.closest && ev.target.closest("[data-ek-spoiler]");
    if (t) { reveal(t); return; }
    var all = ev.target.closest && ev.target.closest("[data-ek-reveal-all]");
    if (all) {
      doc.querySelectorAll("[data-ek-spoiler]").forEach(reveal);
      doc.querySelectorAll("details[data-ek-spoiler-block]").forEach(function (d) { d.open = true; });
      doc.querySelectorAll('.ek-spoiler-widget__toggle[aria-expanded="false"]').forEach(function (b) { b.click(); });
      all.setAttribute("aria-pressed", "true");
    }
  });
  // The light/dark toggle: the choice is kept in localStorage and applied by the
  // inline <head> script (theme.js) before the next page paints.
  function dark() {
    var set = root.getAttribute("data-ek-theme");
    return set ? set === "dark" : !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }
  function label(btn) {
    btn.setAttribute("aria-pressed", dark() ? "true" : "false");
  }
  doc.querySelectorAll("[data-ek-theme-toggle]").forEach(function (btn) {
    label(btn);
    btn.addEventListener("click", function () {
      var next = dark() ? "light" : "dark";
      root.setAttribute("data-ek-theme", next);
      try { localStorage.setItem("ek-theme", next); } catch (e) { /* private mode: this page only */ }
      label(btn);
    });
  });
  // A video facade (essaykit.html.video) becomes the player when clicked; until then
  // nothing is loaded from the video site. Without this script it is a plain link.
  doc.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest("[data-ek-video] > .ek-video__link");
    if (!link || ev.button || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    var figure = link.parentNode, frame = doc.createElement("iframe");
    ev.preventDefault();
    frame.src = figure.getAttribute("data-ek-video");
    frame.title = figure.getAttribute("data-ek-video-title") || "Video";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.setAttribute("allowfullscreen", "");
    figure.replaceChild(frame, link);
    frame.focus();
  });
  doc.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if ((ev.key === "Enter" || ev.key === " ") && t.matches && t.matches("[data-ek-spoiler]:not(.is-revealed)")) {
      ev.preventDefault();
      reveal(t);
    }
  });
})();
