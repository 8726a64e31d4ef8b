/**
 * Issue 27, items 2 and 3: everything on screen downloads as a file whose content is checked (the
 * figures as PNG at 2× and the curves as SVG, the curves and compare's table as CSV, the run as the
 * CLI's JSON, the weights as `--save-weights` writes them — loaded back by `reglab train
 * --load-weights` and by the page's "load weights", predicting the accuracies the page showed — and
 * the data as CSV the reader reads); and data drawn on the plot trains, and trains again after a
 * reload through its link. Short CPU runs (300 iterations) on one page load per part.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parseCsv } from '../src/data/csv';
import { cliJson, watchErrors } from './helpers';

test.describe.configure({ mode: 'serial' });

const dir = mkdtempSync(join(tmpdir(), 'reglab-export-'));
const SETTINGS = 'iterations=300&logEvery=50&backend=cpu&layers=6,3';
/** The same settings for the API (whose calls start from the defaults, not from the controls). */
const RUN = { iterations: 300, logEvery: 50, backend: 'cpu', layers: '6,3' };
const MOONS = { dataset: 'moons', size: 120, noise: 0.3, ...RUN };
let page: Page;
let errors: { errors: string[] };
test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  errors = watchErrors(page);
  await page.goto(`/#dataset=moons&size=120&noise=0.3&${SETTINGS}`);
  await page.evaluate(() => window.reglab.ready);
});
test.afterAll(async () => {
  expect(errors.errors).toEqual([]);
  await page.close();
});

/** Click the download button named `name` (exactly); the file's path here. */
async function download(name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** A PNG's width and height, from its header (after the signature). */
function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const cssSize = (id: string) => page.locator(`#${id}`).evaluate((c: HTMLCanvasElement) => ({ width: c.clientWidth, height: c.clientHeight }));
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

test('train: every download is a file of what the page shows; the weights load back and predict the same accuracies', async () => {
  const result = await page.evaluate((s) => window.reglab.train(s), MOONS);
  await page.locator('#downloads > summary').click();

  const map = pngSize(await download('download boundary map PNG'));
  const mapCss = await cssSize('boundary');
  expect(map).toEqual({ width: 2 * mapCss.width, height: 2 * mapCss.height });
  const curves = pngSize(await download('download curves PNG'));
  const curvesCss = await cssSize('costs');
  expect(curves).toEqual({ width: 2 * curvesCss.width, height: 2 * curvesCss.height });
  expect(pngSize(await download('download network PNG')).width).toBeGreaterThan(0);
  expect(pngSize(await download('download histograms PNG')).width).toBeGreaterThan(0);

  // the SVG parses, with a line per curve
  const svg = readFileSync(await download('download curves SVG'), 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror') !== null, lines: doc.querySelectorAll('polyline').length };
  }, svg);
  expect(parsed).toEqual({ error: false, lines: 2 }); // train and test cross-entropy

  // the curves CSV: every curve's points; its last accuracies are the run's
  const rows = readFileSync(await download('download curves CSV'), 'utf8').trim().split('\n').map((l) => l.split(','));
  expect(rows[0]).toEqual(['model', 'curve', 'iteration', 'value']);
  const curve = (name: string) => rows.filter((r) => r[1] === name);
  for (const name of ['train cross-entropy', 'test cross-entropy', 'training objective', 'train accuracy', 'test accuracy']) expect(curve(name).length).toBeGreaterThan(2);
  expect(curve('train cross-entropy')[0][2]).toBe('0');
  expect(Number(curve('train accuracy').at(-1)![3])).toBe(result.train.accuracy);
  expect(Number(curve('test accuracy').at(-1)![3])).toBe(result.test!.accuracy);

  // the run: the CLI's --json shape, as the API returns it
  const run = JSON.parse(readFileSync(await download('download run JSON'), 'utf8'));
  expect(run).toEqual(await page.evaluate(() => window.reglab.exportRun()));
  expect(run.data).toBe(result.data);
  expect(run.settings.layers).toEqual([6, 3]);
  expect(run.train).toEqual(result.train);
  expect(run.costs.length).toBeGreaterThan(0);

  // the data: the reader's CSV, train and test
  const trainCsv = await download('download data CSV'), testCsv = await download('download test data CSV');
  const train = parseCsv(readFileSync(trainCsv, 'utf8')), test = parseCsv(readFileSync(testCsv, 'utf8'));
  expect([train.m, test.m]).toEqual([await page.evaluate(() => (window.reglab.state().data as { train: number }).train), 120 - train.m]);

  // the weights: --save-weights' shape; the CLI loads them and predicts the page's accuracies
  const weights = await download('download weights JSON');
  const w = JSON.parse(readFileSync(weights, 'utf8'));
  expect(Object.keys(w)).toEqual(['dims', 'activation', 'W', 'b']);
  expect(w).toEqual(await page.evaluate(() => window.reglab.exportWeights()));
  expect(w.dims).toEqual([2, 6, 3, 1]);
  const predicted = cliJson(['train', '--train', trainCsv, '--test', testCsv, '--load-weights', weights, '--iterations', '0']);
  expect(predicted.train.accuracy).toBe(result.train.accuracy);
  expect(predicted.test.accuracy).toBe(result.test!.accuracy);
  const right = (labels: number[], set: typeof train) => labels.filter((y, j) => y === set.Y[j]).length / set.m;
  expect(right(predicted.predictions.train, train)).toBe(result.train.accuracy);
  expect(right(predicted.predictions.test, test)).toBe(result.test!.accuracy);
  await expect(page.locator('#status')).toContainText(`train ${pct(predicted.train.accuracy)}, test ${pct(predicted.test.accuracy)}`);

  // and the page loads them back: the loaded model's map and accuracies, nothing trained
  await page.getByLabel('load weights').setInputFiles(weights);
  await expect(page.locator('#stats')).toHaveText(`loaded weights reglab-weights.json (2 → 6 → 3 → 1, relu), not trained · train ${pct(result.train.accuracy)} · test ${pct(result.test!.accuracy)}`);
  // a bad file: its error, naming it
  writeFileSync(join(dir, 'bad.json'), '{"dims": [2, 1]}');
  await page.getByLabel('load weights').setInputFiles(join(dir, 'bad.json'));
  await expect(page.locator('#error')).toContainText('bad.json: "activation" must be one of relu, tanh, sigmoid');
});

test('compare: the table CSV holds the table as it reads, and each model has its weights', async () => {
  await page.evaluate((s) => window.reglab.compare(s), MOONS);
  const table = await page.locator('#compare-table').evaluate((t: HTMLTableElement) =>
    [...t.rows].map((r) => [...r.cells].map((c) => c.textContent!.trim())));
  const csv = readFileSync(await download('download table CSV'), 'utf8').trim().split('\n').map((l) => l.split(','));
  expect(csv).toEqual(table);
  expect(csv).toHaveLength(4);
  const run = JSON.parse(readFileSync(await download('download run JSON'), 'utf8'));
  expect(run.runs.map((r: { name: string }) => r.name)).toEqual(['none', 'L2 (λ = 0.7)', 'dropout (keep_prob = 0.86)']);
  const l2 = JSON.parse(readFileSync(await download('download weights JSON (L2 (λ = 0.7))'), 'utf8'));
  expect(l2).toEqual(await page.evaluate(() => window.reglab.exportWeights('l2')));
  expect(pngSize(await download('download boundary map PNG (dropout (keep_prob = 0.86))')).width).toBe(2 * (await cssSize('boundary-dropout')).width);
  expect(pngSize(await download('download weight sizes PNG')).width).toBe(2 * (await cssSize('weights')).width);
});

test('20 points drawn on the plot train, and train again after a reload through the link', async () => {
  await page.goto('about:blank');
  // the lesson's 20,3 network (a 6,3 one can start dead on so few points)
  await page.goto('/#iterations=300&logEvery=50&backend=cpu');
  await page.evaluate(() => window.reglab.ready);
  await page.getByRole('button', { name: 'draw data' }).click();
  await expect(page.getByRole('button', { name: 'draw data' })).toHaveAttribute('aria-pressed', 'true');
  const box = (await page.locator('#boundary').boundingBox())!;
  // 10 blue points on the left, 10 orange on the right (shift-click: the other class)
  for (let i = 0; i < 10; i++) {
    const y = box.y + box.height * (0.15 + 0.06 * i);
    await page.mouse.click(box.x + box.width * (0.2 + 0.02 * (i % 3)), y);
    await page.keyboard.down('Shift');
    await page.mouse.click(box.x + box.width * (0.75 + 0.02 * (i % 3)), y);
    await page.keyboard.up('Shift');
  }
  await expect(page.locator('#draw-count')).toHaveText('your drawing: 20 points, 10 blue (label 0) and 10 orange (label 1)');
  // a right click removes the nearest point, a click puts it back
  await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.15, { button: 'right' });
  await expect(page.locator('#draw-count')).toHaveText('your drawing: 19 points, 9 blue (label 0) and 10 orange (label 1)');
  await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.15);
  await expect(page.locator('#draw-count')).toHaveText('your drawing: 20 points, 10 blue (label 0) and 10 orange (label 1)');
  expect(new URL(page.url()).hash).toMatch(/dataset=csv.*draw=[A-Za-z0-9_-]+/);
  const drawn = readFileSync(await downloadFromMenu(), 'utf8');
  expect(parseCsv(drawn).m).toBe(20);
  await page.getByRole('button', { name: 'download test data CSV' }).click();
  await expect(page.locator('#error')).toHaveText('this data set has no test points'); // a drawing is all training points

  await page.getByRole('button', { name: 'train', exact: true }).click();
  await expect(page.locator('#status')).toContainText(/Done: .*train \d+\.\d %/);
  expect(await page.locator('#status').textContent()).toContain('train 100.0 %'); // two separate clouds: learned
  const first = await page.evaluate(() => window.reglab.exportRun()) as { data: string; test: null; train: unknown };
  expect(first).toMatchObject({ data: 'your drawing (20 points)', test: null });

  const link = page.url();
  await page.goto('about:blank');
  await page.goto(link);
  await page.evaluate(() => window.reglab.ready);
  expect(await downloadText()).toBe(drawn); // the same 20 points are the data
  const again = await page.evaluate(() => window.reglab.train({ iterations: 300, logEvery: 50, backend: 'cpu' }));
  expect(again.data).toBe('your drawing (20 points)');
  expect(again.train).toEqual(first.train); // the same points in the same order, the same settings: the same run
});

async function downloadFromMenu(): Promise<string> {
  if (!(await page.locator('#downloads').evaluate((d: HTMLDetailsElement) => d.open))) await page.locator('#downloads > summary').click();
  return download('download data CSV');
}
const downloadText = async () => readFileSync(await downloadFromMenu(), 'utf8');

test('on a phone: a tap on the plot in draw mode adds a point of the chosen class; the downloads stay one line until opened', async ({ browser }) => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const phoneErrors = watchErrors(phone);
  await phone.goto('/#iterations=300&logEvery=50&backend=cpu');
  await phone.evaluate(() => window.reglab.ready);
  await phone.getByRole('button', { name: 'draw data' }).tap();
  await phone.getByLabel('class').selectOption('1');
  const box = (await phone.locator('#boundary').boundingBox())!;
  await phone.touchscreen.tap(box.x + box.width * 0.6, box.y + box.height * 0.4);
  await phone.touchscreen.tap(box.x + box.width * 0.7, box.y + box.height * 0.5);
  await expect(phone.locator('#draw-count')).toHaveText('your drawing: 2 points, 0 blue (label 0) and 2 orange (label 1)');
  // one class only: training says what is missing, naming the data control
  await phone.getByRole('button', { name: 'train', exact: true }).tap();
  await expect(phone.locator('#error')).toContainText('your drawing needs points of both classes');
  expect((await phone.locator('#downloads > summary').boundingBox())!.height).toBeLessThan(40);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(phoneErrors.errors).toEqual([]);
  await phone.close();
});
