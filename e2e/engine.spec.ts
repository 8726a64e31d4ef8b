/**
 * Fast by default (issue 25, item 1): the backend control's default is "automatic (fastest here)",
 * the engine rule of src/train/engine-choice.ts. On SwiftShader (a software adapter) the default run
 * is not on the GPU and the page says why, naming the adapter as software; in a Chromium started
 * without the WebGPU flags, where requestAdapter() gives null, the train button and train({}) train.
 */
import { chromium, expect, test, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.js';
import { watchErrors } from './helpers';

/** Press train and wait for the run's end: its status. */
async function trainButton(page: Page): Promise<string> {
  await page.click('#train');
  await expect.poll(() => page.evaluate(() => window.reglab.state().status)).toMatch(/done|failed|stopped/);
  return page.evaluate(() => window.reglab.state().status as string);
}

test('on SwiftShader the default run is on the fast CPU engine, and the page says why: the adapter is software', async ({ page }) => {
  const w = watchErrors(page);
  await page.goto('/#dataset=moons&size=120&iterations=300');
  const ready = await page.evaluate(() => window.reglab.ready);
  expect(ready).toMatchObject({ adapter: expect.stringMatching(/swiftshader/i), software: true });
  await expect(page.locator('#adapter')).toContainText(/WebGPU adapter: .*swiftshader.*\(software — the CPU is faster here\)/i);
  await expect(page.locator('#c-backend')).toHaveValue('auto');
  await expect(page.locator('#c-backend option[value=auto]')).toHaveText('automatic (fastest here)');
  // the button: the run's model says where it trained, the engine line why
  expect(await trainButton(page)).toBe('done');
  await expect(page.locator('#engine')).toContainText(/^Engine: fast CPU \(wasm\) — the WebGPU adapter \(.*swiftshader.*\) is software: the CPU is faster\.$/i);
  // the API: the engine that ran, in the result and its settings (never "auto")
  const r = await page.evaluate(() => window.reglab.train({ dataset: 'moons', size: 120, iterations: 200 }));
  expect([r.backend, r.settings.backend, r.adapter]).toEqual(['wasm', 'wasm', null]);
  // the hash keeps backend= only when it is not automatic
  expect(await page.evaluate(() => location.hash)).not.toContain('backend=');
  await page.selectOption('#c-backend', 'gpu');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('backend=gpu');
  const gpu = await page.evaluate(() => window.reglab.train({ dataset: 'moons', size: 120, iterations: 200, backend: 'gpu' }));
  expect(gpu.backend).toBe('gpu');
  await expect(page.locator('#engine')).toHaveText('Engine: GPU (WebGPU), as the backend control asks.');
  // what cannot train in an hour is refused before it starts, with its estimate, as the CLI refuses it without --yes
  const refused = await page.evaluate(() => window.reglab.train({ layers: [1000, 1000], iterations: 1_000_000 }).then(() => 'ran', (e: Error) => e.message));
  expect(refused).toMatch(/^iterations: this would take about [\d.]+ (h|days)[^:]* on the fast CPU engine: 1000000 iterations × \d+ examples, over the 1 h a run may take here/);
  await expect(page.locator('#error')).toContainText('this would take about');
  expect(await page.evaluate(() => window.reglab.state().status)).toBe('failed');
  expect(w.errors).toEqual([]);
});

test('in a Chromium without the WebGPU flags (no adapter) the train button, train({}) and compare train', async () => {
  // the suite's own arguments without --enable-unsafe-webgpu and the Vulkan ones: navigator.gpu is there, its adapter null
  const args = CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu' && !/vulkan|swiftshader|angle/i.test(a));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  try {
    const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
    const w = watchErrors(page);
    await page.goto('/#dataset=moons&size=120&iterations=200');
    expect(await page.evaluate(async () => navigator.gpu ? String(await navigator.gpu.requestAdapter()) : 'no navigator.gpu')).toBe('null');
    expect((await page.evaluate(() => window.reglab.ready)).adapter).toBeNull();
    await expect(page.locator('#no-webgpu')).toBeVisible();
    await expect(page.locator('#c-backend')).toHaveValue('auto');
    expect(await trainButton(page)).toBe('done');
    await expect(page.locator('#engine')).toHaveText('Engine: fast CPU (wasm) — no WebGPU adapter here, so the fast CPU engine trains.');
    // the API's defaults (30 000 iterations of the lesson's network: about a second on the fast engine)
    const r = await page.evaluate(() => window.reglab.train({}).then((x) => ({ backend: x.backend, accuracy: x.train.accuracy, iterations: x.settings.iterations })));
    expect(r).toMatchObject({ backend: 'wasm', iterations: 30000 });
    expect(r.accuracy).toBeGreaterThan(0.5);
    const c = await page.evaluate(() => window.reglab.compare({ dataset: 'moons', size: 120, iterations: 200 }).then((x) => x.runs.map((run) => run.backend)));
    expect(c).toEqual(['wasm', 'wasm', 'wasm']);
    expect(w.errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
