/**
 * The lab page in Debian's headless Chromium with WebGPU (SwiftShader here). The CPU backend runs
 * the same float64 code as the CLI, so its numbers must equal the CLI's exactly.
 */
import { spawnSync } from 'node:child_process';
import { chromium, expect, test, type Page } from '@playwright/test';
import { BAD_CSV, cliJsonLater, notBlank, openLink, shot, SMALL_CSV, sharedPage } from './helpers';
import { lessonVars, writeMat } from '../test/mat-writer';
import { bombMat, flippedBitMat, nestedMat } from '../test/mat-hostile';

// One page load for the file (a load and its WebGPU adapter cost a second or two of CPU here): each
// test sets up what it needs through the address (a hash change, which the page follows as a link
// opened in this tab) or the API. The tests that need their own page (routed headers, no WebGPU) make one.
const shared = sharedPage();
let page: Page;
let errors: { errors: string[] };
test.beforeAll(() => ({ page, errors } = shared));
const freshErrors = () => shared.freshErrors();

const open = (hash: string) => openLink(page, hash);

test('the page loads with a WebGPU adapter and no console errors', async () => {
  const w = errors; // everything since the load
  await expect(page).toHaveTitle(/reglab/);
  const { adapter } = await page.evaluate(() => window.reglab.ready);
  expect(adapter, 'no WebGPU adapter in headless Chromium').not.toBeNull();
  await expect(page.locator('#adapter')).toContainText('WebGPU adapter:');
  await expect(page.locator('#no-webgpu')).toBeHidden();
  expect(w.errors).toEqual([]);
});

const SMALL = ['--dataset', 'moons', '--size', '120', '--noise', '0.3', '--iterations', '300', '--backend', 'cpu'];

test('compare through the UI shows the CLI\'s numbers', async () => {
  const w = freshErrors();
  const cliLater = cliJsonLater(['compare', ...SMALL]);
  await open('dataset=moons&size=120&noise=0.3&iterations=300&backend=cpu');
  await page.evaluate(() => window.reglab.ready);
  await page.click('#compare');
  // the table is this run's once it is done (the page is shared: an earlier compare's table is there until it starts)
  await expect(page.locator('#status')).toContainText('Done: compare finished', { timeout: 60_000 });
  const rows = page.locator('#compare-table tbody tr');
  await expect(rows).toHaveCount(3, { timeout: 60_000 });
  const cli = await cliLater;
  for (let i = 0; i < 3; i++) {
    const cells = await rows.nth(i).locator('td').allTextContents();
    const run = cli.runs[i];
    expect(cells[0]).toBe(run.name);
    expect(cells[1]).toBe(`${(100 * run.train.accuracy).toFixed(1)} %`);
    expect(cells[2]).toBe(`${(100 * run.test.accuracy).toFixed(1)} %`);
    expect(cells[3]).toBe(run.finalCost.toFixed(4));
    // the L2 term: only the L2 model has one, and it is part of its objective
    if (run.settings.l2 > 0) expect(Number(cells[4])).toBeGreaterThan(0);
    else expect(cells[4]).toBe('—');
    expect(cells[5]).toBe(run.train.cost.toFixed(4));
  }
  expect(w.errors).toEqual([]);
});

// Chromium's V8 and Node 20's V8 may round Math.exp differently in the last bit, so costs are
// compared to 1e-12 relative; everything discrete (settings, iterations, accuracies) exactly.
const closeTo = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.abs(b));

test('window.reglab.compare returns the CLI\'s JSON (same numbers)', async () => {
  const cliLater = cliJsonLater(['compare', ...SMALL, '--l2', '0.5', '--keep-prob', '0.8']);
  await open('');
  const got = await page.evaluate(() => window.reglab.compare({
    dataset: 'moons', size: 120, noise: 0.3, iterations: 300, backend: 'cpu', l2: 0.5, keepProb: 0.8,
  }));
  const cli = await cliLater;
  expect(got.data).toBe(cli.data);
  expect(got.runs.map((r) => r.name)).toEqual(cli.runs.map((r: { name: string }) => r.name));
  got.runs.forEach((r, i) => {
    const c = cli.runs[i];
    expect(r.settings).toEqual(c.settings);
    expect(r.costs.map((p) => p.iteration)).toEqual(c.costs.map((p: { iteration: number }) => p.iteration));
    r.costs.forEach((p, k) => closeTo(p.cost, c.costs[k].cost));
    closeTo(r.finalCost, c.finalCost);
    expect(r.train.accuracy).toBe(c.train.accuracy);
    expect(r.test!.accuracy).toBe(c.test.accuracy);
    closeTo(r.train.cost, c.train.cost);
    closeTo(r.test!.cost, c.test.cost);
  });
});

test('window.reglab.train on the GPU: the adapter, and costs within float32 tolerance of the CLI', async () => {
  const cliLater = cliJsonLater(['train', '--course', '--dataset', 'circles', '--size', '100', '--iterations', '200', '--log-every', '50', '--keep-prob', '0.9', '--dropout-rng', 'philox', '--backend', 'cpu', '--precision', 'f32']);
  await open('');
  const got = await page.evaluate(() => window.reglab.train({
    course: true, dataset: 'circles', size: 100, iterations: 200, logEvery: 50, keepProb: 0.9, dropoutRng: 'philox', backend: 'gpu',
  }));
  const cli = await cliLater;
  expect(got.backend).toBe('gpu');
  expect(got.adapter).toBeTruthy();
  expect(got.costs.map((c) => c.iteration)).toEqual(cli.costs.map((c: { iteration: number }) => c.iteration));
  got.costs.forEach((c, i) => expect(Math.abs(c.cost - cli.costs[i].cost)).toBeLessThanOrEqual(1e-4 * cli.costs[i].cost));
  expect(Math.abs(got.train.accuracy - cli.train.accuracy)).toBeLessThanOrEqual(1 / 50 + 1e-12);
});

test('window.reglab.train on the fast CPU engine: in a worker, with its threads, the CLI\'s --backend wasm numbers bit for bit', async () => {
  // 64 × 48 units over 480 examples: products large enough that the engine splits them across threads
  const args = { dataset: 'moons', size: 600, noise: 0.3, layers: [64, 48], iterations: 60, logEvery: 20, l2: 0.3, keepProb: 0.9, backend: 'wasm' };
  const cliLater = cliJsonLater(['train', '--dataset', 'moons', '--size', '600', '--noise', '0.3', '--layers', '64,48', '--iterations', '60', '--log-every', '20',
    '--l2', '0.3', '--keep-prob', '0.9', '--backend', 'wasm']);
  await open('');
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  const got = await page.evaluate((a) => window.reglab.train(a as never), args);
  const cli = await cliLater;
  expect(got.backend).toBe('wasm');
  expect(got.costs).toEqual(cli.costs);
  expect(got.finalCost).toBe(cli.finalCost);
  expect([got.train, got.test]).toEqual([cli.train, cli.test]);
  await expect(page.locator('#stats')).toContainText('CPU fast engine');
});

test('served without cross-origin isolation: the fast engine runs on one thread and says so, and the rest works', async ({ page }) => {
  // the same page from a server without the COOP/COEP headers (e2e/offline.spec.ts: the built folder on a plain static server)
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto('/');
  await page.evaluate(() => window.reglab.ready);
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
  await expect(page.locator('#c-backend option[value=wasm]')).toHaveText('CPU fast (wasm, one thread)');
  const fast = await page.evaluate(() => window.reglab.train({ iterations: 30, backend: 'wasm' }));
  expect(fast.backend).toBe('wasm');
  const r = await page.evaluate(() => window.reglab.train({ iterations: 30, backend: 'cpu' }));
  expect(r.backend).toBe('cpu');
});

test('CSV upload by file picker and by drag-and-drop; a malformed CSV shows its error and keeps the old data', async () => {
  const w = freshErrors();
  await open('');
  await page.evaluate(() => window.reglab.ready);
  await page.setInputFiles('#csv-train', { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(SMALL_CSV) });
  await expect(page.locator('#csv-status')).toContainText('loaded mine.csv: 6 training points');
  let state = await page.evaluate(() => window.reglab.state());
  expect(state.data).toEqual({ source: 'mine.csv', train: 6, test: null });
  expect((state.fields as Record<string, string>).dataset).toBe('csv');

  await page.setInputFiles('#csv-train', { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
  await expect(page.locator('#csv-error')).toHaveText('broken.csv, line 3: column 2 (x2) is "oops", not a number');
  state = await page.evaluate(() => window.reglab.state());
  expect(state.csv).toBe('mine.csv');
  expect(state.data).toEqual({ source: 'mine.csv', train: 6, test: null });

  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    document.getElementById('drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, SMALL_CSV.replace('0.1,0.2,1', '0.15,0.25,1'));
  await expect(page.locator('#csv-status')).toContainText('loaded dropped.csv');
  await expect(page.locator('#csv-error')).toBeHidden();
  const r = await page.evaluate(() => window.reglab.train({ dataset: 'csv', iterations: 20, backend: 'cpu', layers: [4] }));
  expect(r.data).toBe('dropped.csv');
  expect(r.test).toBeNull();
  expect(w.errors).toEqual([]);
});

test('the lesson\'s data.mat by file picker and by drop: both sets load; a 7.3 file, a bomb, deep nesting and a flipped bit are refused with its name', async () => {
  const w = freshErrors();
  await open('');
  await page.evaluate(() => window.reglab.ready);
  const pts: [number, number, number][] = [[0.1, 0.2, 1], [0.3, -0.4, 0], [-0.5, 0.6, 1], [0.7, 0.8, 0], [-0.2, -0.9, 1]];
  const mat = Buffer.from(writeMat(lessonVars(pts, pts.slice(0, 3)), { compress: true }));
  await page.setInputFiles('#csv-train', { name: 'data.mat', mimeType: 'application/octet-stream', buffer: mat });
  await expect(page.locator('#csv-status')).toContainText('loaded data.mat: 5 training, 3 test points');
  expect((await page.evaluate(() => window.reglab.state())).data).toEqual({ source: 'data.mat', train: 5, test: 3 });
  const v73 = Buffer.alloc(256);
  v73.write('MATLAB 7.3 MAT-file, Platform: GLNXA64');
  await page.evaluate((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'new.mat'));
    document.getElementById('drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [...v73]);
  await expect(page.locator('#csv-error')).toContainText('new.mat: this is a MATLAB 7.3 (HDF5) MAT-file');
  expect((await page.evaluate(() => window.reglab.state())).data).toEqual({ source: 'data.mat', train: 5, test: 3 });
  // files made to hurt the reader (the worker runs src/data/mat.ts): one line naming the file and the variable, the data kept;
  // the 81 KB nested file dropped on the plot, the 1 MB bomb and the corrupt file by the picker
  for (const [name, bytes, line] of [
    ['bomb.mat', bombMat(48), /^bomb\.mat: variable Z: a compressed element: it inflates past the 56 bytes it may hold \(stopped at \d+: a decompression bomb or a corrupt file\)$/],
    ['nested.mat', nestedMat(4000), /^nested\.mat: element 1 \(at byte 128\): a compressed element inside a compressed element .*malformed$/],
    ['flipped.mat', flippedBitMat().bytes, /^flipped\.mat: variable X: a compressed element: its checksum \(Adler-32\) does not match what it inflates to: the file is corrupt$/],
  ] as const) {
    if (name === 'nested.mat') {
      await page.evaluate(([n, b64]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], n));
        document.getElementById('drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, [name, Buffer.from(bytes).toString('base64')]);
    } else await page.setInputFiles('#csv-train', { name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
    await expect(page.locator('#csv-error')).toHaveText(line);
    expect((await page.evaluate(() => window.reglab.state())).data).toEqual({ source: 'data.mat', train: 5, test: 3 });
  }
  expect(w.errors).toEqual([]);
});

test('on the lesson\'s data with the lesson preset, compare shows the notebook\'s numbers beside the run; elsewhere it does not', async () => {
  await open('');
  await page.evaluate(() => window.reglab.ready);
  // data.mat's shape (211 training, 200 test points); the points themselves do not matter here
  const pts = (n: number, seed: number) => Array.from({ length: n }, (_, i): [number, number, number] =>
    [Math.sin(i * 12.9898 + seed) * 0.8, Math.cos(i * 78.233 + seed) * 0.6, i % 2]);
  const mat = Buffer.from(writeMat(lessonVars(pts(211, 1), pts(200, 2))));
  await page.setInputFiles('#csv-train', { name: 'data.mat', mimeType: 'application/octet-stream', buffer: mat });
  await expect(page.locator('#csv-status')).toContainText('211 training, 200 test points');
  await page.evaluate(() => window.reglab.compare({ course: true, iterations: 20, backend: 'cpu' }));
  // beside them, how many of the six this (20-iteration, float64) run gives
  await expect(page.locator('#compare-note')).toHaveText(/^The notebook prints, on the same data \(train \/ test accuracy\): none 94\.8 % \/ 91\.5 %, L2 93\.8 % \/ 93\.0 %, dropout 92\.9 % \/ 95\.0 %\. This run, on the float64 CPU reference, gives \d of the six\.$/);
  await page.evaluate(() => window.reglab.compare({ dataset: 'moons', course: true, iterations: 20, backend: 'cpu' }));
  await expect(page.locator('#compare-note')).toBeHidden();
});

test('after compare: the curves switch shows the objective the table reports, and the weight bars show L2 shrinking ‖W‖', async () => {
  const w = freshErrors();
  await open('');
  const got = await page.evaluate(() => window.reglab.compare({ dataset: 'moons', size: 120, noise: 0.3, iterations: 600, logEvery: 100, backend: 'cpu' }));
  const chart = page.locator('#costs');
  await expect(chart).toHaveAttribute('aria-label', /^cross-entropy curves: none /);
  await page.getByLabel('the training objective (what the notebook prints)').check();
  const label = (await chart.getAttribute('aria-label'))!;
  expect(label).toMatch(/^training objective curves: /);
  // each model's last objective point is its final cost, the table's "final objective"
  for (const r of got.runs) expect(label).toContain(`${r.name} ${r.finalCost.toPrecision(3)} at iteration 599`);
  await page.getByLabel('cross-entropy, train and test (no L2 term, no dropout)').check();
  await expect(chart).toHaveAttribute('aria-label', /^cross-entropy curves: /);
  // ‖W‖ per layer for each model: L2's weights are smaller than the unregularized model's in every layer
  const bars = (await page.locator('#weights').getAttribute('aria-label'))!;
  const models = bars.slice(bars.indexOf('): ') + 3).replace(/\.$/, '').split('; ');
  const norms = (name: string) => [...models.find((m) => m.startsWith(name))!.matchAll(/W\d (\d[\d.e+-]*)/g)].map((m) => Number(m[1]));
  const none = norms('none '), l2 = norms('L2 ');
  expect(none).toHaveLength(3);
  l2.forEach((v, l) => expect(v).toBeLessThan(none[l]));
  expect(w.errors).toEqual([]);
});

test('after a run, the replay slider redraws the boundary as it was (iteration 0: the untrained model)', async () => {
  const w = freshErrors();
  await open('');
  await page.evaluate(() => window.reglab.train({ dataset: 'moons', size: 120, noise: 0.3, iterations: 3000, backend: 'cpu' }));
  const slider = page.getByLabel('replay the boundary');
  await expect(slider).toBeVisible();
  await expect(page.locator('#replay-label')).toHaveText('after 3,000 iterations');
  const pixels = () => page.evaluate(() => {
    const c = document.getElementById('boundary') as HTMLCanvasElement;
    return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.filter((_, i) => i % 97 === 0)).join(',');
  });
  const trained = await pixels();
  await slider.fill('0');
  await expect(page.locator('#replay-label')).toHaveText('before training');
  expect(await pixels()).not.toBe(trained);
  await slider.fill('3000');
  expect(await pixels()).toBe(trained);
  expect(w.errors).toEqual([]);
});

test('λ and keep_prob follow the CLI\'s rule: empty means the command\'s default, 0 means 0', async () => {
  await open('dataset=moons&size=60&iterations=50&backend=cpu');
  await page.evaluate(() => window.reglab.ready);
  await expect(page.locator('#c-l2')).toHaveValue('');
  await page.click('#compare');
  await expect(page.locator('#status')).toContainText('Done: compare finished');
  await expect(page.locator('#compare-table tbody tr')).toHaveCount(3);
  await expect(page.locator('#compare-table tbody tr').nth(1).locator('td').first()).toHaveText('L2 (λ = 0.7)');
  await expect(page.locator('#compare-table tbody tr').nth(2).locator('td').first()).toHaveText('dropout (keep_prob = 0.86)');
  await page.fill('#c-l2', '0');
  await page.locator('#c-l2').dispatchEvent('change');
  await page.click('#compare');
  await expect(page.locator('#status')).toContainText('Done');
  await expect(page.locator('#compare-table tbody tr').nth(1).locator('td').first()).toHaveText('L2 (λ = 0)');
});

test('the URL hash restores the state, and the state follows the controls', async () => {
  // a load (not a hash change): the state read from the address as the page opens
  await page.goto('about:blank');
  await page.goto('/#dataset=xor&layers=8,4&l2=0.3&keepProb=0.75&activation=tanh&mode=compare');
  await page.evaluate(() => window.reglab.ready);
  await expect(page.locator('#c-dataset')).toHaveValue('xor');
  await expect(page.locator('#c-layers')).toHaveValue('8,4');
  await expect(page.locator('#c-activation')).toHaveValue('tanh');
  await expect(page.locator('#compare-view')).toBeVisible();
  const state = await page.evaluate(() => window.reglab.state());
  expect(state.fields).toMatchObject({ dataset: 'xor', layers: '8,4', l2: '0.3', keepProb: '0.75' });
  expect(state.mode).toBe('compare');
  await page.selectOption('#c-init', 'he');
  expect(new URL(page.url()).hash).toContain('init=he');
  await page.click('#course');
  await expect(page.locator('#c-iterations')).toHaveValue('30000');
  expect(new URL(page.url()).hash).toContain('course=1');
});

test('bad settings are shown inline naming the control, and nothing runs', async () => {
  await open('keepProb=1.5&backend=cpu');
  await page.evaluate(() => window.reglab.ready);
  await page.click('#train');
  await expect(page.locator('#error')).toHaveText('keep_prob: must be in (0, 1], got 1.5');
  await expect(page.locator('#c-keepProb')).toHaveClass(/invalid/);
  expect((await page.evaluate(() => window.reglab.state())).running).toBe(false);
});

/** How long a chunk of the running run takes here and now (a busy machine is slower): the time between two changes of its iteration. */
const chunkMs = (page: Page) => page.evaluate(() => new Promise<number>((resolve) => {
  const iteration = () => window.reglab.state().iteration as number;
  let last = iteration(), since = 0;
  const look = () => {
    if (iteration() !== last) {
      if (since) return resolve(performance.now() - since);
      since = performance.now();
      last = iteration();
    }
    setTimeout(look, 5);
  };
  look();
}));

test('pause, resume and reset keep the page responsive', async () => {
  await open('dataset=moons&iterations=200000&backend=cpu');
  await page.evaluate(() => window.reglab.ready);
  await page.click('#train');
  await expect.poll(() => page.evaluate(() => window.reglab.state().iteration as number)).toBeGreaterThan(0);
  // windows of three chunks' time as measured now, so that a loaded machine waits as long as it needs
  const span = Math.max(300, 3 * await chunkMs(page));
  const iteration = () => page.evaluate(() => window.reglab.state().iteration as number);
  await page.click('#pause');
  await expect.poll(() => page.evaluate(() => window.reglab.state().paused)).toBe(true);
  // the chunk in flight finishes (a paused run starts no other), then the count stays
  await expect.poll(async () => {
    const before = await iteration();
    await page.waitForTimeout(span);
    return (await iteration()) === before;
  }).toBe(true);
  const at = await iteration();
  await page.waitForTimeout(span);
  expect(await iteration()).toBe(at);
  await page.click('#pause');
  await expect.poll(() => page.evaluate(() => window.reglab.state().iteration as number)).toBeGreaterThan(at);
  await page.click('#reset');
  await expect.poll(() => page.evaluate(() => window.reglab.state().running)).toBe(false);
  // a stop is shown as one, not as an error
  const after = await page.evaluate(() => window.reglab.state());
  expect(after.error).toBeNull();
  expect(after.status).toBe('stopped');
  await expect(page.locator('#status')).toContainText('Stopped at iteration');
  await expect(page.locator('#train')).toBeEnabled();
  await expect(page.locator('#reset')).toBeDisabled();
});

/** A long train run on the CPU, stopped with the stop button once it has trained. */
async function stoppedRun(page: Page): Promise<void> {
  await open('dataset=moons&iterations=200000&backend=cpu');
  await page.evaluate(() => window.reglab.ready);
  await page.click('#train');
  await expect.poll(() => page.evaluate(() => window.reglab.state().iteration as number)).toBeGreaterThan(0);
  await page.click('#reset');
  await expect.poll(() => page.evaluate(() => window.reglab.state().status)).toBe('stopped');
}

test('after a stop, the next run\'s bad setting is reported as an error, not as another stop', async () => {
  await stoppedRun(page);
  const refused = await page.evaluate(() => window.reglab.train({ keepProb: 1.5, backend: 'cpu' }).then(() => 'ran', (e) => (e as Error).message));
  expect(refused).toBe('keepProb: must be in (0, 1], got 1.5');
  expect((await page.evaluate(() => window.reglab.state())).status).toBe('failed');
  await expect(page.locator('#error')).toHaveText('keep_prob: must be in (0, 1], got 1.5');
});

test('while a run goes: buttons disabled, a refused call changes nothing (fields, hash, view, error)', async () => {
  await open('dataset=moons&iterations=200000&backend=cpu');
  await page.evaluate(() => window.reglab.ready);
  await page.click('#train');
  await expect.poll(() => page.evaluate(() => window.reglab.state().iteration as number)).toBeGreaterThan(0);
  await expect(page.locator('#status')).toContainText('Running train');
  for (const id of ['#train', '#compare', '#lab-init', '#bench']) await expect(page.locator(id)).toBeDisabled();
  const before = await page.evaluate(() => ({ state: window.reglab.state(), hash: location.hash }));
  const refused = await page.evaluate(() => window.reglab.compare({ l2: 0.1, layers: '5' }).then(() => 'ran', (e) => (e as Error).message));
  expect(refused).toMatch(/already in progress/);
  const csv = await page.evaluate(() => window.reglab.loadCsv('x1,x2,label\n0,0,1\n').then(() => 'loaded', (e) => (e as Error).message));
  expect(csv).toMatch(/already in progress/);
  const after = await page.evaluate(() => ({ state: window.reglab.state(), hash: location.hash }));
  expect(after.hash).toBe(before.hash);
  expect(after.state.fields).toEqual(before.state.fields);
  expect(after.state.mode).toBe('train');
  expect(after.state.error).toBeNull();
  expect(after.state.running).toBe(true);
  await page.click('#reset');
  await expect.poll(() => page.evaluate(() => window.reglab.state().status)).toBe('stopped');
});

test('the API refuses what the CLI refuses, naming the field', async () => {
  await open('');
  await page.evaluate(() => window.reglab.ready);
  const why = (call: string) => page.evaluate((c) => {
    const api = window.reglab as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const [name, arg] = JSON.parse(c) as [string, unknown];
    return api[name](arg).then(() => 'ran', (e) => (e as Error).message);
  }, call);
  expect(await why(JSON.stringify(['compare', { l2: -1, iterations: 5, backend: 'cpu' }]))).toBe('l2: must be >= 0, got -1');
  expect(await why(JSON.stringify(['compare', { keepProb: 1.5, iterations: 5, backend: 'cpu' }]))).toBe('keepProb: must be in (0, 1], got 1.5');
  expect(await why(JSON.stringify(['loadCsv', null]))).toMatch(/^loadCsv: trainText must be CSV text .*got null$/);
  // the CLI says the same about the same values
  for (const [flag, value] of [['--l2', '-1'], ['--keep-prob', '1.5']]) {
    const r = spawnSync(process.execPath, ['bin/reglab.js', 'compare', flag, value, '--iterations', '5'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(flag === '--l2' ? 'must be >= 0, got -1' : 'must be in (0, 1], got 1.5');
  }
  expect((await page.evaluate(() => window.reglab.state())).running).toBe(false);
});

test('a phone (390×844): no sideways scroll, the plot before the settings, the three maps side by side', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open('dataset=moons&size=120&iterations=200&backend=cpu&mode=compare');
  await page.reload(); // a fresh first screen at the phone's size
  await page.evaluate(() => window.reglab.ready);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.click('#compare');
  await expect(page.locator('#status')).toContainText('Done: compare finished', { timeout: 60_000 });
  await expect(page.locator('#compare-table tbody tr')).toHaveCount(3, { timeout: 60_000 });
  expect(await overflow()).toBeLessThanOrEqual(0);
  const top = (sel: string) => page.locator(sel).evaluate((e) => e.getBoundingClientRect().top);
  expect(await top('#compare-view')).toBeLessThan(await top('#controls'));
  expect(await top('#boundary-l2')).toBe(await top('#boundary-none'));
  await expect(page.locator('#status')).toContainText('Done: compare finished');
  await shot(page, 'phone-compare');
});

test('compare mode draws non-blank boundaries (pixel check) and a screenshot is saved', async () => {
  const w = freshErrors();
  await page.setViewportSize({ width: 1280, height: 1000 });
  await open('dataset=moons&noise=0.3&iterations=1000&backend=gpu&mode=compare');
  await page.evaluate(() => window.reglab.ready);
  await page.click('#compare');
  await expect(page.locator('#status')).toContainText('Done: compare finished', { timeout: 90_000 });
  await expect(page.locator('#compare-table tbody tr')).toHaveCount(3, { timeout: 90_000 });
  for (const id of ['boundary-none', 'boundary-l2', 'boundary-dropout']) await notBlank(page, id, 50);
  await shot(page, 'compare');
  expect(w.errors).toEqual([]);
});

test('without WebGPU: a clear banner, and the CPU backends still work', async () => {
  const browser = await chromium.launch({
    executablePath: process.env.REGLAB_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-webgpu'],
  });
  try {
    const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
    await page.goto('/');
    expect((await page.evaluate(() => window.reglab.ready)).adapter).toBeNull();
    await expect(page.locator('#no-webgpu')).toBeVisible();
    // automatic is the default: the fast CPU engine without a GPU (e2e/engine.spec.ts); the reference is a choice away
    await expect(page.locator('#c-backend')).toHaveValue('auto');
    await expect(page.locator('#c-backend option[value=gpu]')).toBeDisabled();
    for (const backend of ['wasm', 'cpu'] as const) {
      const r = await page.evaluate((b) => window.reglab.train({ iterations: 30, backend: b }), backend);
      expect(r.backend).toBe(backend);
      expect(r.train.accuracy).toBeGreaterThan(0);
    }
  } finally {
    await browser.close();
  }
});
