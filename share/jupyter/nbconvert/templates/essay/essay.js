/* essaykit enhancement: inline spoilers stay revealed once activated, and
   "Reveal all spoilers" opens every spoiler: inline ones, blocks, and the live
   page's Spoiler widgets (whose toggle tells the kernel). Everything works without it. */
(function () {
  var doc = document, root = doc.documentElement;
  root.classList.remove("ek-no-js");
  function reveal(el) {
    el.classList.add("is-revealed");
    el.setAttribute("aria-expanded", "true");
    el.removeAttribute("aria-label");
    el.removeAttribute("role");
    el.removeAttribute("tabindex");
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
  doc.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if ((ev.key === "Enter" || ev.key === " ") && t.matches && t.matches("[data-ek-spoiler]:not(.is-revealed)")) {
      ev.preventDefault();
      reveal(t);
    }
  });
})();
