// The curation desk's keyboard: j / k move between items, a / f / r press the current
// item's Approve / Feature / Reject button, c opens and focuses its caption, x ticks it.
// No key does anything while the person types in a field or holds a modifier; the
// buttons are the desk's plain form, so everything also works without this script.
(function () {
  "use strict";
  const form = document.querySelector("[data-desk]");
  if (!form) return;
  const items = () => Array.from(form.querySelectorAll("[data-desk-item]"));
  let current = null;

  function select(item) {
    if (!item) return;
    if (current) current.classList.remove("is-current");
    current = item;
    item.classList.add("is-current");
    item.focus({preventScroll: true});
    item.scrollIntoView({block: "nearest"});
  }

  function move(step) {
    const all = items();
    if (!all.length) return;
    const index = all.indexOf(current);
    select(all[Math.min(all.length - 1, Math.max(0, index < 0 ? 0 : index + step))]);
  }

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null
      && !target.matches("[data-pick]");
  }

  const decisions = {a: "approve", f: "feature", r: "reject"};

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const key = event.key;
    if (key === "j" || key === "k") {
      event.preventDefault();
      move(key === "j" ? 1 : -1);
      return;
    }
    if (!current) return;
    if (decisions[key]) {
      const button = current.querySelector(`[data-decide="${decisions[key]}"]`);
      if (button && !button.disabled) { event.preventDefault(); button.click(); }
    } else if (key === "c") {
      event.preventDefault();
      current.querySelector("details").open = true;
      current.querySelector("[data-caption]").focus();
    } else if (key === "x") {
      event.preventDefault();
      const box = current.querySelector("[data-pick]");
      box.checked = !box.checked;
    }
  });

  form.addEventListener("focusin", (event) => {
    const item = event.target.closest("[data-desk-item]");
    if (item && item !== current) {
      if (current) current.classList.remove("is-current");
      current = item;
      item.classList.add("is-current");
    }
  });

  const anchored = location.hash.startsWith("#item-") && document.getElementById(location.hash.slice(1));
  select(anchored || items()[0]);
})();
