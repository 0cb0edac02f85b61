// essaykit Rating (anywidget ESM, no imports, no network).
//
// The kernel owns every number: the star HTML comes from Python (the essay's
// HTML vocabulary), and a click only sends {event: "rate", value, reader}.
// The kernel checks it, stores it once per reader and answers with "result".

let counter = 0;

function render({ model, el }) {
  const root = element("div", "ek-rating-widget");
  const author = element("div", "ek-rating-widget__author-wrap");
  const give = element("div", "ek-rating-widget__give");
  const promptId = `ek-rating-prompt-${counter++}`;
  const prompt = element("span", "ek-rating-widget__prompt", { id: promptId });
  prompt.textContent = "Your rating:";
  const group = element("div", "ek-rating-widget__buttons", { role: "group", "aria-labelledby": promptId });
  give.append(prompt, group);
  const readers = element("div", "ek-rating-widget__readers-wrap", { "aria-live": "polite" });
  const message = element("p", "ek-rating-widget__message", { role: "status" });
  root.append(author, give, readers, message);
  el.append(root);

  let buttons = [];
  let lit = 0;
  let pending = false;

  function paint() {
    const mine = model.get("mine") || 0;
    const shown = lit || mine;
    buttons.forEach((b, i) => {
      const n = i + 1;
      b.classList.toggle("is-lit", n <= shown);
      b.setAttribute("aria-pressed", String(n === mine));
    });
  }

  function build() {
    const scale = model.get("scale");
    group.replaceChildren();
    buttons = [];
    for (let n = 1; n <= scale; n++) {
      const b = element("button", "ek-rate", { type: "button", "aria-label": `Rate ${n} of ${scale}`, "data-value": String(n) });
      const star = element("span", "", { "aria-hidden": "true" });
      star.textContent = "★";
      b.append(star);
      b.addEventListener("mouseenter", () => { lit = n; paint(); });
      b.addEventListener("focus", () => { lit = n; paint(); });
      b.addEventListener("mouseleave", () => { lit = 0; paint(); });
      b.addEventListener("blur", () => { lit = 0; paint(); });
      b.addEventListener("click", () => send(n));
      group.append(b);
      buttons.push(b);
    }
    paint();
  }

  function send(n) {
    if (pending) return;
    pending = true;
    root.setAttribute("aria-busy", "true");
    message.textContent = "Saving your rating…";
    model.send({ event: "rate", value: n, reader: readerId() });
  }

  function onResult(content) {
    if (!content || content.event !== "result") return;
    pending = false;
    root.removeAttribute("aria-busy");
    message.textContent = String(content.message || "");
    paint();
  }

  function drawText() {
    author.innerHTML = model.get("author_html");
    readers.innerHTML = model.get("readers_html");
    if (!pending) message.textContent = model.get("message");
  }

  model.on("change:scale", build);
  model.on("change:mine", paint);
  model.on("change:author_html", drawText);
  model.on("change:readers_html", drawText);
  model.on("change:message", drawText);
  model.on("msg:custom", onResult);
  build();
  drawText();
  // The kernel may have built this widget long before a reader arrived
  // (preheated kernels): ask for the current average.
  model.send({ event: "refresh" });
}

export default { render };
