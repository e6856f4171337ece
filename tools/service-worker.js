/* The IPT module's service worker: after one visit, every page and asset is on the device, so
 * the module works in airplane mode. tools/service_worker.mjs turns this file into site/sw.js
 * with Workbox (npm workbox-build): it fills in the precache manifest (every file of the build
 * with a revision hash) and the folder of Workbox's own scripts, copied into the site: nothing
 * is loaded from another host. See hooks/offline_app.py for when it is built.
 *
 * Updating: a rebuilt site has a new manifest, so the browser installs the new worker on the
 * student's next visit; it takes over at once (skipWaiting, clientsClaim) and drops the files
 * of the old build. Pages come from the network first, so a changed lesson shows on that very
 * visit; only when there is no answer within PAGE_TIMEOUT_MS does the saved copy stand in.
 */
importScripts("WORKBOX_DIR/workbox-sw.js");
workbox.setConfig({ modulePathPrefix: "WORKBOX_DIR/", debug: false });

const { core, precaching, routing } = workbox;
const PAGE_TIMEOUT_MS = 4000;

core.setCacheNameDetails({ prefix: "ipt-module" });
self.skipWaiting();
core.clientsClaim();
precaching.cleanupOutdatedCaches();

/** The network's answer within ms milliseconds, or an error (offline, slow, server failing). */
async function fetchWithin(request, ms) {
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), ms);
  });
  try {
    const response = await Promise.race([fetch(request), timeout]);
    if (response.status >= 500) throw new Error(`server error ${response.status}`);
    return response;
  } finally {
    clearTimeout(timer);
  }
}

/** The precached copy of a page: "lessons/x/" is stored as "lessons/x/index.html". */
async function savedPage(url) {
  const page = new URL(url);
  page.search = "";
  page.hash = "";
  if (page.pathname.endsWith("/")) page.pathname += "index.html";
  return (await precaching.matchPrecache(page.href)) || (await precaching.matchPrecache("404.html"));
}

// Pages first (registered before the precache route, so it wins for navigations).
routing.registerRoute(
  ({ request }) => request.mode === "navigate",
  async ({ request }) => {
    try {
      return await fetchWithin(request, PAGE_TIMEOUT_MS);
    } catch (error) {
      return (await savedPage(request.url)) || Response.error();
    }
  },
);

// Everything else (styles, scripts, the search index, icons): the precached copy.
precaching.precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
