// Rapport's only script: small improvements on pages that work without it.
// - A form that comes back with problems moves focus to its summary, so a screen reader
//   announces it and the first Tab reaches the links to each field (GOV.UK's error summary).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  });
})();
