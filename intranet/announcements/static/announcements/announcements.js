// Announcements on the home page: new ones arrive live (live.js passes each
// announcement.published frame on as a DOM event), expanding one counts as seeing it,
// and "I have read this" is recorded in place.
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

  // "I have read this" from the list: recorded through the API, the entry says so.
  // Without JavaScript the form posts to the page's view, which comes back here.
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.acknowledgeInPlace) return;
    event.preventDefault();
    const button = form.querySelector("button");
    if (button) button.disabled = true;
    const answer = await fetch(form.dataset.acknowledgeInPlace, {
      method: "POST", credentials: "same-origin", headers: {"X-CSRFToken": csrf()}});
    if (!answer.ok) {
      form.submit();
      return;
    }
    const entry = form.closest("[data-announcement]");
    const status = entry.querySelector(".announcement-status");
    const done = document.createElement("span");
    done.className = "badge ok";
    done.dataset.acknowledged = "";
    done.setAttribute("role", "status");
    done.textContent = form.dataset.done;
    status.replaceChildren(done);
    entry.classList.remove("action-required");
    form.remove();
  });

  // The frame carries every language version; show the page's own when there is one.
  function inLanguage(announcement) {
    const versions = announcement.translations || {};
    return {...announcement, ...(versions[document.documentElement.lang] || {})};
  }

  // "12 December 2026, 17:30" in the site's time zone, as the server writes it.
  function dueText(list, due) {
    const parts = {};
    new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit",
      hourCycle: "h23", timeZone: list.dataset.timeZone || undefined,
    }).formatToParts(new Date(due)).forEach((part) => { parts[part.type] = part.value; });
    const when = `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`;
    return list.dataset.textDue.replace("__due__", when);
  }

  function statusOf(list, page) {
    const status = document.createElement("p");
    status.className = "announcement-status";
    const badge = document.createElement("span");
    badge.className = {ack_required: "badge action", important: "badge important"}[page.importance] || "badge muted";
    badge.textContent = {ack_required: list.dataset.textAction, important: list.dataset.textImportant}[page.importance] || list.dataset.textInformation;
    status.append(badge);
    if (page.importance === "ack_required" && page.ack_due) {
      const due = document.createElement("span");
      due.className = "due";
      due.dataset.due = "";
      due.textContent = dueText(list, page.ack_due);
      status.append(" ", due);
    }
    return status;
  }

  document.addEventListener("intranet:announcement.published", (event) => {
    const list = document.querySelector("[data-announcements]");
    if (!list || !event.detail.announcement) return;
    const page = inLanguage(event.detail.announcement);
    if (list.querySelector(`[data-announcement="${page.id}"]`)) return;
    list.querySelectorAll("[data-empty]").forEach((empty) => empty.remove());
    const entry = document.createElement("li");
    entry.dataset.announcement = String(page.id);
    entry.dataset.seenKind = "announcement";
    entry.dataset.seenId = String(page.id);
    entry.className = `announcement-entry importance-${page.importance}`;
    if (page.importance === "ack_required") entry.classList.add("action-required");
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
    entry.append(statusOf(list, page));
    list.prepend(entry);
  });

  document.addEventListener("intranet:announcement.withdrawn", (event) => {
    const withdrawn = event.detail.announcement;
    if (!withdrawn) return;
    document.querySelectorAll(`[data-announcement="${withdrawn.id}"]`).forEach((entry) => entry.remove());
  });
})();
