/* The IPT module's service worker, site/sw.js: the installable app works offline, and a first
 * visit costs what the student reads. hooks/offline_app.py writes it from this file at the end
 * of `make build`, putting the build's file lists in place of the placeholder below (shell, unit,
 * the Workbox folder). Workbox's runtime is loaded from the site itself
 * (docs/assets/javascripts/workbox-vX/, vendored): nothing comes from another host.
 *
 * - The shell (the home page, the offline page and every file they load: styles, scripts,
 *   icons) is precached when the worker installs.
 * - Every other page is kept as the student reads it: pages come from the network first, so a
 *   rebuilt lesson shows on the next visit; the saved copy stands in when there is no network
 *   (or no answer within PAGE_TIMEOUT_MS). A page never opened shows the offline page.
 * - Other files of the unit (self-check scripts, the search index when search is used) are
 *   kept when first used: a file with a hashed name never changes (cache first), others are
 *   served from the cache and refreshed in the background (stale while revalidate).
 * - "Keep the whole unit on this phone" (the home page's button, docs/assets/javascripts/site.js)
 *   asks for every file of the unit at once; after a rebuild only the changed files are fetched
 *   again (each file's revision is the start of its SHA-256, compared with the saved copy's).
 *
 * Updating: a rebuilt site has new lists, so the browser installs the new worker on the next
 * visit; it takes over at once (skipWaiting, clientsClaim) and drops files of the old build.
 */
const BUILD = __IPT_BUILD__;
importScripts(`${BUILD.workbox}/workbox-sw.js`);
workbox.setConfig({ modulePathPrefix: `${BUILD.workbox}/`, debug: false });

const { core, precaching, routing, strategies } = workbox;
const PAGE_TIMEOUT_MS = 4000;
const PARALLEL = 4; // files fetched at once by "Keep the whole unit"
const SCOPE = self.registration.scope;
const PAGES = `ipt-module-pages-${SCOPE}`; // pages read (or kept)
const FILES = `ipt-module-files-${SCOPE}`; // other files of the unit, as used (or kept)
const KEPT = `ipt-module-kept-${SCOPE}`; // exists once the student chose to keep the unit
const SYNCED = `${SCOPE}__ipt_kept_build`; // in KEPT: the build the kept unit is complete for

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

const SHELL_PAGES = new Set([pageKey(SCOPE), pageKey(absolute(BUILD.offline))]);
const UNIT = new Map(BUILD.unit.map((entry) => [entry.page ? pageKey(absolute(entry.url)) : absolute(entry.url), entry]));

/** The saved copy of a page: read or kept, else the precached home or offline page. */
async function savedPage(key) {
  const saved = await caches.match(key, { cacheName: PAGES });
  if (saved) return saved;
  const path = new URL(key).pathname;
  return precaching.matchPrecache(path.endsWith("/") ? `${path}index.html` : path);
}

/** The network's answer to a page request (5xx counts as none), saved for later when the
 * page is one of the unit's (not a faculty page, say). */
async function fetchPage(request, key, event) {
  const response = await fetch(request);
  if (response.status >= 500) throw new Error(`server error ${response.status}`);
  const known = (UNIT.get(key) || {}).page || SHELL_PAGES.has(key);
  if (known && response.status === 200 && response.type === "basic") {
    const copy = response.clone();
    event.waitUntil(caches.open(PAGES).then((cache) => cache.put(key, copy)));
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

// The shell: precached at install, served from the cache.
precaching.precacheAndRoute(BUILD.shell, { ignoreURLParametersMatching: [/.*/] });

// The unit's other files, kept as they are used. Anything else (the offline zip, the sitemap)
// goes to the network and is not kept.
const cacheFirst = new strategies.CacheFirst({ cacheName: FILES });
const refreshed = new strategies.StaleWhileRevalidate({ cacheName: FILES });
const unitFile = (url) => {
  const entry = UNIT.get(url.href.split(/[?#]/)[0]);
  return entry && !entry.page ? entry : null;
};
routing.registerRoute(
  ({ url, request }) => request.method === "GET" && unitFile(url) !== null,
  (options) => (unitFile(options.url).revision === null ? cacheFirst : refreshed).handle(options),
);

// --- Keep the whole unit ----------------------------------------------------------------------

async function revisionOf(response) {
  const digest = await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0"))
    .join("")
    .slice(0, BUILD.revisionLength);
}

/** Is this entry saved, and (for a file without a hashed name) the same as in this build? */
async function isCurrent(entry, key) {
  const saved = await caches.match(key, { cacheName: entry.page ? PAGES : FILES });
  return Boolean(saved) && (entry.revision === null || (await revisionOf(saved)) === entry.revision);
}

async function keepEntry(key, entry) {
  if (await isCurrent(entry, key)) return;
  const response = await fetch(key, { cache: "no-cache", credentials: "same-origin" });
  if (response.status !== 200) throw new Error(`${entry.url}: ${response.status}`);
  await (await caches.open(entry.page ? PAGES : FILES)).put(key, response);
}

/** Fetch every file of the unit not saved yet (or changed), PARALLEL at a time. */
async function keepUnit(progress) {
  const kept = await caches.open(KEPT);
  const queue = [...UNIT];
  let done = 0;
  const worker = async () => {
    while (queue.length) {
      const [key, entry] = queue.shift();
      await keepEntry(key, entry);
      done += 1;
      progress({ type: "progress", done, total: UNIT.size });
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
  for (const [key, entry] of UNIT) {
    if (!entry.page) continue;
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

/** Keep the page (and the unit's files it loaded) that was open before this worker took
 * over: asked again, from the browser's cache when it has them (no second download). */
async function keepPage(urls) {
  for (const url of urls) {
    const key = UNIT.has(pageKey(url)) && UNIT.get(pageKey(url)).page ? pageKey(url) : url.split(/[?#]/)[0];
    const entry = UNIT.get(key);
    if (!entry || (await caches.match(key, { cacheName: entry.page ? PAGES : FILES }))) continue;
    const response = await fetch(key, { cache: "force-cache", credentials: "same-origin" });
    if (response.status === 200) await (await caches.open(entry.page ? PAGES : FILES)).put(key, response);
  }
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
  } else if (type === "keep-page") {
    event.waitUntil(keepPage(event.data.urls || []).then(() => tell({ type: "kept-page" })).catch(() => {}));
  } else if (type === "status") {
    event.waitUntil(status().then(tell));
  } else if (type === "refresh") {
    // A kept unit follows rebuilds: the files that changed are fetched again (pages ask on
    // each visit online; nothing happens unless the student chose to keep the unit).
    event.waitUntil(status().then((now) => (now.chosen && !now.kept ? keepUnit(() => {}) : null)).catch(() => {}));
  }
});

// Files of an older build that this one no longer has are dropped.
self.addEventListener("activate", (event) => {
  const known = new Set(UNIT.keys());
  event.waitUntil(
    Promise.all(
      [PAGES, FILES].map(async (name) => {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          if (!known.has(name === PAGES ? pageKey(request.url) : request.url.split(/[?#]/)[0])) {
            await cache.delete(request);
          }
        }
      }),
    ),
  );
});
