/**
 * The exercise's logic (src/exercise/): the numpy-like helper, the lesson's test cases against a
 * numpy restatement (test/fixtures/exercise_expected.json, scripts/exercise_expected.py) and the
 * notebook's printed expected outputs, the grader on each solution and on the classic slips, error
 * lines, and training with the student's functions against the CPU reference.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JS_BLANKS, jsBlank } from '../src/exercise/blanks';
import { checkJs, expectedOutput } from '../src/exercise/check';
import { syntaxErrorPosition } from '../src/exercise/compile';
import { outputsOf } from '../src/exercise/grader';
import { JS_EXERCISES, type JsExerciseName } from '../src/exercise/names';
import { makeNp, NDArray } from '../src/exercise/np';
import { trainRuns, type ExerciseRun } from '../src/exercise/train-with';
import { validateSettings, COURSE_SETTINGS } from '../src/model/settings';
import { vectors, toSet } from './fixtures';

const numpy = JSON.parse(readFileSync(new URL('./fixtures/exercise_expected.json', import.meta.url), 'utf8'));
const solution = (name: JsExerciseName) => jsBlank(name)!.solution;
/** The solution with one text replaced (a student's one mistake). */
const slip = (name: JsExerciseName, from: string, to: string) => {
  const s = solution(name);
  expect(s).toContain(from);
  return s.replace(from, to);
};

describe('np, the helper', () => {
  it('draws numpy\'s stream: np.random.seed(1); rand(5, 10) is numpy\'s rand(50), row-major', () => {
    const np = makeNp();
    np.random.seed(1);
    expect(Array.from((np.random.rand(5, 10) as NDArray).data)).toEqual(vectors.numpy_seed1_rand_50);
  });
  it('broadcasts (n × 1) and (1 × m) as numpy, and refuses other shapes naming both', () => {
    const np = makeNp();
    const A = np.array([[1, 2, 3], [4, 5, 6]]);
    expect(A.add(np.array([[10], [20]])).tolist()).toEqual([[11, 12, 13], [24, 25, 26]]);
    expect(A.mul(np.array([[1, 0, 2]])).tolist()).toEqual([[1, 0, 6], [4, 0, 12]]);
    expect(() => A.add(np.array([[1, 2]]))).toThrow('operands could not be broadcast together with shapes (2,3) (1,2)');
    expect(() => np.dot(A, A)).toThrow('shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)');
  });
  it('sums along an axis keeping it, and turns an array used with * into a TypeError that says what to write', () => {
    const np = makeNp();
    const A = np.array([[1, 2, 3], [4, 5, 6]]);
    expect((np.sum(A, { axis: 1, keepdims: true }) as NDArray).tolist()).toEqual([[6], [15]]);
    expect((np.sum(A, 0) as NDArray).tolist()).toEqual([[5, 7, 9]]);
    expect(np.sum(A)).toBe(21);
    expect(() => (A as unknown as number) * 2).toThrow(/A\.mul\(B\)/);
    expect(`${A.gt(2)}`).toBe('[[False False  True]\n [ True  True  True]]');
  });
});

describe('the lesson\'s test cases and expected outputs', () => {
  it('are numpy\'s: the seeded inputs bit for bit, every expected output to 1e-12 of the numpy restatement', () => {
    for (const name of JS_EXERCISES) {
      const outputs = outputsOf(name, expectedOutput(name));
      if (typeof outputs === 'string') throw new Error(outputs);
      for (const [key, value] of outputs) {
        const want = numpy[name][key];
        const got = value instanceof NDArray ? value.tolist() : value;
        const flat = [want].flat(2) as number[], have = [got].flat(2) as number[];
        expect(have.length, `${name}.${key}`).toBe(flat.length);
        have.forEach((v, i) => expect(Math.abs(v - flat[i]), `${name}.${key}[${i}]`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(flat[i]))));
      }
    }
  });
  it('are the notebook\'s printed expected outputs (8 decimals)', () => {
    const near = (got: number[][], printed: number[][]) => got.flat().forEach((v, i) => expect(Math.abs(v - printed.flat()[i])).toBeLessThan(6e-9));
    expect(Math.abs((expectedOutput('compute_cost_with_regularization') as number) - 1.78648594516)).toBeLessThan(6e-12);
    const reg = expectedOutput('backward_propagation_with_regularization') as Record<string, NDArray>;
    near(reg.dW1.tolist(), [[-0.25604646, 0.12298827, -0.28297129], [-0.17706303, 0.34536094, -0.4410571]]);
    near(reg.dW2.tolist(), [[0.79276486, 0.85133918], [-0.0957219, -0.01720463], [-0.13100772, -0.03750433]]);
    near(reg.dW3.tolist(), [[-1.77691347, -0.11832879, -0.09397446]]);
    const [A3] = expectedOutput('forward_propagation_with_dropout') as [NDArray];
    near(A3.tolist(), [[0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721]]);
    const drop = expectedOutput('backward_propagation_with_dropout') as Record<string, NDArray>;
    near(drop.dA1.tolist(), [[0.36544439, 0, -0.00188233, 0, -0.17408748], [0.65515713, 0, -0.00337459, 0, -0]]);
    near(drop.dA2.tolist(), [[0.58180856, 0, -0.00299679, 0, -0.27715731], [0, 0.53159854, -0, 0.53159854, -0.34089673], [0, 0, -0.00292733, 0, -0]]);
  });
  it('the seeded inputs are numpy\'s np.random.seed(1) draws', () => {
    const np = makeNp();
    np.random.seed(1);
    expect((np.random.randn(3, 5) as NDArray).tolist()).toEqual(numpy.seeded_X);
    expect((np.random.randn(2, 3) as NDArray).tolist()).toEqual(numpy.seeded_parameters.W1);
  });
});

describe('grading', () => {
  it.each(JS_EXERCISES)('the solution of %s passes', (name) => {
    const r = checkJs(name, solution(name));
    expect(r.message).toMatch(/^passed/);
    expect(r.passed).toBe(true);
  });
  it('each skeleton fails, naming what differs', () => {
    for (const b of JS_BLANKS) expect(checkJs(b.name, b.skeleton).passed, b.name).toBe(false);
    expect(checkJs('compute_cost_with_regularization', jsBlank('compute_cost_with_regularization')!.skeleton).message).toMatch(/^cost differs.*The L2 term is 0/);
  });
  it('the L2 term without / m, or without the ½, fails naming it', () => {
    const noM = checkJs('compute_cost_with_regularization', slip('compute_cost_with_regularization', '(1 / m) * (lambd / 2)', '(lambd / 2)'));
    expect(noM.passed).toBe(false);
    expect(noM.message).toMatch(/^cost differs: expected 1\.78648594.*m = 5 times too large: divide by m/);
    const noHalf = checkJs('compute_cost_with_regularization', slip('compute_cost_with_regularization', '(lambd / 2)', 'lambd'));
    expect(noHalf.message).toMatch(/^cost differs.*the ½ of \(λ\/2\) is missing/);
    const noTerm = checkJs('backward_propagation_with_regularization', slip('backward_propagation_with_regularization', '.add(W2.mul(lambd / m))', ''));
    expect(noTerm.message).toMatch(/^dW2 differs at \[0, 0\].*dW2 has no L2 term/);
  });
  it('a mask without the / keep_prob scale fails naming it', () => {
    const r = checkJs('forward_propagation_with_dropout', slip('forward_propagation_with_dropout', '  A1 = A1.div(keep_prob);                            // step 4\n', ''));
    expect(r.passed).toBe(false);
    expect(r.message).toMatch(/^A1 differs at .*keep_prob times too small: divide A1 by keep_prob/);
    const back = checkJs('backward_propagation_with_dropout', slip('backward_propagation_with_dropout', '  dA1 = dA1.div(keep_prob);\n', ''));
    expect(back.message).toMatch(/^dA1 differs.*dA1 is not divided by keep_prob/);
  });
  it('a backward pass that forgets the mask fails naming it', () => {
    const r = checkJs('backward_propagation_with_dropout', slip('backward_propagation_with_dropout', 'dA2 = dA2.mul(D2);', 'dA2 = dA2;'));
    expect(r.passed).toBe(false);
    expect(r.message).toMatch(/^dA2 differs at \[0, 1\]: expected 0, got .*not 0 where D2 shut the unit down: multiply by D2/);
    expect(r.expected?.dA2).toMatchObject({ shape: [3, 5] });
  });
  it('a syntax error reports its line, and a runtime error its line', () => {
    const broken = solution('forward_propagation_with_dropout').replace('const Z2 = np.dot(W2, A1).add(b2);', 'const Z2 = np.dot(W2, A1).add(b2;');
    const line = broken.split('\n').findIndex((l) => l.includes('add(b2;')) + 1;
    const r = checkJs('forward_propagation_with_dropout', broken);
    expect(r.passed).toBe(false);
    expect(r.line).toBe(line);
    expect(r.message).toMatch(new RegExp(`^line ${line}, column \\d+: SyntaxError`));
    const wrong = solution('compute_cost_with_regularization').replace('np.sum(np.square(W2))', 'np.sum(np.square(W2 * 2))');
    const t = checkJs('compute_cost_with_regularization', wrong);
    expect(t.line).toBe(wrong.split('\n').findIndex((l) => l.includes('W2 * 2')) + 1);
    expect(t.message).toMatch(/TypeError: an array cannot be used with \+ - \* \/ < > in JavaScript/);
    expect(syntaxErrorPosition('let a = 1;\nlet b = ;\n')).toEqual({ line: 2, column: 9 });
  });
  it('code without the function, or returning the wrong thing, says what is expected', () => {
    expect(checkJs('compute_cost_with_regularization', 'const x = 1;').message).toMatch(/defines no function compute_cost_with_regularization/);
    expect(checkJs('backward_propagation_with_dropout', 'function backward_propagation_with_dropout() { return 3; }').message).toMatch(/must return the gradients/);
  });
});

describe('training with the student\'s functions', () => {
  const data = { train: toSet(vectors.data.train_X, vectors.data.train_Y), test: toSet(vectors.data.test_X, vectors.data.test_Y) };
  const runs: ExerciseRun[] = [
    ['none', 0, 1], ['L2 (λ = 0.7)', 0.7, 1], ['dropout (keep_prob = 0.86)', 0, 0.86],
  ].map(([name, l2, keepProb]) => ({ name: name as string, settings: validateSettings({ ...COURSE_SETTINGS, iterations: 300, logEvery: 100, l2: l2 as number, keepProb: keepProb as number }) }));
  const sources = Object.fromEntries(JS_EXERCISES.map((n) => [n, solution(n)]));

  it('the solutions give the reference\'s runs: the same weights (accuracies, cross-entropies exactly), the costs to 1e-12', async () => {
    const [mine, ref] = await Promise.all([trainRuns('student', sources, runs, data, null), trainRuns('reference', null, runs, data, null)]);
    for (const [k, r] of ref.entries()) {
      const s = mine[k].result;
      expect(s.name).toBe(r.result.name);
      expect(s.train).toEqual(r.result.train);
      expect(s.test).toEqual(r.result.test);
      expect(s.costs.map((c) => c.iteration)).toEqual(r.result.costs.map((c) => c.iteration));
      s.costs.forEach((c, i) => expect(Math.abs(c.cost - r.result.costs[i].cost)).toBeLessThanOrEqual(1e-12 * r.result.costs[i].cost));
      expect(Math.abs(s.finalCost - r.result.finalCost)).toBeLessThanOrEqual(1e-12 * r.result.finalCost);
    }
    expect(mine[2].result.finalCost).not.toBe(mine[0].result.finalCost); // the three runs differ
  });
  it('a forward pass that forgets the scale trains to other numbers; code that throws names function, iteration and line', async () => {
    const bad = { ...sources, forward_propagation_with_dropout: slip('forward_propagation_with_dropout', '  A2 = A2.div(keep_prob);\n', '') };
    const [ok, off] = await Promise.all([trainRuns('student', sources, [runs[2]], data, null), trainRuns('student', bad, [runs[2]], data, null)]);
    expect(off[0].result.finalCost).not.toBe(ok[0].result.finalCost);
    const throwing = { ...sources, backward_propagation_with_regularization: sources.backward_propagation_with_regularization.replace('const db3', 'if (m > 0) null.x;\n  const db3') };
    await expect(trainRuns('student', throwing, [runs[1]], data, null)).rejects.toThrow(/backward_propagation_with_regularization, iteration 0: line \d+, column \d+: TypeError/);
    await expect(trainRuns('student', sources, [{ ...runs[2], settings: validateSettings({ ...runs[2].settings, dropoutRng: 'philox' }) }], data, null)).rejects.toThrow(/^dropoutRng:/);
  });
});
