/* The printable unit (print_page/; hooks/start_up.py adds this script there): on a phone,
   extra.css lets the browser lay out each lesson's section only as it nears the screen, so
   the first screen is not held up by laying out the whole unit. Once the page has loaded, the
   other sections are laid out one at a time while the browser is idle: jumping to a lesson,
   searching the page or measuring it then meets the page as it is, and no single step takes
   long. (Paper and wider screens lay it all out at once anyway.) */
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
})();
