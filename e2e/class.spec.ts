/**
 * A run is a snapshot (issue 25, item 2) and class links (issue 27, item 1): the settings locked while
 * a run goes, the stale mark after an edit, a link that opens a view with the settings locked or
 * hidden and runs it, the "link for class" panel, and the embed layout in a 960×540 iframe's viewport.
 * Small runs on the CPU reference (a few hundred iterations of 200 points).
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { watchErrors } from './helpers';

const SMALL = 'dataset=moons&size=200&noise=0.3&iterations=400&logEvery=50&backend=cpu';
const hash = (page: Page) => new URL(page.url()).hash;
const rows = (page: Page) => page.locator('#compare-table tbody tr td:first-child').allTextContents();

test('a run is a snapshot: the settings are locked while it goes; an edit after it marks the results stale until the next run', async ({ page }) => {
  const w = watchErrors(page);
  await page.goto(`/#${SMALL}`);
  await page.evaluate(() => window.reglab.ready);
  // start compare and pause it at its first checkpoint: the run goes on, paused, for as long as the test looks
  await page.click('#compare');
  await page.click('#pause');
  await expect.poll(() => page.evaluate(() => window.reglab.state().status)).toBe('paused');
  const before = hash(page);
  for (const id of ['#c-l2', '#c-layers', '#c-dataset', '#c-backend', '#c-seed', '#csv-train', '#c-sweepL2']) await expect(page.locator(id)).toBeDisabled();
  await expect(page.locator('#course')).toBeDisabled();
  // a student tries to type a λ: refused (the field is disabled), nothing changes
  await expect(page.locator('#c-l2').fill('3', { timeout: 1000 })).rejects.toThrow();
  await expect(page.locator('#c-l2')).toHaveValue('');
  expect(hash(page)).toBe(before);
  await page.click('#pause'); // resume
  await expect.poll(() => page.evaluate(() => window.reglab.state().status)).toBe('done');
  await expect(page.locator('#c-l2')).toBeEnabled();
  await expect(page.locator('#stale')).toBeHidden();
  expect(await rows(page)).toEqual(['none', 'L2 (λ = 0.7)', 'dropout (keep_prob = 0.86)']);

  // an edit after the run: the address follows the controls, the results say they are from other settings
  await page.fill('#c-l2', '3');
  await page.locator('#c-l2').dispatchEvent('change');
  await expect(page.locator('#stale')).toBeVisible();
  await expect(page.locator('#stale')).toHaveText('Not matching the controls — run again: these results ran with other settings (changed since: λ (L2)).');
  expect(hash(page)).toContain('l2=3');
  // editing back to what ran: the results match the controls again
  await page.fill('#c-l2', '');
  await page.locator('#c-l2').dispatchEvent('change');
  await expect(page.locator('#stale')).toBeHidden();
  await page.fill('#c-l2', '3');
  await page.locator('#c-l2').dispatchEvent('change');
  await expect(page.locator('#stale')).toBeVisible();
  // the next run: the hash, the controls and the table describe the same run, no mark
  await page.click('#compare');
  await expect.poll(() => page.evaluate(() => window.reglab.state().status)).toBe('done');
  await expect(page.locator('#stale')).toBeHidden();
  expect(await rows(page)).toEqual(['none', 'L2 (λ = 3)', 'dropout (keep_prob = 0.86)']);
  expect(hash(page)).toContain('l2=3');
  expect(w.errors).toEqual([]);
});

test('a class link opens its view with the settings locked and runs it (run=auto); the panel builds a link that opens compare hidden, in an iframe\'s 960×540', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const w = watchErrors(page);
  await page.goto(`/#${SMALL}&view=train&controls=locked&run=auto`);
  await expect.poll(() => page.evaluate(() => window.reglab.state().status)).toBe('done');
  expect(await page.evaluate(() => window.reglab.state().mode)).toBe('train');
  await expect(page.locator('#status')).toContainText('Done: train finished');
  // locked: shown, not editable, after the run too; the address keeps the link's words
  await expect(page.locator('#settings')).toBeVisible();
  for (const id of ['#c-l2', '#c-iterations', '#csv-train']) await expect(page.locator(id)).toBeDisabled();
  await expect(page.locator('#course')).toBeDisabled();
  expect(hash(page)).toContain('controls=locked');
  expect(hash(page)).toContain('run=auto');

  // the panel: compare, settings hidden, run on open, the embed layout
  await page.click('#class-link summary');
  await page.selectOption('#class-view', 'compare');
  await page.selectOption('#class-controls', 'hidden');
  await page.check('#class-run');
  await page.check('#class-embed');
  const link = await page.inputValue('#class-link-url');
  expect(link).toMatch(/#.*size=200.*backend=cpu.*&view=compare&controls=hidden&run=auto&embed=1$/);
  await expect(page.locator('#class-link-iframe')).toHaveValue(/^<iframe src=".*view=compare&amp;controls=hidden&amp;run=auto&amp;embed=1" width="960" height="540"/);
  await page.close();

  // the link, in a fresh page the size of the iframe it is meant for
  const embed = await browser.newPage({ viewport: { width: 960, height: 540 } });
  const we = watchErrors(embed);
  await embed.goto(link);
  await expect.poll(() => embed.evaluate(() => window.reglab.state().status)).toBe('done');
  expect(await embed.evaluate(() => window.reglab.state().mode)).toBe('compare');
  for (const hidden of ['header', '#lesson', '#settings']) await expect(embed.locator(hidden)).toBeHidden();
  await expect(embed.locator('#compare-view')).toBeVisible();
  // no sideways scroll; the three maps and the table inside the 960×540 viewport
  const layout = await embed.evaluate(() => {
    const box = (el: Element) => el.getBoundingClientRect();
    const maps = ['none', 'l2', 'dropout'].map((k) => box(document.getElementById(`boundary-${k}`)!));
    const table = box(document.getElementById('compare-table')!);
    return { scrollWidth: document.documentElement.scrollWidth, maps: maps.map((m) => [m.left, m.right, m.top, m.bottom]), table: [table.left, table.right, table.top, table.bottom] };
  });
  expect(layout.scrollWidth).toBeLessThanOrEqual(960);
  for (const [left, right, top, bottom] of [...layout.maps, layout.table]) {
    expect(left).toBeGreaterThanOrEqual(0);
    expect(right).toBeLessThanOrEqual(960);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(bottom).toBeLessThanOrEqual(540);
  }
  mkdirSync('test-results', { recursive: true });
  await embed.screenshot({ path: 'test-results/class-embed-960x540.png' });
  expect([...w.errors, ...we.errors]).toEqual([]);
  await embed.close();
});
