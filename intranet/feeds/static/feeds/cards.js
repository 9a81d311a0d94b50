// Where the feed's fragments go: post cards and comments, whether they come from a live
// frame (live.js) or from the reader's own button (inplace.js). The server renders each
// with the same template as the page, so a post or comment always looks the same.
(function () {
  "use strict";

  function fragment(html) {
    const holder = document.createElement("template");
    holder.innerHTML = html.trim();
    return holder.content.firstElementChild;
  }

  // The focused control of a node about to be replaced, told by its form and kind, so
  // that a keyboard user keeps their place once the fresh node is in.
  function focusKey(node) {
    const active = document.activeElement;
    if (!active || !node.contains(active)) return null;
    const form = active.closest("form");
    return {action: form ? form.getAttribute("action") : null, kind: active.dataset.kind || null,
            tag: active.tagName};
  }

  function refocus(node, key) {
    if (!key) return;
    const candidates = Array.from(node.querySelectorAll(key.tag));
    const match = candidates.find((element) => {
      const form = element.closest("form");
      return (form ? form.getAttribute("action") : null) === key.action &&
        (element.dataset.kind || null) === key.kind;
    });
    if (match) match.focus();
  }

  // A menu or reply box the reader opened stays open in the fresh node.
  function openBoxes(node) {
    return Array.from(node.querySelectorAll("details")).map((box) => box.open);
  }

  function reopen(node, states) {
    const boxes = node.querySelectorAll("details");
    if (boxes.length !== states.length) return;
    boxes.forEach((box, index) => { if (states[index]) box.open = true; });
  }

  // A text the reader is rewriting stays under their hands when the card is refreshed.
  function carryEditor(old, fresh) {
    const editor = old.querySelector(":scope > .edit-form");
    const text = fresh.querySelector(":scope > .post-body, :scope > .comment-body");
    if (!editor || !text) return;
    text.hidden = true;
    text.after(editor);
  }

  function replace(old, fresh) {
    const key = focusKey(old);
    const states = openBoxes(old);
    carryEditor(old, fresh);
    old.replaceWith(fresh);
    reopen(fresh, states);
    refocus(fresh, key);
  }

  // Every copy of a post on the page (a feed and a pinned list may both show it).
  function replacePost(id, html) {
    document.querySelectorAll(`[data-post="${id}"]`).forEach((old) => replace(old, fragment(html)));
  }

  // A comment in its thread: a reply under its comment, others at the end, once.
  function placeComment(html) {
    const node = fragment(html);
    if (!node || document.getElementById(node.id)) return;
    const thread = document.querySelector(`[data-comments="${node.dataset.postId}"]`);
    if (!thread) return;
    const none = thread.querySelector(".no-comments");
    if (none) none.remove();
    const parent = node.dataset.parent ? document.getElementById(`comment-${node.dataset.parent}`) : null;
    if (parent) {
      let replies = parent.nextElementSibling;
      if (!replies || !replies.classList.contains("replies")) {
        replies = document.createElement("div");
        replies.className = "replies";
        parent.after(replies);
      }
      replies.appendChild(node);
    } else {
      thread.querySelector(".new-comments").appendChild(node);
    }
    node.classList.add("arrived");
  }

  window.IntranetCards = {fragment, replace, replacePost, placeComment};
})();
