// Type-ahead in the header: people and groups as you type.
(function () {
  "use strict";
  const input = document.getElementById("quicksearch");
  if (!input) return;
  const list = document.createElement("ul");
  list.className = "typeahead";
  list.id = "quicksearch-suggestions";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("autocomplete", "off");
  input.parentElement.appendChild(list);
  let timer = null;
  let asked = "";

  async function suggest() {
    const q = input.value.trim();
    if (q === asked) return;
    asked = q;
    if (!q) { list.hidden = true; return; }
    const response = await fetch(`/api/v1/search/suggest/?q=${encodeURIComponent(q)}`,
                                 {credentials: "same-origin"});
    if (!response.ok || asked !== q) return;
    const {results} = await response.json();
    list.replaceChildren(...results.map((hit) => {
      const item = document.createElement("li");
      item.setAttribute("role", "option");
      const link = document.createElement("a");
      link.href = hit.url;
      link.textContent = hit.title;
      link.dataset.type = hit.type;
      item.appendChild(link);
      return item;
    }));
    list.hidden = results.length === 0;
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 150); });
  input.addEventListener("blur", () => setTimeout(() => { list.hidden = true; }, 200));
})();
