// Brand highlights on the home page: new ones arrive live (brand.highlighted, sent on by
// live.js as a DOM event), and sharing a highlight outward is counted.
(function () {
  function csrf() {
    const match = document.cookie.match(/(?:^|; )csrftoken=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function show(item) {
    const list = document.querySelector("[data-highlights]");
    if (!list || !item.post_url) return;
    list.querySelectorAll("[data-empty]").forEach((empty) => empty.remove());
    const existing = list.querySelector(`[data-highlight="${item.id}"]`);
    const entry = document.createElement("li");
    entry.dataset.highlight = String(item.id);
    if (item.state === "featured") entry.classList.add("featured");
    const title = document.createElement("a");
    title.href = item.post_url;
    title.textContent = (item.title || item.text || item.url).slice(0, 120);
    const source = document.createElement("span");
    source.className = "meta";
    source.textContent = ` ${item.source_name}`;
    const share = document.createElement("span");
    share.className = "share";
    share.dataset.share = item.share_url;
    const url = encodeURIComponent(item.url);
    share.append(link(`https://www.linkedin.com/sharing/share-offsite/?url=${url}`, "LinkedIn"), " ",
      link(`https://twitter.com/intent/tweet?url=${url}`, "X"));
    entry.append(title, source, " ", share);
    if (existing) existing.replaceWith(entry); else list.prepend(entry);
  }

  document.addEventListener("intranet:brand.highlighted", (event) => show(event.detail.item));
  document.addEventListener("intranet:brand.withdrawn", (event) => {
    document.querySelectorAll(`[data-highlight="${event.detail.item.id}"]`).forEach((entry) => entry.remove());
  });

  document.addEventListener("click", (event) => {
    const target = event.target.closest("[data-share] a");
    if (!target) return;
    const box = target.closest("[data-share]");
    fetch(box.dataset.share, {method: "POST", credentials: "same-origin", headers: {"X-CSRFToken": csrf()}})
      .then((response) => response.ok ? response.json() : null)
      .then((answer) => {
        const count = box.querySelector("[data-share-count]");
        if (answer && count) count.textContent = `${answer.share_count} ↗`;
      });
  });
})();
