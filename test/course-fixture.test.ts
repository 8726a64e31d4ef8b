/**
 * The CPU reference against numpy: the lesson's model [2, 20, 3, 1] trained 2000 iterations on the
 * fixture data, five ways (test/fixtures/reference_vectors.json, course_model_runs).
 * float64: costs at every recorded iteration and iteration-0 gradients within 1e-9 relative;
 * accuracies and dropout masks exact.
 */
import { describe, expect, it } from 'vitest';
import { makeSpec } from '../src/model/network';
import { initParams } from '../src/model/init';
import { CpuTrainer } from '../src/reference/trainer';
import { expectClose } from './close';
import { expectFirstStep, expectWholeRun } from './fixture-checks';
import { fixtureTrain, vectors } from './fixtures';

const spec = makeSpec(2, [20, 3], 'relu');
const courseInit = () => initParams(spec, { init: 'scaled', rng: 'numpy', seed: 3 });

describe('initialization', () => {
  it("scaled init from np.random.seed(3) is numpy's bit for bit", () => {
    const p = courseInit();
    const ref = vectors.init_scaled_seed3_dims_2_20_3_1;
    for (let l = 1; l <= 3; l++) {
      expect(Array.from(p.W[l - 1])).toEqual(ref[`W${l}`].flat());
      expect(Array.from(p.b[l - 1])).toEqual(ref[`b${l}`].flat());
    }
  });
});

/**
 * The reference's own numbers, pinned bit for bit: the costs at iterations 0, 1 000 and 1 999 of each
 * run as the plain-loop reference computed them before its products were register-tiled (commit
 * 989551a's parent). The oracle stays the oracle: any change to its arithmetic fails here first.
 */
const PINNED: Record<string, number[]> = {
  none: [0.7549865675935845, 0.005244168331149084, 0.002310243167571136],
  'l2_0.7': [0.8924899825876556, 0.23978082840602075, 0.23885186276492434],
  'dropout_0.86_numpy': [0.7478081057070705, 0.07918888078272096, 0.05010412031781421],
  'dropout_0.86_philox_seed42': [0.7421728879828636, 0.01919446208282183, 0.01210647712009145],
  'l2_0.7_and_dropout_0.86_philox_seed42': [0.8796763029769346, 0.2740105457161335, 0.29051388229804764],
};

describe.each(Object.entries(vectors.course_model_runs))('course run %s', (name, run) => {
  const s = run.settings;
  const make = (precision: 'f64' | 'f32' = 'f64') =>
    new CpuTrainer({
      spec, params: courseInit(), train: fixtureTrain, learningRate: s.learning_rate, l2: s.lambd,
      keepProb: s.keep_prob, dropoutRng: s.mode, dropoutSeed: s.seed, precision,
    });

  it('iteration 0: cost, gradients within 1e-9 relative, masks exact', () => {
    expectFirstStep(make(), run);
  });

  it('2000 iterations: every recorded cost within 1e-9 relative, final params, accuracies exact', () => {
    expectWholeRun(make(), run);
  });

  it('the float64 reference is unchanged: costs at 0, 1 000 and 1 999 bit for bit those of the plain loops', () => {
    expect(make().runSync(0, s.iterations, 1000).map((c) => c.cost)).toEqual(PINNED[name]);
  });

  it('float32 mode tracks float64 within 1e-4 relative over the first 200 iterations', () => {
    const c64 = make('f64').runSync(0, 200, 1).map((c) => c.cost);
    const c32 = make('f32').runSync(0, 200, 1).map((c) => c.cost);
    expectClose(c32, c64, { rtol: 1e-4 }, 'f32 vs f64 costs');
  });
});
