/* The IPT module's service worker, site/sw.js: the installable app works offline, and a first
 * visit costs what the student reads. hooks/offline_app.py writes it from this file at the end
 * of `make build`, putting the build's file lists in place of the placeholder below (shell, unit,
 * the Workbox folder). Workbox's runtime is loaded from the site itself
 * (docs/assets/javascripts/workbox-vX/, vendored): nothing comes from another host.
 *
 * - The app's shell (the offline page and what it loads: Material's styles and script, ours,
 *   the manifest and its icons) is precached when the worker installs.
 * - Every page of the unit, the home page included, is kept as the student reads it, with the
 *   files it loads: pages come from the network first, so a rebuilt lesson shows on the next
 *   visit; the saved copy stands in when there is no network (or no answer within
 *   PAGE_TIMEOUT_MS). A page never opened shows the offline page.
 * - What a page's scripts load at run time (its `later` files: the Revise page's round, ts-fsrs)
 *   is kept as it is used; when the worker keeps a page it did not answer (a first visit, a new
 *   build's worker), it keeps those of them the browser already has (never downloading more).
 * - Pages load the module's own scripts and stylesheets as `path?v=<revision>`: a page names the
 *   exact version it needs, so it is never given an older copy, and such a file never changes
 *   (cache first). Other files (the search index) are kept at this build's revision.
 * - No file is downloaded twice: this worker asks the browser's HTTP cache first (the page has
 *   usually just loaded the file), Workbox's precache too (it would ask past it, cache "reload"),
 *   and checks what it gets against the revision this build lists (the start of the SHA-256 of
 *   the bytes); only a copy that differs (an older build's) is asked for again, past the cache.
 *   Nothing that differs from this build is ever kept.
 * - "Keep the whole unit on this phone" (the home page's button, docs/assets/javascripts/site.js)
 *   asks for every file of the unit at once.
 *
 * Updating: a rebuilt site has new lists, so the browser installs the new worker on the next
 * visit. Each build keeps its pages and files in caches of its own, so the pages and files a
 * worker serves are always of one build. While it installs, the older worker goes on serving;
 * the new one copies what did not change from the older caches and fetches again the pages
 * the phone had that changed, with their files (with the data saver on it drops those pages
 * instead, unless the student kept the whole unit, which it brings up to date). If anything
 * fails, the install fails and the older worker stays, whole; the browser tries again on a
 * later visit. Then it takes over at once (skipWaiting, clientsClaim) and drops the older caches.
 */
const BUILD = __IPT_BUILD__;
importScripts(`${BUILD.workbox}/workbox-sw.js`);
workbox.setConfig({ modulePathPrefix: `${BUILD.workbox}/`, debug: false });

const { core, precaching, routing, strategies } = workbox;
const PAGE_TIMEOUT_MS = 4000;
const PARALLEL = 4; // files fetched at once by "Keep the whole unit"
const SCOPE = self.registration.scope;
const PAGES = `ipt-module-pages-${BUILD.id}-${SCOPE}`; // pages read (or kept), of this build
const FILES = `ipt-module-files-${BUILD.id}-${SCOPE}`; // the files they load, of this build
const BUILD_CACHE = /^ipt-module-(pages|files)-/; // this build's or an older one's
const KEPT = `ipt-module-kept-${SCOPE}`; // exists once the student chose to keep the unit
const SYNCED = `${SCOPE}__ipt_kept_build`; // in KEPT: the build the kept unit is complete for
const NOTES = `ipt-module-notes-${SCOPE}`; // what the student has been told on this phone
const TOLD = `${SCOPE}__ipt_told_offline`; // in NOTES: the note "Saved on this phone" was shown
const REVISION = "X-IPT-Revision"; // on a saved page: the revision of its bytes

core.setCacheNameDetails({ prefix: "ipt-module" });
self.skipWaiting();
core.clientsClaim();
precaching.cleanupOutdatedCaches();

const absolute = (url) => new URL(url, SCOPE).href;

/** A page's one key: no query or fragment, "x/index.html" as "x/". */
function pageKey(url) {
  const page = new URL(url);
  page.search = "";
  page.hash = "";
  if (page.pathname.endsWith("/index.html")) page.pathname = page.pathname.slice(0, -10);
  return page.href;
}

/** A file's key: its address as pages load it (a version in its query), with no fragment. */
const fileKey = (url) => url.split("#")[0];

// The unit: every page by its key, every other file by its address.
const PAGE = new Map();
const FILE = new Map();
for (const entry of BUILD.unit) {
  if (entry.page) PAGE.set(pageKey(absolute(entry.url)), entry);
  else FILE.set(absolute(entry.url), entry);
}
// The revision each address must have, where the address does not name it (?v=, hashed names).
const REVISIONS = new Map();
for (const entry of [...BUILD.shell, ...BUILD.unit]) {
  if (entry.revision) REVISIONS.set(entry.page ? pageKey(absolute(entry.url)) : absolute(entry.url), entry.revision);
}

function expectedRevision(url) {
  const address = new URL(url);
  const named = address.searchParams.get("v");
  if (named) return named;
  address.hash = "";
  return REVISIONS.get(address.href) || REVISIONS.get(pageKey(address.href)) || null;
}

async function revisionOf(response) {
  const digest = await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0"))
    .join("")
    .slice(0, BUILD.revisionLength);
}

/** Is this answer (for url) the file this build lists? (Yes when the build names no revision.) */
async function isThisBuilds(response, url) {
  const wanted = expectedRevision(url);
  return !wanted || (await revisionOf(response)) === wanted;
}

/** A file of this build, from the browser's HTTP cache when it holds it (no second download),
 * else the network; asked for again past the cache when the copy differs from this build. */
async function fetchChecked(url) {
  let response = await fetch(url, { credentials: "same-origin" });
  if (response.status === 200 && !(await isThisBuilds(response, url))) {
    response = await fetch(url, { cache: "reload", credentials: "same-origin" });
  }
  if (response.status !== 200 || !(await isThisBuilds(response, url))) {
    throw new Error(`${url}: ${response.status === 200 ? "not this build's" : response.status}`);
  }
  return response;
}

// The same for Workbox's own fetches (the precache, and files kept as they are used).
const checked = {
  requestWillFetch: async ({ request }) =>
    request.cache === "reload" ? new Request(request, { cache: "default" }) : request,
  fetchDidSucceed: async ({ request, response }) =>
    response.status !== 200 || (await isThisBuilds(response, request.url))
      ? response
      : fetch(request.url, { cache: "reload", credentials: "same-origin" }),
  // Only this build's files are kept: another build's answer is passed on, never kept (so the
  // precache's install fails on one, and is tried again later).
  cacheWillUpdate: async ({ request, response }) =>
    response.status === 200 && (await isThisBuilds(response, request.url)) ? response : null,
};

// --- Pages --------------------------------------------------------------------------------------

const saving = new Map(); // page key -> the save under way (a page being kept as it is read)

/** Keep a page's answer, with its revision, if it is this build's page (a page from another
 * build, served while a newer worker installs, is that worker's to keep). */
async function savePage(key, response) {
  const entry = PAGE.get(key);
  if (!entry || response.status !== 200) return false;
  const body = await response.arrayBuffer();
  const digest = await revisionOf(new Response(body));
  if (digest !== entry.revision) return false;
  const headers = { "Content-Type": response.headers.get("Content-Type") || "text/html; charset=utf-8", [REVISION]: digest };
  await (await caches.open(PAGES)).put(key, new Response(body, { status: 200, headers }));
  return true;
}

/** The saved copy of a page (read or kept), else the precached offline page. */
async function savedPage(key) {
  const saved = await caches.match(key, { cacheName: PAGES });
  if (saved) return saved;
  const path = new URL(key).pathname;
  return precaching.matchPrecache(path.endsWith("/") ? `${path}index.html` : path);
}

/** The network's answer to a page request (5xx counts as none), kept for later when the page is
 * one of the unit's (not a faculty page, say). */
async function fetchPage(request, key, event) {
  const response = await fetch(request);
  if (response.status >= 500) throw new Error(`server error ${response.status}`);
  if (PAGE.has(key) && response.status === 200 && response.type === "basic") {
    const save = savePage(key, response.clone()).finally(() => saving.delete(key));
    saving.set(key, save);
    event.waitUntil(save);
  }
  return response;
}

/** Pages: the network first; after PAGE_TIMEOUT_MS the saved copy if there is one (else keep
 * waiting); with no network the saved copy, else the offline page (which names this page). */
async function page({ request, event }) {
  const key = pageKey(request.url);
  const network = fetchPage(request, key, event);
  network.catch(() => {}); // answered below, whichever comes first
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(resolve, PAGE_TIMEOUT_MS);
  });
  try {
    const first = await Promise.race([network, slow]);
    if (first) return first;
    return (await savedPage(key)) || (await network);
  } catch (error) {
    const saved = await savedPage(key);
    if (saved) return saved;
    const offline = new URL(BUILD.offline, SCOPE);
    offline.searchParams.set("page", new URL(key).href.slice(SCOPE.length));
    return Response.redirect(offline.href, 302);
  } finally {
    clearTimeout(timer);
  }
}

// Pages first (registered before the precache route, so it wins for navigations).
routing.registerRoute(({ request }) => request.mode === "navigate", page);

// The shell: precached at install (checked, from the HTTP cache when there), served from the
// cache. A versioned address is matched whole: a page asking for another version of a file
// goes to the network.
precaching.addPlugins([checked]);
precaching.precacheAndRoute(BUILD.shell);

// The unit's other files, kept as they are used: cache first, as a kept file is this build's
// version of it. Anything else (another version, the offline zip, the sitemap) goes to the
// network and is not kept.
routing.registerRoute(
  ({ url, request }) => request.method === "GET" && FILE.has(fileKey(url.href)),
  new strategies.CacheFirst({ cacheName: FILES, plugins: [checked] }),
);

// --- Keeping pages and the whole unit --------------------------------------------------------

/** Is this page or file on the phone, as this build has it? */
async function isKept(key, entry) {
  if (entry.page) {
    await saving.get(key);
    const saved = await caches.match(key, { cacheName: PAGES });
    return Boolean(saved) && saved.headers.get(REVISION) === entry.revision;
  }
  return Boolean(await caches.match(key, { cacheName: FILES }));
}

async function keepEntry(key, entry) {
  if (await isKept(key, entry)) return;
  const response = await fetchChecked(key);
  if (entry.page) await savePage(key, response);
  else await (await caches.open(FILES)).put(key, response);
}

/** Keep a file the browser's HTTP cache holds (a page loaded it), as this build has it; never
 * downloaded for this. */
async function keepIfLoaded(key, entry) {
  if (await isKept(key, entry)) return;
  let response;
  try {
    response = await fetch(key, { cache: "only-if-cached", mode: "same-origin", credentials: "same-origin" });
  } catch (error) {
    return; // not in the HTTP cache: the page did not load it
  }
  if (response.status === 200 && (await isThisBuilds(response, key))) {
    await (await caches.open(FILES)).put(key, response);
  }
}

/** Keep a page of the unit with the files it loads (those not in the shell), and those its
 * scripts have loaded at run time (the Revise page's round, ts-fsrs: the page's `later` files)
 * while this worker did not answer them. */
async function keepPage(url) {
  const key = pageKey(url);
  const entry = PAGE.get(key);
  if (!entry) return;
  await keepEntry(key, entry);
  for (const file of entry.loads) await keepEntry(absolute(file), FILE.get(absolute(file)));
  for (const file of entry.later) await keepIfLoaded(absolute(file), FILE.get(absolute(file)));
}

/** Is the saved page whole: every file it loads kept too? */
async function isWhole(key) {
  for (const file of PAGE.get(key).loads) {
    if (!(await isKept(absolute(file), FILE.get(absolute(file))))) return false;
  }
  return true;
}

/** Fetch every file of the unit not kept yet (or changed), PARALLEL at a time. */
async function keepUnit(progress) {
  const kept = await caches.open(KEPT);
  const queue = [...PAGE, ...FILE];
  const total = queue.length;
  let done = 0;
  const worker = async () => {
    while (queue.length) {
      const [key, entry] = queue.shift();
      await keepEntry(key, entry);
      done += 1;
      progress({ type: "progress", done, total });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  await kept.put(SYNCED, new Response(BUILD.id));
}

/** What the pages show: whether the student chose to keep the unit and it is complete for this
 * build, and every page of the unit with whether it is saved. */
async function status() {
  const chosen = await caches.has(KEPT);
  const synced = chosen && (await (await caches.open(KEPT)).match(SYNCED));
  const pages = [];
  for (const [key, entry] of PAGE) {
    const saved = Boolean(await caches.match(key, { cacheName: PAGES }));
    pages.push({ url: entry.url, title: entry.title, saved });
  }
  return {
    type: "status",
    build: BUILD.id,
    chosen,
    kept: Boolean(synced) && (await synced.text()) === BUILD.id,
    pages,
  };
}

/** True the first time it is asked on this phone: the note "Saved on this phone" is shown once. */
async function firstNote() {
  const notes = await caches.open(NOTES);
  if (await notes.match(TOLD)) return false;
  await notes.put(TOLD, new Response(BUILD.id));
  return true;
}

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  const reply = event.ports[0];
  const tell = (message) => reply && reply.postMessage(message);
  if (type === "keep-unit") {
    event.waitUntil(
      keepUnit(tell)
        .then(status)
        .then((result) => tell({ ...result, type: "done" }))
        .catch((error) => tell({ type: "failed", message: String(error) })),
    );
  } else if (type === "keep-page" && typeof event.data.url === "string") {
    // A page the worker did not answer (the first visit) or that this worker has just taken
    // over; the first time a page asks, it says the app is ready.
    event.waitUntil(
      keepPage(event.data.url)
        .then(() => event.data.note === true && firstNote())
        .then((note) => tell({ type: "kept-page", note }))
        .catch((error) => tell({ type: "kept-page", note: false, message: String(error) })),
    );
  } else if (type === "status") {
    event.waitUntil(status().then(tell));
  } else if (type === "refresh") {
    // A kept unit follows rebuilds (normally done as this worker installs; this finishes a
    // keep that was cut short). Nothing happens unless the student chose to keep the unit.
    event.waitUntil(status().then((now) => (now.chosen && !now.kept ? keepUnit(() => {}) : null)).catch(() => {}));
  }
});

// --- A new build ------------------------------------------------------------------------------

const isOlder = (name) => BUILD_CACHE.test(name) && name.endsWith(SCOPE) && name !== PAGES && name !== FILES;

/** Before this worker takes over from an older build's: this build's version of what the phone
 * had (see the top of this file). */
async function takeOver() {
  const older = (await caches.keys()).filter(isOlder);
  if (!older.length) return;
  const pages = await caches.open(PAGES);
  const files = await caches.open(FILES);
  const had = new Set();
  for (const name of older) {
    const cache = await caches.open(name);
    const ofPages = name.startsWith("ipt-module-pages-");
    for (const request of await cache.keys()) {
      const key = ofPages ? pageKey(request.url) : fileKey(request.url);
      const entry = ofPages ? PAGE.get(key) : FILE.get(key);
      if (!entry) continue; // not in this build
      const copy = await cache.match(request);
      if (ofPages) {
        had.add(key);
        if (copy.headers.get(REVISION) === entry.revision) await pages.put(key, copy);
      } else if (!(await files.match(key)) && (await isThisBuilds(copy, key))) {
        await files.put(key, copy);
      }
    }
  }
  if (await caches.has(KEPT)) {
    await keepUnit(() => {}); // the student's choice: the whole unit, as this build has it
    return;
  }
  const savingData = Boolean(self.navigator.connection && self.navigator.connection.saveData);
  for (const key of had) {
    if (!savingData) await keepPage(key);
    else if (!(await isKept(key, PAGE.get(key))) || !(await isWhole(key))) await pages.delete(key);
  }
}

self.addEventListener("install", (event) => event.waitUntil(takeOver()));

// The older builds' caches go once this worker has taken over (the precache drops its own old
// files itself). Pages of the unit that this build no longer has go with them.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter(isOlder).map((name) => caches.delete(name)))),
  );
});
