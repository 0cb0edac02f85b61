// The reveal button of an essaykit Spoiler (anywidget ESM, no imports, no network).
//
// The Spoiler is a VBox: this button, then a body box whose display the kernel
// owns. We also flip the body's display here, so the reveal is instant even
// while the kernel is busy, and point aria-controls at it once it is attached.
let counter = 0;

function bodyOf(el) {
  const box = el.closest(".ek-spoiler-widget");
  return box ? box.querySelector(":scope > .ek-spoiler-widget__body") : null;
}

function render({ model, el }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "ek-spoiler-widget__toggle";
  const marker = document.createElement("span");
  marker.className = "ek-spoiler-widget__marker";
  marker.setAttribute("aria-hidden", "true");
  const badge = document.createElement("span");
  badge.className = "ek-spoiler-block__badge";
  badge.setAttribute("aria-hidden", "true");
  badge.textContent = "Spoiler";
  const text = document.createElement("span");
  text.className = "ek-spoiler-widget__label";
  button.append(marker, badge, text);
  el.classList.add("ek-spoiler-widget__head");
  el.append(button);

  // anywidget may load this module once per widget, so the counter alone repeats across spoilers.
  const bodyId = `ek-spoiler-body-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${counter++}`;
  let frame = 0;

  function link() {
    const body = bodyOf(el);
    if (body) {
      if (!body.id) body.id = bodyId;
      button.setAttribute("aria-controls", body.id);
    }
    return body;
  }

  function draw() {
    const open = Boolean(model.get("expanded"));
    text.textContent = model.get("label");
    button.setAttribute("aria-expanded", String(open));
    const box = el.closest(".ek-spoiler-widget");
    if (box) box.classList.toggle("is-expanded", open);
    const body = link();
    if (body) body.style.display = open ? "" : "none";
  }

  // The view renders before the VBox attaches it; wait for the body to appear.
  let tries = 0;
  function waitForBody() {
    if (link() || ++tries > 600) { draw(); return; }
    frame = requestAnimationFrame(waitForBody);
  }

  function toggle() {
    model.set("expanded", !model.get("expanded"));
    model.save_changes();
  }

  button.addEventListener("click", toggle);
  model.on("change:expanded", draw);
  model.on("change:label", draw);
  draw();
  waitForBody();
  return () => {
    cancelAnimationFrame(frame);
    button.removeEventListener("click", toggle);
  };
}

export default { render };
