// A group's page follows the reader's membership as it changes elsewhere: a request
// approved or declined, an invitation, a role changed, a removal. The page is fetched
// again (its feed and composer depend on membership), unless the reader is typing; then
// a notice offers to refresh when they are ready.
(function () {
  "use strict";
  const group = document.querySelector("[data-group]");
  if (!group) return;
  const slug = group.dataset.group;
  const EVENTS = ["group.request_decided", "group.joined", "group.invited", "group.role_changed",
                  "group.removed"];

  function typing() {
    return Array.from(document.querySelectorAll("textarea, input[type=text]"))
      .some((field) => field.value.trim() !== "" && field.value !== field.defaultValue);
  }

  function refresh() {
    if (!typing()) { location.reload(); return; }
    const template = document.getElementById("live-reload");
    if (!template || document.querySelector(".live-reload")) return;
    const notice = template.content.firstElementChild.cloneNode(true);
    notice.querySelector("[data-reload]").addEventListener("click", () => location.reload());
    document.getElementById("main").prepend(notice);
  }

  EVENTS.forEach((type) => {
    document.addEventListener(`intranet:${type}`, (event) => {
      const about = event.detail && event.detail.group;
      if (about && about.slug === slug) refresh();
    });
  });
})();
