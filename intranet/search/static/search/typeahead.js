// Type-ahead in the header: people, groups and more as one types, reached with the arrow
// keys (intranet/listbox.js), and last of all "See all results" for the search page.
(function () {
  "use strict";
  const input = document.getElementById("quicksearch");
  if (!input || !window.IntranetListbox) return;
  const kinds = JSON.parse(document.getElementById("search-kind-names").textContent);
  const seeAll = document.getElementById("search-see-all").content.textContent;
  const results = input.form.getAttribute("action");
  const listbox = window.IntranetListbox.attach(input, {
    label: input.form.dataset.suggestionsLabel,
    choose: (item) => location.assign(item.href),
  });
  let timer = null;
  let asked = "";

  async function suggest() {
    const q = input.value.trim();
    if (q === asked) return;
    asked = q;
    if (!q) { listbox.hide(); return; }
    let response;
    try {
      response = await fetch(`/api/v1/search/suggest/?q=${encodeURIComponent(q)}`,
                             {credentials: "same-origin"});
    } catch (error) {
      return;
    }
    if (!response.ok || asked !== q) return;
    const found = (await response.json()).results.map((hit) => ({
      label: hit.title, detail: kinds[hit.type] || "", href: hit.url, kind: hit.type}));
    found.push({label: seeAll.replace("%(q)s", q), href: `${results}?${new URLSearchParams({q})}`,
                kind: "all"});
    listbox.show(found);
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 150); });
})();
