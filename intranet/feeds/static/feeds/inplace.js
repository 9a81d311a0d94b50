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

  function apply(form, kind, html) {
    if (kind === "reactions") {
      const old = form.closest(".reactions");
      if (old) cards.replace(old, cards.fragment(html));
    } else if (kind === "post") {
      cards.replacePost(form.closest("[data-post]").dataset.post, html);
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

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.inplace || !window.fetch) return;
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") return;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    send(form, event.submitter);
  });
})();
