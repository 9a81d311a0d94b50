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

  // The frame carries every language version; show the page's own when there is one.
  function inLanguage(announcement) {
    const versions = announcement.translations || {};
    return {...announcement, ...(versions[document.documentElement.lang] || {})};
  }

  document.addEventListener("intranet:announcement.published", (event) => {
    const list = document.querySelector("[data-announcements]");
    if (!list || !event.detail.announcement) return;
    const page = inLanguage(event.detail.announcement);
    if (list.querySelector(`[data-announcement="${page.id}"]`)) return;
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

  document.addEventListener("intranet:announcement.withdrawn", (event) => {
    const withdrawn = event.detail.announcement;
    if (!withdrawn) return;
    document.querySelectorAll(`[data-announcement="${withdrawn.id}"]`).forEach((entry) => entry.remove());
  });
})();
