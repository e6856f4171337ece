/* The module's page script: every page of the online site, just before Material's bundle
   (PATCHES in hooks/student_experience.py; the printable unit: hooks/offline_app.py). One file
   for two jobs on every page, as each file is a request (a page loads at most 10). Every byte
   of this comment is downloaded by every student: details are in README.md.

   1. Search costs nothing until used: Material's bundle starts its search worker (12 KB gz) and
      asks for the index (60 KB) on every page. Both wait until the search field is focused:
      the index's XMLHttpRequest is held, and the worker is a stand-in that keeps the bundle's
      messages until the real one starts. A page opened from a search result (?h=) gets the
      index at once, for Material's highlight. What this relies on in the bundle is checked at
      every build (PATCHES' BUNDLE rows).

   2. The installable app, in the published build only (its pages link the manifest): registers
      the worker after load; keeps a page the worker did not answer (a first visit, or a new
      build's worker taking over) with its files; says once "Saved on this phone: works
      offline", with an Install button where the browser offers one (beforeinstallprompt);
      the home page's "Keep the whole unit" button (automatic in an installed app unless the
      data saver is on); the offline page's retry link and list of pages on the phone. Nothing
      is written to localStorage: the worker's caches are the record. */
(function () {
  "use strict";
  var P = XMLHttpRequest.prototype, open = P.open, send = P.send;
  var RealWorker = window.Worker;
  var SEARCH_WORKER = /\/assets\/javascripts\/workers\/search\.[0-9a-f]+\.min\.js$/;
  var indexReady = false, workerReady = false, waiting = [], stand_ins = [];

  function releaseIndex() {
    if (indexReady) return;
    indexReady = true;
    waiting.splice(0).forEach(function (w) { send.apply(w[0], w[1]); });
  }
  function searchUsed() {
    releaseIndex();
    if (workerReady) return;
    workerReady = true;
    stand_ins.splice(0).forEach(function (stand_in) { stand_in.start(); });
  }
  document.addEventListener("focusin", function (e) {
    if (e.target && e.target.matches &&
        e.target.matches("input[data-md-component=search-query]")) searchUsed();
  });
  if (new URLSearchParams(window.location.search).has("h")) releaseIndex();

  P.open = function (m, u) {
    this.__ipt_index = /\/search\/search_index\.json$/.test(String(u));
    return open.apply(this, arguments);
  };
  P.send = function () {
    if (!this.__ipt_index || indexReady) return send.apply(this, arguments);
    waiting.push([this, arguments]);
  };

  // The search worker's stand-in: an EventTarget (as RxJS's fromEvent, which the bundle uses,
  // wants) that keeps what is posted until the real worker starts, then passes its events on.
  if (typeof RealWorker === "function" && typeof EventTarget === "function") {
    var StandIn = class extends EventTarget {
      constructor(url, options) {
        super();
        this.args = [url, options];
        this.queue = [];
        this.real = null;
        this.ended = false;
        this.onmessage = this.onmessageerror = this.onerror = null;
      }
      start() {
        if (this.real || this.ended) return;
        var self = this, real = new RealWorker(this.args[0], this.args[1]);
        this.real = real;
        ["message", "messageerror", "error"].forEach(function (type) {
          real.addEventListener(type, function (event) {
            var copy = type === "error"
              ? new ErrorEvent("error", { message: event.message, filename: event.filename,
                                         lineno: event.lineno, colno: event.colno,
                                         error: event.error })
              : new MessageEvent(type, { data: event.data });
            self.dispatchEvent(copy);
            if (typeof self["on" + type] === "function") self["on" + type](copy);
          });
        });
        this.queue.splice(0).forEach(function (message) { real.postMessage.apply(real, message); });
      }
      postMessage() {
        if (this.real) this.real.postMessage.apply(this.real, arguments);
        else if (!this.ended) this.queue.push(Array.prototype.slice.call(arguments));
      }
      terminate() {
        this.ended = true;
        this.queue = [];
        if (this.real) this.real.terminate();
      }
    };
    var Worker = function (url, options) {
      if (!(this instanceof Worker)) throw new TypeError("Worker must be called with new");
      var address = new URL(String(url), window.location.href);
      if (workerReady || !SEARCH_WORKER.test(address.pathname)) return new RealWorker(url, options);
      var stand_in = new StandIn(url, options);
      stand_ins.push(stand_in);
      return stand_in;
    };
    Worker.prototype = RealWorker.prototype;
    window.Worker = Worker;
  }
})();

(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !document.currentScript) return;
  if (!document.querySelector('link[rel="manifest"]')) return; // not the published build
  var root = new URL("../../", document.currentScript.src); // this file: assets/javascripts/
  var keep = document.getElementById("ipt-keep-unit");
  var offline = document.getElementById("ipt-offline");
  var prompt = null; // the browser's offer to install (beforeinstallprompt), while it lasts

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

  // --- Install: a button wherever the browser offers to install (Chrome on Android and
  // desktops); hidden where it does not (Safari: Share, Add to Home Screen, as the home page
  // says), and once used or installed.
  function installButtons() {
    return Array.prototype.slice.call(document.querySelectorAll(".ipt-install"));
  }
  function showInstall(shown) {
    installButtons().forEach(function (part) { part.hidden = !shown; });
  }
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault(); // our button instead of the browser's own mini bar
    prompt = event;
    showInstall(true);
  });
  window.addEventListener("appinstalled", function () {
    prompt = null;
    showInstall(false);
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".ipt-install button, button.ipt-install");
    if (!button || !prompt) return;
    var offer = prompt;
    prompt = null;
    showInstall(false); // an offer can be used once
    offer.prompt();
  });

  // --- The one-time note: the app is ready, this phone keeps what is read.
  function note() {
    var main = document.querySelector("main") || document.body;
    var box = document.createElement("div");
    box.className = "ipt-app-note";
    var text = document.createElement("p");
    text.className = "ipt-app-note__text";
    text.setAttribute("role", "status"); // polite: read out when the reader is free
    var actions = document.createElement("p");
    actions.className = "ipt-app-note__actions";
    var install = document.createElement("button");
    install.type = "button";
    install.className = "ipt-install";
    install.textContent = "Install as an app";
    install.hidden = !prompt;
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    actions.appendChild(install);
    actions.appendChild(close);
    box.appendChild(text);
    box.appendChild(actions);
    main.appendChild(box);
    var before = null; // where focus was before it came into the note, to go back there
    box.addEventListener("focusin", function (event) {
      if (event.relatedTarget && !box.contains(event.relatedTarget)) before = event.relatedTarget;
    });
    var dismiss = function () {
      var had = box.contains(document.activeElement);
      box.remove();
      if (had && before && document.contains(before)) before.focus();
    };
    close.addEventListener("click", dismiss);
    box.addEventListener("keydown", function (event) { if (event.key === "Escape") dismiss(); });
    // The region is in the page first and its words come a moment later, so that screen
    // readers announce them.
    setTimeout(function () {
      text.textContent = "Saved on this phone: works offline. The pages you open are kept, to " +
        "read without a connection.";
    }, 100);
  }

  // --- The worker. A page it did not answer (the first visit, before it existed), or that a
  // new build's worker has just taken over, is kept with the files it loads (asked for again:
  // from the browser's cache, no second download). The first time the app is ready on this
  // phone, the note says so.
  var keepThisPage = function () {
    ask({ type: "keep-page", url: window.location.href, note: true }, function (reply) {
      if (reply.note) note();
    });
  };
  var firstWorker = !navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (firstWorker) firstWorker = false; // (asked once it is ready, below)
    else keepThisPage();
  });
  window.addEventListener("load", function () {
    var uncontrolled = !navigator.serviceWorker.controller;
    navigator.serviceWorker.register(new URL("sw.js", root).href).then(function () {
      if (uncontrolled) keepThisPage();
      // A kept unit is brought up to date after a rebuild (the home page's button does it in
      // view).
      if (navigator.onLine && !keep) ask({ type: "refresh" }, function () {});
    }).catch(function () {});
  });
  // Just installed from another page than home: the app opens at home, so keep it.
  if (!keep) {
    window.addEventListener("appinstalled", function () {
      ask({ type: "keep-page", url: root.href }, function () {});
    });
  }

  if (keep) {
    var button = keep.querySelector(".ipt-keep-unit__keep button");
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
      list.textContent = saved.length ? "" : "None yet.";
      list.appendChild(items);
    });
  }
})();
