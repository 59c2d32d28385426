/* govhall: the online application page (网上申请) and supplement uploads.
 *
 * Progressive enhancement only: the HTML attributes (required, maxlength, type, accept) already
 * make the browser check the form, and the server checks everything again. This script
 *   1. words the browser's checks in the page's language and shows them next to each field;
 *   2. checks a chosen file's size, emptiness and extension before it is uploaded;
 *   3. saves the application form as a draft before an upload or removal reloads the page, so
 *      nothing typed is lost;
 *   4. moves the focus to the error summary when the server reported problems.
 * Messages come from the page (<script id="apply-messages" type="application/json">).
 */
(function () {
  "use strict";

  var messagesNode = document.getElementById("apply-messages");
  var text = messagesNode ? JSON.parse(messagesNode.textContent) : {};

  function say(key, values) {
    var template = text[key] || "";
    return template.replace(/\{(\w+)\}/g, function (_match, name) {
      return values && values[name] !== undefined ? String(values[name]) : "";
    });
  }

  function errorBox(input) {
    return document.getElementById(input.id.replace(/-\d+$/, "") + "-error");
  }

  function fieldMessage(input) {
    var v = input.validity;
    var title = input.getAttribute("data-title") || "";
    var choice = input.tagName === "SELECT" || input.type === "radio";
    if (v.valueMissing) {
      return say(choice ? "choose" : "required", { title: title });
    }
    if (v.tooLong) {
      return say("tooLong", { title: title, n: input.getAttribute("maxlength") });
    }
    if (v.badInput || v.typeMismatch) {
      return say(input.type === "date" ? "date" : "number", { title: title });
    }
    if (v.stepMismatch) {
      return say("integer", { title: title });
    }
    if (v.rangeUnderflow) {
      return say("min", { title: title, n: input.getAttribute("min") });
    }
    if (v.rangeOverflow) {
      return say("max", { title: title, n: input.getAttribute("max") });
    }
    if (v.patternMismatch) {
      return say("pattern", { title: title });
    }
    return "";
  }

  function showFieldError(input, message) {
    var box = errorBox(input);
    if (box) {
      box.textContent = message;
      box.hidden = !message;
    }
    var group = input.type === "radio" && input.form ? input.form.querySelectorAll("input[name='" + input.name + "']") : [input];
    Array.prototype.forEach.call(group, function (each) {
      if (message) {
        each.setAttribute("aria-invalid", "true");
        if (box) {
          each.setAttribute("aria-describedby", box.id);
        }
      } else {
        each.removeAttribute("aria-invalid");
      }
    });
  }

  // 1. the application form's fields
  var application = document.querySelector("[data-application-form]");
  var dirty = false;
  if (application) {
    application.querySelectorAll("[data-title]").forEach(function (input) {
      input.addEventListener("invalid", function () {
        input.setCustomValidity("");
        var message = fieldMessage(input);
        if (message) {
          input.setCustomValidity(message);
        }
        showFieldError(input, message || input.validationMessage);
      });
      var recheck = function () {
        input.setCustomValidity("");
        dirty = true;
        if (input.getAttribute("aria-invalid") === "true" && input.checkValidity()) {
          showFieldError(input, "");
        }
      };
      input.addEventListener("input", recheck);
      input.addEventListener("change", recheck);
    });
  }

  // 2. files, checked before they travel
  function checkFile(input) {
    var form = input.form;
    var box = form ? form.querySelector("[data-client-error]") : null;
    var message = "";
    var file = input.files && input.files[0];
    if (!file) {
      message = say("fileMissing");
    } else if (file.size === 0) {
      message = say("fileEmpty");
    } else if (file.size > Number(input.getAttribute("data-max-bytes") || Infinity)) {
      message = say("fileTooLarge", { n: input.getAttribute("data-max-mb") });
    } else {
      var accept = (input.getAttribute("accept") || "").toLowerCase().split(",").filter(Boolean);
      var name = file.name.toLowerCase();
      var known = accept.some(function (extension) {
        return name.slice(-extension.length) === extension;
      });
      if (accept.length && !known) {
        message = say("fileType", { types: input.getAttribute("data-types") || accept.join("、") });
      }
    }
    input.setCustomValidity(message);
    if (box) {
      box.textContent = message;
      box.hidden = !message;
    }
    if (message) {
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
    return !message;
  }

  document.querySelectorAll("form[data-upload] input[type=file]").forEach(function (input) {
    input.addEventListener("change", function () {
      checkFile(input);
    });
  });

  // 3. keep what was typed when an upload or a removal reloads the page
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-preserve-draft")) {
      return;
    }
    var fileInput = form.querySelector("input[type=file]");
    if (fileInput && !checkFile(fileInput)) {
      event.preventDefault();
      fileInput.focus();
      return;
    }
    if (!application || !dirty || form.dataset.saving === "1") {
      return;
    }
    event.preventDefault();
    form.dataset.saving = "1";
    var button = form.querySelector("button[type=submit], button:not([type])");
    if (button) {
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
    }
    var data = new FormData(application);
    data.set("action", "save");
    // getAttribute: the form has buttons named "action", which shadow the form.action property
    fetch(application.getAttribute("action") || window.location.pathname, { method: "POST", body: data, credentials: "same-origin", redirect: "manual" })
      .catch(function () {
        return null; // the upload still goes ahead; the person sees the draft as last saved
      })
      .then(function () {
        dirty = false;
        form.submit();
      });
  });

  // 4. after a failed submission, start at the list of problems
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  } else if (window.location.hash && /^#material-\d+$/.test(window.location.hash)) {
    var row = document.querySelector(window.location.hash);
    if (row && row.querySelector("[data-testid='material-error']")) {
      row.focus();
    }
  }
})();
