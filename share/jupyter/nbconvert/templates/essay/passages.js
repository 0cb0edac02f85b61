/* essaykit enhancement: respond to a passage. Selecting words of the essay (with the mouse, or
   Shift+arrows after a click in the text) shows a "Respond" button by the selection; it and Alt+R
   open the comment form with the quote, the way the server's "Comment on this paragraph" link does
   without JavaScript (with it, that link opens this page's form on the paragraph, no page load).
   After posting, the pending comment is shown beside its passage.
   Only on pages whose comment form can post (the live page, a static page built with --api). */
(function () {
  var doc = document;
  var CONTEXT = 32, MAX_QUOTE = 1000;
  var skipped = ".ek-output, .ek-sidenote, .ek-anchor-notes, .ek-para-tools, .ek-anchor__link, .ek-anchor-count, " +
    ".ek-spoiler__label, .ek-footnotes, .ek-comment-form, .ek-comments, .ek-respond, annotation, annotation-xml";
  var PARAGRAPH = '[id^="ek-p-"]';
  // Runs of whitespace as one space, and a formula's letters as the page's text has them (a browser's
  // selection gives its styled letters: mathematical italic x for x).
  function oneSpace(text) {
    return text.replace(/[\u{1D400}-\u{1D7FF}]/gu, function (c) { return c.normalize("NFKC"); }).replace(/\s+/g, " ");
  }
  function form() { return doc.querySelector("form[data-ek-comment-form]"); }
  function essayBody() { return doc.querySelector(".ek-essay") || doc.body; }
  function inEssay(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    return !!el && essayBody().contains(el) && !el.closest(skipped);
  }
  // The essay's words before or after the range, as the server reads them (no outputs, no notes). The
  // range may start or end between elements (a triple click, a whole table cell), not in a text node.
  function context(range, before) {
    var walker = doc.createTreeWalker(essayBody(), NodeFilter.SHOW_TEXT), parts = [], node, taken = 0;
    var nodes = [];
    while ((node = walker.nextNode())) if (inEssay(node)) nodes.push(node);
    if (!before) nodes.reverse();
    for (var i = nodes.length - 1; i >= 0 && taken < CONTEXT * 2; i--) {
      node = nodes[i];
      var text = null;
      if (before && node === range.startContainer) text = node.data.slice(0, range.startOffset);
      else if (!before && node === range.endContainer) text = node.data.slice(range.endOffset);
      else if (before ? range.comparePoint(node, 0) < 0 : range.comparePoint(node, node.data.length) > 0) text = node.data;
      if (text === null) continue;
      if (before) parts.unshift(text); else parts.push(text);
      taken += text.length;
    }
    var joined = oneSpace(parts.join(""));
    return before ? joined.slice(-CONTEXT) : joined.slice(0, CONTEXT);
  }
  var button = doc.createElement("button"), kept = null;
  button.type = "button";
  button.className = "ek-button ek-respond";
  button.textContent = "Respond";
  button.setAttribute("aria-keyshortcuts", "Alt+R");
  button.title = "Comment on the selected words (Alt+R)";
  button.hidden = true;
  function selected() {
    var sel = window.getSelection && window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    var range = sel.getRangeAt(0), exact = selectedWords(sel, range);
    if (!exact || !inEssay(range.startContainer) || !inEssay(range.endContainer)) return null;
    return quoted(range, exact);
  }
  // The selection's words as the server reads the page: without a footnote's sidenote or a spoiler's spoken
  // label, which a selection across them holds though neither is the essay's words. (The selection's text, not
  // the range's: what the page makes unselectable, a mark's count, is left out.)
  function selectedWords(sel, range) {
    var text = oneSpace(sel.toString());
    doc.querySelectorAll(".ek-sidenote, .ek-spoiler__label").forEach(function (el) {
      var words = oneSpace(el.textContent).trim(), at = range.intersectsNode(el) ? text.indexOf(words) : -1;
      if (words && at >= 0) text = text.slice(0, at) + " " + text.slice(at + words.length);
    });
    return oneSpace(text).trim();
  }
  // The quote, cut to the server's limit: then what was cut is the start of its context after.
  function quoted(range, exact) {
    return { range: range, exact: exact.slice(0, MAX_QUOTE).trim(), cut: exact.slice(MAX_QUOTE) };
  }
  // The block of the essay a node is in (a paragraph, a table, a list): the Respond button goes after it,
  // so that Tab from the selection reaches it.
  function blockOf(node) {
    var el = node.nodeType === 1 ? node : node.parentElement, body = doc.querySelector(".ek-body") || essayBody();
    while (el && el.parentElement && el.parentElement !== body && body.contains(el.parentElement)) el = el.parentElement;
    return el && el !== body && body.contains(el) ? el : null;
  }
  function place() {
    var found = selected();
    if (!found || !form()) { if (doc.activeElement !== button) button.hidden = true; return; }
    kept = found;
    var block = blockOf(found.range.endContainer);
    if (block && button.previousElementSibling !== block) block.after(button);
    button.hidden = false;
    var box = found.range.getBoundingClientRect(), base = button.offsetParent;
    var origin = base ? base.getBoundingClientRect() : { top: -window.scrollY, left: -window.scrollX };
    button.style.top = (box.bottom - origin.top + 6) + "px";
    button.style.left = (Math.max(4, box.left) - origin.left) + "px";
  }
  function field(f, name, value) {
    var input = f.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = doc.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.setAttribute("data-ek-anchor-field", "");
      f.insertBefore(input, f.firstChild);
    }
    input.value = value;
  }
  function respond(chosen) {
    var f = form(), found = chosen || kept || selected();
    if (!f || !found) return;
    var start = found.range.startContainer;
    var para = (start.nodeType === 1 ? start : start.parentElement).closest(PARAGRAPH);
    field(f, "anchor_exact", found.exact);
    field(f, "anchor_prefix", context(found.range, true));
    field(f, "anchor_suffix", oneSpace(found.cut + context(found.range, false)).slice(0, CONTEXT));
    field(f, "anchor_block", para ? para.id : "");
    var note = f.querySelector(".ek-comment-form__passage");
    if (!note) {
      note = doc.createElement("p");
      note.className = "ek-comment-form__passage";
      var title = f.querySelector(".ek-comment-form__title");
      if (title) title.after(note); else f.prepend(note);
    }
    // Words of a spoiler the reader has not revealed (selected across it, unseen) are not spelled out here.
    var hidden = Array.prototype.some.call(doc.querySelectorAll(".ek-spoiler:not(.is-revealed)"), function (el) {
      return found.range.intersectsNode(el);
    });
    note.textContent = hidden ? "On a passage in a spoiler"
      : "On “" + (found.exact.length > 200 ? found.exact.slice(0, 199) + "…" : found.exact) + "”";
    f.setAttribute("data-ek-passage-block", para ? para.id : "");
    button.hidden = true;
    var body = f.querySelector("textarea");
    if (body) { body.focus(); if (body.scrollIntoView) body.scrollIntoView({ block: "center" }); }
  }
  // After posting (comments.js says so): the pending comment beside its paragraph, and the form plain again.
  doc.addEventListener("ek-comment-posted", function (ev) {
    var f = ev.target, detail = ev.detail || {}, block = f.getAttribute("data-ek-passage-block");
    f.querySelectorAll("[data-ek-anchor-field], .ek-comment-form__passage").forEach(function (el) { el.remove(); });
    f.removeAttribute("data-ek-passage-block");
    var para = block && doc.getElementById(block);
    if (!para || !detail.html) return;
    var aside = doc.createElement("aside");
    aside.className = "ek-anchor-notes ek-anchor-notes--pending";
    aside.setAttribute("aria-label", "Your comment on this paragraph");
    aside.innerHTML = '<ol class="ek-anchor-notes__list">' + detail.html + "</ol>";
    para.before(aside);
  });
  // "Comment on this paragraph" opens this page's form on the paragraph's words, as the server's form
  // would (the live page's ?on=, a static page's API form): no page load, and the form posts as usual.
  function wholeParagraph(para) {
    var walker = doc.createTreeWalker(para, NodeFilter.SHOW_TEXT), node, first = null, last = null, words = [];
    while ((node = walker.nextNode())) {
      if (!inEssay(node) || !node.data.trim()) continue;
      first = first || node;
      last = node;
      words.push(node.data);
    }
    if (!first) return null;
    var range = doc.createRange();
    range.setStart(first, 0);
    range.setEnd(last, last.data.length);
    return quoted(range, oneSpace(words.join("")).trim());
  }
  doc.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest("a.ek-para-comment");
    if (!link || !form() || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    var tools = link.closest(".ek-para-tools"), para = tools && tools.previousElementSibling;
    var found = para && para.matches(PARAGRAPH) ? wholeParagraph(para) : null;
    if (!found) return;
    ev.preventDefault();
    respond(found);
  });
  doc.addEventListener("selectionchange", function () { window.requestAnimationFrame(place); });
  button.addEventListener("mousedown", function (ev) { ev.preventDefault(); }); // keep the selection
  button.addEventListener("click", function () { respond(); });
  doc.addEventListener("keydown", function (ev) {
    if (ev.altKey && !ev.ctrlKey && !ev.metaKey && (ev.key === "r" || ev.key === "R" || ev.code === "KeyR") && selected()) {
      ev.preventDefault();
      kept = selected();
      respond();
    }
  });
  if (doc.body) doc.body.appendChild(button);
  else doc.addEventListener("DOMContentLoaded", function () { doc.body.appendChild(button); });
})();
