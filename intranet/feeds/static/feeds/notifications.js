// The bell opens the newest notifications in a panel under it (a disclosure): the server
// renders them with the entry template of the notifications page, and those shown are
// marked read, so the badge empties. Escape or a click elsewhere closes the panel, and
// Escape puts the keyboard back on the bell. Without this script the bell is a link to
// the notifications page, which marks what it shows read in the same way.
(function () {
  "use strict";

  function start() {
    const bell = document.querySelector("a.bell[data-panel]");
    const panel = document.getElementById("notification-panel");
    if (!bell || !panel) return;
    const page = bell.getAttribute("href");
    const source = bell.dataset.panel;
    // The link acts as the panel's button from now on. It stays the same element, with
    // its address (for shortcuts, and a click with Ctrl or the middle button still opens
    // the page), its label and the badge that live.js counts up.
    bell.setAttribute("role", "button");
    bell.setAttribute("aria-expanded", "false");
    bell.setAttribute("aria-controls", panel.id);
    let loading = null;

    function isOpen() { return bell.getAttribute("aria-expanded") === "true"; }

    function setBadge(count) {
      const badge = bell.querySelector(".unread-count");
      if (!badge) return;
      badge.dataset.unread = String(count);
      badge.textContent = count ? String(count) : "";
    }

    function token() {
      const field = panel.querySelector("input[name=csrfmiddlewaretoken]");
      return field ? field.value : "";
    }

    // Mark read those `ids` name (all without any); the answer says how many are left.
    async function markRead(ids, keepalive) {
      const form = new FormData();
      form.append("csrfmiddlewaretoken", token());
      (ids || []).forEach((id) => form.append("id", id));
      const action = panel.querySelector("form[data-mark-all]").getAttribute("action");
      try {
        const response = await fetch(action, {
          method: "POST", body: form, credentials: "same-origin", keepalive: Boolean(keepalive),
          headers: {"X-Requested-With": "fetch"},
        });
        if (response.ok) setBadge((await response.json()).unread);
      } catch (error) {
        // Offline or leaving the page: the entries stay unread, to be marked next time.
      }
    }

    async function load() {
      const response = await fetch(source, {credentials: "same-origin",
                                            headers: {"X-Requested-With": "fetch"}});
      if (!response.ok || response.redirected) throw new Error(String(response.status));
      panel.innerHTML = await response.text();
      const unread = Array.from(panel.querySelectorAll("[data-notification][data-unread]"))
        .map((entry) => entry.dataset.notification);
      if (unread.length) await markRead(unread);
    }

    function refresh() {
      if (!loading) {
        loading = load().catch(() => { location.href = page; }).finally(() => { loading = null; });
      }
      return loading;
    }

    function open() {
      bell.setAttribute("aria-expanded", "true");
      panel.hidden = false;
      return refresh();
    }

    function close(focusBell) {
      bell.setAttribute("aria-expanded", "false");
      panel.hidden = true;
      if (focusBell) bell.focus();
    }

    function toggle() { if (isOpen()) close(false); else open(); }

    bell.addEventListener("click", (event) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      toggle();
    });
    // A button answers the space bar as well as Enter.
    bell.addEventListener("keydown", (event) => {
      if (event.key !== " ") return;
      event.preventDefault();
      toggle();
    });

    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && isOpen()) close(true);
    });

    document.addEventListener("click", (event) => {
      if (isOpen() && !panel.contains(event.target) && !bell.contains(event.target)) close(false);
    });

    // An entry followed from the panel is read, even if marking it on opening failed.
    panel.addEventListener("click", (event) => {
      const followed = event.target.closest("a.notification-link");
      const entry = followed && followed.closest("[data-notification]");
      if (entry) markRead([entry.dataset.notification], true);
    });

    panel.addEventListener("submit", async (event) => {
      const form = event.target.closest("form[data-mark-all]");
      if (!form) return;
      event.preventDefault();
      await markRead(null);
      panel.querySelectorAll(".notification.unread").forEach((entry) => {
        entry.classList.remove("unread");
        entry.removeAttribute("data-unread");
        entry.querySelectorAll(".unread-dot, .unread-label").forEach((mark) => mark.remove());
      });
    });

    // Something new while the panel is open: show it there too.
    document.addEventListener("intranet:notification.created", () => { if (isOpen()) refresh(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
