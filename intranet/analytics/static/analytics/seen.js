// Records what was actually on the person's screen: an element with data-seen-kind and
// data-seen-id that stays at least half visible for a second counts once per page.
// Cards added later (live frames, "load more") are watched too. Sent in batches every
// few seconds, and when the page is hidden or left (keepalive outlives the page).
(function () {
  if (!("IntersectionObserver" in window)) return;
  const endpoint = "/api/v1/analytics/seen/";
  const dwellMs = 1000;
  const flushMs = 5000;
  const maxBatch = 100;
  const done = new Set();
  const pending = [];
  const timers = new Map();

  function csrf() {
    const match = document.cookie.match(/(?:^|; )csrftoken=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function keyOf(element) {
    return `${element.dataset.seenKind}:${element.dataset.seenId}`;
  }

  function flush() {
    while (pending.length) {
      const items = pending.splice(0, maxBatch);
      fetch(endpoint, {
        method: "POST", credentials: "same-origin", keepalive: true,
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrf()},
        body: JSON.stringify({items}),
      }).catch(() => {});
    }
  }

  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const element = entry.target;
      const key = keyOf(element);
      if (entry.isIntersecting && entry.intersectionRatio >= 0.5) {
        if (done.has(key) || timers.has(element)) continue;
        timers.set(element, setTimeout(() => {
          timers.delete(element);
          observer.unobserve(element);
          if (done.has(key)) return;
          done.add(key);
          const id = Number(element.dataset.seenId);
          if (Number.isInteger(id) && id > 0) pending.push({kind: element.dataset.seenKind, id});
        }, dwellMs));
      } else if (timers.has(element)) {
        clearTimeout(timers.get(element));
        timers.delete(element);
      }
    }
  }, {threshold: [0, 0.5]});

  function watch(root) {
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const found = root.matches("[data-seen-kind][data-seen-id]") ? [root] : [];
    found.push(...root.querySelectorAll("[data-seen-kind][data-seen-id]"));
    for (const element of found) {
      if (!done.has(keyOf(element))) observer.observe(element);
    }
  }

  watch(document.body);
  new MutationObserver((mutations) => {
    for (const mutation of mutations) mutation.addedNodes.forEach(watch);
  }).observe(document.body, {childList: true, subtree: true});

  setInterval(flush, flushMs);
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
})();
