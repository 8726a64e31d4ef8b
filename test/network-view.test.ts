/**
 * The page's network view, its computations: the mask it shows for an example at an iteration
 * (exampleMasks) against each CPU engine's own masks of that iteration — the reference's and the
 * fast engine's, Philox and the lesson's numpy stream (the GPU's flags: test/gpu-kernels.test.ts);
 * a frame's maps against the reference's forward pass, its weights, histograms and near-zero share;
 * and the run loop cut short for a step (the page's step), which must not change a run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { exampleMasks, philoxMask } from '../src/model/dropout';
import { hyperParams } from '../src/model/hyper';
import { makeSpec } from '../src/model/network';
import { DEFAULT_SETTINGS, validateSettings } from '../src/model/settings';
import { nearZeroShare } from '../src/model/sparsity';
import { CpuTrainer } from '../src/reference/trainer';
import { createTrainer } from '../src/train/factory';
import { boundsOf, gridPoints } from '../src/train/grid';
import { FRAME_GRID, HISTOGRAM_BINS, MAX_SHOWN, networkFrame, unitScale } from '../src/train/network-frame';
import { runTraining } from '../src/train/run';
import { WasmEngine } from '../src/wasm/engine';
import { WasmTrainer } from '../src/wasm/trainer';
import { moons, smallRun } from './small-runs';

afterAll(async () => {
  (await WasmEngine.get()).stopWorkers();
});

/** Column j of each (n × m) mask: what the view should show for example j. */
const column = (masks: Uint8Array[], m: number, j: number) => masks.map((mask) => Uint8Array.from({ length: mask.length / m }, (_, u) => mask[u * m + j]));

describe('the network view\'s mask is the engine\'s mask of that iteration', () => {
  // hidden layers of 37 and 5 units over 13 examples: elements cross Philox blocks unevenly
  const spec = makeSpec(2, [37, 5], 'relu');
  const m = 13;

  it.each(['philox', 'numpy'] as const)('%s: every example, iterations 0–5, on the CPU reference and the fast CPU engine', async (rng) => {
    const o = smallRun(spec, m, 4, { keepProb: 0.7, dropoutRng: rng, learningRate: 0.05 });
    const h = hyperParams(o, m);
    const view = { masks: h.masks, seed: o.dropoutSeed, keepProb: h.keepProb, hidden: [37, 5], m };
    const cpu = new CpuTrainer(o);
    const wasm = await WasmTrainer.create({ ...o, threads: 1 });
    try {
      let changed = 0;
      for (let t = 0; t < 6; t++) {
        cpu.step(t);
        await wasm.run(t, 1, 1);
        for (let j = 0; j < m; j++) {
          const shown = exampleMasks(view, j, t)!;
          expect(shown, `reference, iteration ${t}, example ${j}`).toEqual(column(cpu.masks, m, j));
          expect(shown, `fast engine, iteration ${t}, example ${j}`).toEqual(column(wasm.dropoutMasks(), m, j));
          if (rng === 'philox') {
            expect(shown[0]).toEqual(column([philoxMask(new Uint8Array(37 * m), o.dropoutSeed, 1, t, 0.7)], m, j)[0]);
            if (t > 0 && exampleMasks(view, j, t - 1)!.some((mk, l) => mk.some((k, u) => k !== shown[l][u]))) changed++;
          }
        }
      }
      // Philox draws a fresh mask every iteration, numpy the same one
      if (rng === 'philox') expect(changed).toBeGreaterThan(40);
      else expect(exampleMasks(view, 3, 0)).toEqual(exampleMasks(view, 3, 5));
    } finally {
      wasm.dispose();
    }
  });

  it('no dropout, no mask; an example outside the set is refused', () => {
    const view = { masks: 'philox' as const, seed: 1, keepProb: 0.8, hidden: [4], m: 10 };
    expect(exampleMasks({ ...view, masks: 'none' }, 0, 0)).toBeNull();
    expect(() => exampleMasks(view, 10, 0)).toThrow(/example 10 is not one of the 10 training examples/);
  });
});

describe('networkFrame: what the view draws of a model', () => {
  const train = moons(60, 3);
  const bounds = boundsOf([train]);

  it('its output map is the reference\'s prediction on the grid; its weights, biases and histograms are the model\'s', () => {
    const o = smallRun(makeSpec(2, [7, 3], 'tanh'), 60, 2, { l1: 0.3 });
    const cpu = new CpuTrainer(o);
    cpu.runSync(0, 200, 50);
    const p = cpu.getParamsSync();
    const f = networkFrame(o.spec, p, bounds, 200);
    expect(f.dims).toEqual([2, 7, 3, 1]);
    const out = f.layers[3];
    const probs = cpu.predictSync(gridPoints(bounds, FRAME_GRID), FRAME_GRID ** 2);
    expect(out.lo[0]).toBeCloseTo(Math.min(...probs), 6);
    expect(out.hi[0]).toBeCloseTo(Math.max(...probs), 6);
    // quantized to a 127th of the unit's largest value: half a step at most
    probs.forEach((v, j) => expect(Math.abs((out.maps[j] / 127) * unitScale(out, 0) - v)).toBeLessThanOrEqual(0.5 / 127 * unitScale(out, 0) + 1e-9));
    // the inputs' maps are x1 and x2 over the plane
    expect(f.layers[0].lo[0]).toBeCloseTo(bounds.x1[0] + (0.5 / FRAME_GRID) * (bounds.x1[1] - bounds.x1[0]), 6);
    for (let l = 1; l <= 3; l++) {
      const ly = f.layers[l], from = f.layers[l - 1].shown;
      expect(Array.from(ly.W)).toEqual(Array.from(p.W[l - 1], Math.fround).slice(0, ly.shown * from));
      expect(Array.from(ly.b)).toEqual(Array.from(p.b[l - 1], Math.fround));
      expect(ly.histogram.reduce((a, b) => a + b, 0)).toBe(p.W[l - 1].length);
      expect(ly.maxAbs).toBe(Math.max(...Array.from(p.W[l - 1], Math.abs)));
    }
    expect(f.nearZeroShare).toBe(nearZeroShare(p));
    expect(f.layers.slice(1).reduce((t, ly) => t + ly.near, 0) / f.layers.slice(1).reduce((t, ly) => t + ly.count, 0)).toBeCloseTo(f.nearZeroShare, 12);
    expect(f.maxAbs).toBe(Math.max(...f.layers.map((ly) => ly.maxAbs)));
  });

  it('a wide layer is thinned to its first units, whose weights are the model\'s; zero weights fall in the middle bin', () => {
    const spec = makeSpec(2, [40], 'relu');
    const o = smallRun(spec, 60, 5);
    const p = new CpuTrainer(o).getParamsSync();
    const f = networkFrame(spec, p, bounds, 0);
    expect(f.layers[1]).toMatchObject({ units: 40, shown: MAX_SHOWN });
    expect(f.layers[2].W.length).toBe(MAX_SHOWN);
    expect(Array.from(f.layers[2].W)).toEqual(Array.from(p.W[1].subarray(0, MAX_SHOWN), Math.fround));
    const zero = networkFrame(spec, { W: p.W.map((w) => new Float64Array(w.length)), b: p.b }, bounds, 0);
    expect(zero.nearZeroShare).toBe(1);
    expect(zero.layers[1].histogram[HISTOGRAM_BINS / 2]).toBe(80);
  });
});

describe('a step: chunks cut short change nothing', () => {
  it('early stopping still checks at multiples of logEvery: the same run, whatever the chunks', async () => {
    const data = moons(80, 7);
    const settings = validateSettings({ ...DEFAULT_SETTINGS, layers: [6], iterations: 400, logEvery: 20, earlyStopping: 2, keepProb: 0.8, backend: 'cpu', learningRate: 0.5 });
    const once = async (chunkLimit?: (done: number) => number) => runTraining({
      settings, trainer: await createTrainer(settings, data), train: data, test: null, monitor: data, chunkLimit,
    });
    const plain = await once();
    // a step of 1 at 40, of 7 at 61 (the next chunk ends at 80 again), and so on
    const stepped = await once((done) => (done === 40 ? 1 : done === 61 ? 7 : done % 3 === 0 ? 2 : Infinity));
    expect(stepped.costs).toEqual(plain.costs);
    expect(stepped.earlyStopping).toEqual(plain.earlyStopping);
    expect(stepped.finalCost).toBe(plain.finalCost);
    expect(stepped.train).toEqual(plain.train);
  });
});
