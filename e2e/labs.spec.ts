/** The lesson's other labs in the page: each view runs, matches the CLI, draws something, and can be screenshot. */
import { expect, test, type Page } from '@playwright/test';
import { cliJsonLater, notBlank, openLink, shot, sharedPage } from './helpers';

// One page load for the file at 1280×1000 (a load and its WebGPU adapter cost a second or two of CPU
// here): each test opens its settings as a link (a hash change, e2e/helpers.ts openLink) or calls the API.
const shared = sharedPage({ viewport: { width: 1280, height: 1000 } });
let page: Page;
test.beforeAll(() => ({ page } = shared));
const freshErrors = () => shared.freshErrors();

test('init lab: five initializations, the CLI\'s numbers, zeros stuck at ln 2', async () => {
  const w = freshErrors();
  const args = { dataset: 'circles', size: 200, noise: 0.1, iterations: 400, layers: [10, 5], learningRate: 0.1, backend: 'cpu' };
  const cliLater = cliJsonLater(['init-compare', '--dataset', 'circles', '--size', '200', '--noise', '0.1', '--iterations', '400', '--layers', '10,5', '--learning-rate', '0.1', '--backend', 'cpu']);
  await openLink(page, '');
  const got: any = await page.evaluate((a) => window.reglab.initCompare(a), args);
  const cli = await cliLater;
  expect(got.runs.map((r: any) => r.name)).toEqual(cli.runs.map((r: any) => r.name));
  got.runs.forEach((r: any, i: number) => {
    expect(r.train.accuracy).toBe(cli.runs[i].train.accuracy);
    expect(Math.abs(r.finalCost - cli.runs[i].finalCost)).toBeLessThanOrEqual(1e-12 * cli.runs[i].finalCost);
  });
  await expect(page.locator('#init-table tbody tr')).toHaveCount(5);
  await expect(page.locator('#init-view')).toBeVisible();
  for (const id of ['init-zeros', 'init-he', 'costs']) await notBlank(page, id);
  await shot(page, 'lab-init');
  expect(w.errors).toEqual([]);
});

test('gradients lab on the GPU: heat map and curves; sigmoid gradients vanish toward the input', async () => {
  const w = freshErrors();
  await openLink(page, '');
  const got: any = await page.evaluate(() => window.reglab.gradients({ depth: 12, width: 10, activation: 'sigmoid', init: 'scaled', iterations: 200, logEvery: 20, backend: 'gpu' }));
  expect(got.backend).toBe('gpu');
  expect(got.layers).toHaveLength(12);
  const n0 = got.points[0].norms;
  expect(n0[11] / n0[0]).toBeGreaterThan(100);
  await expect(page.locator('#gradients-view')).toBeVisible();
  await notBlank(page, 'heatmap');
  await shot(page, 'lab-gradients');
  expect(w.errors).toEqual([]);
});

test('the gradients lab button trains for its own iterations (not the main 30 000) and describes its chart', async () => {
  await openLink(page, 'gradientsIterations=120&backend=cpu');
  await page.evaluate(() => window.reglab.ready);
  await page.click('#lab-gradients');
  await expect(page.locator('#status')).toContainText('Done: gradients finished', { timeout: 60_000 });
  expect((await page.evaluate(() => window.reglab.state())).fields).toMatchObject({ iterations: '30000', gradientsIterations: '120' });
  // the log step is scaled as the CLI's defaults are (100 per 1000): the last point is iteration 119
  await expect(page.locator('#costs')).toHaveAttribute('aria-label', /‖dW20‖ [0-9.e+-]+ at iteration 119\./);
});

test('landscape on the GPU: a contour with the trajectory ending at the centre', async () => {
  const w = freshErrors();
  await openLink(page, '');
  const got: any = await page.evaluate(() => window.reglab.landscape({ dataset: 'moons', layers: [10, 5], iterations: 600, logEvery: 50, grid: 31, backend: 'gpu' }));
  expect(got.backend).toBe('gpu');
  expect(got.costs).toHaveLength(31);
  expect(got.trajectory.at(-1).alpha).toBeCloseTo(0, 10);
  await notBlank(page, 'landscape');
  await shot(page, 'lab-landscape');
  expect(w.errors).toEqual([]);
});

test('gradient check action: PASS on the lesson preset with L2, the CLI\'s difference', async () => {
  const cliLater = cliJsonLater(['gradcheck', '--course', '--l2', '0.7', '--dataset', 'moons']);
  await openLink(page, '');
  const got: any = await page.evaluate(() => window.reglab.gradcheck({ course: true, l2: 0.7, dataset: 'moons' }));
  const cli = await cliLater;
  expect(got.pass).toBe(true);
  // The difference (~1e-8) is rounding noise amplified 1e7× by the finite differences, so the last
  // bit of Math.exp (Chromium's V8 vs Node's) moves it by a few per cent: same order, both pass.
  expect(got.difference).toBeLessThan(1e-7);
  expect(Math.abs(got.difference - cli.difference)).toBeLessThanOrEqual(0.2 * cli.difference);
  await expect(page.locator('#gradcheck-text')).toContainText('PASS (threshold 1e-7)');
  await shot(page, 'lab-gradcheck');
});

test('a long gradient check runs off the main thread and stop ends it; one past the size cap is refused, as the CLI refuses it', async () => {
  await openLink(page, '');
  await page.evaluate(() => window.reglab.ready);
  // [64, 64] on 400 points: about 13 s of checking in the worker
  await page.evaluate(() => { void window.reglab.gradcheck({ layers: '64,64', size: 400 }).catch(() => {}); });
  await expect.poll(() => page.evaluate(() => window.reglab.state().status)).toBe('running');
  // the page answers while the check computes: its answer comes before the check's end, however busy the machine
  await page.evaluate(() => document.title);
  expect(await page.evaluate(() => window.reglab.state().status)).toBe('running');
  await page.click('#reset');
  await expect.poll(() => page.evaluate(() => window.reglab.state().status)).toBe('stopped');
  expect((await page.evaluate(() => window.reglab.state())).error).toBeNull();
  const refused = await page.evaluate(() => window.reglab.gradcheck({ layers: '256,256' }).then(() => null, (e: Error) => e.message));
  expect(refused).toMatch(/the gradient check of \[2, 256, 256, 1\] on \d+ examples .*over the cap/);
  await expect(page.locator('#error')).toContainText('over the cap');
});

test('early stopping in the page: the CLI\'s report, the best iteration marked on the curve', async () => {
  const w = freshErrors();
  const args = ['--dataset', 'moons', '--noise', '0.4', '--size', '160', '--layers', '64,32', '--iterations', '20000', '--log-every', '100', '--learning-rate', '0.5', '--early-stopping', '4', '--backend', 'cpu'];
  const cliLater = cliJsonLater(['train', ...args]);
  await openLink(page, '');
  const got: any = await page.evaluate(() => window.reglab.train({
    dataset: 'moons', noise: 0.4, size: 160, layers: [64, 32], iterations: 20000, logEvery: 100, learningRate: 0.5, earlyStopping: 4, backend: 'cpu',
  }));
  const cli = await cliLater;
  expect(got.earlyStopping.bestIteration).toBe(cli.earlyStopping.bestIteration);
  expect(got.earlyStopping.stopIteration).toBe(cli.earlyStopping.stopIteration);
  expect(got.earlyStopping.stopped).toBe(true);
  await notBlank(page, 'costs');
  // the chart draws the cost early stopping watched and says where it stopped and which weights it kept
  const label = await page.locator('#costs').getAttribute('aria-label');
  expect(label).toContain(`train (best at ${cli.earlyStopping.bestIteration}, restored)`);
  expect(label).toContain(`watched (validation), stopped at ${cli.earlyStopping.stopIteration}`);
  // the replay ends at the kept model (the weights after best + 1 iterations), not at weights the run threw away
  await expect(page.locator('#replay-label')).toHaveText(`after ${(cli.earlyStopping.bestIteration + 1).toLocaleString('en')} iterations`);
  await shot(page, 'lab-early-stopping');
  expect(w.errors).toEqual([]);
});

test('augmentation in the page: compare adds a fourth run on augmented data, as the CLI does', async () => {
  const w = freshErrors();
  const cliLater = cliJsonLater(['compare', '--dataset', 'moons', '--size', '100', '--noise', '0.3', '--iterations', '300', '--augmented', '--augment-copies', '3', '--augment-sigma', '0.1', '--backend', 'cpu']);
  await openLink(page, '');
  const got: any = await page.evaluate(() => window.reglab.compare({
    dataset: 'moons', size: 100, noise: 0.3, iterations: 300, augmented: true, augmentCopies: 3, augmentSigma: 0.1, backend: 'cpu',
  }));
  const cli = await cliLater;
  expect(got.runs.map((r: any) => r.name)).toEqual(cli.runs.map((r: any) => r.name));
  expect(got.runs[3].name).toBe('augmented (3 × σ 0.1)');
  expect(got.runs[3].train.accuracy).toBe(cli.runs[3].train.accuracy);
  await expect(page.locator('#compare-table tbody tr')).toHaveCount(4);
  await expect(page.locator('#boundary-augmented')).toBeVisible();
  await notBlank(page, 'boundary-augmented');
  await shot(page, 'lab-augmentation');
  expect(w.errors).toEqual([]);
});

test('the Benchmark view draws its log-log chart (tiny sizes); its size control shows what ran', async () => {
  const w = freshErrors();
  await openLink(page, 'benchSize=quick');
  const r: any = await page.evaluate(() => window.reglab.bench({ size: 'tiny' }));
  expect(r.adapter).toBeTruthy();
  // the CPU engines' rows are timed in the page's CPU worker: the main thread stays free
  const impls = ['reglab-gpu', 'reglab-wasm', 'reglab-cpu', 'tfjs-webgpu', 'tfjs-cpu'];
  expect(r.rows.map((x: any) => x.impl)).toEqual([...impls, ...impls]);
  for (const row of r.rows) {
    expect(row.skipped, `${row.impl}: ${row.skipped}`).toBeUndefined();
    expect(row.msPerIteration.median).toBeGreaterThan(0);
  }
  await expect(page.locator('#bench-table tbody tr')).toHaveCount(10);
  await expect(page.locator('#c-benchSize')).toHaveValue('tiny');
  await notBlank(page, 'bench-chart');
  expect(w.errors).toEqual([]);
});

// before the sweeps below: on the shared page their tables would still be there
test('sweep lab: a bad list is shown naming its control, and nothing runs', async () => {
  await openLink(page, 'sweepKeepProb=1,0&mode=sweep');
  await page.evaluate(() => window.reglab.ready);
  await page.click('#lab-sweep');
  await expect(page.locator('#error')).toHaveText(/^sweep lab, keep_prob values: must be in \(0, 1\]/);
  await expect(page.locator('#sweep-table tbody tr')).toHaveCount(0);
});

test('sweep lab on the GPU: the CLI\'s JSON (the GPU\'s numbers bit for bit, chosen on validation), the validation curve and heat map, and a row opens its model inside the lab', async () => {
  const w = freshErrors();
  const cliLater = cliJsonLater(['sweep', '--dataset', 'moons', '--noise', '0.3', '--size', '300', '--l2', '0,0.1,1', '--keep-prob', '1,0.8',
    '--iterations', '400', '--backend', 'gpu']);
  await openLink(page, '');
  const got: any = await page.evaluate(() => window.reglab.sweep({
    dataset: 'moons', noise: 0.3, size: 300, l2: [0, 0.1, 1], keepProb: [1, 0.8], iterations: 400, backend: 'gpu',
  }));
  const cli = await cliLater;
  expect(got).toMatchObject({ backend: 'gpu', monitor: 'validation', gpuPath: 'unrolled', modelsPerDispatch: 6, data: cli.data, best: cli.best });
  expect(got.params).toBeUndefined();
  // the same models, the same numbers: both trained them side by side on the unrolled path. What the
  // GPU computes (the cost log, accuracies) is equal bit for bit; the cross-entropies the host sums in
  // float64 from the GPU's logits agree to 1e-12 (Chromium 156's V8 rounds Math.exp and Math.log1p
  // differently from Node 20's in the last bit for about a tenth of arguments).
  const gpuPart = (runs: any[]) => runs.map((r) => ({ ...r, train: { ...r.train, cost: null }, validation: { ...r.validation, cost: null }, test: { ...r.test, cost: null } }));
  expect(gpuPart(got.runs)).toEqual(gpuPart(cli.runs));
  got.runs.forEach((r: any, k: number) => {
    for (const set of ['train', 'validation', 'test']) expect(r[set].cost).toBeCloseTo(cli.runs[k][set].cost, 12);
  });
  await expect(page.locator('#sweep-view')).toBeVisible();
  await expect(page.locator('#sweep-table tbody tr')).toHaveCount(6);
  for (const id of ['sweep-curve', 'sweep-heatmap']) await notBlank(page, id, 8);
  await expect(page.locator('#sweep-heatmap')).toHaveAttribute('aria-label', /^Heat map of validation accuracy.*chosen cell \(outlined\) is λ [0-9.]+, keep_prob [0-9.]+/);
  await expect(page.locator('#stats')).toContainText('sweep: 6 models');
  // the switch redraws the curve as cross-entropy: the validation cross-entropy of λ 0, keep_prob 1 (one seed) in its text
  const plain = cli.runs.find((r: any) => r.l2 === 0 && r.keepProb === 1);
  await page.getByLabel('cross-entropy (no L2 term, no dropout)').check();
  await expect(page.locator('#sweep-curve')).toHaveAttribute('aria-label', new RegExp(`^Validation curve: validation and train cross-entropy .*λ 0, keep_prob 1: validation ${plain.validation.cost.toFixed(3)}`));
  await page.getByLabel('accuracy', { exact: true }).check();
  await expect(page.locator('#sweep-curve')).toHaveAttribute('aria-label', /^Validation curve: validation and train accuracy/);
  await shot(page, 'lab-sweep');
  // a row's button shows that model inside the lab (its own weights, its numbers); the main lab's fields stay
  const row = cli.runs.find((r: any) => r.l2 === 0.1 && r.keepProb === 0.8 && r.seed === 1);
  const before: any = await page.evaluate(() => window.reglab.state());
  await page.locator('#sweep-table tbody tr', { hasText: /^0\.1\s*0\.8/ }).getByRole('button', { name: 'show this model' }).click();
  await expect(page.locator('#sweep-model-text')).toContainText(`λ 0.1, keep_prob 0.8, seed 1: the sweep's own model (not retrained) — train ${(100 * row.train.accuracy).toFixed(1)} %, `
    + `validation ${(100 * row.validation.accuracy).toFixed(1)} %, test ${(100 * row.test.accuracy).toFixed(1)} %`);
  await notBlank(page, 'sweep-model-boundary', 8);
  expect((await page.evaluate(() => window.reglab.state())).fields).toEqual(before.fields);
  expect(w.errors).toEqual([]);
});

test('sweep lab on the CPU engines: models in workers side by side (one per core), the CLI\'s numbers in the CLI\'s order', async () => {
  const w = freshErrors();
  const cliLater = cliJsonLater(['sweep', '--dataset', 'circles', '--size', '160', '--l2', '0,0.3', '--keep-prob', '1,0.8', '--iterations', '150', '--backend', 'cpu']);
  await openLink(page, '');
  const got: any = await page.evaluate(() => window.reglab.sweep({ dataset: 'circles', size: 160, l2: [0, 0.3], keepProb: [1, 0.8], iterations: 150, backend: 'cpu' }));
  const cli = await cliLater;
  expect(got.backend).toBe('cpu');
  expect(got.runs.map((r: any) => [r.l2, r.keepProb, r.seed])).toEqual(cli.runs.map((r: any) => [r.l2, r.keepProb, r.seed]));
  got.runs.forEach((r: any, i: number) => {
    const c = cli.runs[i];
    // the CLI's float64 code in the page's V8: equal but for Math.exp's last bit (as compare, docs/page.md)
    expect(Math.abs(r.finalCost - c.finalCost)).toBeLessThanOrEqual(1e-12 * c.finalCost);
    expect(r.train.accuracy).toBe(c.train.accuracy);
    expect(r.test.accuracy).toBe(c.test.accuracy);
  });
  await expect(page.locator('#stats')).toContainText('on the CPU (reference)');
  // the fast engine: the CLI's --backend wasm sweep bit for bit (WebAssembly leaves no rounding free)
  const fastLater = cliJsonLater(['sweep', '--dataset', 'circles', '--size', '160', '--l2', '0,0.3', '--keep-prob', '1,0.8', '--iterations', '150', '--backend', 'wasm']);
  const gotFast: any = await page.evaluate(() => window.reglab.sweep({ dataset: 'circles', size: 160, l2: [0, 0.3], keepProb: [1, 0.8], iterations: 150, backend: 'wasm' }));
  const fast = await fastLater;
  expect(gotFast.backend).toBe('wasm');
  // what WebAssembly computes (cost logs, accuracies) bit for bit; the cross-entropies the host sums from its
  // logits with Math.log1p to 1e-12 (V8's last bit, as the GPU test above)
  const noCosts = (runs: any[]) => runs.map((r) => ({ ...r, train: { ...r.train, cost: null }, validation: { ...r.validation, cost: null }, test: { ...r.test, cost: null } }));
  expect(noCosts(gotFast.runs)).toEqual(noCosts(fast.runs));
  gotFast.runs.forEach((r: any, k: number) => {
    for (const set of ['train', 'validation', 'test']) expect(r[set].cost).toBeCloseTo(fast.runs[k][set].cost, 12);
  });
  await expect(page.locator('#stats')).toContainText('on the CPU (fast engine)');
  expect(w.errors).toEqual([]);
});
