// Suggestions under a text field, chosen with the keyboard or the mouse: the header's
// type-ahead and the composer's mentions use it. The field stays focused (a combobox,
// WAI-ARIA 1.2): arrows move through the options, Enter or Tab chooses, Escape closes.
(function () {
  "use strict";
  let counter = 0;

  // items: [{label, detail?, href?, ...}]; options.choose(item) is called on a choice.
  function attach(field, options) {
    counter += 1;
    const list = document.createElement("ul");
    list.className = "listbox";
    list.id = `listbox-${counter}`;
    list.setAttribute("role", "listbox");
    if (options.label) list.setAttribute("aria-label", options.label);
    list.hidden = true;
    // A text area keeps its own role (ARIA allows no other); it still owns the list.
    const combobox = field.tagName !== "TEXTAREA";
    const expanded = (open) => { if (combobox) field.setAttribute("aria-expanded", open ? "true" : "false"); };
    if (combobox) field.setAttribute("role", "combobox");
    field.setAttribute("aria-autocomplete", "list");
    field.setAttribute("aria-controls", list.id);
    expanded(false);
    field.setAttribute("autocomplete", "off");
    (options.container || field.parentElement).appendChild(list);
    let items = [];
    let active = -1;

    function mark(index) {
      active = index;
      Array.from(list.children).forEach((option, at) => {
        option.setAttribute("aria-selected", at === index ? "true" : "false");
      });
      if (index >= 0) {
        field.setAttribute("aria-activedescendant", list.children[index].id);
        list.children[index].scrollIntoView({block: "nearest"});
      } else {
        field.removeAttribute("aria-activedescendant");
      }
    }

    function hide() {
      list.hidden = true;
      expanded(false);
      mark(-1);
    }

    function choose(index) {
      const item = items[index];
      hide();
      if (item) options.choose(item);
    }

    function show(found) {
      items = found;
      list.replaceChildren(...found.map((item, index) => {
        const option = document.createElement("li");
        option.id = `${list.id}-${index}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        if (item.kind) option.dataset.kind = item.kind;
        const label = document.createElement("span");
        label.className = "label";
        label.textContent = item.label;
        option.appendChild(label);
        if (item.detail) {
          const detail = document.createElement("span");
          detail.className = "detail";
          detail.textContent = item.detail;
          option.appendChild(detail);
        }
        // mousedown, not click: the field must not lose focus before the choice.
        option.addEventListener("mousedown", (event) => { event.preventDefault(); choose(index); });
        return option;
      }));
      const open = found.length > 0;
      list.hidden = !open;
      expanded(open);
      mark(-1);
    }

    field.addEventListener("keydown", (event) => {
      if (list.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        mark((active + 1) % items.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        mark(active <= 0 ? items.length - 1 : active - 1);
      } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        hide();
      }
    });
    field.addEventListener("blur", () => setTimeout(hide, 150));
    return {show, hide, isOpen: () => !list.hidden};
  }

  window.IntranetListbox = {attach};
})();
