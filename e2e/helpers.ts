/** Shared pieces of the Playwright specs: the CLI as the reference (now or beside the page), a shared page following a link, console-error capture, small CSVs. */
import { execFile, spawnSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export function cliJson(args: string[]): any {
  const r = spawnSync(process.execPath, ['bin/reglab.js', ...args, '--json', '--no-progress'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`reglab ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/**
 * cliJson started now, answered later: the CLI computes in its own process while the page computes
 * (two cores), and the test awaits its numbers when it compares.
 */
export function cliJsonLater(args: string[]): Promise<any> {
  const answer = new Promise<any>((resolve, reject) => {
    execFile(process.execPath, ['bin/reglab.js', ...args, '--json', '--no-progress'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`reglab ${args.join(' ')} exited ${err.code}: ${stderr}`));
      else resolve(JSON.parse(stdout));
    });
  });
  answer.catch(() => {}); // a test that fails before it awaits the answer leaves no unhandled rejection
  return answer;
}

/**
 * A page shared by a file's tests follows the address `#hash` as a newly opened link: the fields from
 * the hash, the rest their defaults, its view, and the status saying a link was applied (so a later
 * "Done" is this test's run). Through an empty hash first, so that the same address as now still
 * takes effect. No reload: the page, its workers and its WebGPU adapter stay.
 */
export async function openLink(page: Page, hash: string): Promise<void> {
  await page.evaluate(() => window.reglab.ready);
  expect((await page.evaluate(() => window.reglab.state())).running, 'a run of an earlier test still goes').toBe(false);
  for (const h of ['#', `#${hash}`]) {
    await page.evaluate((target) => new Promise<void>((resolve) => {
      if (location.hash === target || (target === '#' && location.hash === '')) { resolve(); return; }
      addEventListener('hashchange', () => resolve(), { once: true });
      location.hash = target;
    }), h);
  }
}

/** Collects console errors and page errors; call .check() at the end of a test. */
export function watchErrors(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return { errors };
}

export const SMALL_CSV = 'x1,x2,label\n0.1,0.2,1\n-0.3,0.5,0\n0.9,-0.4,1\n-0.8,-0.6,0\n0.4,0.45,1\n-0.2,-0.9,0\n';
export const BAD_CSV = 'x1,x2,label\n0.1,0.2,1\n0.3,oops,0\n';

/** A canvas with more than `minColours` distinct colours (sampled) is drawn on, not blank. */
export async function notBlank(page: Page, id: string, minColours = 20): Promise<void> {
  const colours = await page.evaluate((canvasId) => {
    const c = document.getElementById(canvasId) as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 5) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  }, id);
  expect(colours, `${id} looks blank`).toBeGreaterThan(minColours);
}

/** A full-page screenshot in test-results/, and in docs/ (the README's) when REGLAB_UPDATE_DOCS=1. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
  if (process.env.REGLAB_UPDATE_DOCS === '1') await page.screenshot({ path: `docs/${name}.png`, fullPage: true });
}

export interface SharedPage {
  page: Page;
  /** The console errors since the page loaded. */
  errors: { errors: string[] };
  /** Empties `errors` and returns it: a test that checks them checks what it did, as on its own page. */
  freshErrors(): { errors: string[] };
}

/**
 * One page for a whole spec file, made before its first test (a load and its WebGPU adapter cost a
 * second or two of CPU here): the file runs serially, and each test opens its settings as a link
 * (openLink, a hash change) or calls the API. Tests that need their own page (routed headers, no
 * WebGPU, a fresh load) make one.
 */
export function sharedPage(options: { viewport?: { width: number; height: number } } = {}): SharedPage {
  test.describe.configure({ mode: 'serial' });
  const shared: SharedPage = {
    page: undefined as unknown as Page,
    errors: { errors: [] },
    freshErrors: () => {
      shared.errors.errors.length = 0;
      return shared.errors;
    },
  };
  test.beforeAll(async ({ browser }) => {
    shared.page = await browser.newPage(options);
    shared.errors = watchErrors(shared.page);
    await shared.page.goto('/');
  });
  test.afterAll(async () => {
    await shared.page.close();
  });
  return shared;
}
