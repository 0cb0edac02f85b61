// essaykit ModerationQueue (anywidget ESM, no imports, no network).
//
// Draws the kernel's list of pending comments (highest spam score first) with Approve, Spam and Delete
// buttons and the bulk "Mark the N comments scored over 0.99 as spam". A click only sends
// {event: "act", request}, where request is the body of the route /essaykit/moderation
// (essaykit/comments/queue.py); the kernel checks it and answers with "result". In a kernel that
// serves readers the kernel sets enabled=false and this view draws no buttons at all.
const ACTIONS = [["approve", "Approve"], ["spam", "Spam"], ["delete", "Delete"]];

function render({ model, el }) {
  const root = element("section", "ek-moderation", { "aria-label": "Moderation queue" });
  const head = element("div", "ek-moderation__head");
  const title = element("h3", "ek-moderation__title");
  const refresh = element("button", "ek-moderation__button", { type: "button" });
  refresh.textContent = "Refresh";
  head.append(title, refresh);
  const message = element("p", "ek-moderation__message", { role: "status", "aria-live": "polite" });
  const bulk = element("button", "ek-moderation__button ek-moderation__bulk", { type: "button" });
  const list = element("ol", "ek-moderation__list");
  root.append(head, message, bulk, list);
  el.append(root);
  let busy = false;

  function ask(request) {
    if (busy) return;
    busy = true;
    root.setAttribute("aria-busy", "true");
    message.textContent = "Saving…";
    model.send({ event: "act", request });
  }
  function over() {
    const score = model.get("bulk_score");
    return (model.get("items") || []).filter((i) => i.score !== null && i.score > score).map((i) => i.id);
  }
  bulk.addEventListener("click", () => { const ids = over(); if (ids.length) ask({ action: "spam", ids }); });

  function draw() {
    const enabled = model.get("enabled");
    const items = model.get("items") || [];
    const essay = model.get("essay");
    refresh.hidden = !enabled;
    title.textContent = enabled
      ? `${items.length} comment${items.length === 1 ? "" : "s"} awaiting moderation${essay ? ` on ${essay}` : ""}`
      : "Moderation";
    message.textContent = model.get("message");
    const sweep = over().length;
    bulk.hidden = !enabled || sweep === 0;
    bulk.textContent = `Mark the ${sweep} comment${sweep === 1 ? "" : "s"} scored over ${model.get("bulk_score")} as spam`;
    list.replaceChildren();
    if (!enabled) return;
    for (const item of items) {
      const li = element("li", "ek-moderation__item", { "data-ek-pending": item.id });
      const meta = element("p", "ek-moderation__meta");
      const avatar = element("img", "ek-moderation__avatar", { src: item.avatar, alt: "", width: "28", height: "28" });
      const who = element("bdi", "ek-moderation__author");
      who.innerHTML = item.author_html; // sanitised by essaykit.comments.render.person_html
      const email = element("span", "ek-moderation__email");
      email.textContent = item.email ? `<${item.email}>` : "";
      const where = element("span", "ek-moderation__where");
      where.textContent = `${item.kind === "comment" ? (item.reply ? "reply" : "comment") : item.kind} on ${item.essay}, ${item.created_text}`;
      meta.append(avatar, who, " ", email, " ", where);
      // The filter's verdict first: the queue is sorted by it (essaykit.comments.queue).
      const reason = element("p", "ek-moderation__reason", { "data-ek-score": item.score === null ? "" : String(item.score) });
      reason.textContent = item.reason || (item.score === null ? "not scored" : `filter ${item.score.toFixed(2)}`);
      const answers = element("p", "ek-moderation__answers");
      answers.textContent = item.kind === "comment" ? `In reply to ${item.answers}` : item.answers;
      const body = element("div", "ek-moderation__body");
      body.innerHTML = item.body_html; // sanitised by essaykit.markdown (comment profile)
      const actions = element("p", "ek-moderation__actions");
      for (const [action, label] of ACTIONS) {
        const b = element("button", `ek-moderation__button ek-moderation__button--${action}`, {
          type: "button", "aria-label": `${label} comment by ${item.author || item.id}`, "data-action": action,
        });
        b.textContent = label;
        b.addEventListener("click", () => ask({ action, ids: [item.id] }));
        actions.append(b);
      }
      const form = element("form", "ek-moderation__reply", { hidden: "" });
      const boxId = `ek-mod-reply-${item.id}`;
      const label = element("label", "ek-moderation__reply-label", { for: boxId });
      label.textContent = `Your reply to ${item.author || item.id} (published as Author)`;
      const box = element("textarea", "ek-moderation__reply-box", { id: boxId, rows: "3", required: "" });
      const send = element("button", "ek-moderation__button ek-moderation__button--approve", { type: "submit" });
      send.textContent = "Approve and reply";
      form.append(label, box, send);
      form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        if (box.value.trim()) ask({ action: "reply", id: item.id, body: box.value });
      });
      const open = element("button", "ek-moderation__button", {
        type: "button", "aria-label": `Reply to comment by ${item.author || item.id}`, "aria-expanded": "false",
      });
      open.textContent = "Reply";
      open.addEventListener("click", () => {
        form.hidden = !form.hidden;
        open.setAttribute("aria-expanded", String(!form.hidden));
        if (!form.hidden) box.focus();
      });
      if (item.kind === "comment") actions.append(open);
      li.append(meta, reason, answers, body, actions, form);
      list.append(li);
    }
  }

  refresh.addEventListener("click", () => model.send({ event: "refresh" }));
  model.on("msg:custom", (content) => {
    if (!content || content.event !== "result") return;
    busy = false;
    root.removeAttribute("aria-busy");
    message.textContent = String(content.message || "");
  });
  model.on("change:items", draw);
  model.on("change:enabled", draw);
  model.on("change:bulk_score", draw);
  model.on("change:message", () => { message.textContent = model.get("message"); });
  draw();
}

export default { render };
