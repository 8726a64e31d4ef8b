/**
 * Accessibility: an axe-core scan (WCAG 2 A and AA rules) of the page as it first opens, after a
 * compare run with every disclosure open, and in the sweep view; no serious or critical violation is allowed.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function scan(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `axe violations ${where}`).toEqual([]);
}

test('axe-core finds no serious or critical WCAG 2 A/AA violation: first screen, after compare with the settings open, sweep view', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => window.reglab.ready);
  await scan(page, 'on the first screen');
  await page.evaluate(() => window.reglab.compare({ dataset: 'moons', size: 120, iterations: 100, backend: 'cpu' }));
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await page.click('#train', { trial: true });
  await scan(page, 'after a compare run, with the advanced and lab settings open');
  await page.evaluate(() => window.reglab.sweep({ dataset: 'moons', size: 120, l2: [0, 0.1], keepProb: [1, 0.8], iterations: 50, backend: 'cpu' }));
  await scan(page, 'in the sweep view');
});
