/* The printable unit (print_page/; hooks/start_up.py adds this script there).
   - Layout: on a phone, extra.css lets the browser lay out each lesson's section only as it
     nears the screen, so the first screen is not held up by laying out the whole unit. Once
     the page has loaded, the other sections are laid out one at a time while the browser is
     idle: jumping to a lesson, searching the page or measuring it then meets the page as it
     is, and no single step takes long. (Paper and wider screens lay it all out at once.)
   - Print buttons (quizkit/printpage.py puts them in the page, hidden, as they need this
     script): "Print / Save as PDF" prints the whole unit; "Print just the revision sheet"
     prints with every other section hidden (extra.css, body.ipt-print-sheet). The sheet-only
     state ends at the student's next tap or key, not at "afterprint": on a phone that event
     can come while the print preview is still being drawn. */
(function () {
  "use strict";
  var sections = [].slice.call(document.querySelectorAll("section.print-page"));
  var idle = window.requestIdleCallback || function (step) { return setTimeout(step, 1); };
  function next() {
    var section = sections.shift();
    if (!section) return;
    section.style.contentVisibility = "visible";
    idle(next);
  }
  window.addEventListener("load", function () { idle(next); });

  [].forEach.call(document.querySelectorAll(".ipt-print-actions"), function (actions) {
    actions.removeAttribute("data-ipt-waiting"); // in place already: nothing moves
  });
  var body = document.body;
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-ipt-print]");
    if (!button) return;
    body.classList.toggle("ipt-print-sheet", button.getAttribute("data-ipt-print") === "sheet");
    window.print();
  });
  function whole() { body.classList.remove("ipt-print-sheet"); }
  document.addEventListener("pointerdown", whole, true);
  document.addEventListener("keydown", whole, true);
})();
