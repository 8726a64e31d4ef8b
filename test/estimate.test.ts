/**
 * What a run will cost (src/train/estimate.ts): the model against the measurements it was fitted
 * to (docs/performance.md, "What a run will cost"), monotone in every size, and the CLI's notice,
 * refusal and --yes — each run is stopped as soon as it has said its estimate, so nothing long runs.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withMonitor } from '../src/data/prepare';
import { generateDataset } from '../src/data/generators';
import { validateSettings } from '../src/model/settings';
import { resolveSettings } from '../src/train/requests';
import {
  costEngine, costVerdict, ENGINE_COSTS, ESTIMATE_CAP_S, ESTIMATE_NOTICE_S, estimateSeconds, formatDuration, runSize, type CostEngine,
} from '../src/train/estimate';

/** docs/performance.md's measured ms per iteration: [hidden, m, dropout, ms] (dropout rows have λ 0.7 too). */
const MEASURED: Record<CostEngine, [number[], number, boolean, number][]> = {
  'cpu-f64': [[[20, 3], 211, false, 0.1367], [[20, 3], 211, true, 0.2755], [[256, 256], 4096, true, 545]],
  'cpu-f32': [[[20, 3], 211, false, 0.283], [[20, 3], 211, true, 0.390], [[20, 20], 256, true, 1.66], [[20, 20], 4096, true, 30.7],
    [[20, 20], 65536, true, 446], [[64, 64], 256, true, 15.2], [[64, 64], 4096, true, 166], [[256, 256], 256, true, 138]],
  wasm: [[[20, 3], 211, false, 0.0133], [[20, 3], 211, true, 0.0425], [[256, 256], 4096, true, 53.5]],
  'gpu-software': [[[20, 3], 211, false, 0.0865], [[20, 3], 211, true, 0.287], [[20, 20], 256, true, 0.937], [[20, 20], 4096, true, 12.3],
    [[20, 20], 65536, true, 177], [[64, 64], 256, true, 25.9], [[64, 64], 4096, true, 312], [[64, 64], 65536, true, 3833],
    [[256, 256], 256, true, 121], [[256, 256], 4096, true, 1541], [[1024, 1024], 256, true, 1157], [[20, 3], 211, true, 0.18], [[256, 256], 4096, true, 1005]],
  gpu: [[[20, 20], 256, true, 0.375], [[20, 20], 4096, true, 0.556], [[20, 20], 65536, true, 2.32], [[64, 64], 256, true, 0.327],
    [[64, 64], 4096, true, 0.358], [[64, 64], 65536, true, 3.79], [[256, 256], 256, true, 0.591], [[256, 256], 4096, true, 1.93],
    [[256, 256], 65536, true, 9.49], [[1024, 1024], 4096, true, 5.93], [[1024, 1024], 65536, true, 24.3]],
};
/** How far the model may land from a measurement it was fitted to, as docs/performance.md states. */
const WITHIN: Record<CostEngine, number> = { 'cpu-f64': 1.05, 'cpu-f32': 1.3, wasm: 1.05, 'gpu-software': 2.5, gpu: 2.5 };
const ENGINES = Object.keys(ENGINE_COSTS) as CostEngine[];

describe('the estimate', () => {
  it.each(ENGINES)('%s lands within the stated factor of every measurement it was fitted to', (engine) => {
    for (const [layers, m, dropout, ms] of MEASURED[engine]) {
      const est = 1000 * estimateSeconds({ features: 2, layers, m, iterations: 1, keepProb: dropout ? 0.86 : 1 }, engine);
      expect(Math.max(est / ms, ms / est), `${engine} [${layers}] × ${m}${dropout ? ' dropout' : ''}: ${est.toPrecision(3)} ms estimated, ${ms} measured`).toBeLessThanOrEqual(WITHIN[engine]);
    }
  });

  it('grows with examples, iterations and width, and with dropout, on every engine', () => {
    fc.assert(fc.property(
      fc.constantFrom(...ENGINES), fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e5 }), fc.array(fc.integer({ min: 1, max: 512 }), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 3 }),
      (engine, m, iterations, layers, grow, which) => {
        const base = { features: 2, layers, m, iterations, keepProb: 1 };
        const bigger = [
          { ...base, m: m * grow + 1 }, { ...base, iterations: iterations * grow + 1 },
          { ...base, layers: layers.map((n, i) => (i === 0 ? n * grow + 1 : n)) }, { ...base, keepProb: 0.5 },
        ][which];
        expect(estimateSeconds(bigger, engine)).toBeGreaterThanOrEqual(estimateSeconds(base, engine));
      },
    ));
  });

  it('counts what a run trains on: the validation split held out, the augmented copies added', () => {
    const data = generateDataset({ name: 'moons', size: 300, noise: 0.2, seed: 1, testFraction: 0.5 });
    for (const given of [{}, { earlyStopping: 3 }, { augmentCopies: 2, augmentMirror: 'x1' as const }, { earlyStopping: 2, augmentRotate: 90 as const }]) {
      const settings = validateSettings(resolveSettings(given, {}));
      expect(runSize(settings, data.train.m, 2).m, JSON.stringify(given)).toBe(withMonitor(settings, data.train, data.test).train.m);
    }
  });

  it('picks the engine the settings run on, says durations as a person would, and sorts them by the thresholds', () => {
    expect(costEngine({ backend: 'cpu', precision: 'f64' }, null)).toBe('cpu-f64');
    expect(costEngine({ backend: 'cpu', precision: 'f32' }, { isSoftware: false })).toBe('cpu-f32');
    expect(costEngine({ backend: 'wasm', precision: 'f64' }, null)).toBe('wasm');
    expect(costEngine({ backend: 'auto', precision: 'f64' }, null)).toBe('cpu-f64');
    expect(costEngine({ backend: 'auto', precision: 'f64' }, { isSoftware: true })).toBe('gpu-software');
    expect(costEngine({ backend: 'gpu', precision: 'f64' }, { isSoftware: false })).toBe('gpu');
    expect([45, 600, 3600, 7800, 4 * 86400].map(formatDuration)).toEqual(['45 s', '10 min', '1 h', '2 h 10 min', '4.0 days']);
    expect([ESTIMATE_NOTICE_S, ESTIMATE_NOTICE_S + 1, ESTIMATE_CAP_S, ESTIMATE_CAP_S + 1].map(costVerdict)).toEqual(['quiet', 'notice', 'notice', 'over-cap']);
  });
});

const bin = fileURLToPath(new URL('../bin/reglab.js', import.meta.url));

/** Run the CLI until it has said its estimate (then stop it: the run had started) or ended by itself. */
function untilEstimate(...args: string[]): Promise<{ code: number | null; stopped: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '', stopped = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (/Ctrl-C stops it\n/.test(stderr) && !stopped) {
        stopped = true;
        child.kill('SIGTERM');
      }
    });
    child.on('close', (code) => resolve({ code, stopped, stderr }));
  });
}

describe('the CLI says a run\'s cost before it starts', () => {
  // [200, 200] × 200 examples on the CPU reference: about 15 ms an iteration
  const big = ['train', '--dataset', 'moons', '--size', '400', '--layers', '200,200', '--backend', 'cpu', '--json'];

  it('over a minute: the estimate on stderr, then the run', async () => {
    const r = await untilEstimate(...big, '--iterations', '20000');
    expect(r.stderr).toMatch(/^reglab: estimated time about \d+ min on the CPU reference \(float64\): 20000 iterations × 200 examples; Ctrl-C stops it\n/);
    expect(r.stopped).toBe(true);
  });

  it('over an hour: refused (exit 2, naming --iterations) before anything trains; --yes starts it', async () => {
    const refused = await untilEstimate(...big, '--iterations', '2000000');
    expect(refused).toMatchObject({ code: 2, stopped: false });
    expect(refused.stderr).toMatch(/^reglab: --iterations: this would take about 8 h \d+ min on the CPU reference \(float64\): 2000000 iterations × 200 examples, over the 1 h a run may take unasked; --yes starts it anyway/);
    expect(refused.stderr.split('\n')).toHaveLength(2); // one line
    const yes = await untilEstimate(...big, '--iterations', '2000000', '--yes');
    expect(yes.stderr).toMatch(/^reglab: estimated time about 8 h \d+ min .* \(over the cap; started as --yes asks\); Ctrl-C stops it\n/);
    expect(yes.stopped).toBe(true);
  });

  it('compare counts its three runs; a short run says nothing', async () => {
    const r = await untilEstimate('compare', '--dataset', 'moons', '--size', '400', '--layers', '200,200', '--iterations', '5000', '--backend', 'cpu', '--json');
    expect(r.stderr).toMatch(/^reglab: estimated time about \d+ min on the CPU reference \(float64\): 3 runs × 5000 iterations × 200 examples/);
    const quiet = await untilEstimate('train', '--dataset', 'moons', '--size', '40', '--iterations', '5', '--json');
    expect(quiet).toEqual({ code: 0, stopped: false, stderr: '' });
    // auto (the default) is estimated on the engine it picks: here (SwiftShader, software) the fast one
    const auto = await untilEstimate('train', '--dataset', 'moons', '--size', '400', '--layers', '1000,1000', '--iterations', '200000', '--json');
    expect(auto.stderr).toMatch(/^reglab: --iterations: this would take about [\d.]+ (h|days)[^:]* on the fast CPU engine: 200000 iterations × 200 examples/);
  });
});
