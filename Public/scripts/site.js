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

  // A filter box (data-filters="#list") narrows the list below it as you type; without the
  // script, the same box submits and the server narrows it.
  function filterBoxes() {
    var boxes = document.querySelectorAll("input[data-filters]");
    Array.prototype.forEach.call(boxes, function (box) {
      var list = document.querySelector(box.getAttribute("data-filters"));
      var empty = document.querySelector(".filter-empty");
      if (!list) {
        return;
      }
      box.addEventListener("input", function () {
        var words = box.value.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").split(/\s+/).filter(Boolean);
        var shown = 0;
        Array.prototype.forEach.call(list.querySelectorAll("li"), function (item) {
          if (item.closest(".letter-index")) {
            return;
          }
          var text = item.textContent.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
          var match = words.every(function (word) { return text.indexOf(word) >= 0; });
          item.hidden = !match;
          if (match) {
            shown += 1;
          }
        });
        Array.prototype.forEach.call(list.querySelectorAll(".letter-group"), function (group) {
          group.hidden = !group.querySelector("li:not([hidden])");
        });
        if (empty) {
          empty.hidden = shown > 0;
        }
      });
    });
  }

  // Times are shown in UK time. Someone whose browser is set to another time zone also sees
  // their own, after it: "09:00 (UK time, GMT) · 10:00 your time".
  function localTimes() {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
      return;
    }
    if (!zone || zone === "Europe/London") {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("time[data-local-time]"), function (element) {
      var instant = new Date(element.getAttribute("datetime"));
      if (isNaN(instant.getTime())) {
        return;
      }
      var clock = { weekday: "long", hour: "2-digit", minute: "2-digit" };
      var uk = instant.toLocaleString("en-GB", Object.assign({ timeZone: "Europe/London" }, clock));
      var theirs = instant.toLocaleString("en-GB", Object.assign({ timeZone: zone }, clock));
      // Said only where it differs (a browser on UTC in winter reads the same as the UK).
      if (uk === theirs) {
        return;
      }
      var note = document.createElement("span");
      note.className = "local-time";
      note.textContent = " · " + theirs + " your time";
      element.parentNode.insertBefore(note, element.nextSibling);
    });
  }

  // The guide's first message: what is typed in the box goes with every "Get in touch" form at
  // once. Without this script, "Use my changes" sends the box to the server to do the same.
  function guideDraft() {
    var box = document.querySelector("textarea[data-guide-draft]");
    if (!box) {
      return;
    }
    var copies = document.querySelectorAll("input[data-guide-draft-copy]");
    box.addEventListener("input", function () {
      Array.prototype.forEach.call(copies, function (copy) { copy.value = box.value; });
    });
    var button = document.querySelector("[data-guide-draft-button]");
    if (button) {
      button.hidden = true;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    localTimes();
    guideDraft();
    focusErrorSummary();
    filterBoxes();
    exitThisPage();
    characterCounts();
  });
})();
