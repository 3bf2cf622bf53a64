// Rapport's only script: small improvements on pages that work without it.
(function () {
  "use strict";

  // A form that comes back with problems moves focus to its summary, so a screen reader
  // announces it and the first Tab reaches the links to each field (GOV.UK's error summary).
  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  }

  // "Exit this page": replace this page with the neutral site (so Back does not return here),
  // on a click or on Shift pressed three times within two seconds.
  function exitThisPage() {
    var component = document.querySelector("[data-exit-this-page]");
    if (!component) {
      return;
    }
    var link = component.querySelector("a");
    var hint = component.querySelector(".exit-this-page__hint");
    if (hint) {
      hint.hidden = false;
    }
    function leave(event) {
      if (event) {
        event.preventDefault();
      }
      document.body.classList.add("exit-this-page--leaving");
      window.location.replace(link.href);
    }
    link.addEventListener("click", leave);
    var presses = [];
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") {
        presses = [];
        return;
      }
      var now = Date.now();
      presses = presses.filter(function (time) { return now - time < 2000; });
      presses.push(now);
      if (presses.length >= 3) {
        leave();
      }
    });
  }

  // A live count of the characters left in a text box with data-character-count; the server
  // checks the same limit, so without this script nothing is lost, only told later.
  function characterCounts() {
    var boxes = document.querySelectorAll("textarea[data-character-count]");
    Array.prototype.forEach.call(boxes, function (box) {
      var limit = parseInt(box.getAttribute("data-character-count"), 10);
      var counter = document.getElementById(box.id + "-count");
      if (!counter || !limit) {
        return;
      }
      function update() {
        var left = limit - box.value.length;
        counter.textContent = left >= 0
          ? "You have " + left.toLocaleString("en-GB") + " characters left."
          : "That's " + (-left).toLocaleString("en-GB") + " characters too many.";
        counter.classList.toggle("character-count--over", left < 0);
      }
      box.addEventListener("input", update);
      update();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    exitThisPage();
    characterCounts();
  });
})();
