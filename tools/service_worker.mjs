// Build the service worker for a built site: `node tools/service_worker.mjs SITE_DIR`.
//
// Called by hooks/offline_app.py after an app build (`make build`). Copies Workbox's runtime
// (production scripts only) into SITE_DIR/workbox-vX.Y.Z/, then writes SITE_DIR/sw.js from
// tools/service-worker.js with the precache manifest: every page, style, script, search index,
// icon and the web app manifest, each with a revision hash. Prints one JSON line with what it
// did; exits 1 with a message on any problem.
import { readdir, readFile, rm, writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { copyWorkboxLibraries, injectManifest } from "workbox-build";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TEMPLATE = path.join(HERE, "service-worker.js");
// The Workbox modules tools/service-worker.js uses; the loader fetches NAME.prod.js for each.
const MODULES = ["workbox-core", "workbox-precaching", "workbox-routing", "workbox-strategies"];

async function copyRuntime(site) {
  const folder = await copyWorkboxLibraries(site);
  const keep = new Set(["workbox-sw.js", ...MODULES.map((m) => `${m}.prod.js`)]);
  for (const name of await readdir(path.join(site, folder))) {
    if (!keep.has(name)) await rm(path.join(site, folder, name));
  }
  return folder;
}

async function main(site) {
  if (!site) throw new Error("usage: node tools/service_worker.mjs SITE_DIR");
  const folder = await copyRuntime(site);
  const work = await mkdtemp(path.join(tmpdir(), "ipt-sw-"));
  try {
    const source = path.join(work, "sw.js");
    const template = await readFile(TEMPLATE, "utf8");
    await writeFile(source, template.replaceAll("WORKBOX_DIR", folder));
    const { count, size, warnings } = await injectManifest({
      swSrc: source,
      swDest: path.join(site, "sw.js"),
      globDirectory: site,
      globPatterns: ["**/*.{html,css,js,json,png,svg,webmanifest}"],
      globIgnores: [
        `${folder}/**`,
        "sw.js",
        "**/*.map",
        // Search languages other than English, and the offline zip's shim: never used here.
        "assets/javascripts/lunr/**",
        "assets/javascripts/iframe-worker/**",
      ],
      // Material's hashed bundles ("bundle.a5f9d56c.min.js") need no second revision.
      dontCacheBustURLsMatching: /\.[0-9a-f]{8}\.min\.(js|css)$/,
    });
    if (warnings.length) throw new Error(warnings.join("\n"));
    console.log(JSON.stringify({ files: count, bytes: size, workbox: folder }));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main(process.argv[2]).catch((error) => {
  console.error(`service worker: ${error.message}`);
  process.exit(1);
});
