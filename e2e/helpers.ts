/** Shared pieces of the Playwright specs: the CLI as the reference, console-error capture, small CSVs. */
import { spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';

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
