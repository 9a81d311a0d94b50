// Brand highlights on the home page: new ones arrive live (brand.highlighted, sent on by
// live.js as a DOM event) as the server renders them (plugins/_highlight.html, through
// the read policy), and sharing one outward is counted, the count refreshed the same way.
(function () {
  "use strict";
  const list = document.querySelector("[data-highlights]");
  if (!list) return;

  function csrf() {
    const match = document.cookie.match(/(?:^|; )csrftoken=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  async function show(id) {
    const response = await fetch(list.dataset.card.replace("/0/", `/${id}/`), {credentials: "same-origin"});
    if (!response.ok) return;
    const holder = document.createElement("template");
    holder.innerHTML = (await response.text()).trim();
    const entry = holder.content.firstElementChild;
    list.querySelectorAll("[data-empty]").forEach((empty) => empty.remove());
    const existing = list.querySelector(`[data-highlight="${id}"]`);
    if (existing) existing.replaceWith(entry); else list.prepend(entry);
  }

  document.addEventListener("intranet:brand.highlighted", (event) => show(event.detail.item.id));
  document.addEventListener("intranet:brand.withdrawn", (event) => {
    list.querySelectorAll(`[data-highlight="${event.detail.item.id}"]`).forEach((entry) => entry.remove());
  });

  list.addEventListener("click", (event) => {
    const target = event.target.closest("[data-share] a");
    if (!target) return;
    const entry = target.closest("[data-highlight]");
    fetch(target.closest("[data-share]").dataset.share,
          {method: "POST", credentials: "same-origin", headers: {"X-CSRFToken": csrf()}})
      .then((response) => { if (response.ok) show(entry.dataset.highlight); });
  });
})();
