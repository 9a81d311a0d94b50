// The feed's buttons answered in place: reacting, commenting, replying, pinning, locking
// and deleting change the part of the page they are about, and the page keeps its place.
// A form marked data-inplace is sent by fetch; the server answers with the fragment that
// changed (marked X-In-Place), an error to show, or, for anything it does not answer in
// place, a redirect that is followed as a normal submission would be. Without this
// script the same forms post and redirect.
(function () {
  "use strict";
  const cards = window.IntranetCards;

  function say(text) {
    let box = document.querySelector(".messages.inplace");
    if (!box) {
      box = document.createElement("ul");
      box.className = "messages inplace";
      box.setAttribute("role", "alert");
      document.getElementById("main").prepend(box);
    }
    box.innerHTML = "";
    const item = document.createElement("li");
    item.className = "message error";
    item.textContent = text;
    box.appendChild(item);
  }

  // After a saved edit, the keyboard goes back to where "Edit" was.
  function afterEdit(card) {
    const edit = card && card.querySelector("a[data-edit]");
    const menu = edit && edit.closest("details");
    const target = menu ? menu.querySelector("summary") : edit;
    if (target) target.focus();
  }

  function apply(form, kind, html) {
    if (kind === "reactions") {
      const old = form.closest(".reactions");
      if (old) cards.replace(old, cards.fragment(html));
    } else if (kind === "post") {
      const id = form.closest("[data-post]").dataset.post;
      const edited = form.classList.contains("edit-form");
      if (edited) form.remove();
      cards.replacePost(id, html);
      if (edited) afterEdit(document.querySelector(`[data-post="${id}"]`));
    } else if (kind === "self") {
      cards.replace(form, cards.fragment(html));
    } else if (kind === "comment-edit") {
      const old = form.closest(".comment");
      const fresh = cards.fragment(html);
      form.remove();
      cards.replace(old, fresh);
      afterEdit(fresh);
    } else if (kind === "comment") {
      cards.placeComment(html);
      form.reset();
      const box = form.closest("details");
      if (box) box.open = false;
    }
  }

  function remove(form, kind) {
    if (kind === "remove-comment") {
      const comment = form.closest(".comment");
      const replies = comment.nextElementSibling;
      if (replies && replies.classList.contains("replies")) replies.remove();
      comment.remove();
      return;
    }
    const post = form.closest("[data-post]");
    // In a feed the card goes; on the post's own page there is nothing left to show.
    if (post && post.closest("[data-feed]:not([data-feed=post])")) post.remove();
    else location.assign("/");
  }

  async function send(form, submitter) {
    const kind = form.dataset.inplace;
    const body = new FormData(form);
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    if (form.dataset.confirm) body.set("confirmed", "1");
    form.setAttribute("aria-busy", "true");
    let response;
    try {
      response = await fetch(form.action, {method: "POST", body, credentials: "same-origin",
                                           headers: {"X-Requested-With": "fetch"}});
    } catch (error) {
      form.removeAttribute("aria-busy");
      say(document.getElementById("offline-message").textContent);
      return;
    }
    form.removeAttribute("aria-busy");
    if (!response.headers.get("X-In-Place")) { location.assign(response.url); return; }
    if (!response.ok) {
      const answer = await response.json().catch(() => ({}));
      say((answer.error && answer.error.message) || response.statusText);
      return;
    }
    if (response.status === 204) remove(form, kind); else apply(form, kind, await response.text());
  }

  // "Edit" puts the edit form under the text it changes; Cancel puts the text back.
  function closeEditor(card) {
    const editor = card.querySelector(":scope > .edit-form");
    if (editor) editor.remove();
    const text = card.querySelector(":scope > .post-body, :scope > .comment-body");
    if (text) text.hidden = false;
  }

  async function openEditor(link) {
    const card = link.closest(".comment") || link.closest("[data-post]");
    const text = card.querySelector(":scope > .post-body, :scope > .comment-body");
    let response;
    try {
      response = await fetch(link.href, {credentials: "same-origin",
                                         headers: {"X-Requested-With": "fetch"}});
    } catch (error) {
      say(document.getElementById("offline-message").textContent);
      return;
    }
    if (!response.ok || !response.headers.get("X-In-Place")) { location.assign(link.href); return; }
    closeEditor(card);
    const form = cards.fragment(await response.text());
    const menu = link.closest("details");
    if (menu) menu.open = false;
    text.hidden = true;
    text.after(form);
    const field = form.querySelector("textarea");
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const edit = target && target.closest("a[data-edit]");
    const cancel = target && target.closest("a[data-cancel-edit]");
    if ((!edit && !cancel) || !window.fetch) return;
    const card = (edit || cancel).closest(".comment") || (edit || cancel).closest("[data-post]");
    if (!card) return;
    event.preventDefault();
    if (edit) { openEditor(edit); return; }
    closeEditor(card);
    const again = card.querySelector("a[data-edit]");
    const summary = again && again.closest("details") ? again.closest("details").querySelector("summary") : again;
    if (summary) summary.focus();
  });

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.inplace || !window.fetch) return;
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") return;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    send(form, event.submitter);
  });
})();
