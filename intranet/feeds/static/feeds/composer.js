// The composer: suggestions for @mentions and #topics as one types, a description field
// for each chosen image (with a reminder before posting one without), and a draft kept in
// the browser until the post is published, so a reload or a refusal loses nothing.
(function () {
  "use strict";

  function drafts(form, field) {
    const key = `intranet-draft:${form.dataset.draft}`;
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (error) { saved = null; }
    const refused = document.querySelector(".messages .message.error");
    if (saved && saved.sent && !refused) {
      localStorage.removeItem(key);
    } else if (saved && saved.body && !field.value) {
      field.value = saved.body;
      if (saved.sent) localStorage.setItem(key, JSON.stringify({body: saved.body}));
    }
    field.addEventListener("input", () => {
      if (field.value.trim()) localStorage.setItem(key, JSON.stringify({body: field.value}));
      else localStorage.removeItem(key);
    });
    form.addEventListener("submit", (event) => {
      if (!event.defaultPrevented) localStorage.setItem(key, JSON.stringify({body: field.value, sent: true}));
    });
  }

  // "@ana" or "#desi" just before the caret, if one is being typed.
  function typedToken(field) {
    const before = field.value.slice(0, field.selectionStart);
    const found = before.match(/(?:^|[\s(])([@#][^\s@#]{1,40})$/);
    return found ? {text: found[1], end: before.length} : null;
  }

  function mentions(form, field) {
    if (!window.IntranetListbox) return;
    let token = null;
    let asked = "";
    let timer = null;
    const listbox = window.IntranetListbox.attach(field, {
      container: form.querySelector(".composer-field"),
      label: form.dataset.suggestionsLabel,
      choose(item) {
        if (!token) return;
        const start = token.end - token.text.length;
        const after = field.value.slice(token.end).replace(/^\S*/, "");
        field.value = `${field.value.slice(0, start)}${item.insert} ${after.replace(/^ /, "")}`;
        const caret = start + item.insert.length + 1;
        field.setSelectionRange(caret, caret);
        field.dispatchEvent(new Event("input"));
        listbox.hide();
        asked = "";
      },
    });

    async function suggest() {
      token = typedToken(field);
      const q = token ? token.text : "";
      if (q === asked) return;
      asked = q;
      if (!q) { listbox.hide(); return; }
      let response;
      try {
        response = await fetch(`${form.dataset.suggest}?q=${encodeURIComponent(q)}`,
                               {credentials: "same-origin"});
      } catch (error) {
        return;
      }
      if (!response.ok || asked !== q) return;
      listbox.show((await response.json()).results);
    }

    field.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 120); });
  }

  function descriptions(form) {
    const picker = form.querySelector("[data-images]");
    const list = form.querySelector("[data-descriptions]");
    const template = form.querySelector("template[data-description-template]");
    const reminder = form.querySelector("[data-reminder]");
    let reminded = false;
    picker.addEventListener("change", () => {
      list.querySelectorAll("img").forEach((image) => URL.revokeObjectURL(image.src));
      list.replaceChildren(...Array.from(picker.files).map((file, index) => {
        const row = template.content.firstElementChild.cloneNode(true);
        row.querySelector("img").src = URL.createObjectURL(file);
        const label = row.querySelector("[data-description-label]");
        label.textContent = label.textContent.replace("%(n)s", String(index + 1));
        return row;
      }));
      reminded = false;
      reminder.hidden = true;
    });
    form.addEventListener("submit", (event) => {
      const missing = Array.from(list.querySelectorAll("input")).find((input) => !input.value.trim());
      if (!missing || reminded) return;
      event.preventDefault();
      reminded = true;
      reminder.hidden = false;
      missing.focus();
    });
  }

  document.querySelectorAll("form[data-composer]").forEach((form) => {
    const field = form.querySelector("textarea[name=body]");
    descriptions(form);
    drafts(form, field);
    mentions(form, field);
  });

  // Muted by the moderators (company-wide, or in this page's group): the composer gives
  // way to a notice at once; the server refuses posts anyway.
  document.addEventListener("intranet:person.muted", (event) => {
    const group = event.detail && event.detail.group;
    document.querySelectorAll("form[data-composer]").forEach((form) => {
      if (group && !form.dataset.draft.endsWith(`:${group}`)) return;
      const notice = document.createElement("p");
      notice.className = "errors card";
      notice.setAttribute("role", "alert");
      notice.textContent = form.dataset.muted;
      form.replaceWith(notice);
    });
  });
})();
