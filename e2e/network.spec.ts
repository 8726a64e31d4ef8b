/**
 * The network view (issue 26): one view per model after train and compare, named with the layer
 * sizes and the one scale they share; L1 as compare's fourth model (the CLI's JSON, the table's
 * "weights ≈ 0"); a paused run stepped one iteration at a time, its dropout mask changing from step
 * to step; a phone without sideways scroll.
 */
import { expect, test, type Page } from '@playwright/test';
import { cliJsonLater, openLink, sharedPage } from './helpers';

// One page load for both tests (a load and its WebGPU adapter cost a second or two of CPU here); the
// second takes the phone's viewport.
const shared = sharedPage();
let page: Page;
test.beforeAll(() => ({ page } = shared));
const freshErrors = () => shared.freshErrors();

const netLabels = (page: Page) => page.locator('#networks canvas').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label') ?? ''));
const scaleOf = (label: string) => /the widest line is \|w\| = ([\d.]+)/.exec(label)?.[1];

// first: the other test leaves the replay at iteration 0 and the prediction switch on, which this one's labels would show
test('a paused run steps one iteration at a time (on the GPU), its dropout mask changing from step to step; on a phone, no sideways scroll', async () => {
  const w = freshErrors();
  await page.setViewportSize({ width: 390, height: 844 });
  await openLink(page, '');
  await page.evaluate(() => window.reglab.ready);
  // a step is refused unless a run is paused
  expect(await page.evaluate(() => window.reglab.step().then(() => 'stepped', (e) => (e as Error).message))).toMatch(/^step: the run is not paused/);
  await page.evaluate(() => { void window.reglab.train({ dataset: 'moons', size: 120, iterations: 1_000_000, keepProb: 0.8, backend: 'gpu' }).catch(() => {}); });
  await expect.poll(() => page.evaluate(() => window.reglab.state().iteration as number)).toBeGreaterThan(0);
  await page.click('#pause');
  await expect.poll(() => page.evaluate(() => window.reglab.state().status)).toBe('paused');
  const at = await page.evaluate(() => window.reglab.state().iteration as number);
  const masks: string[] = [];
  for (let s = 1; s <= 3; s++) {
    expect(await page.evaluate(() => window.reglab.step(1))).toBe(at + s);
    const state = await page.evaluate(() => window.reglab.state());
    expect(state.iteration).toBe(at + s);
    expect(state.status).toBe('paused');
    const [label] = await netLabels(page);
    expect(label).toContain(`after ${(at + s).toLocaleString('en')} iterations`);
    masks.push(/dropout mask of iteration (\d+) for training example 1 [^:]*: (.*?); kept units/.exec(label)!.slice(1).join(' '));
  }
  expect(masks.map((m) => Number(m.split(' ')[0]))).toEqual([at, at + 1, at + 2]);
  expect(new Set(masks.map((m) => m.slice(m.indexOf(' ')))).size).toBeGreaterThan(1);
  // the step button does the same
  await page.click('#step');
  await expect.poll(() => page.evaluate(() => window.reglab.state().iteration as number)).toBe(at + 4);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  const box = (await page.locator('#networks canvas').first().boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await page.click('#reset');
  await expect.poll(() => page.evaluate(() => window.reglab.state().status)).toBe('stopped');
  expect(w.errors).toEqual([]);
});

test('after train and after compare (L1 as a fourth model): a network per model on one scale, the table\'s weights ≈ 0, the CLI\'s numbers', async () => {
  const w = freshErrors();
  await page.setViewportSize({ width: 1280, height: 720 }); // from the phone's
  // the CLI's compare computes in its own process while the page trains
  const settings = ['--dataset', 'moons', '--size', '120', '--noise', '0.3', '--iterations', '300', '--log-every', '100', '--backend', 'cpu'];
  const cliLater = cliJsonLater(['compare', ...settings, '--with-l1', '0.1']);
  await openLink(page, '');
  const one = await page.evaluate(() => window.reglab.train({ dataset: 'moons', size: 120, noise: 0.3, iterations: 200, backend: 'cpu', l1: 0.05 }));
  expect(one.settings.l1).toBe(0.05);
  await expect(page.locator('#c-l1')).toHaveValue('0.05');
  const [trained] = await netLabels(page);
  expect(trained).toMatch(/^network of the trained \(λ₁ = 0.05\) model: 2 → 20 → 3 → 1, after 200 iterations; line width ∝ \|w\| on one scale shared by the model shown/);
  expect(trained).toContain(`weights ≈ 0: ${(100 * one.nearZeroShare).toFixed(1)} %`);

  const got = await page.evaluate(() => window.reglab.compare({ dataset: 'moons', size: 120, noise: 0.3, iterations: 300, logEvery: 100, backend: 'cpu', withL1: 0.1 }));
  const cli = await cliLater;
  expect(got.runs.map((r) => r.name)).toEqual(['none', 'L2 (λ = 0.7)', 'dropout (keep_prob = 0.86)', 'L1 (λ₁ = 0.1)']);
  expect(got.runs.map((r) => r.name)).toEqual(cli.runs.map((r: { name: string }) => r.name));
  got.runs.forEach((r, k) => expect(r.nearZeroShare).toBe(cli.runs[k].nearZeroShare));
  await expect(page.locator('#boundary-l1')).toBeVisible();
  // the table: every model's share of weights near zero, under the CLI's heading
  const heads = await page.locator('#compare-table thead th').allTextContents();
  const col = heads.indexOf('weights ≈ 0');
  expect(col).toBeGreaterThan(0);
  const rows = page.locator('#compare-table tbody tr');
  await expect(rows).toHaveCount(4);
  for (let k = 0; k < 4; k++) expect((await rows.nth(k).locator('td').allTextContents())[col]).toBe(`${(100 * got.runs[k].nearZeroShare).toFixed(1)} %`);

  // one view per model, each naming the layer sizes and the same shared scale; the dropout one its mask
  const labels = await netLabels(page);
  expect(labels).toHaveLength(4);
  got.runs.forEach((r, k) => {
    expect(labels[k]).toContain(`network of the ${r.name} model: 2 → 20 → 3 → 1, after 300 iterations`);
    expect(labels[k]).toContain(`weights ≈ 0: ${(100 * r.nearZeroShare).toFixed(1)} %`);
  });
  expect(new Set(labels.map(scaleOf)).size).toBe(1);
  expect(labels[2]).toMatch(/dropout mask of iteration 299 for training example 1 .*: layer 1 dropped (units? [\d, ]+|none) of 20; layer 2 dropped/);
  expect(labels[0]).not.toContain('mask');
  await expect(page.locator('#histograms')).toHaveAttribute('aria-label', /^Weight histograms per layer on one x-scale from −[\d.]+ to [\d.]+.*L1 \(λ₁ = 0\.1\): W1 sd/);

  // the replay moves the networks: before training, the same initial weights in every view
  await page.getByLabel('replay the boundary and network').fill('0');
  for (const label of await netLabels(page)) expect(label).toContain('before training');
  // the prediction switch takes the mask away
  await page.getByLabel('prediction: no mask').check();
  expect((await netLabels(page))[2]).toContain('dropout: prediction shown, no mask');
  // a unit's value by keyboard
  await page.locator('#networks canvas').nth(1).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#net-detail')).toContainText('L2 (λ = 0.7) · layer 1, unit 2 of 20: bias');
  expect(w.errors).toEqual([]);
});
