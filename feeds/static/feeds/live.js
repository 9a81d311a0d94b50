// The live feed: new posts, comments, reactions and notifications appear without a reload.
// After a dropped connection, it asks the server for what it missed (/api/v1/events/).
(function () {
  "use strict";
  let lastId = null;
  let socket = null;
  let retry = 1000;
  const watching = [];

  function csrf() {
    const match = document.cookie.match(/csrftoken=([^;]+)/);
    return match ? match[1] : "";
  }

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

  async function showPost(post, replace) {
    for (const feed of feeds()) {
      const existing = feed.querySelector(`[data-post="${post.id}"]`);
      if (existing) {
        const fresh = await card(post.id);
        if (fresh) existing.replaceWith(fresh);
      } else if (!replace && acceptsPost(feed, post)) {
        const fresh = await card(post.id);
        if (!fresh) continue;
        const empty = feed.querySelector(".empty-feed");
        if (empty) empty.remove();
        const firstUnpinned = feed.querySelector(".post:not(.pinned)");
        feed.insertBefore(fresh, firstUnpinned);
        fresh.classList.add("arrived");
      }
    }
  }

  function removePost(id) {
    document.querySelectorAll(`[data-post="${id}"]`).forEach((node) => node.remove());
  }

  function showComment(comment, post) {
    document.querySelectorAll(`[data-post="${post.id}"] .comment-count`).forEach((link) => {
      link.dataset.count = post.comment_count;
      link.textContent = link.textContent.replace(/\d+/, post.comment_count);
    });
    const thread = document.querySelector(`[data-comments="${post.id}"]`);
    if (!thread || document.getElementById(`comment-${comment.id}`)) return;
    const article = document.createElement("article");
    article.className = "comment" + (comment.parent ? " reply" : "");
    article.id = `comment-${comment.id}`;
    const header = document.createElement("header");
    const author = document.createElement("a");
    author.className = "author";
    author.href = `/people/${encodeURIComponent(comment.author)}/`;
    author.textContent = comment.author_name;
    header.appendChild(author);
    const body = document.createElement("div");
    body.className = "comment-body";
    body.innerHTML = comment.html;  // sanitised by the server
    article.append(header, body);
    const none = thread.querySelector(".no-comments");
    if (none) none.remove();
    thread.querySelector(".new-comments").appendChild(article);
  }

  function showReactions(data) {
    if (data.comment) return;
    document.querySelectorAll(`[data-post="${data.post}"] .reaction`).forEach((button) => {
      const count = data.reactions[button.dataset.kind] || 0;
      button.querySelector(".count").textContent = count ? String(count) : "";
    });
  }

  function showNotification() {
    const badge = document.querySelector(".unread-count");
    if (!badge) return;
    const unread = (parseInt(badge.dataset.unread || "0", 10) || 0) + 1;
    badge.dataset.unread = unread;
    badge.textContent = String(unread);
  }

  async function apply(frame) {
    if (typeof frame.id === "number") {
      if (lastId !== null && frame.id <= lastId) return;
      lastId = frame.id;
    }
    const data = frame.data || {};
    switch (frame.type) {
      case "post.created": return showPost(data.post, false);
      case "post.updated": return showPost(data.post, true);
      case "post.deleted": return removePost(data.post.id);
      case "comment.created": return showComment(data.comment, data.post);
      case "reaction.changed": return showReactions(data);
      case "notification.created": return showNotification();
      default:
        // Other apps' events (brand.highlighted, announcement.published) go to their own
        // scripts as DOM events, so this file needs to know none of them.
        document.dispatchEvent(new CustomEvent(`intranet:${frame.type}`, {detail: data}));
        return undefined;
    }
  }

  async function catchUp() {
    if (lastId === null) return;
    let url = `/api/v1/events/?since=${lastId}` + watching.map((g) => `&group=${encodeURIComponent(g)}`).join("");
    while (url) {
      const response = await fetch(url, {credentials: "same-origin", headers: {"X-CSRFToken": csrf()}});
      if (!response.ok) return;
      const page = await response.json();
      for (const frame of page.results) await apply(frame);
      url = page.next;
    }
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/ws/`);
    socket.addEventListener("open", async () => {
      retry = 1000;
      document.documentElement.dataset.live = "on";
      for (const group of watching) socket.send(JSON.stringify({type: "subscribe", group}));
      await catchUp();
    });
    socket.addEventListener("message", (message) => {
      const frame = JSON.parse(message.data);
      if (frame.type === "pong" || frame.type === "subscribed" || frame.type === "error") return;
      apply(frame);
    });
    socket.addEventListener("close", () => {
      document.documentElement.dataset.live = "off";
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    });
  }

  async function start() {
    document.querySelectorAll("[data-feed=group][data-group]").forEach((feed) => watching.push(feed.dataset.group));
    const cursor = document.body.dataset.lastEvent;
    if (cursor === undefined) return;
    lastId = parseInt(cursor, 10);
    connect();
    setInterval(() => { if (socket && socket.readyState === 1) socket.send('{"type":"ping"}'); }, 25000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
