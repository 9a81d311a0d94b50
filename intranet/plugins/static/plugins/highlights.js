// Brand highlights (the home page's band, the highlights page): new ones arrive live
// (brand.highlighted, sent on by live.js as a DOM event) as the server renders them
// (plugins/_highlight.html, through the read policy); a highlight that leaves the band's
// reach is removed. Sharing copies the tracked link and is counted.
(function () {
  "use strict";
  const list = document.querySelector("[data-highlights]");
  if (!list) return;

  function csrf() {
    const match = document.cookie.match(/(?:^|; )csrftoken=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function reveal(root) {
    if (navigator.clipboard) root.querySelectorAll("[data-copy]").forEach((button) => { button.hidden = false; });
  }

  function remove(id) {
    list.querySelectorAll(`[data-highlight="${id}"]`).forEach((entry) => entry.remove());
  }

  async function show(id) {
    const response = await fetch(list.dataset.card.replace("/0/", `/${id}/`), {credentials: "same-origin"});
    if (!response.ok) { remove(id); return; }
    const holder = document.createElement("template");
    holder.innerHTML = (await response.text()).trim();
    const entry = holder.content.firstElementChild;
    reveal(entry);
    list.querySelectorAll("[data-empty]").forEach((empty) => empty.remove());
    const existing = list.querySelector(`[data-highlight="${id}"]`);
    if (existing) {
      entry.querySelector("details").open = existing.querySelector("details").open;
      existing.replaceWith(entry);
    } else {
      list.prepend(entry);
    }
  }

  function count(entry, channel) {
    return fetch(entry.querySelector("[data-share]").dataset.share, {
      method: "POST", credentials: "same-origin",
      headers: {"X-CSRFToken": csrf(), "Content-Type": "application/json"},
      body: JSON.stringify({channel}),
    }).then((response) => (response.ok ? show(entry.dataset.highlight) : null));
  }

  document.addEventListener("intranet:brand.highlighted", (event) => show(event.detail.item.id));
  document.addEventListener("intranet:brand.withdrawn", (event) => remove(event.detail.item.id));

  list.addEventListener("click", (event) => {
    const entry = event.target.closest("[data-highlight]");
    if (!entry) return;
    if (event.target.closest("[data-copy]")) {
      const id = entry.dataset.highlight;
      navigator.clipboard.writeText(entry.querySelector("[data-share-link]").value).then(
        () => count(entry, "copy").then(() => {
          const status = list.querySelector(`[data-highlight="${id}"] [data-share-status]`);
          if (status) status.textContent = status.dataset.copied;
        }),
        () => entry.querySelector("[data-share-link]").select());
    } else if (event.target.closest("[data-share-channel]")) {
      count(entry, event.target.closest("[data-share-channel]").dataset.shareChannel);
    }
  });
  list.addEventListener("focusin", (event) => {
    if (event.target.matches("[data-share-link]")) event.target.select();
  });
  reveal(list);
})();
