/* govhall: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Buttons marked data-action="print" open the browser's print dialog (办事指南打印).
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-action='print']") : null;
    if (target) {
      event.preventDefault();
      window.print();
    }
  });

  // "增加一项材料": clone the empty row of a Django formset (without JS, "保存并继续编辑" adds one).
  document.querySelectorAll("[data-action='add-material-row']").forEach(function (button) {
    var fieldset = button.closest("fieldset");
    var template = fieldset && fieldset.querySelector("template");
    var total = fieldset && fieldset.querySelector("input[name$='-TOTAL_FORMS']");
    var rows = fieldset && fieldset.querySelector("[data-material-rows]");
    if (!template || !total || !rows) {
      return;
    }
    button.classList.remove("d-none");
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var added = rows.lastElementChild;
      var first = added && added.querySelector("input:not([type='hidden'])");
      if (first) {
        first.focus();
      }
    });
  });

  // A printed guide shows every answer of the FAQ, not only the opened ones.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) {
      details.open = true;
    });
  });

  // Forms marked data-submit-once ignore a second click while the first submission is on its way
  // (the server refuses a repeated change anyway; this spares the person a confusing message).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-submit-once")) {
      return;
    }
    if (form.dataset.submitted === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = "1";
  });
})();
