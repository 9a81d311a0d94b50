// Keyboard shortcuts, as the help page lists them (feeds/shortcuts.html): j and k move
// from post to post, l likes, c comments, o opens, n writes, / searches, g h goes home,
// g n to the notifications, ? to the help page. They never act while one types, nor with
// Ctrl, Alt or Meta held, and the help page turns them off (WCAG 2.1.4).
(function () {
  "use strict";
  const STORE = "intranet-shortcuts";
  const help = document.querySelector("[data-shortcuts-help]");
  let pending = null;

  function enabled() {
    try { return localStorage.getItem(STORE) !== "off"; } catch (error) { return true; }
  }

  function typing(target) {
    return target instanceof Element &&
      (target.closest("input, textarea, select, [contenteditable]") !== null);
  }

  function posts() {
    return Array.from(document.querySelectorAll("[data-feed] .post"))
      .filter((post) => post.offsetParent !== null);
  }

  function current() {
    const active = document.activeElement;
    return active && active.closest ? active.closest(".post") : null;
  }

  function move(step) {
    const all = posts();
    if (!all.length) return;
    const here = current();
    let index = here ? all.indexOf(here) + step : (step > 0 ? 0 : all.length - 1);
    index = Math.max(0, Math.min(all.length - 1, index));
    const post = all[index];
    post.setAttribute("tabindex", "-1");
    post.focus({preventScroll: true});
    post.scrollIntoView({block: "start"});
  }

  function within(selector) {
    const post = current();
    return post ? post.querySelector(selector) : null;
  }

  const actions = {
    j: () => move(1),
    k: () => move(-1),
    l: () => { const like = within("button.reaction[data-kind=like]"); if (like) like.click(); },
    o: () => { const link = within("a.when"); if (link) link.click(); },
    c: () => {
      const post = current();
      if (!post) return;
      const field = document.getElementById("comment-body");
      if (field && document.querySelector(`[data-post-page="${post.dataset.post}"]`)) field.focus();
      else location.assign(`${post.querySelector("a.when").getAttribute("href")}#comments`);
    },
    n: () => { const field = document.getElementById("composer-body"); if (field) field.focus(); },
    "/": () => { const field = document.getElementById("quicksearch"); if (field) field.focus(); },
    "?": () => { if (help) location.assign(help.getAttribute("href")); },
  };
  const goTo = {h: "/", n: document.querySelector(".bell") ? document.querySelector(".bell").getAttribute("href") : null};

  document.addEventListener("keydown", (event) => {
    if (!enabled() || event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) return;
    if (pending === "g") {
      pending = null;
      if (goTo[event.key]) { event.preventDefault(); location.assign(goTo[event.key]); }
      return;
    }
    if (event.key === "g") { pending = "g"; setTimeout(() => { pending = null; }, 1500); return; }
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  // The switch on the help page.
  const toggle = document.querySelector("[data-shortcuts-toggle]");
  if (toggle) {
    const show = () => toggle.setAttribute("aria-pressed", enabled() ? "true" : "false");
    toggle.hidden = false;
    show();
    toggle.addEventListener("click", () => {
      try { localStorage.setItem(STORE, enabled() ? "off" : "on"); } catch (error) { return; }
      show();
    });
  }
})();
