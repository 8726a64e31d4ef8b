// `node scripts/screenshots.js [OUTDIR]`: the page at 1400×900, 1280×720 (a projector: compare's screen,
// page-projector.png) and 390×844 (a phone), after a
// compare run on the built-in data (and the first screen before it), and the sweep lab's view, as
// PNGs in OUTDIR (default test-results/screens). The sweep runs on the lesson's data when
// ../shared/data/football_{train,test}.csv exist (the lesson's settings, λ from 0 to 3, 3 seeds),
// else on a built-in set. Builds and serves the page on 127.0.0.1 (WebGPU needs a secure context).
// `--docs` writes the README's docs/page-desktop.png, docs/page-phone.png (each with its -first twin)
// and docs/page-desktop-sweep.png. Both sizes also get the exercise view (page-NAME-exercise.png):
// the solutions typed in, checked, and the lesson's model trained with them on a built-in set (with
// `--docs`, docs/page-desktop-exercise.png); `--exercise` takes only those. Both sizes also get the
// network view after a compare with an L1 model (network-NAME.png, and the desktop's weight
// histograms, weight-histograms.png); `--network` takes only those. `--labs` takes only the labs'
// pictures of docs/labs.md (lab-NAME.png), each opened by a class link with run=auto.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.js';
import { ensureNodeModules, root, run } from './ensure.js';

ensureNodeModules();
const docs = process.argv.includes('--docs');
const exerciseOnly = process.argv.includes('--exercise');
const networkOnly = process.argv.includes('--network');
const labsOnly = process.argv.includes('--labs');
const outDir = docs ? join(root, 'docs') : (process.argv.slice(2).find((a) => !a.startsWith('--')) ?? join(root, 'test-results', 'screens'));
mkdirSync(outDir, { recursive: true });
const vite = join(root, 'node_modules', '.bin', 'vite');
if (run(vite, ['build', '--logLevel', 'warn']) !== 0) process.exit(1);
const port = Number(process.env.REGLAB_SCREENSHOT_PORT ?? 4181);
const server = spawn(vite, ['preview', '--host', '127.0.0.1', '--strictPort', '--port', String(port)], { cwd: root, stdio: 'ignore' });
try {
  await new Promise((r) => setTimeout(r, 1500));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  if (labsOnly) await labShots(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
  for (const [name, viewport] of labsOnly ? [] : [['desktop', { width: 1400, height: 900 }], ['projector', { width: 1280, height: 720 }], ['phone', { width: 390, height: 844 }]]) {
    const page = await browser.newPage({ viewport, deviceScaleFactor: name === 'phone' ? 2 : 1 });
    if (name === 'projector') { // a classroom projector: compare's screen only
      if (exerciseOnly || networkOnly) continue;
      await page.goto(`http://127.0.0.1:${port}/#mode=compare`);
      await page.evaluate(() => window.reglab.compare({ dataset: 'moons', noise: 0.3, size: 300, iterations: 3000, logEvery: 100 }));
      const file = join(outDir, 'page-projector.png');
      await page.screenshot({ path: file });
      console.log(file);
      continue;
    }
    if (!networkOnly && (!docs || name === 'desktop')) await exerciseShot(page, name); // the docs show the desktop one
    await networkShot(page, name);
    if (exerciseOnly || networkOnly) continue;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.evaluate(() => window.reglab.ready);
    // the first screen, as a student opening the page sees it once its data is drawn (the points
    // come from a worker: wait until the plot has more than its frame's few colours)
    await page.waitForFunction(() => {
      const c = document.getElementById('boundary');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const seen = new Set();
      for (let i = 0; i < d.length; i += 4 * 5) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return seen.size > 20;
    }, null, { timeout: 30_000 });
    await page.screenshot({ path: join(outDir, `page-${name}-first.png`) });
    await page.evaluate(() => window.reglab.compare({ dataset: 'moons', noise: 0.3, size: 300, iterations: 3000, logEvery: 100 }));
    const file = join(outDir, `page-${name}.png`);
    await page.screenshot({ path: file, fullPage: !docs });
    console.log(file);
    if (docs && name === 'phone') continue; // the README shows the desktop sweep only
    const lesson = join(root, '..', 'shared', 'data');
    if (existsSync(join(lesson, 'football_train.csv'))) {
      await page.evaluate(([tr, te]) => window.reglab.loadCsv(tr, te), [readFileSync(join(lesson, 'football_train.csv'), 'utf8'), readFileSync(join(lesson, 'football_test.csv'), 'utf8')]);
      await page.evaluate(() => window.reglab.sweep({ course: true, dataset: 'csv', seeds: 2, iterations: 30000, logEvery: 1000, backend: 'gpu' }));
    } else {
      await page.evaluate(() => window.reglab.sweep({ dataset: 'moons', noise: 0.3, size: 300, seeds: 3, iterations: 3000, logEvery: 500, backend: 'gpu' }));
    }
    const sweep = join(outDir, `page-${name}-sweep.png`);
    await page.screenshot({ path: sweep, fullPage: true });
    console.log(sweep);
  }
  await browser.close();

  /**
   * The lesson's labs for docs/labs.md, each opened by a class link that runs it on open (run=auto)
   * with the lab's own defaults: lab-NAME.png, the whole page at 1280 px.
   */
  async function labShots(page) {
    const labs = {
      init: 'view=init', gradients: 'view=gradients', landscape: 'view=landscape', gradcheck: 'view=gradcheck',
      'early-stopping': 'dataset=moons&noise=0.4&size=160&layers=64,32&iterations=20000&logEvery=100&learningRate=0.5&earlyStopping=4',
      augmentation: 'view=compare&dataset=moons&size=100&noise=0.3&iterations=3000&augmentCopies=3&augmentSigma=0.1&compareAugmented=yes',
    };
    for (const [name, hash] of Object.entries(labs)) {
      await page.goto('about:blank');
      await page.goto(`http://127.0.0.1:${port}/#${hash}&run=auto`);
      await page.waitForFunction(() => /^Done/.test(document.getElementById('status').textContent), null, { timeout: 300_000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      const file = join(outDir, `lab-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
  }

  /** The network figure after a compare with an L1 model beside none, L2 and dropout (and, on the desktop, the weight histograms). */
  async function networkShot(page, name) {
    if (exerciseOnly) return;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.evaluate(() => window.reglab.compare({ dataset: 'moons', noise: 0.3, size: 300, iterations: 3000, logEvery: 100, withL1: 0.3 }));
    const file = join(outDir, `network-${name}.png`);
    await page.locator('#network-figure').screenshot({ path: file });
    console.log(file);
    if (name !== 'desktop') return;
    const histograms = join(outDir, 'weight-histograms.png');
    await page.locator('#histograms-figure').screenshot({ path: histograms });
    console.log(histograms);
  }

  /** The exercise view with the four solutions checked and the lesson's model trained with them (2 000 iterations on moons). */
  async function exerciseShot(page, name) {
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.evaluate(async () => {
      await window.reglab.ready;
      for (const n of window.reglab.exercise.list().slice(0, 4)) localStorage.setItem(`reglab.exercise.${n}`, await window.reglab.exercise.solution(n));
    });
    await page.goto(`http://127.0.0.1:${port}/#mode=exercise`);
    await page.reload();
    await page.locator('.ex-blank').first().waitFor();
    for (let k = 3; k >= 0; k--) {
      await page.locator('.ex-tab').nth(k).click();
      await page.locator('.ex-blank:visible').getByRole('button', { name: 'check' }).click();
      await page.locator('.ex-blank:visible .ex-verdict').waitFor();
    }
    await page.fill('#ex-iterations', '2000');
    await page.click('#ex-train');
    await page.waitForFunction(() => /^Done/.test(document.getElementById('ex-train-status').textContent), null, { timeout: 120_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const file = join(outDir, `page-${name}-exercise.png`);
    // the docs show the view alone; the check shots show the whole page around it
    if (docs) await page.locator('#exercise-view').screenshot({ path: file });
    else await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
} finally {
  server.kill();
}
