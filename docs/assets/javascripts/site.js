/* Every page, online and in the offline zip (hooks/student_experience.py puts it just before
 * Material's bundle: it must run first, to see the search index the bundle hands its search
 * worker). Small fixes to Material's behaviour a student meets on any page:
 *
 * 1. Search forgives a one-letter slip. A word of six letters or more that starts no word of
 *    the site is replaced, before Material's worker sees the query, by the site's word (or the
 *    start of one, while it is being typed) one letter away: one letter wrong, missing, extra,
 *    or two swapped. "transferance" finds transference, as the self-checks accept it. (The
 *    words come from the index itself; Material's own query syntax is left alone.)
 * 2. Search ranks a section above its page's introduction. Material multiplies the score of a
 *    page's introduction by up to 2.5 over its sections, so a lesson's objectives box hid the
 *    section whose title a student typed ("the three characteristics" under "7 more on this
 *    page"); each section is given that weight back when the index is built.
 * 3. The light/dark button is one button to the keyboard. Material draws it as a group of
 *    radio buttons, so an arrow key on it switched the whole site's colours; arrows now do
 *    nothing there, and Space, like Enter, moves to the next choice.
 * 4. "Skip to content" moves the keyboard focus to the page's title (it left the focus on the
 *    page, so the next Tab went back to the top).
 * 5. A glossary term's definition near the bottom of the screen opens above the term (Material
 *    always opens it below, where it was cut off).
 * Nothing is stored and nothing is sent anywhere. */
(function () {
  "use strict";

  // --- 1 and 2: search ----------------------------------------------------------------------

  var SETUP = 0, QUERY = 2; // Material's messages to its search worker: {type, data}
  var SLIP_FROM = 6; // shorter words are left as typed: too many near neighbours
  var SECTION_WEIGHT = 2.5; // Material's largest extra weight for a page's introduction
  var words = null; // the site's words of five letters or more, most frequent first

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

  // True when a and b differ by at most one letter: changed, missing, extra, or two swapped.
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

  // The word to search for instead of `typed` (lower case), or null to keep it: a word of the
  // site one letter away, the most frequent first, else the start of one ("transfera" is being
  // typed: "transfere").
  function nearest(typed) {
    var i;
    for (i = 0; i < words.length; i++) {
      if (words[i].lastIndexOf(typed, 0) === 0) return null; // a word starts so: nothing to mend
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

  var Worker = window.Worker; // the offline zip's iframe stand-in too (its shim runs first)
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

  // --- 3: the light/dark button -------------------------------------------------------------

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input || input.name !== "__palette" || !input.form) return;
    if (/^Arrow/.test(event.key)) {
      event.preventDefault();
    } else if (event.key === " ") {
      event.preventDefault(); // as Material does for Enter: the next choice, focused
      var inputs = Array.prototype.slice.call(input.form.querySelectorAll("input"));
      var next = inputs[(inputs.indexOf(input) + 1) % inputs.length];
      next.click();
      next.focus();
    }
  }, true);

  // --- 4: "Skip to content" -----------------------------------------------------------------

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-skip");
    var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    // Focusable by script only: the browser then moves the focus there as it follows the link.
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  });

  // --- 5: a definition near the bottom of the screen ----------------------------------------

  function placeTooltip(tip) {
    var below = parseFloat(tip.style.getPropertyValue("--md-tooltip-y"));
    if (!(below >= 0)) return; // not placed yet, or already above its term
    var box = tip.getBoundingClientRect();
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var above = box.top - below - 8 - box.height; // where its top would be, above the term
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
          // Material sets the place (and sets it again as the page scrolls): check each time.
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
