/**
 * The lesson's model trained with the student's functions: the notebook's `model()` loop — forward
 * (with dropout when keep_prob < 1), cost (with the L2 term when λ > 0), backward, update — where
 * the four exercise functions stand in for the reference's, and reg_utils (reg-utils.ts) does the
 * rest. As a Trainer it plugs into the run every view uses (src/train/run.ts), so `trainWith` gives
 * the very JSON `compare` gives; accuracies and cross-entropies after training are measured by the
 * CPU reference's own inference on the student's weights, the cost log is the student's cost.
 */
import type { NetworkSpec, Params } from '../model/network';
import { runSteps } from '../model/evaluation';
import type { CostPoint, Evaluation, LabelledSet, Trainer, TrainerDescription, TrainerOptions } from '../model/types';
import { CpuTrainer } from '../reference/trainer';
import { asStudentError, type Sandbox, StudentCodeError } from './compile';
import { NDArray } from './np';
import type { Grads, Parameters } from './reg-utils';
import type { JsExerciseName } from './test-cases';

export type StudentFunctions = Record<JsExerciseName, (...args: unknown[]) => unknown>;

/** The exercise's functions are the lesson's: two hidden layers, ReLU, one sigmoid output. */
export function assertLessonNetwork(spec: NetworkSpec): void {
  if (spec.dims.length !== 4) throw new StudentCodeError('missing', `layers: the exercise's functions are the lesson's 3-layer network (two hidden layers, e.g. 20,3), not ${spec.dims.length - 2} hidden layer(s)`);
  if (spec.hiddenActivation !== 'relu') throw new StudentCodeError('missing', `activation: the exercise's functions use relu, not ${spec.hiddenActivation}`);
}

export class StudentTrainer implements Trainer {
  readonly backend = 'cpu' as const;
  readonly adapter = null;
  readonly precision = 'f64' as const;
  readonly preferredChunk = 1;
  private parameters: Parameters;
  private readonly X: NDArray;
  private readonly Y: NDArray;
  private readonly m: number;
  private grads: Grads | null = null;
  /** The reference's inference, handed the student's weights before each evaluation. */
  private readonly evaluator: CpuTrainer;

  constructor(
    private readonly fns: StudentFunctions, private readonly box: Sandbox, private readonly opts: TrainerOptions,
    /** Called after every iteration (the worker's heartbeat). */
    private readonly onIteration: (t: number) => void = () => {},
  ) {
    assertLessonNetwork(opts.spec);
    if (opts.l2 !== 0 && opts.keepProb < 1) throw new StudentCodeError('missing', 'the lesson\'s model uses L2 or dropout, not both at once (its assert(lambd == 0 or keep_prob == 1))');
    this.m = opts.train.m;
    this.X = new NDArray(opts.train.features, this.m, Float64Array.from(opts.train.X));
    this.Y = new NDArray(1, this.m, Float64Array.from(opts.train.Y));
    this.parameters = toParameters(opts.spec, opts.params);
    this.evaluator = new CpuTrainer({ ...opts, l2: 0, keepProb: 1, precision: 'f64' });
  }

  /** A student function's call, its error named with the function and the iteration. */
  private call<T>(name: JsExerciseName, t: number, args: unknown[]): T {
    try {
      return this.fns[name](...args) as T;
    } catch (e) {
      const err = asStudentError(e);
      throw new StudentCodeError(err.kind, `${name}, iteration ${t}: ${err.describe()}`, err.line, err.column);
    }
  }

  /** One iteration of the notebook's model(); returns its cost. */
  step(t: number): number {
    const { X, Y, m, opts } = this;
    const { utils } = this.box;
    const dropout = opts.keepProb < 1;
    const forward = dropout
      ? this.call<unknown>('forward_propagation_with_dropout', t, [X, this.parameters, opts.keepProb])
      : utils.forward_propagation(X, this.parameters);
    if (!Array.isArray(forward) || !(forward[0] instanceof NDArray) || forward[0].rows !== 1 || forward[0].cols !== m) {
      throw new StudentCodeError('runtime', `forward_propagation_with_dropout, iteration ${t}: must return [A3, cache] with A3 of shape (1,${m})`);
    }
    const [a3, cache] = forward as [NDArray, NDArray[]];
    const rawCost = opts.l2 === 0 ? utils.compute_cost(a3, Y)
      : this.call<unknown>('compute_cost_with_regularization', t, [a3, Y, this.parameters, opts.l2]);
    const cost = rawCost instanceof NDArray && rawCost.size === 1 ? rawCost.item() : rawCost;
    if (typeof cost !== 'number') throw new StudentCodeError('runtime', `compute_cost_with_regularization, iteration ${t}: returned ${typeof cost}, not a number`);
    const name: JsExerciseName | null = opts.l2 !== 0 ? 'backward_propagation_with_regularization' : dropout ? 'backward_propagation_with_dropout' : null;
    const grads = name === null ? utils.backward_propagation(X, Y, cache)
      : this.call<Grads>(name, t, name === 'backward_propagation_with_regularization' ? [X, Y, cache, opts.l2] : [X, Y, cache, opts.keepProb]);
    this.checkGrads(grads, name, t);
    this.grads = grads;
    this.parameters = utils.update_parameters(this.parameters, grads, opts.learningRate);
    this.onIteration(t);
    return cost;
  }

  private checkGrads(grads: unknown, name: string | null, t: number): void {
    for (let l = 1; l <= 3; l++) {
      for (const [g, p] of [[`dW${l}`, `W${l}`], [`db${l}`, `b${l}`]]) {
        const v = (grads as Record<string, unknown> | null)?.[g];
        const want = this.parameters[p];
        if (!(v instanceof NDArray) || v.rows !== want.rows || v.cols !== want.cols) {
          throw new StudentCodeError('runtime', `${name}, iteration ${t}: ${g} must be an array of shape (${want.rows},${want.cols}), like ${p}`);
        }
      }
    }
  }

  runSync(start: number, count: number, logEvery: number): CostPoint[] {
    return runSteps(start, count, logEvery, (t) => this.step(t));
  }

  async run(start: number, count: number, logEvery: number): Promise<CostPoint[]> {
    return this.runSync(start, count, logEvery);
  }

  private synced(): CpuTrainer {
    this.evaluator.setParamsSync(this.getParamsSync());
    return this.evaluator;
  }

  async evaluate(set: LabelledSet): Promise<Evaluation> {
    return this.synced().evaluateSync(set);
  }

  async predict(X: Float64Array, m: number): Promise<Float64Array> {
    return this.synced().predictSync(X, m);
  }

  getParamsSync(): Params {
    const L = this.opts.spec.dims.length - 1;
    const get = (k: string) => Float64Array.from(this.parameters[k].data);
    return { W: Array.from({ length: L }, (_, l) => get(`W${l + 1}`)), b: Array.from({ length: L }, (_, l) => get(`b${l + 1}`)) };
  }

  async getParams(): Promise<Params> {
    return this.getParamsSync();
  }

  async setParams(p: Params): Promise<void> {
    this.parameters = toParameters(this.opts.spec, p);
  }

  async gradientNorms(): Promise<number[]> {
    return [1, 2, 3].map((l) => {
      const g = this.grads?.[`dW${l}`];
      return g ? Math.sqrt(g.data.reduce((s, x) => s + x * x, 0)) : 0;
    });
  }

  describe(): TrainerDescription {
    return { backend: 'cpu', adapter: null, precision: 'f64' };
  }

  dispose(): void {}
}

/** Params (row-major W, b per layer) as the notebook's dictionary of arrays: W_l (n_l × n_{l−1}), b_l (n_l × 1). */
function toParameters(spec: NetworkSpec, p: Params): Parameters {
  const out: Parameters = {};
  for (let l = 1; l < spec.dims.length; l++) {
    out[`W${l}`] = new NDArray(spec.dims[l], spec.dims[l - 1], Float64Array.from(p.W[l - 1]));
    out[`b${l}`] = new NDArray(spec.dims[l], 1, Float64Array.from(p.b[l - 1]));
  }
  return out;
}
