// essaykit CommentSection (anywidget ESM, no imports, no network).
//
// The kernel owns the thread: it arrives as one sanitised HTML value
// (essaykit.comments.render, the same markup as the static twin). This file
// draws the form, puts it in reply mode, and sends {event: "post", ...}; the
// kernel answers with {event: "result"}. The form is never cleared unless
// the kernel says the comment was stored, so a refusal or a dead connection
// never costs the reader their text.
const FIELDS = [
  // [name sent to the kernel, label, element, input type, autocomplete]
  ["author", "Name", "input", "text", "name"],
  ["email", "Email", "input", "email", "email"],
  ["website", "Website", "input", "url", "url"],
  ["body", "Comment", "textarea", "", "off"],
];
const HINTS = {
  email: "Never shown to anyone.",
  website: "Optional.",
  body: "Markdown: *emphasis*, [links](https://example.org), `code`, > quotes and lists.",
};
const ANSWER_TIMEOUT_MS = 45000;

let counter = 0;

function render({ model, el }) {
  const uid = `ek-cf-${counter++}`;
  const root = element("div", "ek-comment-section");
  const note = element("p", "ek-comment-section__note", { role: "status" });
  const thread = element("div", "ek-comment-section__thread");
  const moreWrap = element("p", "ek-comment-section__more");
  const more = element("button", "ek-button ek-comment-section__more-button", { type: "button" });
  moreWrap.append(more);

  // --- the form -----------------------------------------------------------------
  const form = element("form", "ek-comment-form", { novalidate: "", "aria-labelledby": `${uid}-title` });
  const title = element("h3", "ek-comment-form__title", { id: `${uid}-title` });
  title.textContent = "Leave a comment";
  const replying = element("p", "ek-comment-form__replying");
  replying.hidden = true;
  const replyingText = element("span", "");
  const replyingName = element("bdi", "");
  const cancel = element("button", "ek-button ek-comment-form__cancel", { type: "button" });
  cancel.textContent = "Cancel reply";
  replyingText.append("Replying to ", replyingName);
  replying.append(replyingText, " ", cancel);
  form.append(title, replying);

  const inputs = {};
  const errors = {};
  for (const [name, label, tag, type, autocomplete] of FIELDS) {
    const row = element("p", `ek-comment-form__field ek-comment-form__field--${name}`);
    const id = `${uid}-${name}`;
    // The label is the accessible name, exactly "Name", "Email", "Website" or
    // "Comment"; hints are descriptions, read after it.
    const lab = element("label", "", { for: id });
    lab.textContent = label;
    const hint = element("span", "ek-comment-form__hint", { id: `${id}-hint` });
    hint.textContent = HINTS[name] || "";
    const input = element(tag, "ek-comment-form__input", {
      id, name, autocomplete, "aria-describedby": `${id}-hint ${id}-error`,
    });
    if (type) input.setAttribute("type", type);
    if (tag === "textarea") input.setAttribute("rows", "5");
    const err = element("span", "ek-comment-form__error", { id: `${id}-error` });
    row.append(lab, hint, input, err);
    form.append(row);
    inputs[name] = input;
    errors[name] = err;
  }
  // The honeypot: off-screen (not display:none, which simple bots skip), out
  // of the tab order, hidden from assistive technology and from autofill.
  const trap = element("div", "ek-comment-form__trap", { "aria-hidden": "true" });
  const trapLabel = element("label", "", { for: `${uid}-hp` });
  trapLabel.textContent = "Leave this field empty";
  const honeypot = element("input", "", { id: `${uid}-hp`, type: "text", tabindex: "-1", autocomplete: "off" });
  honeypot.name = model.get("honeypot_name") || "ek_homepage_url2";
  trap.append(trapLabel, honeypot);
  form.append(trap);

  const actions = element("p", "ek-comment-form__actions");
  const submit = element("button", "ek-button ek-button--primary ek-comment-form__submit", { type: "submit" });
  submit.textContent = "Post comment";
  actions.append(submit);
  const status = element("p", "ek-comment-form__status", { role: "status", "aria-live": "polite" });
  const alert = element("p", "ek-comment-form__alert", { role: "alert" });
  form.append(actions, alert, status);

  root.append(note, thread, moreWrap, form);
  el.append(root);

  // --- state --------------------------------------------------------------------
  let parent = null;
  let waiting = null; // {token, timer}
  let nextToken = 1;

  function drawThread() {
    thread.innerHTML = model.get("thread_html");
    const left = model.get("total") - model.get("loaded");
    moreWrap.hidden = left <= 0;
    more.textContent = `Show more comments (${left} more)`;
    note.textContent = model.get("message");
    submit.disabled = !!waiting || !model.get("available");
  }

  function clearErrors() {
    alert.textContent = "";
    for (const name of Object.keys(inputs)) {
      errors[name].textContent = "";
      inputs[name].removeAttribute("aria-invalid");
    }
  }

  function startReply(id, name) {
    parent = id;
    replyingName.textContent = name;
    replying.hidden = false;
    title.textContent = "Reply";
    inputs.body.focus();
  }

  function stopReply() {
    parent = null;
    replying.hidden = true;
    replyingName.textContent = "";
    title.textContent = "Leave a comment";
  }

  function busy(on) {
    root.toggleAttribute("aria-busy", on);
    submit.disabled = on || !model.get("available");
    submit.textContent = on ? "Posting…" : "Post comment";
  }

  function finish(content) {
    if (waiting) clearTimeout(waiting.timer);
    waiting = null;
    busy(false);
    clearErrors();
    if (content.ok) {
      for (const input of Object.values(inputs)) input.value = "";
      honeypot.value = "";
      stopReply();
      status.textContent = String(content.notice || "");
      const posted = content.id && thread.querySelector(`[id="ek-c-${CSS.escape(content.id)}"]`);
      if (posted) posted.scrollIntoView({ block: "nearest" });
      return;
    }
    status.textContent = "";
    const message = String(content.message || "Sorry, something went wrong.");
    alert.textContent = message;
    const field = content.field === "parent" ? null : content.field;
    if (field && inputs[field]) {
      errors[field].textContent = message;
      inputs[field].setAttribute("aria-invalid", "true");
      inputs[field].focus();
    }
  }

  // --- events -------------------------------------------------------------------
  thread.addEventListener("click", (ev) => {
    const button = ev.target.closest && ev.target.closest("button[data-ek-reply]");
    if (!button || !thread.contains(button)) return;
    startReply(button.getAttribute("data-ek-reply"), button.getAttribute("data-ek-reply-name") || "");
  });
  cancel.addEventListener("click", () => { stopReply(); inputs.body.focus(); });
  more.addEventListener("click", () => {
    more.disabled = true;
    more.textContent = "Loading…";
    model.send({ event: "more", token: nextToken++ });
  });

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (waiting) return;
    clearErrors();
    status.textContent = "";
    const token = nextToken++;
    const message = { event: "post", token, parent, reader: readerId(), honeypot: honeypot.value };
    for (const name of Object.keys(inputs)) message[name] = inputs[name].value;
    busy(true);
    // No answer (the kernel died, the connection dropped): say so, keep the text.
    const timer = setTimeout(() => finish({
      ok: false, message: "No answer from the server. Your comment is still here; please try again.",
    }), ANSWER_TIMEOUT_MS);
    waiting = { token, timer };
    model.send(message);
  });

  model.on("msg:custom", (content) => {
    if (!content) return;
    if (content.event === "result" && waiting && content.token === waiting.token) finish(content);
    if (content.event === "more-done") { more.disabled = false; drawThread(); }
  });
  for (const name of ["thread_html", "total", "loaded", "available", "message"]) {
    model.on(`change:${name}`, drawThread);
  }
  drawThread();
  // A preheated kernel may have built this widget before the reader arrived.
  model.send({ event: "refresh" });
}

export default { render };
