// The settings page follows the exports being prepared, from the API, until they are
// ready to download (or failed), without reloading.
(function () {
  "use strict";
  const list = document.querySelector("[data-exports]");
  if (!list) return;

  function pending() {
    return list.querySelectorAll('[data-state="pending"]');
  }

  function show(row, item) {
    row.dataset.state = item.state;
    const status = row.querySelector("[data-status]");
    status.replaceChildren();
    if (item.state === "ready") {
      const link = document.createElement("a");
      link.href = item.url;
      link.download = "";
      link.textContent = list.dataset.download;
      status.append(link);
    } else {
      status.textContent = list.dataset[item.state] || "";
    }
  }

  async function poll() {
    let answer = null;
    try {
      const response = await fetch(list.dataset.exports, {
        credentials: "same-origin", headers: { Accept: "application/json" } });
      if (response.ok) answer = await response.json();
    } catch (error) {
      answer = null; // offline for a moment: the next round asks again
    }
    for (const item of (answer && answer.results) || []) {
      const row = list.querySelector(`[data-export="${item.id}"]`);
      if (!row || row.dataset.state !== "pending") continue;
      if (item.state === "pending") {
        const bar = row.querySelector("progress");
        if (bar) bar.value = item.progress;
      } else {
        show(row, item);
      }
    }
    if (pending().length) window.setTimeout(poll, answer ? 1000 : 5000);
  }

  if (pending().length) window.setTimeout(poll, 1000);
})();
