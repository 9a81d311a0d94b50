// New announcements arrive on the home page live: live.js passes each
// announcement.published frame on as a DOM event.
(function () {
  function csrf() {
    const match = document.cookie.match(/(?:^|; )csrftoken=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // Expanding an announcement counts as seeing it, like opening its page.
  document.addEventListener("toggle", (event) => {
    const details = event.target;
    if (!(details instanceof HTMLDetailsElement) || !details.open || !details.dataset.seenUrl) return;
    fetch(details.dataset.seenUrl, {method: "POST", credentials: "same-origin", headers: {"X-CSRFToken": csrf()}});
    delete details.dataset.seenUrl;
  }, true);

  document.addEventListener("intranet:announcement.published", (event) => {
    const list = document.querySelector("[data-announcements]");
    const page = event.detail.announcement;
    if (!list || !page || list.querySelector(`[data-announcement="${page.id}"]`)) return;
    list.querySelectorAll("[data-empty]").forEach((empty) => empty.remove());
    const entry = document.createElement("li");
    entry.dataset.announcement = String(page.id);
    entry.className = `importance-${page.importance}`;
    const link = document.createElement("a");
    link.href = page.url;
    link.textContent = page.title;
    entry.append(link);
    if (page.summary) {
      const summary = document.createElement("span");
      summary.className = "meta";
      summary.textContent = ` ${page.summary.slice(0, 160)}`;
      entry.append(summary);
    }
    list.prepend(entry);
  });
})();
