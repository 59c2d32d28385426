/* govhall: draw a process definition with the vendored bpmn-js NavigatedViewer (read-only,
 * pan and zoom). The BPMN XML comes from the page (<script id="bpmn-xml" type="application/json">,
 * Django's json_script), so there is no inline script. The bpmn.io watermark that bpmn-js adds
 * must stay visible (bpmn-js licence): do not hide or overlap it.
 */
(function () {
  "use strict";

  function showError(container) {
    var box = document.getElementById("bpmn-error");
    if (!box) {
      return;
    }
    box.textContent = container.getAttribute("data-error") || "";
    box.classList.remove("d-none");
  }

  function draw() {
    var container = document.getElementById("bpmn-canvas");
    var source = document.getElementById("bpmn-xml");
    if (!container || !source) {
      return;
    }
    if (typeof window.BpmnJS !== "function") {
      showError(container);
      return;
    }
    container.style.height = "480px";
    var xml = JSON.parse(source.textContent);
    var viewer = new window.BpmnJS({ container: container });
    viewer
      .importXML(xml)
      .then(function () {
        viewer.get("canvas").zoom("fit-viewport");
      })
      .catch(function () {
        showError(container);
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
