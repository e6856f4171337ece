/* Every page, before Material's bundle (hooks/student_experience.py): search forgives a
   one-letter slip and shows sections, the colour button and "Skip to content" suit the
   keyboard, a definition near the foot of the screen opens above its term. README.md beside
   this file says why. Nothing is stored or sent. */
(function () {
  "use strict";

  // --- Search ---------------------------------------------------------------------------------

  var SETUP = 0, QUERY = 2; // Material's messages to its search worker: {type, data}
  var SLIP_FROM = 6; // shorter words: too many near neighbours
  var SECTION_WEIGHT = 2.5; // Material's largest extra weight for a page's introduction
  var words = null; // the index's words of 5+ letters, most frequent first

  function plain(html) {
    return String(html || "").replace(/<[^>]*>/g, " ").toLowerCase();
  }

  function learn(index) {
    var counts = {};
    index.docs.forEach(function (doc) {
      (plain(doc.title) + " " + plain(doc.text)).replace(/[a-z]{5,}/g, function (word) {
        counts[word] = (counts[word] || 0) + 1;
        return word;
      });
      if (doc.location.indexOf("#") !== -1) doc.boost = (doc.boost || 1) * SECTION_WEIGHT;
    });
    words = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; });
  }

  // a and b differ by one letter at most: changed, missing, extra, or two swapped.
  function oneApart(a, b) {
    if (a === b) return true;
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // What to search for instead of `typed`, or null: a word one letter away, else the start of
  // one (while typing: "transfera" -> "transfere").
  function nearest(typed) {
    var i;
    for (i = 0; i < words.length; i++) {
      if (words[i].lastIndexOf(typed, 0) === 0) return null; // a word starts so: keep it
    }
    for (i = 0; i < words.length; i++) {
      if (oneApart(typed, words[i])) return words[i];
    }
    for (i = 0; i < words.length; i++) {
      for (var cut = typed.length - 1; cut <= typed.length + 1; cut++) {
        var start = words[i].slice(0, cut);
        if (cut < words[i].length && oneApart(typed, start)) return start;
      }
    }
    return null;
  }

  var LONG_WORD = new RegExp("^[A-Za-z]{" + SLIP_FROM + ",}$");

  function forgive(query) {
    if (!words) return query;
    return query.split(/(\s+)/).map(function (part) {
      return LONG_WORD.test(part) ? nearest(part.toLowerCase()) || part : part;
    }).join("");
  }

  var Worker = window.Worker; // or the offline zip's iframe stand-in (its shim runs first)
  if (Worker && Worker.prototype && Worker.prototype.postMessage) {
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      var args = Array.prototype.slice.call(arguments);
      if (message && message.type === SETUP && message.data && message.data.docs) {
        learn(message.data);
      } else if (message && message.type === QUERY && typeof message.data === "string") {
        args[0] = { type: QUERY, data: forgive(message.data) };
      }
      return post.apply(this, args);
    };
  }

  // --- The light/dark button --------------------------------------------------------------------

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input || input.name !== "__palette" || !input.form) return;
    if (/^Arrow/.test(event.key)) {
      event.preventDefault();
    } else if (event.key === " ") {
      event.preventDefault(); // as Material does on Enter
      var inputs = Array.prototype.slice.call(input.form.querySelectorAll("input"));
      var next = inputs[(inputs.indexOf(input) + 1) % inputs.length];
      next.click();
      next.focus();
    }
  }, true);

  // --- "Skip to content" ------------------------------------------------------------------------

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-skip");
    var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    // Focusable (by script only): following the link then moves the focus there.
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  });

  // --- A definition near the foot of the screen ---------------------------------------------

  function placeTooltip(tip) {
    var below = parseFloat(tip.style.getPropertyValue("--md-tooltip-y"));
    if (!(below >= 0)) return; // not placed yet, or already above
    var box = tip.getBoundingClientRect();
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var above = box.top - below - 8 - box.height; // its top if above the term
    if (box.bottom <= window.innerHeight - 4 || above < top) return;
    tip.style.setProperty("--md-tooltip-y", -(8 + box.height) + "px");
    tip.classList.add("md-tooltip2--top");
    tip.classList.remove("md-tooltip2--bottom");
  }

  function watchTooltips() {
    var seen = new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        if (change.type === "attributes") return placeTooltip(change.target);
        Array.prototype.forEach.call(change.addedNodes, function (node) {
          if (!node.classList || !node.classList.contains("md-tooltip2") ||
              node.getAttribute("role") !== "tooltip") return;
          // Material places it again as the page scrolls: check each time.
          seen.observe(node, { attributes: true, attributeFilter: ["style"] });
          placeTooltip(node);
        });
      });
    });
    seen.observe(document.body, { childList: true });
  }

  if (document.body) watchTooltips();
  else document.addEventListener("DOMContentLoaded", watchTooltips);
})();
