/** Shared pieces of the Playwright specs: the CLI as the reference, console-error capture, small CSVs. */
import { spawnSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export function cliJson(args: string[]): any {
  const r = spawnSync(process.execPath, ['bin/reglab.js', ...args, '--json', '--no-progress'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`reglab ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
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
