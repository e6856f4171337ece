/* Runs before Material's bundle (hooks/student_experience.py puts it right before it, on every
 * page of the online site): defer the XMLHttpRequest for search/search_index.json until the
 * search field is focused (every way of opening search focuses it). The index is 60 KB
 * gzipped, more than Material's CSS and JavaScript together, and most visits never search.
 * Material's bundle must keep loading the index with XMLHttpRequest (the hook's BUNDLE rows
 * check it at every build). A file, not an inline script, so the site's Content-Security-Policy
 * can forbid the project's own inline scripts. Saves nothing. */
(function () {
  var P = XMLHttpRequest.prototype, open = P.open, send = P.send, ready = false, waiting = [];
  function go() {
    if (ready) return;
    ready = true;
    waiting.splice(0).forEach(function (w) { send.apply(w[0], w[1]); });
  }
  document.addEventListener("focusin", function (e) {
    if (e.target && e.target.matches &&
        e.target.matches("input[data-md-component=search-query]")) go();
  });
  P.open = function (m, u) {
    this.__ipt_index = /\/search\/search_index\.json$/.test(String(u));
    return open.apply(this, arguments);
  };
  P.send = function () {
    if (!this.__ipt_index || ready) return send.apply(this, arguments);
    waiting.push([this, arguments]);
  };
})();
