// The moderation queue hears of new items as they arrive (reports, holds, appeals) and
// offers to show them; what the moderator is typing stays where it is until they choose.
(function () {
  "use strict";
  const notice = document.getElementById("queue-news");
  if (!notice) return;
  const known = new Set(Array.from(document.querySelectorAll("[data-case]"), (node) => node.dataset.case));
  let waiting = 0;
  document.addEventListener("intranet:moderation.queued", (event) => {
    const id = String(event.detail.case.id);
    if (known.has(id)) return;
    known.add(id);
    waiting += 1;
    notice.hidden = false;
    notice.querySelector("[data-count]").textContent = waiting === 1
      ? notice.dataset.one : notice.dataset.many.replace("%(count)s", String(waiting));
  });
})();
