// essaykit comments: the one front end of the comment thread and form.
//
// The markup is never built here: the server renders it (the comment_section
// and comment_form macros of essaykit's HTML vocabulary), and this module
// brings it to life — replies, "Show more", posting without a reload, every
// problem shown at its field, the reader's own comments awaiting moderation
// and, when they ask, their name remembered. Without JavaScript the same
// markup is a plain HTML form that posts to the comment API.
//
// One module, two transports:
//   - the CommentSection widget asks its kernel (anywidget's invoke of "_post", "_more");
//   - the live and static pages talk to the HTTP comment API (fetch).
// Under essaykit serve the widget mixes them: the kernel draws, the API takes the post (servedTransport).
// The transports live in transports.js, put before this file by _frontend.py.
// A transport answers post(fields, signal), more(cursor, signal) and, optionally,
// latest(); both give up when the signal (data-ek-wait seconds) fires. The form
// is never cleared unless the comment was stored, so a refusal, a dead
// connection or a kernel that never answers never costs the reader their text.
// Every word shown comes from the markup (data-ek-say-*, see say()).
const MINE_DAYS = 30;
const IDENTITY_KEY = "essaykit:identity";
const IDENTITY_FIELDS = ["author", "email", "website"];

function store(key, value) {
  try {
    if (value === undefined) return JSON.parse(localStorage.getItem(key) || "null");
    if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, JSON.stringify(value));
  } catch (e) { /* storage disabled: nothing is remembered */ }
  return null;
}

function fragment(html) {
  const t = document.createElement("template");
  t.innerHTML = html || "";
  return t.content;
}

function mountComments(root, transport, { replyTo = "" } = {}) {
  if (!root || root.ekMounted) return null;
  root.ekMounted = true;
  const essay = root.getAttribute("data-ek-essay") || "";
  const mineKey = `essaykit:mine:${essay}`;
  const note = root.querySelector(".ek-comment-section__note");
  const thread = root.querySelector(".ek-comment-section__thread");
  const moreWrap = root.querySelector(".ek-comment-section__more");
  const more = root.querySelector(".ek-comment-section__more-button");
  const mineList = root.querySelector("[data-ek-mine]");
  const form = root.querySelector("form[data-ek-comment-form]");
  const title = form.querySelector(".ek-comment-form__title");
  const replying = form.querySelector(".ek-comment-form__replying");
  const replyingName = form.querySelector(".ek-comment-form__replying-name");
  const cancel = form.querySelector(".ek-comment-form__cancel");
  const submit = form.querySelector(".ek-comment-form__submit");
  const alertBox = form.querySelector(".ek-comment-form__alert");
  const status = form.querySelector(".ek-comment-form__status");
  const remember = form.querySelector('input[name="remember"]');
  const notify = form.querySelector('input[name="notify"]');
  const parentInput = form.querySelector('input[name="parent"]');
  const inputs = {};
  for (const el of form.querySelectorAll(".ek-comment-form__input")) inputs[el.name] = el;
  const honeypot = form.querySelector(".ek-comment-form__trap input");
  // The signed time the form was loaded (essaykit.comments.timing): a feature of the spam filter.
  const loadedInput = form.querySelector("input[data-ek-loaded]");
  function setLoaded(token) { if (loadedInput && typeof token === "string" && token) loadedInput.value = token; }
  let next = root.getAttribute("data-ek-next") || null;
  let waiting = false;

  // --- the thread ---------------------------------------------------------------
  function list() { return thread.querySelector(".ek-comments__list"); }
  function counts() {
    const total = Number(root.getAttribute("data-ek-total") || 0);
    const loaded = Number(root.getAttribute("data-ek-loaded") || 0);
    moreWrap.hidden = !next && loaded >= total;
    if (more) more.textContent = say(root, "show_more", { n: Math.max(0, total - loaded) });
  }
  function setThread(html, total, loaded, cursor) {
    thread.replaceChildren(fragment(html));
    root.setAttribute("data-ek-total", String(total));
    root.setAttribute("data-ek-loaded", String(loaded));
    next = cursor || null;
    dropPublished();
    counts();
  }
  function append(html, total, cursor) {
    const target = list();
    if (!target) return;
    const items = fragment(html).querySelectorAll(".ek-comments__list > li");
    for (const li of items) if (!document.getElementById(li.id)) target.append(li);
    root.setAttribute("data-ek-total", String(total));
    root.setAttribute("data-ek-loaded", String(list().children.length));
    next = cursor || null;
    counts();
  }

  // --- the reader's own comments awaiting moderation ----------------------------
  function mine() {
    const now = Date.now();
    return (store(mineKey) || []).filter((m) => m && m.id && m.html && now - (m.at || 0) < MINE_DAYS * 864e5);
  }
  function drawMine() {
    const kept = mine().filter((m) => !thread.querySelector(`[id="ek-c-${CSS.escape(m.id)}"]`));
    store(mineKey, kept.length ? kept : null);
    for (const m of kept) {
      if (!mineList.querySelector(`[id="ek-c-${CSS.escape(m.id)}"]`)) mineList.append(fragment(m.html));
    }
    mineList.hidden = !mineList.children.length;
  }
  function dropPublished() {
    for (const li of Array.from(mineList.children)) {
      if (thread.querySelector(`[id="${CSS.escape(li.id)}"]`)) li.remove();
    }
    mineList.hidden = !mineList.children.length;
  }

  // --- the form -------------------------------------------------------------------
  function startReply(id, name) {
    parentInput.value = id;
    replyingName.textContent = name;
    replying.hidden = false;
    title.textContent = say(root, "reply_title");
    inputs.body.focus();
  }
  // A page opened at ?reply=ID (the author's email links there) answers that comment when the thread
  // offers a Reply for it. A live page's server has done so already; a static page's form cannot.
  function answerLink() {
    if (!replyTo || parentInput.value === replyTo) return;
    const button = thread.querySelector(`button[data-ek-reply="${CSS.escape(replyTo)}"]`);
    if (button) startReply(replyTo, button.getAttribute("data-ek-reply-name") || "");
  }
  function stopReply() {
    parentInput.value = "";
    replying.hidden = true;
    replyingName.textContent = "";
    title.textContent = say(root, "new_title");
  }
  function clearErrors() {
    alertBox.textContent = "";
    for (const el of form.querySelectorAll(".ek-comment-form__error")) el.textContent = "";
    for (const input of Object.values(inputs)) input.removeAttribute("aria-invalid");
  }
  function busy(on) {
    waiting = on;
    root.toggleAttribute("aria-busy", on);
    submit.disabled = on;
    submit.textContent = say(root, on ? "posting" : "post");
  }
  function showProblems(problems) {
    let first = null;
    const atFields = [];
    for (const p of problems) {
      const input = p.field && inputs[p.field];
      if (!input) continue;
      const err = form.querySelector(`[id="${CSS.escape(input.id)}-error"]`);
      if (err && !err.textContent) err.textContent = String(p.message || "");
      input.setAttribute("aria-invalid", "true");
      atFields.push(p);
      first = first || input;
    }
    const general = problems.filter((p) => !atFields.includes(p)).map((p) => String(p.message || ""));
    alertBox.textContent = problems.length === 1 ? String(problems[0].message || "")
      : [say(root, "fix_problems", { n: problems.length }), ...general].join(" ");
    if (first) first.focus();
  }
  function restoreIdentity() {
    const saved = store(IDENTITY_KEY);
    if (!saved || !remember) return;
    for (const name of IDENTITY_FIELDS) {
      if (inputs[name] && !inputs[name].value && typeof saved[name] === "string") inputs[name].value = saved[name];
    }
    remember.checked = true;
  }
  function saveIdentity() {
    if (!remember) return;
    if (remember.checked) {
      const saved = {};
      for (const name of IDENTITY_FIELDS) saved[name] = inputs[name] ? inputs[name].value : "";
      store(IDENTITY_KEY, saved);
    } else {
      store(IDENTITY_KEY, null);
    }
  }

  async function posted(answer) {
    clearErrors();
    if (!answer || !answer.ok) {
      status.textContent = "";
      showProblems(answer && answer.problems && answer.problems.length ? answer.problems
        : [{ field: null, message: (answer && answer.message) || say(root, "went_wrong") }]);
      return;
    }
    saveIdentity();
    form.dispatchEvent(new CustomEvent("ek-comment-posted", { bubbles: true,
      detail: { id: answer.id, status: answer.status, html: answer.html || "" } }));
    // Posting gave this browser a new session; a live page's kernel token is bound to it.
    const xsrfMeta = answer.xsrf && document.querySelector('meta[name="essaykit-xsrf"]');
    if (xsrfMeta) xsrfMeta.setAttribute("content", String(answer.xsrf));
    setLoaded(answer.loaded);  // the next comment from this page is timed from now
    for (const [name, input] of Object.entries(inputs)) {
      if (!(remember && remember.checked && IDENTITY_FIELDS.includes(name))) input.value = "";
    }
    if (honeypot) honeypot.value = "";
    if (notify) notify.checked = false;
    stopReply();
    status.textContent = String(answer.notice || "");
    if (answer.status === "approved") {
      if (transport.latest) {
        const fresh = await transport.latest();
        if (fresh && fresh.ok) setThread(fresh.html, fresh.total, fresh.loaded, fresh.next);
        // Published beyond the first page: load pages until it is in view (a handful at most).
        for (let i = 0; i < 20 && next && !root.querySelector(`[id="ek-c-${CSS.escape(answer.id)}"]`); i++) {
          const page = await transport.more(next);
          if (!page || !page.ok) break;
          append(page.html, page.total, page.next);
        }
      }
    } else if (answer.id && answer.html) {
      store(mineKey, [...mine().filter((m) => m.id !== answer.id), { id: answer.id, html: answer.html, at: Date.now() }]);
      drawMine();
      // The status line says "awaiting moderation" now; the comment's own line says it after a reload. Once each time.
      const line = mineList.querySelector(`[id="ek-c-${CSS.escape(answer.id)}"] .ek-comment__pending`);
      if (line) line.hidden = true;
    }
    const shown = answer.id && root.querySelector(`[id="ek-c-${CSS.escape(answer.id)}"]`);
    if (shown && shown.scrollIntoView) shown.scrollIntoView({ block: "nearest" });
    await yours.reload();  // the new comment's Edit and Delete
  }
  // After the reader edits or deletes their own comment: the held copy this browser keeps, and the thread.
  async function changed(answer) {
    const kept = mine().filter((m) => m.id !== answer.id);
    if (answer.status === "pending" && answer.html) kept.push({ id: answer.id, html: answer.html, at: Date.now() });
    store(mineKey, kept.length ? kept : null);
    const held = mineList.querySelector(`[id="ek-c-${CSS.escape(answer.id)}"]`);
    if (held) held.remove();
    drawMine();
    if (transport.changed) transport.changed(answer);
    else if (transport.latest) {
      const fresh = await transport.latest();
      if (fresh && fresh.ok) setThread(fresh.html, fresh.total, fresh.loaded, fresh.next);
    }
  }
  const yours = mountYours(root, transport, { changed });

  // --- events -----------------------------------------------------------------------
  root.addEventListener("click", (ev) => {
    const button = ev.target.closest && ev.target.closest("button[data-ek-reply]");
    if (!button || !thread.contains(button)) return;
    startReply(button.getAttribute("data-ek-reply"), button.getAttribute("data-ek-reply-name") || "");
  });
  cancel.addEventListener("click", () => { stopReply(); inputs.body.focus(); });
  if (more) {
    more.addEventListener("click", async () => {
      more.disabled = true;
      more.textContent = say(root, "loading");
      let page;
      try { page = await transport.more(next, answerSignal(root)); } catch (e) { page = null; }
      more.disabled = false;
      if (page && page.ok && page.html !== undefined) {
        if (page.replace) setThread(page.html, page.total, page.loaded, page.next);
        else append(page.html, page.total, page.next);
      } else {
        note.textContent = (page && page.message) || say(root, "load_failed");
        counts();
      }
    });
  }
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (waiting) return;
    clearErrors();
    status.textContent = "";
    const fields = { essay, parent: parentInput.value || "" };
    for (const [name, input] of Object.entries(inputs)) fields[name] = input.value;
    if (honeypot) fields[honeypot.name] = honeypot.value;
    if (loadedInput) fields[loadedInput.name] = loadedInput.value;
    if (remember) fields.remember = remember.checked;
    if (notify) fields.notify = notify.checked;
    // The passage it answers (a "Comment on this paragraph" link, or passages.js's Respond button).
    for (const input of form.querySelectorAll('input[name^="anchor_"]')) fields[input.name] = input.value;
    busy(true);
    let answer;
    try { answer = await transport.post(fields, answerSignal(root)); } catch (e) { answer = null; }
    answer = answer || { ok: false, message: say(root, "no_answer") };
    busy(false);
    await posted(answer);
  });

  restoreIdentity();
  drawMine();
  counts();
  answerLink();
  // A static page's thread is a snapshot: show what has been approved since.
  if (transport.latest && root.hasAttribute("data-ek-snapshot")) {
    transport.latest().then((fresh) => {
      if (fresh && fresh.ok) setThread(fresh.html, fresh.total, fresh.loaded, fresh.next);
      answerLink();
    }, () => {});
  }
  // A static page's form has no load time of its own: the API signs one now.
  if (loadedInput && !loadedInput.value && transport.loaded) transport.loaded().then(setLoaded, () => {});
  if (transport.onLoaded) transport.onLoaded(setLoaded);
  if (transport.onThread) transport.onThread((t) => setThread(t.html, t.total, t.loaded, t.next));
  if (transport.onNote) transport.onNote((text, available) => { note.textContent = text; submit.disabled = !available; });
  return { root };
}

function render({ model, el, experimental }) {
  el.innerHTML = model.get("section_html");
  const root = el.querySelector("[data-ek-comments]");
  const api = model.get("posts_to_api") && servedApi(model.get("essay"));
  mountComments(root, api ? servedTransport(root, model, experimental.invoke, api)
    : kernelTransport(model, experimental.invoke));
  // A preheated kernel may have built this widget before the reader arrived.
  model.send({ event: "refresh" });
}

// Pages: every comment section that names an API comes alive over HTTP.
function bootPages() {
  for (const root of document.querySelectorAll("[data-ek-comments][data-ek-api]")) {
    const api = root.getAttribute("data-ek-api");
    if (!api) continue;
    const perPage = Number(root.getAttribute("data-ek-per-page") || 50);
    // "reply" is essaykit.names.REPLY_PARAM.
    const replyTo = new URLSearchParams(location.search).get("reply") || "";
    mountComments(root, httpTransport(root, api, root.getAttribute("data-ek-essay"), { perPage }), { replyTo });
  }
}

export default { render };
