/**
 * The built page on any static host and offline (issue 27, item 4): the build the e2e web server made
 * (dist/web), served by a plain static server started here without the COOP/COEP headers, trains on
 * the fast CPU engine on one thread and says so; its service worker caches it, so that with the
 * server gone and the browser offline, a reload opens the page from the cache and it still trains.
 */
import { expect, test } from '@playwright/test';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error: a plain JavaScript script without types
import { serveStatic } from '../scripts/static-server.js';
import { watchErrors } from './helpers';

const SMALL = { dataset: 'moons', size: 200, noise: 0.3, iterations: 200, logEvery: 50, backend: 'wasm' };

test('served without COOP/COEP by a plain static server: one thread, said; after one visit, offline with the server gone, it still opens and trains', async ({ browser }) => {
  const server: Server = await serveStatic('dist/web', { port: 0 });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const context = await browser.newContext({ serviceWorkers: 'allow' }); // the config blocks them for the other specs
  try {
    const page = await context.newPage();
    const w = watchErrors(page);
    const response = await page.goto(`${url}#dataset=moons&size=200`);
    expect(response!.headers()['cross-origin-embedder-policy']).toBeUndefined();
    await page.evaluate(() => window.reglab.ready);
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
    // the fast engine is offered, on one thread, and the page says so
    await expect(page.locator('#c-backend option[value=wasm]')).toBeEnabled();
    await expect(page.locator('#c-backend option[value=wasm]')).toHaveText('CPU fast (wasm, one thread)');
    await expect(page.locator('#adapter')).toContainText('fast CPU engine: one thread (this page is not served cross-origin isolated)');
    const first = await page.evaluate((s) => window.reglab.train(s), SMALL);
    expect(first.backend).toBe('wasm');
    expect(first.costs.at(-1)!.cost).toBeLessThan(first.costs[0].cost);
    await expect(page.locator('#stats')).toContainText('one thread: the page is not cross-origin isolated');

    // the service worker has cached the built page
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).length))).reduce((a, b) => a + b, 0));
    expect(cached).toBeGreaterThan(5);

    // no server, no network: a reload comes from the cache and trains (the same numbers: the same engine, one thread or many)
    await new Promise((done) => server.close(done));
    server.closeAllConnections?.();
    await context.setOffline(true);
    await page.reload();
    await page.evaluate(() => window.reglab.ready);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    // the service worker adds the isolation headers to what it serves: from the second visit the engine may use every core
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    await expect(page.locator('#adapter')).not.toContainText('one thread');
    const offline = await page.evaluate((s) => window.reglab.train(s), SMALL);
    expect(offline.backend).toBe('wasm');
    expect(offline.costs).toEqual(first.costs);
    expect(w.errors).toEqual([]);
  } finally {
    server.close();
    await context.close();
  }
});
