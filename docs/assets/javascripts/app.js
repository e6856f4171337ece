/* The installable app, on every page of the published site (`make build`; hooks/offline_app.py
   adds this script to each page; other builds do not have it):
   - registers the service worker (site/sw.js, made from tools/service-worker.js) once the page
     has loaded, so it never delays the page;
   - home page: the "Keep the whole unit on this phone" button (#ipt-keep-unit, its size written
     at build time) asks the worker to fetch every file of the unit, shows the progress and says
     when the unit is kept. An installed app (opened from its icon, or just installed) keeps the
     unit by itself, unless the browser's data saver is on (navigator.connection.saveData): the
     button then stays, and says why nothing was downloaded;
   - offline page (what the worker shows, without a network, for a page not on the phone): a
     link to try that page again and the list of pages that are on the phone;
   - every page: the page is kept on the phone even when the worker was installed only after
     it loaded (a first visit); online, a kept unit is brought up to date after a rebuild (only
     the changed files).
   Nothing is written to localStorage: the worker's caches are the record. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !document.currentScript) return;
  var root = new URL("../../", document.currentScript.src); // this file: assets/javascripts/
  var keep = document.getElementById("ipt-keep-unit");
  var offline = document.getElementById("ipt-offline");

  // A message to the active worker; its replies go to onReply.
  function ask(message, onReply) {
    return navigator.serviceWorker.ready.then(function (registration) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { onReply(event.data); };
      registration.active.postMessage(message, [channel.port2]);
    });
  }
  function savingData() {
    return Boolean(navigator.connection && navigator.connection.saveData);
  }
  function installed() {
    return window.matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
  }

  // A page the worker did not answer (the first visit, before it was installed) is kept by
  // asking for it once more, with the files it loaded: from the browser's cache when there.
  var uncontrolled = !navigator.serviceWorker.controller;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(new URL("sw.js", root).href).then(function () {
      if (uncontrolled) {
        var loaded = performance.getEntriesByType("resource").map(function (e) { return e.name; });
        ask({ type: "keep-page", urls: [window.location.href].concat(loaded) }, function () {});
      }
      // A kept unit is brought up to date after a rebuild (the home page's button does it in
      // view).
      if (navigator.onLine && !keep) ask({ type: "refresh" }, function () {});
    }).catch(function () {});
  });

  if (keep) {
    var button = keep.querySelector("button");
    var line = keep.querySelector(".ipt-keep-unit__status");
    var size = keep.getAttribute("data-size");
    var busy = false;
    var say = function (text) { line.textContent = text; };
    var kept = function () {
      busy = false;
      button.parentNode.hidden = true; // (Material's .md-button overrides [hidden] itself)
      say("The whole unit is on this phone (" + size + "): every page, the search and the " +
          "self-checks work without a connection.");
    };
    var start = function () {
      if (busy) return;
      busy = true;
      button.disabled = true;
      say("Keeping the whole unit on this phone…");
      ask({ type: "keep-unit" }, function (reply) {
        if (reply.type === "progress") {
          say("Keeping the whole unit on this phone: " + reply.done + " of " + reply.total +
              " files…");
        } else if (reply.type === "done") {
          kept();
        } else if (reply.type === "failed") {
          busy = false;
          button.disabled = false;
          say("The whole unit could not be kept (no connection?). The pages you have opened " +
              "are still on this phone; try again when you are online.");
        }
      });
    };
    var automatic = function () {
      if (!savingData()) start();
      else say("Your browser's data saver is on, so the app does not download the whole unit " +
               "by itself: it keeps the pages you open. Tap the button to keep every page.");
    };
    keep.hidden = false;
    button.addEventListener("click", start);
    window.addEventListener("appinstalled", automatic);
    ask({ type: "status" }, function (status) {
      if (status.kept) kept();
      else if (status.chosen && navigator.onLine) start(); // bring it up to date, in view
      else if (installed() || savingData()) automatic();
    });
  }

  if (offline) {
    var asked = new URL(window.location.href).searchParams.get("page");
    var retry = document.getElementById("ipt-offline-retry");
    var target = asked === null ? null : new URL(asked, root);
    if (target && target.origin === root.origin && target.href.indexOf(root.href) === 0) {
      retry.href = target.href;
      retry.parentNode.hidden = false;
    }
    var list = document.getElementById("ipt-offline-pages");
    ask({ type: "status" }, function (status) {
      var saved = status.pages.filter(function (page) { return page.saved; });
      var items = document.createElement("ul");
      saved.forEach(function (page) {
        var link = document.createElement("a");
        link.href = new URL(page.url, root).href;
        link.textContent = page.title;
        items.appendChild(document.createElement("li")).appendChild(link);
      });
      list.textContent = saved.length ? "" : "None yet besides the home page.";
      list.appendChild(items);
    });
  }
})();
