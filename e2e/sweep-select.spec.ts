/**
 * Model selection in the sweep lab (issue 25, item 3): a tiny 2 × 2 sweep chooses on a validation
 * split, says so in its captions and table, shows the chosen model's test accuracy apart, and a
 * heat-map cell opens its model inside the lab — the main lab's fields stay exactly as they were.
 */
import { expect, test } from '@playwright/test';
import { notBlank, watchErrors } from './helpers';

test('sweep lab: chosen on validation, test apart; a heat-map cell opens its model in the lab and leaves the main settings alone', async ({ page }) => {
  const w = watchErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('/#dataset=moons&size=200&noise=0.3&backend=wasm&sweepIterations=300&sweepL2=0,1&sweepKeepProb=1,0.8&sweepSeeds=1');
  await page.click('#lab-sweep');
  await expect(page.locator('#status')).toContainText('Done: sweep finished');
  const got: any = await page.evaluate(() => window.reglab.state());
  const before = got.fields;
  // captions and table say validation and test, never "held-out"
  const view = page.locator('#sweep-view');
  await expect(view).not.toContainText('held-out');
  await expect(view.locator('figcaption').first()).toContainText('validation (solid)');
  await expect(view.locator('figcaption').nth(1)).toContainText('validation accuracy per λ × keep_prob');
  await expect(page.locator('#sweep-table thead')).toContainText('validation');
  await expect(page.locator('#sweep-table thead')).toContainText('test');
  await expect(page.locator('#sweep-table tbody tr')).toHaveCount(4);
  await expect(page.locator('#sweep-heatmap')).toHaveAttribute('aria-label', /^Heat map of validation accuracy/);
  // the chosen model, and its test accuracy said apart: the row of the best validation accuracy
  const rows = await page.locator('#sweep-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  const valOf = (r: (string | null)[]) => parseFloat(r[4] ?? '');
  const best = rows.reduce((a, r) => (valOf(r) > valOf(a) ? r : a));
  await expect(page.locator('#sweep-chosen')).toContainText(`Chosen on the validation split (20.0 % of the training data, held out of every model's training): λ ${best[0]}, keep_prob ${best[1]}, validation accuracy ${best[4]}.`);
  await expect(page.locator('#sweep-chosen')).toContainText(`Its test accuracy, which played no part in the choice: ${best[5]}.`);
  // a click on the heat map's top-right cell (λ 1, keep_prob 1) opens that model in the lab
  const box = (await page.locator('#sweep-heatmap').boundingBox())!;
  await page.mouse.click(box.x + box.width - 40, box.y + 30);
  await expect(page.locator('#sweep-model')).toBeVisible();
  const row = rows.find((r) => r[0] === '1' && r[1] === '1')!;
  await expect(page.locator('#sweep-model-text')).toContainText(`λ 1, keep_prob 1, seed 1: the sweep's own model (not retrained) — train ${row[3]}, validation ${row[4]}, test ${row[5]}`);
  await notBlank(page, 'sweep-model-boundary', 8);
  // nothing ran, nothing in the main lab changed
  await expect(page.locator('#status')).toContainText('Done: sweep finished');
  expect((await page.evaluate(() => window.reglab.state())).fields).toEqual(before);
  expect(before).toMatchObject({ iterations: '30000', l2: expect.not.stringMatching(/^1$/) });
  expect(w.errors).toEqual([]);
});
