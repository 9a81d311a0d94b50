// The live feed: new posts, comments, reactions and notifications appear without a reload.
// The page knows the last event position it was built from; on every (re)connection the
// socket is asked to resume from the last position seen, and the server sends what was
// missed, then live events, each once. When too much happened meanwhile, the server says
// "reload", and the page reloads (or offers to, when something is being typed).
(function () {
  "use strict";
  let lastId = null;
  let socket = null;
  let retry = 1000;
  let timer = null;
  let stopped = false;
  let leaving = false;
  // A form that navigates (no script took it over) means this page is going away.
  window.addEventListener("submit", (event) => { if (!event.defaultPrevented) leaving = true; });
  const seen = new Set();
  const watching = [];

  function feeds() { return Array.from(document.querySelectorAll("[data-feed]")); }

  function acceptsPost(feed, post) {
    const kind = feed.dataset.feed;
    if (kind === "home") return true;
    if (kind === "group") return post.group === feed.dataset.group;
    return false;
  }

  async function card(postId) {
    const response = await fetch(`/feed/posts/${postId}/card/`, {credentials: "same-origin"});
    if (!response.ok) return null;
    const holder = document.createElement("div");
    holder.innerHTML = await response.text();
    return holder.firstElementChild;
  }

  function publishedAt(node) {
    const time = node.querySelector(".post-head time[datetime]");
    return time ? Date.parse(time.getAttribute("datetime")) || 0 : 0;
  }

  // Newest first: a post lands above the first unpinned post published before it, so
  // posts that arrive out of order still end in order.
  function place(feed, fresh) {
    const when = publishedAt(fresh);
    const later = Array.from(feed.querySelectorAll(".post:not(.pinned)"))
      .find((node) => publishedAt(node) < when);
    if (later) later.before(fresh);
    else {
      const more = feed.querySelector(".pagination, .more");
      if (more && more.parentNode === feed) more.before(fresh); else feed.appendChild(fresh);
    }
  }

  async function showPost(post, replace) {
    for (const feed of feeds()) {
      const existing = feed.querySelector(`[data-post="${post.id}"]`);
      if (existing) {
        const fresh = await card(post.id);
        // No card: the reader may no longer read it (hidden by the moderators).
        if (!fresh) removePost(post.id);
        else if (existing.isConnected) window.IntranetCards.replace(existing, fresh);
      } else if (!replace && acceptsPost(feed, post)) {
        const fresh = await card(post.id);
        if (!fresh || feed.querySelector(`[data-post="${post.id}"]`)) continue;
        const empty = feed.querySelector(".empty-feed");
        if (empty) empty.remove();
        keepPlace(() => place(feed, fresh));
        fresh.classList.add("arrived");
        announceNew(fresh);
      }
    }
  }

  // What the reader is looking at stays where it is on the screen while posts are put
  // in above it.
  function keepPlace(change) {
    const anchor = Array.from(document.querySelectorAll("[data-feed] .post"))
      .find((node) => node.getBoundingClientRect().bottom > 0);
    const top = anchor ? anchor.getBoundingClientRect().top : 0;
    change();
    if (anchor && anchor.isConnected) window.scrollBy(0, anchor.getBoundingClientRect().top - top);
  }

  // Posts that arrive above where the reader is are counted on a button rather than
  // pushed into view; the button takes the reader up to them.
  let unseen = [];

  function newPostsBar() {
    let bar = document.querySelector(".new-posts");
    const template = document.getElementById("new-posts");
    if (bar || !template) return bar;
    bar = template.content.firstElementChild.cloneNode(true);
    bar.querySelector("button").addEventListener("click", () => {
      const first = unseen.filter((post) => post.isConnected)
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
      unseen = [];
      bar.remove();
      if (!first) return;
      first.setAttribute("tabindex", "-1");
      first.scrollIntoView({block: "start"});
      first.focus({preventScroll: true});
    });
    document.body.appendChild(bar);
    return bar;
  }

  function announceNew(post) {
    if (post.getBoundingClientRect().bottom > 0) return;
    unseen.push(post);
    const bar = newPostsBar();
    if (!bar) return;
    const button = bar.querySelector("button");
    const count = unseen.length;
    button.textContent = count === 1 ? button.dataset.one : button.dataset.many.replace("%(count)s", String(count));
  }

  window.addEventListener("scroll", () => {
    if (!unseen.length) return;
    unseen = unseen.filter((post) => post.isConnected && post.getBoundingClientRect().bottom <= 0);
    if (!unseen.length) { const bar = document.querySelector(".new-posts"); if (bar) bar.remove(); }
  }, {passive: true});

  function removePost(id) {
    document.querySelectorAll(`[data-post="${id}"]`).forEach((node) => node.remove());
  }

  // The comment from the server's template, in its place; the post's card (its count)
  // fresh as well.
  async function showComment(comment, post) {
    if (document.querySelector(`[data-comments="${post.id}"]`) && !document.getElementById(`comment-${comment.id}`)) {
      const response = await fetch(`/feed/comments/${comment.id}/card/`, {credentials: "same-origin"});
      if (response.ok) window.IntranetCards.placeComment(await response.text());
    }
    if (document.querySelector(`[data-post="${post.id}"]`)) await showPost(post, true);
  }

  async function updateComment(comment, post) {
    const existing = document.getElementById(`comment-${comment.id}`);
    if (existing) {
      const response = await fetch(`/feed/comments/${comment.id}/card/`, {credentials: "same-origin"});
      if (!response.ok) existing.remove();
      else if (existing.isConnected) window.IntranetCards.replace(existing, window.IntranetCards.fragment(await response.text()));
    }
    if (document.querySelector(`[data-post="${post.id}"]`)) await showPost(post, true);
  }

  function removeComment(comment, post) {
    const existing = document.getElementById(`comment-${comment.id}`);
    if (existing) existing.remove();
    if (document.querySelector(`[data-post="${post.id}"]`)) return showPost(post, true);
    return undefined;
  }

  function showReactions(data) {
    if (data.comment) return;
    document.querySelectorAll(`[data-post="${data.post}"] .reaction`).forEach((button) => {
      const count = data.reactions[button.dataset.kind] || 0;
      button.querySelector(".count").textContent = count ? String(count) : "";
    });
  }

  // The badge counts one more; the bell's panel (notifications.js), if open, refreshes.
  function showNotification(data) {
    const badge = document.querySelector(".unread-count");
    if (!badge) return;
    const unread = (parseInt(badge.dataset.unread || "0", 10) || 0) + 1;
    badge.dataset.unread = unread;
    badge.textContent = String(unread);
    document.dispatchEvent(new CustomEvent("intranet:notification.created", {detail: data}));
  }

  // Frames are applied one after the other, in the order the server sent them.
  let queue = Promise.resolve();

  function apply(frame) {
    if (seen.has(frame.id)) return;
    seen.add(frame.id);
    if (seen.size > 5000) seen.delete(seen.values().next().value);
    lastId = lastId === null ? frame.id : Math.max(lastId, frame.id);
    document.body.dataset.lastEvent = String(lastId);
    const data = frame.data || {};
    switch (frame.type) {
      case "post.created": return showPost(data.post, false);
      case "post.updated": return showPost(data.post, true);
      case "post.deleted": return removePost(data.post.id);
      case "comment.created": return showComment(data.comment, data.post);
      case "comment.updated": return updateComment(data.comment, data.post);
      case "comment.deleted": return removeComment(data.comment, data.post);
      case "reaction.changed": return showReactions(data);
      case "notification.created": return showNotification(data);
      default:
        // Other apps' events (brand.highlighted, announcement.published) go to their own
        // scripts as DOM events, so this file needs to know none of them.
        document.dispatchEvent(new CustomEvent(`intranet:${frame.type}`, {detail: data}));
        return undefined;
    }
  }

  function typing() {
    return Array.from(document.querySelectorAll("textarea, input[type=text]"))
      .some((field) => field.value.trim() !== "" && field.value !== field.defaultValue);
  }

  // Too much happened while away: start again from a fresh page, unless that would lose
  // what the person is typing; then say so and let them choose when.
  function reload() {
    stopped = true;
    if (!typing()) { location.reload(); return; }
    const template = document.getElementById("live-reload");
    if (!template || document.querySelector(".live-reload")) return;
    const notice = template.content.firstElementChild.cloneNode(true);
    notice.querySelector("[data-reload]").addEventListener("click", () => location.reload());
    document.getElementById("main").prepend(notice);
  }

  // Signed out: the server sends the page to the sign-in form, unless the page is already
  // leaving (the person pressed "Sign out" here, and that form knows where to go).
  function signedOut() {
    stopped = true;
    if (!leaving) location.reload();
  }

  function control(frame) {
    if (frame.type === "reload") { reload(); return true; }
    if (frame.type === "resumed") { document.documentElement.dataset.live = "on"; return true; }
    if (frame.type === "error" && frame.code === "session_ended") {
      signedOut();
      return true;
    }
    return typeof frame.id !== "number";
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/ws/`);
    socket.addEventListener("open", () => {
      retry = 1000;
      for (const group of watching) socket.send(JSON.stringify({type: "subscribe", group}));
      socket.send(JSON.stringify({type: "resume", since: lastId}));
    });
    socket.addEventListener("message", (message) => {
      const frame = JSON.parse(message.data);
      if (control(frame)) return;
      queue = queue.then(() => apply(frame)).catch(() => undefined);
    });
    socket.addEventListener("close", (event) => {
      document.documentElement.dataset.live = "off";
      if (stopped) return;
      if (event.code === 4401) { signedOut(); return; }
      timer = setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    });
  }

  // Back online: try at once rather than at the end of the back-off.
  window.addEventListener("online", () => {
    if (stopped || (socket && socket.readyState <= 1)) return;
    clearTimeout(timer);
    retry = 1000;
    connect();
  });

  function start() {
    document.querySelectorAll("[data-feed=group][data-group]").forEach((feed) => watching.push(feed.dataset.group));
    const cursor = document.body.dataset.lastEvent;
    if (cursor === undefined) return;
    lastId = parseInt(cursor, 10);
    connect();
    setInterval(() => { if (socket && socket.readyState === 1) socket.send('{"type":"ping"}'); }, 25000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
