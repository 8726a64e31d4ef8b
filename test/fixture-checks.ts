/**
 * The float64 reference against a numpy run of test/fixtures (the course runs and the L1 runs):
 * the checks test/course-fixture.test.ts and test/l1-fixture.test.ts share.
 */
import { expect } from 'vitest';
import type { Params } from '../src/model/network';
import type { CpuTrainer } from '../src/reference/trainer';
import { expectClose } from './close';
import { fixtureTest, fixtureTrain, type CourseRun } from './fixtures';

/** Iteration 0: the cost and the gradients within 1e-9 relative, the dropout masks exact. */
export function expectFirstStep(t: CpuTrainer, run: CourseRun): void {
  const cost = t.forward(0);
  t.backward();
  expectClose([cost], [run.costs_at_iteration['0']], { rtol: 1e-9 }, 'cost 0');
  for (let l = 1; l <= 3; l++) {
    expectClose(t.grads.dW[l - 1], run.grads_at_iteration_0[`dW${l}`].flat(), { rtol: 1e-9, atol: 1e-15 }, `dW${l}`);
    expectClose(t.grads.db[l - 1], run.grads_at_iteration_0[`db${l}`].flat(), { rtol: 1e-9, atol: 1e-15 }, `db${l}`);
  }
  const masks = run.dropout_masks_at_iteration_0;
  if (run.settings.keep_prob < 1 && masks) {
    expect(t.masks).toHaveLength(2);
    masks.forEach((m, i) => expect(Array.from(t.masks[i])).toEqual(m!.flat()));
  } else {
    expect(t.masks).toHaveLength(0);
  }
}

/** The whole run: every logged cost within 1e-9 relative, the final weights within 1e-6, both accuracies exact. Returns the final weights. */
export function expectWholeRun(t: CpuTrainer, run: CourseRun): Params {
  const costs = new Map(t.runSync(0, run.settings.iterations, 1).map((c) => [c.iteration, c.cost]));
  const its = Object.keys(run.costs_at_iteration).map(Number);
  expectClose(its.map((i) => costs.get(i)!), its.map((i) => run.costs_at_iteration[i]), { rtol: 1e-9 }, 'costs');
  const p = t.getParamsSync();
  for (let l = 1; l <= 3; l++) expectClose(p.W[l - 1], run.final_params[`W${l}`].flat(), { rtol: 1e-6, atol: 1e-9 }, `final W${l}`);
  expect(t.evaluateSync(fixtureTrain).accuracy).toBe(run.train_accuracy);
  expect(t.evaluateSync(fixtureTest).accuracy).toBe(run.test_accuracy);
  return p;
}
