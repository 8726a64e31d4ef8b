/**
 * The exercise in the page: window.reglab.exercise (checks in the sandbox worker, an endless loop
 * stopped with a message while the page trains on, trainWith against compare), the view (editors,
 * checks, training with the student's code beside the reference), the teacher's link, and the
 * editor's chunk loaded only when the exercise is opened.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { notBlank, shot, watchErrors } from './helpers';

const JS = ['compute_cost_with_regularization', 'backward_propagation_with_regularization', 'forward_propagation_with_dropout', 'backward_propagation_with_dropout'];
const SMALL = { course: true, dataset: 'moons', size: 160, noise: 0.3, iterations: 200, logEvery: 50 };

async function open(page: Page, url = '/#mode=exercise'): Promise<void> {
  await page.goto(url);
  await page.evaluate(() => window.reglab.ready);
}

test('the API: solutions pass, slips and errors are named, an endless loop is stopped and the page trains on, trainWith gives compare\'s JSON', async ({ page }) => {
  const watch = watchErrors(page);
  await open(page, '/');
  expect(await page.evaluate(() => window.reglab.exercise.list())).toEqual([...JS, 'dropout_keep_scale']);
  const solutions: Record<string, string> = await page.evaluate(async (names) => Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await window.reglab.exercise.solution(n)]))), [...JS, 'dropout_keep_scale']);
  for (const name of [...JS, 'dropout_keep_scale']) {
    const r = await page.evaluate(([n, s]) => window.reglab.exercise.check(n, s), [name, solutions[name]]);
    expect(r.message, name).toMatch(/^passed/);
    expect(r.passed).toBe(true);
  }
  const check = (name: string, source: string) => page.evaluate(([n, s]) => window.reglab.exercise.check(n, s), [name, source]);
  const noHalf = await check(JS[0], solutions[JS[0]].replace('(lambd / 2)', 'lambd'));
  expect(noHalf).toMatchObject({ passed: false, message: expect.stringMatching(/^cost differs: expected 1\.786485945, got .*the ½ of \(λ\/2\) is missing/) });
  expect(noHalf.expected).toEqual({ cost: expect.closeTo(1.78648594516, 10) });
  const forgot = await check(JS[3], solutions[JS[3]].replace('dA2 = dA2.mul(D2);', ''));
  expect(forgot.message).toMatch(/^dA2 differs .*multiply by D2/);
  const line = solutions[JS[2]].split('\n').findIndex((l) => l.includes('let A2 = relu(Z2);')) + 1;
  const syntax = await check(JS[2], solutions[JS[2]].replace('let A2 = relu(Z2);', 'let A2 = relu(Z2;'));
  expect(syntax).toMatchObject({ passed: false, line, message: expect.stringMatching(new RegExp(`^line ${line}, column \\d+: SyntaxError`)) });
  const wgsl = await check('dropout_keep_scale', 'return select(0.0, 1.0 / keep_prob, f32(word >> 8u) < kp);');
  expect(wgsl.message).toMatch(/^the WGSL compiler: your line, column \d+: .*kp/);

  // an endless loop: the check resolves with the timeout message, the page still trains, the next check has a fresh sandbox
  const loop = await check(JS[0], solutions[JS[0]].replace('const m = Y.shape[1];', 'const m = Y.shape[1];\n  while (true) {}'));
  expect(loop).toMatchObject({ passed: false, message: expect.stringMatching(/^stopped after 3 s without an answer: your function did not finish \(an endless loop\?\)/) });
  const trained = await page.evaluate(() => window.reglab.train({ dataset: 'moons', size: 120, iterations: 60, logEvery: 20, backend: 'cpu' }));
  expect(trained.costs.length).toBeGreaterThan(1);
  expect((await check(JS[0], solutions[JS[0]])).passed).toBe(true);

  // trainWith with the solutions: compare's JSON on the float64 CPU (the weights are the same: accuracies exactly)
  const mine = await page.evaluate(([src, s]) => window.reglab.exercise.trainWith(src, s), [solutions, SMALL] as const);
  const ref = await page.evaluate((s) => window.reglab.compare({ ...s, backend: 'cpu' }), SMALL);
  expect(mine.data).toBe(ref.data);
  expect(mine.runs.map((r) => r.name)).toEqual(ref.runs.map((r) => r.name));
  for (const [k, r] of ref.runs.entries()) {
    const s = mine.runs[k];
    expect(s.settings).toEqual(r.settings);
    expect(s.train).toEqual(r.train);
    expect(s.test).toEqual(r.test);
    expect(s.costs.map((c) => c.iteration)).toEqual(r.costs.map((c) => c.iteration));
    s.costs.forEach((c, i) => expect(Math.abs(c.cost - r.costs[i].cost)).toBeLessThanOrEqual(1e-12 * r.costs[i].cost));
  }
  await expect(page.evaluate(([src]) => window.reglab.exercise.trainWith(src, { dataset: 'moons', iterations: 10 }), [solutions])).rejects.toThrow(/dropoutRng: .*np\.random/);
  expect(watch.errors).toEqual([]);
});

test('the view: the four checks, then training with your code beside the reference, equal; the teacher\'s link hides solutions', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await open(page, '/');
  // the page's first load does not fetch the editor
  expect(requested.filter((u) => /exercise-(view|controller)/.test(u))).toEqual([]);
  const solutions: Record<string, string> = await page.evaluate(async (names) => Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await window.reglab.exercise.solution(n)]))), JS);
  // the student's work, as the editors keep it
  await page.evaluate((s) => { for (const [n, src] of Object.entries(s)) localStorage.setItem(`reglab.exercise.${n}`, src); }, solutions);
  await page.click('#lab-exercise');
  await expect(page.locator('#exercise-view .ex-blank').first()).toBeVisible();
  await expect(page.locator('#exercise-view .cm-lineNumbers').first()).toBeVisible();
  expect(await page.evaluate(() => window.reglab.state().mode)).toBe('exercise');
  await expect(page.locator('#ex-train')).toBeDisabled();
  for (const [k, name] of JS.entries()) {
    await page.locator('.ex-tab').nth(k).click();
    const section = page.locator(`#ex-${name}`);
    await section.getByRole('button', { name: 'check' }).click();
    await expect(section.locator('.ex-verdict')).toHaveText(/^✓ passed/);
  }
  await expect(page.locator('.ex-tab.ok')).toHaveCount(4);
  await page.fill('#ex-iterations', '100');
  await page.click('#ex-train');
  await expect(page.locator('#ex-train-status')).toHaveText(/^Done in .*your code trains exactly as the reference does/, { timeout: 60_000 });
  await expect(page.locator('#ex-table tbody tr')).toHaveCount(3);
  await expect(page.locator('#ex-table tbody tr td:last-child')).toHaveText(['yes', 'yes', 'yes']);
  await notBlank(page, 'ex-boundary-dropout');
  await notBlank(page, 'ex-costs', 5);
  await page.locator(`#ex-${JS[3]}`).getByRole('button', { name: 'show solution' }).click();
  await expect(page.locator(`#ex-${JS[3]} .ex-solution`)).toContainText('dA2 = dA2.mul(D2);');
  const { violations } = await new AxeBuilder({ page }).include('#exercise-view').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await shot(page, 'exercise-view');

  await open(page, '/?solutions=off#mode=exercise');
  await expect(page.locator('#exercise-view .ex-blank').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'show solution' })).toHaveCount(0);
  await expect(page.locator('#exercise-view')).toContainText('Solutions are off: this is your teacher\'s link.');
  await expect(page.evaluate(() => window.reglab.exercise.solution('compute_cost_with_regularization'))).rejects.toThrow(/solutions are turned off by this link/);
  // the switch survives the page rewriting its hash
  await page.click('.ex-tab >> nth=1');
  expect(new URL(page.url()).searchParams.get('solutions')).toBe('off');
});
