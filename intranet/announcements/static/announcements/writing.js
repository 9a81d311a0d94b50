// Writing announcements in the admin: checkbox lists of departments, locations and
// groups get a search box; the "New announcement" form also shows, as the audience
// changes, how many people it will reach, and only the fields that apply.
(function () {
  function searchable(name, inputs) {
    const list = inputs[0].closest(`#id_${name}`) || inputs[0].closest("div")?.parentElement;
    if (!list || list.dataset.searchReady) return;
    list.dataset.searchReady = "1";
    const box = document.createElement("input");
    box.type = "search";
    box.className = "announcement-picker-search";
    box.setAttribute("aria-label", inputs[0].dataset.searchableChoices);
    box.placeholder = inputs[0].dataset.searchableChoices;
    box.addEventListener("input", () => {
      const wanted = box.value.trim().toLocaleLowerCase();
      inputs.forEach((input) => {
        const row = input.closest("label")?.parentElement || input.parentElement;
        row.hidden = Boolean(wanted) && !row.textContent.toLocaleLowerCase().includes(wanted);
      });
    });
    list.before(box);
  }

  function pickers() {
    const byName = new Map();
    document.querySelectorAll("input[data-searchable-choices]").forEach((input) => {
      byName.set(input.name, [...(byName.get(input.name) || []), input]);
    });
    byName.forEach((inputs, name) => searchable(name, inputs));
  }

  function audienceCount(form) {
    const shown = form.querySelector("[data-audience-count]");
    if (!shown) return;
    let asked = 0;
    async function update() {
      const query = new URLSearchParams();
      ["departments", "locations", "groups"].forEach((name) => {
        form.querySelectorAll(`input[name="${name}"]:checked`).forEach((box) => query.append(name, box.value));
      });
      const mine = ++asked;
      const answer = await fetch(`${form.dataset.countUrl}?${query}`, {credentials: "same-origin"});
      if (mine !== asked || !answer.ok) return;
      const data = await answer.json();
      shown.textContent = data.label;
      shown.dataset.count = String(data.count);
    }
    form.addEventListener("change", (event) => {
      if (["departments", "locations", "groups"].includes(event.target.name)) update();
    });
    update();
  }

  function showWhenChosen(form, radios, value, section) {
    const part = form.querySelector(section);
    if (!part) return;
    const sync = () => {
      const chosen = form.querySelector(`input[name="${radios}"]:checked`);
      part.hidden = !chosen || chosen.value !== value;
    };
    form.addEventListener("change", (event) => { if (event.target.name === radios) sync(); });
    sync();
  }

  function start() {
    pickers();
    const form = document.querySelector("[data-announcement-form]");
    if (!form) return;
    audienceCount(form);
    showWhenChosen(form, "importance", "ack_required", "[data-ack-due]");
    showWhenChosen(form, "pinning", "until", "[data-pinned-until]");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
