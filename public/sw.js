// The service worker: our own, written for our routes, so that a resident on a weak
// connection (the ferry terminals, the stations) can still open the map, a point's page
// and their own sign-ups. README, "Installable and offline", says what it keeps.
//
// - The residents' and volunteers' pages come from the network. A copy of each is kept,
//   marked with when it was saved, and opened when the network fails. A page never
//   saved opens from a saved page of the same build, whose app sees that the page was
//   drawn for another address and draws this one itself.
// - The API's reads (JSON) the same way: the network first, the saved copy offline,
//   marked with when it was saved. A volunteer's own answers are kept under their key's
//   hash, so one device never shows one volunteer another's sign-ups.
// - Files named after a hash of their content never change: the saved copy first.
// - Writes are never kept nor queued: offline they fail, and the page says a connection
//   is needed. The staff console, the widgets and live streams are left alone.

const CACHE = 'huli-v1';
/// What a saved page and a saved answer carry, for the app's "offline" notice.
const SAVED_AT = 'huli-saved-at';
const VOLUNTEER_PAGES = ['/signup', '/shifts', '/me', '/trainings'];
const PUBLIC_PAGES = [/^\/$/, /^\/points\/\d+$/, /^\/stories(\/\d+)?$/];
/// Kept when the worker is installed: the map's page and data, whatever the visitor
/// opens first.
const FIRST_KEPT = ['/', '/api/points', '/api/map', '/data/huli-boundary.wgs84.geojson'];
/// Trunk's names: `name-<hash>.js`, `name-<hash>_bg.wasm`, and so on.
const HASHED = /\/[\w.-]+-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css|svg)$/;
const HASHED_IN_PAGE = /(?:\/[\w-]+)*\/[\w.-]+-[0-9a-f]{8,16}(?:_bg)?\.(?:js|wasm|css|svg)/g;
/// The scripts the app's module imports (wasm-bindgen's snippets), in a folder named
/// after a hash of the crate: never changed either, and named by no page.
const SNIPPETS = /^(\/[\w-]+)?\/snippets\//;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const pages = new Set(['/']);
      for (const client of open) {
        const url = new URL(client.url);
        if (isOurPage(url.pathname)) pages.add(url.pathname + url.search);
      }
      for (const page of pages) await savePage(cache, page);
      await Promise.all(FIRST_KEPT.filter((url) => !pages.has(url)).map((url) => saveRead(cache, url)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
      // Every point's page offline, not only those opened: thirty small answers.
      await keepEveryPoint().catch(() => {});
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET') {
    // An erased account leaves nothing of the volunteer's on the device.
    if (url.pathname === '/api/me/erase') event.respondWith(forgetVolunteerOnSuccess(request));
    return;
  }
  if (request.mode === 'navigate') {
    if (isOurPage(url.pathname)) event.respondWith(page(event));
    return;
  }
  if (HASHED.test(url.pathname) || SNIPPETS.test(url.pathname)) {
    event.respondWith(hashedFile(request));
  } else if (isKeptRead(url)) {
    event.respondWith(read(event));
  }
});

function isOurPage(path) {
  return VOLUNTEER_PAGES.includes(path) || PUBLIC_PAGES.some((page) => page.test(path));
}

/// Reads kept for offline: the API's (not the staff's, not the live stream, not a
/// download), the district outline, the manifest and its icons.
function isKeptRead(url) {
  const path = url.pathname;
  if (path.startsWith('/api/')) {
    return !path.startsWith('/api/staff') && !path.startsWith('/api/live') && !url.searchParams.has('lang');
  }
  return path.startsWith('/data/') || path === '/manifest.webmanifest' || path.startsWith('/icons/');
}

/// The page for `event`'s request. Keeping a copy happens after the page is answered,
/// never before.
async function page(event) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  try {
    const response = await fetch(request);
    if (response.ok) event.waitUntil(keepPage(cache, url.pathname + url.search, response.clone()));
    return response;
  } catch (offline) {
    return (
      (await cache.match(url.pathname + url.search, { ignoreVary: true })) ||
      (await cache.match(url.pathname, { ignoreVary: true })) ||
      (await pageOfSameBuild(cache, url.pathname)) ||
      Response.error()
    );
  }
}

/// A saved page of the build that `path` belongs to, for its app to draw `path` in.
async function pageOfSameBuild(cache, path) {
  const volunteers = VOLUNTEER_PAGES.includes(path);
  const saved = (await cache.keys()).map((request) => new URL(request.url).pathname);
  const shell = saved.find((other) => isOurPage(other) && VOLUNTEER_PAGES.includes(other) === volunteers);
  return shell && cache.match(shell, { ignoreVary: true });
}

async function savePage(cache, path) {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (response.ok) await keepPage(cache, path, response);
}

/// Keeps `response` (a page) stamped with the time, and the files it names.
async function keepPage(cache, path, response) {
  const html = await response.text();
  const stamp = `<meta name="${SAVED_AT}" content="${new Date().toISOString()}">`;
  // Our pages are minified: `<head>` may be left out, and `<html …>` then opens it.
  // (`<head\b`, not `<head`: the page has a `<header>`.)
  const opening = /<head(\s[^>]*)?>/i.test(html) ? /<head(\s[^>]*)?>/i : /<html(\s[^>]*)?>/i;
  const stamped = html.replace(opening, (tag) => tag + stamp);
  await cache.put(path, new Response(stamped, { status: response.status, headers: plain(response.headers) }));
  // Only a page that names files not kept yet (a new build) can leave old ones unused.
  if (await keepFilesOf(cache, html)) await forgetUnusedFiles(cache);
}

/// Keeps the files a page names that are not kept yet, and the snippets their scripts
/// import; says whether there were any.
async function keepFilesOf(cache, html) {
  const named = [...new Set(html.match(HASHED_IN_PAGE) || [])];
  const added = (await Promise.all(named.map((file) => keepFile(cache, file)))).filter(Boolean);
  for (const script of added.filter((file) => file.endsWith('.js'))) {
    const saved = await cache.match(script);
    const text = saved ? await saved.text() : '';
    for (const [, snippet] of text.matchAll(/from\s*["'](\.\/snippets\/[^"']+)["']/g)) {
      await keepFile(cache, new URL(snippet, new URL(script, self.location.origin)).pathname);
    }
  }
  return added.length > 0;
}

/// Keeps `path` unless it is kept already; returns it if it was added.
async function keepFile(cache, path) {
  if (await cache.match(path)) return null;
  return (await cache.add(path).then(() => true).catch(() => false)) ? path : null;
}

/// Drops the hashed files no saved page names any more: those of an older build.
async function forgetUnusedFiles(cache) {
  const named = new Set();
  const requests = await cache.keys();
  for (const request of requests) {
    const path = new URL(request.url).pathname;
    if (!isOurPage(path)) continue;
    const html = await (await cache.match(request)).text();
    for (const file of html.match(HASHED_IN_PAGE) || []) named.add(file);
  }
  for (const request of requests) {
    const path = new URL(request.url).pathname;
    if (HASHED.test(path) && !named.has(path)) await cache.delete(request);
  }
}

async function hashedFile(request) {
  const cache = await caches.open(CACHE);
  const saved = await cache.match(request);
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function read(event) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  const key = await readKey(request);
  try {
    const response = await fetch(request);
    if (response.ok) event.waitUntil(keepRead(cache, key, response.clone()));
    return response;
  } catch (offline) {
    return (await cache.match(key, { ignoreVary: true })) || Response.error();
  }
}

async function saveRead(cache, url) {
  const response = await fetch(url);
  if (response.ok) await keepRead(cache, url, response);
}

async function keepRead(cache, key, response) {
  const headers = plain(response.headers);
  headers.set(SAVED_AT, new Date().toISOString());
  await cache.put(key, new Response(await response.blob(), { status: response.status, headers }));
}

/// Where a read is kept: its URL, and for a volunteer's own reads (sent with their key)
/// a hash of that key beside it, never the key.
async function readKey(request) {
  const key = request.headers.get('authorization');
  if (!key) return request.url;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const url = new URL(request.url);
  url.searchParams.set('huli-volunteer', hex);
  return url.href;
}

async function forgetVolunteerOnSuccess(request) {
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    for (const saved of await cache.keys()) {
      if (new URL(saved.url).searchParams.has('huli-volunteer')) await cache.delete(saved);
    }
  }
  return response;
}

/// The headers of a copy made from a body already decoded.
function plain(headers) {
  const copy = new Headers(headers);
  copy.delete('content-encoding');
  copy.delete('content-length');
  return copy;
}

async function keepEveryPoint() {
  const cache = await caches.open(CACHE);
  const saved = await cache.match('/api/points', { ignoreVary: true });
  if (!saved) return;
  for (const point of await saved.json()) {
    const url = `/api/points/${point.id}`;
    if (!(await cache.match(url, { ignoreVary: true }))) await saveRead(cache, url).catch(() => {});
  }
}
