/*
 * reglab's service worker, emitted by the build as sw.js beside index.html (vite.config.ts fills in
 * the list of built files and a version named after them). It keeps the whole built page in a cache
 * at install, so a page opened once works without a network: a USB stick, a room without internet.
 *
 * Navigations go to the network first (a fresh build is seen at once) and fall back to the cached
 * page; the built files, whose names carry their content's hash, come from the cache first. Every
 * response it serves carries the two cross-origin isolation headers (the coi-serviceworker trick):
 * from the second visit on, a page from a static host without them is cross-origin isolated, and the
 * fast CPU engine runs on every core (docs/page.md#hosting-and-offline).
 */
const VERSION = '__REGLAB_VERSION__';
const ASSETS = __REGLAB_ASSETS__;
const CACHE = `reglab-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  // an older build's files go; this worker serves the open pages at once
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('reglab-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

/** The response with COOP/COEP added (an opaque or error response is left as it is). */
function isolated(response) {
  if (!response || response.status === 0 || response.type === 'opaque') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function navigation(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put('./', response.clone());
    return response;
  } catch {
    return (await cache.match('./')) ?? (await cache.match('index.html')) ?? Response.error();
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((request.mode === 'navigate' ? navigation(request) : asset(request)).then(isolated));
});
