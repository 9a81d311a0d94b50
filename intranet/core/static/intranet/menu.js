// On a phone the header folds into a "Menu" button. Without this script nothing folds:
// the header wraps onto more lines instead, and every link stays reachable.
(function () {
  "use strict";
  function start() {
    const header = document.querySelector(".topbar");
    const button = header && header.querySelector(".menu-button");
    if (!button) return;
    header.classList.add("foldable");
    button.hidden = false;
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      header.classList.toggle("open", open);
    });
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !header.classList.contains("open")) return;
      button.setAttribute("aria-expanded", "false");
      header.classList.remove("open");
      button.focus();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
