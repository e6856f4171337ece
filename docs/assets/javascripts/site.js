/* The module's page script: every page, just before Material's bundle (PATCHES in
   hooks/student_experience.py; the printable unit: hooks/offline_app.py). One file, as each
   file is a request (a page loads at most 10). Every byte of this comment is downloaded by
   every student: details are in README.md beside this file. Nothing is stored or sent.

   1. Search costs nothing until used (online): the worker and the index wait until the search
      field is focused (a page opened from a search result, ?h=, gets the index at once).
   2. Search forgives a one-letter slip and shows sections; the colour button and "Skip to
      content" suit the keyboard; a definition near the foot of the screen opens above it.
   3. The installable app, in the published build only (its pages link the manifest). */
(function () {
  "use strict";
  if (window.location.protocol === "file:") return; // the offline zip: nothing to download
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
