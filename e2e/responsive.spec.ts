/**
 * Nothing heavy on the page's main thread: the longest task (PerformanceObserver 'longtask') stays
 * under 200 ms during a first GPU run, and while a 100 000-row CSV loads and trains on both backends.
 * Actions go through the page's own controls (a click, the file picker), as a student's do: work
 * started by page.evaluate is not attributed to a task the observer sees.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './helpers';

const LIMIT_MS = 200;

async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: { name: string; ms: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ name: e.name, ms: Math.round(e.duration) });
    }).observe({ type: 'longtask' });
  });
}

/** The longest task since the last call (and forget them). */
const longest = (page: Page) => page.evaluate(() => {
  const w = window as unknown as { longTasks: { ms: number }[] };
  const max = Math.max(0, ...w.longTasks.map((t) => t.ms));
  w.longTasks = [];
  return max;
});

async function runToEnd(page: Page, button: string): Promise<void> {
  await page.click(button);
  await expect.poll(() => page.evaluate(() => window.reglab.state().status), { timeout: 90_000 }).toMatch(/done|failed|stopped/);
  expect(await page.evaluate(() => window.reglab.state().status)).toBe('done');
}

test('a first GPU run, then a compare: no main-thread task over 200 ms', async ({ page }) => {
  const w = watchErrors(page);
  await watchLongTasks(page);
  await page.goto('/#backend=gpu&iterations=1000');
  expect((await page.evaluate(() => window.reglab.ready)).adapter).not.toBeNull();
  await page.waitForTimeout(300);
  await longest(page); // the page's own start-up (Chromium's adapter request) is not the run
  await runToEnd(page, '#train');
  expect(await longest(page)).toBeLessThan(LIMIT_MS);
  await runToEnd(page, '#compare');
  expect(await longest(page)).toBeLessThan(LIMIT_MS);
  expect(w.errors).toEqual([]);
});

test('a 100 000-row CSV: loading it and training on it (CPU and GPU) never blocks the page for 200 ms', async ({ page }) => {
  const w = watchErrors(page);
  mkdirSync('test-results', { recursive: true });
  const rows = ['x1,x2,label'];
  let s = 12345;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 100_000; i++) {
    const a = 2 * rand() - 1, b = 2 * rand() - 1;
    rows.push(`${a.toFixed(6)},${b.toFixed(6)},${a * b > 0 ? 1 : 0}`);
  }
  writeFileSync('test-results/rows-100k.csv', rows.join('\n'));
  await watchLongTasks(page);
  await page.goto('/#backend=cpu&iterations=20');
  await page.evaluate(() => window.reglab.ready);
  await page.waitForTimeout(300);
  await longest(page);

  await page.setInputFiles('#csv-train', 'test-results/rows-100k.csv');
  await expect.poll(() => page.evaluate(() => window.reglab.state().data as { train: number } | null)).toMatchObject({ train: 100_000 });
  expect(await longest(page)).toBeLessThan(LIMIT_MS);

  await runToEnd(page, '#train');
  expect(await longest(page)).toBeLessThan(LIMIT_MS);

  await page.selectOption('[name=backend]', 'gpu');
  await runToEnd(page, '#train');
  expect(await longest(page)).toBeLessThan(LIMIT_MS);
  expect((await page.evaluate(() => window.reglab.state().data))).toMatchObject({ train: 100_000 });
  expect(w.errors).toEqual([]);
});
