/**
 * Offline: the built page registers its service worker (sw.js, emitted by the build: vite.config.ts,
 * src/offline/service-worker.js), which caches every built file, so a page opened once opens and
 * trains without a network. The dev server has no sw.js: nothing is registered there.
 */
export function registerOffline(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // a host that refuses service workers (an insecure origin other than localhost): the page works online as before
  });
}
