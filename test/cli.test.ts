/** The CLI as a user runs it: `node bin/reglab.js …` in a child process; exit codes, stdout, stderr. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { toCsv } from '../src/data/csv';
import { expectClose } from './close';
import { writeMat } from './mat-writer';
import { bombMat, flippedBitMat, nestedMat } from './mat-hostile';
import { fixtureTest, fixtureTrain, l1Vectors, vectors } from './fixtures';
import { nearZeroShare } from '../src/model/sparsity';

const bin = fileURLToPath(new URL('../bin/reglab.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'reglab-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const trainCsv = join(dir, 'train.csv');
const testCsv = join(dir, 'test.csv');
writeFileSync(trainCsv, toCsv(fixtureTrain));
writeFileSync(testCsv, toCsv(fixtureTest));
// The same two sets as the lesson's data.mat holds them: X (m × 2), y (m × 1), Xval, yval; compressed.
const asVars = (s: typeof fixtureTrain, x: string, y: string) => [
  { name: x, rows: s.m, cols: 2, data: s.X }, { name: y, rows: s.m, cols: 1, data: s.Y, cls: 'uint8' as const },
];
const dataMat = join(dir, 'data.mat');
writeFileSync(dataMat, writeMat([...asVars(fixtureTrain, 'X', 'y'), ...asVars(fixtureTest, 'Xval', 'yval')], { compress: true }));

function reglab(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('reglab CLI', () => {
  it('--help for every command', () => {
    for (const cmd of [[], ['train'], ['compare']]) {
      const r = reglab(...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: reglab/);
    }
    expect(reglab('train', '--help').stdout).toMatch(/--keep-prob <p>/);
    // L1 documented where it is taken (help wraps at the terminal's width: spaces made one)
    const help = (cmd: string) => reglab(cmd, '--help').stdout.replace(/\s+/g, ' ');
    expect(help('train')).toContain('--l1 <lambda1> L1 penalty λ₁ (cost + λ₁/m·Σ|W|, dW + λ₁/m·sign(W)');
    expect(help('train')).toContain('nearZeroShare');
    const compare = help('compare');
    expect(compare).toContain('--with-l1 <lambda1> add a run with L1 alone, named "L1 (λ₁ = <lambda1>)"');
    expect(compare).toContain('--l1 <lambda1> an L1 penalty λ₁ shared by every other run');
    expect(compare).toContain('weights ≈ 0');
    expect(help('sweep')).toContain('--l1 <list> λ₁ values of the L1 penalty');
  });

  it('each command\'s --help lists only its own flags, with its true defaults; --version prints the version', () => {
    const gradcheck = reglab('gradcheck', '--help').stdout;
    for (const flag of ['--early-stopping', '--augment-copies', '--iterations', '--backend', '--keep-prob', '--save-weights']) expect(gradcheck).not.toContain(flag);
    expect(gradcheck).toContain('--l2 <lambda>');
    const gradients = reglab('gradients', '--help').stdout;
    expect(gradients).toMatch(/--iterations <n>\s+full-batch iterations \(default 1000\)/);
    // the lab's own network, the page's too (GRADIENTS_DEFAULTS): a deep sigmoid one, where gradients vanish
    expect(gradients).toMatch(/--activation <name>\s+hidden activation \(default sigmoid\)/);
    expect(gradients).toMatch(/--depth <n>\s+layers, counting the output layer \(default 20\)/);
    expect(gradients).not.toContain('--layers');
    expect(reglab('landscape', '--help').stdout).toMatch(/--iterations <n>\s+full-batch iterations \(default 3000\)/);
    expect(reglab('train', '--help').stdout).toMatch(/--iterations <n>\s+full-batch iterations \(default 30000\)/);
    const refused = reglab('init-compare', '--early-stopping', '3');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('reglab: --early-stopping: unknown option\n');
    const v = reglab('--version');
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  });

  it('--data FILE.mat trains on the same sets as the CSVs (same JSON numbers); bad files and flag mixes are refused', () => {
    const common = ['train', '--course', '--iterations', '300', '--log-every', '100', '--json'];
    const fromMat = reglab(...common, '--data', dataMat);
    const fromCsv = reglab(...common, '--train', trainCsv, '--test', testCsv);
    expect(fromMat.code, fromMat.stderr).toBe(0);
    const a = JSON.parse(fromMat.stdout), b = JSON.parse(fromCsv.stdout);
    expect(a.costs).toEqual(b.costs);
    expect(a.test).toEqual(b.test);
    expect(a.data).toBe(dataMat);
    const mixed = reglab('train', '--data', dataMat, '--train', trainCsv);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/--train: not with --data/);
    const names = reglab('train', '--data', dataMat, '--mat-vars', 'A,b,C,d');
    expect(names.code).toBe(1);
    expect(names.stderr).toMatch(/data\.mat: no variable A \(points\); numeric variables in the file: X \(\d+×2\)/);
    const bad = reglab('train', '--data', trainCsv);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^reglab: .*train\.csv: not a MATLAB 5 MAT-file/);
  });

  it('--data refuses a decompression bomb, 4 000-deep nesting and a flipped bit: exit 1, one line naming the file and the variable', () => {
    for (const [name, bytes, reason] of [
      ['bomb.mat', bombMat(48), /variable Z: a compressed element: it inflates past the 56 bytes it may hold \(stopped at \d+: a decompression bomb or a corrupt file\)/],
      ['nested.mat', nestedMat(4000), /element 1 \(at byte 128\): a compressed element inside a compressed element/],
      ['flipped.mat', flippedBitMat().bytes, /variable X: a compressed element: its checksum \(Adler-32\) does not match/],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const r = reglab('train', '--data', file, '--iterations', '5');
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^reglab: ${file.replace(/[.]/g, '\\.')}: ${reason.source}.*\n$`));
      expect(r.stdout).toBe('');
    }
  });

  it('bench refuses an unknown workload or a bad --repeats with exit code 2, naming the flag', () => {
    const w = reglab('bench', '--workloads', 'lesson,foo');
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/--workloads: expected a comma-separated subset of lesson,sweep,matmul,models, got "lesson,foo"/);
    const r = reglab('bench', '--repeats', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--repeats: must be an integer >= 1/);
    const kp = reglab('bench', '--workloads', 'models', '--model-keep-prob', '1,1.5');
    expect(kp.code).toBe(2);
    expect(kp.stderr).toMatch(/--model-keep-prob: must be in \(0, 1\], got 1\.5/);
    const l2 = reglab('bench', '--workloads', 'models', '--model-l2', '0,-1');
    expect(l2.code).toBe(2);
    expect(l2.stderr).toMatch(/--model-l2: must be >= 0, got -1/);
    const n = reglab('bench', '--workloads', 'models', '--model-keep-prob', '1', '--models', '10');
    expect(n.code).toBe(2);
    expect(n.stderr).toMatch(/--models: must be a multiple of 4 \(the λ × keep_prob grid, 4 × 1\), got 10/);
  });

  it('bench lists matmul sizes it cannot hold or would take too long as skipped, and reports each row as it finishes', () => {
    const r = reglab('bench', '--workloads', 'matmul', '--matmul-sizes', '100000,4096', '--max-ms', '1000', '--json');
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).rows;
    expect(rows).toHaveLength(6);
    expect(rows.slice(0, 3).every((x: { skipped?: string }) => /^not run: a 100000×100000 matrix needs 38147 MiB, over this adapter's \d+ MiB per buffer$/.test(x.skipped ?? ''))).toBe(true);
    expect(rows[3].skipped).toMatch(/^not timed: about \d+ ms per product estimated \(over --max-ms\)$/);
    expect(r.stderr.match(/^reglab bench: matmul \[\d+,\d+\] m=\d+ none reglab-gpu .*: not (run|timed)/gm)).toHaveLength(6);
  });

  it('kernel prints the unrolled WGSL for a network (the golden file), and refuses one too large with exit code 2', async () => {
    const r = reglab('kernel', '--layers', '4,2', '--activation', 'tanh', '--dropout', 'philox');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/const PARAMS: u32 = 25u;/);
    // The whole assembled kernel, byte for byte: a change to the generator or to any WGSL file it
    // joins shows here as a diff to review (`npx vitest run test/cli.test.ts -u` accepts it).
    await expect(r.stdout).toMatchFileSnapshot('golden/kernel-4-2-tanh-philox.wgsl');
    const big = reglab('kernel', '--layers', '40,30');
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/--layers: the unrolled kernel cannot run this network: 1381 parameters > 512/);
  });

  it('train --course on the fixture data reproduces numpy\'s costs (1e-9) and accuracies', () => {
    for (const [name, extra] of [['none', []], ['l2_0.7', ['--l2', '0.7']], ['dropout_0.86_numpy', ['--keep-prob', '0.86']]] as const) {
      const run = vectors.course_model_runs[name];
      const r = reglab('train', '--course', '--train', trainCsv, '--test', testCsv, '--iterations', '2000', '--log-every', '1', '--json', ...extra);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out).toMatchObject({ backend: 'cpu', adapter: null, settings: { iterations: 2000, seed: 3 } });
      const byIt = new Map<number, number>(out.costs.map((c: { iteration: number; cost: number }) => [c.iteration, c.cost]));
      const its = Object.keys(run.costs_at_iteration).map(Number);
      expectClose(its.map((i) => byIt.get(i)!), its.map((i) => run.costs_at_iteration[i]), { rtol: 1e-9 }, `${name} costs`);
      expect(out.train.accuracy).toBe(run.train_accuracy);
      expect(out.test.accuracy).toBe(run.test_accuracy);
      expect(typeof out.wallMs).toBe('number');
    }
  });

  it('sweep --course --monitor train --backend gpu: the fixture\'s none, L2 and dropout runs (numpy\'s test accuracies: trained on the whole training set), and L2 + dropout, side by side', () => {
    const r = reglab('sweep', '--course', '--train', trainCsv, '--test', testCsv, '--l2', '0,0.7', '--keep-prob', '1,0.86', '--iterations', '2000', '--backend', 'gpu', '--monitor', 'train', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ backend: 'gpu', monitor: 'train', gpuPath: 'unrolled', modelsPerDispatch: 4, best: { chosenOn: 'train', validationAccuracy: null } });
    expect(out.runs.every((x: { validation: unknown }) => x.validation === null)).toBe(true);
    const row = (l2: number, keepProb: number) => out.runs.find((x: { l2: number; keepProb: number }) => x.l2 === l2 && x.keepProb === keepProb);
    for (const [name, l2, keepProb] of [['none', 0, 1], ['l2_0.7', 0.7, 1], ['dropout_0.86_numpy', 0, 0.86]] as const) {
      expect(row(l2, keepProb).test.accuracy, name).toBe(vectors.course_model_runs[name].test_accuracy);
    }
    expect(row(0.7, 0.86).train.accuracy).toBeGreaterThan(0.85);
    const text = reglab('sweep', '--course', '--train', trainCsv, '--test', testCsv, '--l2', '0,0.7', '--iterations', '50');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^λ\s+keep_prob\s+seed\s+train accuracy\s+validation accuracy\s+test accuracy\s+train cross-entropy\s+validation cross-entropy\s+test cross-entropy/m);
    expect(text.stdout).toMatch(/models trained on 80\.0 % of the training data; the validation split is the other 20\.0 %/);
    expect(text.stdout).toMatch(/^best validation accuracy: λ = [\d.]+, keep_prob = 1 — validation [\d.]+ %, its test accuracy [\d.]+ % \(reported, not chosen on\)$/m);
    expect(text.stdout).toMatch(/2 models × 50 iterations: training [\d.]+ s, set-up [\d.]+ s, on cpu f64, one model at a time/);
    expect(text.stdout).not.toMatch(/held-out/);
  });

  it('sweep --json chooses on a validation split by default: monitor "validation", every run its validation and test evaluation, best = argmax of validation accuracy', () => {
    const r = reglab('sweep', '--train', trainCsv, '--test', testCsv, '--l2', '0,0.1,1,10', '--keep-prob', '1,0.8', '--iterations', '300', '--backend', 'cpu', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ monitor: 'validation', validationFraction: 0.2 });
    const evaluation = { accuracy: expect.any(Number), cost: expect.any(Number) };
    for (const run of out.runs) expect(run).toMatchObject({ validation: evaluation, test: evaluation });
    const best = out.runs.reduce((a: any, x: any) => (x.validation.accuracy > a.validation.accuracy ? x : a));
    expect(out.best).toEqual({
      l2: best.l2, l1: 0, keepProb: best.keepProb, chosenOn: 'validation', seeds: 1, trainAccuracy: best.train.accuracy,
      validationAccuracy: best.validation.accuracy, testAccuracy: best.test.accuracy,
    });
  });

  it('timings: train and sweep JSON both report wallMs (training) and setupMs (set-up, apart); a sweep of one model counts the same things as train', () => {
    const args = ['--train', trainCsv, '--test', testCsv, '--iterations', '200', '--backend', 'cpu', '--json'];
    const train = JSON.parse(reglab('train', ...args).stdout);
    const sweep = JSON.parse(reglab('sweep', '--l2', '0', ...args).stdout);
    for (const out of [train, sweep]) {
      expect(typeof out.wallMs).toBe('number');
      expect(typeof out.setupMs).toBe('number');
      expect(out.wallMs).toBeGreaterThanOrEqual(0);
      expect(out.setupMs).toBeGreaterThanOrEqual(0);
    }
    // the same fields per model: one training time, one set-up time, never the sum of both in wallMs
    expect(Object.keys(sweep).filter((k) => k.endsWith('Ms')).sort()).toEqual(['setupMs', 'wallMs']);
    expect(Object.keys(train).filter((k) => k.endsWith('Ms')).sort()).toEqual(['setupMs', 'wallMs']);
  });

  it('sweep refuses bad lists and what a sweep cannot do with exit code 2, naming the flag', () => {
    for (const [args, message] of [
      [['--keep-prob', '1,0'], /^reglab: --keep-prob: must be in \(0, 1\]/],
      [['--l2', '0,x'], /^reglab: --l2: entry 2 is "x"; expected a comma-separated list of numbers/],
      [['--l2', '0.1,0.1'], /^reglab: --l2: 0\.1 appears twice in the list/],
      [['--l1', '0,-1'], /^reglab: --l1: must be >= 0, got -1/],
      [['--seeds', '0'], /^reglab: --seeds: must be a positive integer/],
      [['--l2', '0,1', '--seeds', '3000'], /^reglab: --seeds: 6000 models/],
      [['--monitor', 'test'], /^reglab: --monitor: a sweep never chooses on the test set/],
      [['--monitor', 'foo'], /^reglab: --monitor: must be one of validation, train, got "foo"/],
    ] as const) {
      const r = reglab('sweep', '--train', trainCsv, '--iterations', '5', ...args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('train --json: costs every --log-every including 0 and the last; test null without a test set', () => {
    const r = reglab('train', '--train', trainCsv, '--iterations', '25', '--log-every', '10', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.costs.map((c: { iteration: number }) => c.iteration)).toEqual([0, 10, 20, 24]);
    expect(out.test).toBeNull();
    expect(out.train.accuracy).toBeGreaterThan(0);
  });

  it('compare --json: none, L2 and dropout from the same initialization', () => {
    const r = reglab('compare', '--dataset', 'moons', '--size', '60', '--iterations', '50', '--json', '--l2', '0.5', '--keep-prob', '0.8');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.runs.map((x: { name: string }) => x.name)).toEqual(['none', 'L2 (λ = 0.5)', 'dropout (keep_prob = 0.8)']);
    expect(out.runs.map((x: { settings: { l2: number; keepProb: number } }) => [x.settings.l2, x.settings.keepProb])).toEqual([[0, 1], [0.5, 1], [0, 0.8]]);
    // Same init and data: the regularized runs' first costs differ from none's only by their terms.
    expect(out.runs[1].costs[0].cost).toBeGreaterThan(out.runs[0].costs[0].cost);
  });

  it('train --backend wasm: the fast CPU engine, costs within float32 tolerance of numpy', () => {
    const run = vectors.course_model_runs['l2_0.7_and_dropout_0.86_philox_seed42'];
    const r = reglab('train', '--course', '--backend', 'wasm', '--l2', '0.7', '--keep-prob', '0.86', '--dropout-rng', 'philox', '--dropout-seed', '42',
      '--train', trainCsv, '--test', testCsv, '--iterations', '101', '--log-every', '10', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect([out.backend, out.adapter]).toEqual(['wasm', null]);
    const byIt = new Map<number, number>(out.costs.map((c: { iteration: number; cost: number }) => [c.iteration, c.cost]));
    expectClose([0, 10, 100].map((i) => byIt.get(i)!), [0, 10, 100].map((i) => run.costs_at_iteration[i]), { rtol: 1e-4 }, 'wasm costs');
    const table = reglab('compare', '--dataset', 'moons', '--size', '60', '--iterations', '20', '--backend', 'wasm');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.match(/ wasm f32\n/g)).toHaveLength(3);
  });

  it('train --backend gpu: the adapter in the JSON, costs within float32 tolerance of numpy', () => {
    const run = vectors.course_model_runs['l2_0.7'];
    const r = reglab('train', '--course', '--backend', 'gpu', '--l2', '0.7', '--train', trainCsv, '--test', testCsv, '--iterations', '101', '--log-every', '10', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.backend).toBe('gpu');
    expect(out.adapter).toMatch(/\S/);
    const byIt = new Map<number, number>(out.costs.map((c: { iteration: number; cost: number }) => [c.iteration, c.cost]));
    expectClose([0, 10, 100].map((i) => byIt.get(i)!), [0, 10, 100].map((i) => run.costs_at_iteration[i]), { rtol: 1e-4 }, 'gpu costs');
  });

  it('compare prints the lesson\'s table', () => {
    const r = reglab('compare', '--dataset', 'xor', '--size', '40', '--iterations', '20');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/model\s+train accuracy\s+test accuracy\s+final cost\s+weights ≈ 0\s+training time/);
    expect(r.stdout).toMatch(/dropout \(keep_prob = 0.86\)/);
  });

  it.each([
    [['train', '--learning-rate', 'abc'], /^reglab: --learning-rate: must be a number, got "abc"$/],
    [['train', '--learning-rate', '-1'], /--learning-rate: must be > 0/],
    [['train', '--keep-prob', '1.5'], /--keep-prob: must be in \(0, 1\], got 1.5/],
    [['train', '--keep-prob', '0'], /--keep-prob/],
    [['train', '--l2', 'NaN'], /--l2/],
    [['train', '--l1', '-1'], /^reglab: --l1: must be >= 0, got -1$/m],
    [['compare', '--with-l1', '-0.5'], /^reglab: --with-l1: must be >= 0, got -0.5$/m],
    [['train', '--iterations', '2.5'], /^reglab: --iterations: must be an integer, got 2\.5$/],
    [['train', '--iterations', 'abc'], /^reglab: --iterations: must be a number, got "abc"$/],
    [['train', '--iterations'], /^reglab: --iterations: needs a value \(<n>\)$/],
    [['train', '--layers', '20,x'], /^reglab: --layers: hidden layer 2 is "x"; expected a positive integer/],
    [['train', '--layers', '0'], /^reglab: --layers: hidden layer 1 is "0"; expected a positive integer/],
    [['train', '--mat-vars', 'X,y,Xval'], /^reglab: --mat-vars: expected four variable names: .*, got "X,y,Xval"$/],
    [['train', '--layers', '99999'], /--layers: must be an integer in \[1, 4096\]/],
    [['train', '--activation', 'gelu'], /^reglab: --activation: must be one of relu, tanh, sigmoid, got "gelu"$/],
    [['train', '--bogus'], /^reglab: --bogus: unknown option$/],
    [['train', '--nope'], /^reglab: --nope: unknown option \(did you mean --noise\?\)$/],
    [['train', '500'], /^reglab: train: unexpected argument "500" \(it takes flags only/],
    [['train', '--dataset', 'swirl'], /--dataset: must be one of/],
    [['train', '--size', '2'], /--size/],
    [['train', '--test', 'x.csv'], /--test: needs --train/],
    [['frobnicate'], /^reglab: frobnicate: unknown command; the commands: train, compare, sweep/],
    [['trian'], /^reglab: trian: unknown command \(did you mean train\?\)/],
  ])('bad flags %j exit 2 naming the flag, in one line', (args, message) => {
    const r = reglab(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^reglab: [^\n]+\n$/); // one line
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).toBe('');
  });

  it('bad data exits 1 naming the file and line', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'x1,x2,label\n0,1,1\n0.5,oops,0\n');
    const r = reglab('train', '--train', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}, line 3: column 2 (x2) is "oops", not a number`);
    const missing = reglab('train', '--train', join(dir, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv: cannot read \(ENOENT\)/);
  });

  it('train --l1 on the fixture: numpy\'s L1 costs (1e-9), and nearZeroShare is the share of the saved weights near zero', () => {
    const run = l1Vectors.l1_runs['l1_0.1'];
    const file = join(dir, 'l1.json');
    const r = reglab('train', '--course', '--l1', '0.1', '--dropout-seed', '42', '--train', trainCsv, '--test', testCsv, '--iterations', '2000',
      '--log-every', '500', '--save-weights', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.settings.l1).toBe(0.1);
    const byIt = new Map<number, number>(out.costs.map((c: { iteration: number; cost: number }) => [c.iteration, c.cost]));
    expectClose([0, 500, 1000, 1500, 1999].map((i) => byIt.get(i)!), [0, 500, 1000, 1500, 1999].map((i) => run.costs_at_iteration[i]), { rtol: 1e-9 }, 'costs');
    const w = JSON.parse(readFileSync(file, 'utf8'));
    const saved = { W: w.W.map((x: number[]) => Float64Array.from(x)), b: w.b.map((x: number[]) => Float64Array.from(x)) };
    expect(out.nearZeroShare).toBe(nearZeroShare(saved));
    expect(out.nearZeroShare).toBe(run.near_zero_share);
    const text = reglab('train', '--course', '--l1', '0.1', '--train', trainCsv, '--iterations', '300');
    expect(text.stdout).toMatch(/^weights ≈ 0: \d+\.\d % of the weights \(\|w\| < 1 % of the largest\)$/m);
  });

  it('compare --with-l1: a model named "L1 (λ₁ = …)" beside none, L2 and dropout, each with its nearZeroShare; --l1 is shared by the others', () => {
    const r = reglab('compare', '--dataset', 'moons', '--size', '60', '--iterations', '200', '--init', 'he', '--with-l1', '0.05', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.runs.map((x: { name: string }) => x.name)).toEqual(['none', 'L2 (λ = 0.7)', 'dropout (keep_prob = 0.86)', 'L1 (λ₁ = 0.05)']);
    expect(out.runs.map((x: { settings: { l2: number; l1: number; keepProb: number } }) => [x.settings.l2, x.settings.l1, x.settings.keepProb]))
      .toEqual([[0, 0, 1], [0.7, 0, 1], [0, 0, 0.86], [0, 0.05, 1]]);
    for (const x of out.runs) expect(x.nearZeroShare).toBeGreaterThanOrEqual(0);
    // L1's cost at iteration 0 is none's plus its term
    expect(out.runs[3].costs[0].cost).toBeGreaterThan(out.runs[0].costs[0].cost);
    const shared = reglab('compare', '--dataset', 'moons', '--size', '60', '--iterations', '20', '--l1', '0.01', '--with-l1', '0.05');
    expect(shared.code, shared.stderr).toBe(0);
    expect(shared.stdout).toMatch(/^model\s+train accuracy\s+test accuracy\s+final cost\s+weights ≈ 0\s+training time/m);
    expect(shared.stdout).toMatch(/^none \+ L1 \(λ₁ = 0\.01\)\s/m);
    expect(shared.stdout).toMatch(/^L1 \(λ₁ = 0\.05\)\s/m);
  });

  it('--save-weights writes the trained weights as JSON', () => {
    const file = join(dir, 'w.json');
    const r = reglab('train', '--train', trainCsv, '--iterations', '5', '--layers', '4', '--save-weights', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const w = JSON.parse(readFileSync(file, 'utf8'));
    expect(w.dims).toEqual([2, 4, 1]);
    expect(w.W.map((x: number[]) => x.length)).toEqual([8, 4]);
    expect(w.b.map((x: number[]) => x.length)).toEqual([4, 1]);
  });

  it('gradcheck passes on the lesson\'s model with L2 (exit 0) and prints the verdict', () => {
    const r = reglab('gradcheck', '--course', '--l2', '0.7', '--train', trainCsv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/relative difference \d\.\d+e-\d+ — PASS \(threshold 1e-7\)/);
    const j = JSON.parse(reglab('gradcheck', '--course', '--train', trainCsv, '--json').stdout);
    expect(j.difference).toBeLessThan(1e-7);
    expect(j.parameters).toBe(127);
  });

  it('gradients prints per-layer norms; init-compare one row per initializer', () => {
    const g = JSON.parse(reglab('gradients', '--depth', '6', '--activation', 'tanh', '--iterations', '21', '--log-every', '10', '--dataset', 'xor', '--size', '40', '--json').stdout);
    expect(g.layers).toEqual([1, 2, 3, 4, 5, 6]);
    expect(g.points.map((p: { iteration: number }) => p.iteration)).toEqual([0, 10, 20]);
    expect(g.points[0].norms).toHaveLength(6);
    const i = reglab('init-compare', '--dataset', 'xor', '--size', '40', '--iterations', '20');
    expect(i.code, i.stderr).toBe(0);
    for (const name of ['zeros', 'random (×10)', 'scaled', 'he', 'xavier']) expect(i.stdout).toContain(name);
    expect(reglab('gradients', '--depth', '1').code).toBe(2);
  });

  it('--early-stopping reports the best and the stop iteration in the JSON and the text', () => {
    const args = ['train', '--dataset', 'moons', '--noise', '0.4', '--size', '160', '--layers', '64,32', '--iterations', '20000', '--log-every', '100', '--learning-rate', '0.5', '--early-stopping', '4'];
    const r = reglab(...args, '--json');
    expect(r.code, r.stderr).toBe(0);
    const es = JSON.parse(r.stdout).earlyStopping;
    expect(es).toMatchObject({ monitor: 'validation', patience: 4, stopped: true });
    expect(es.stopIteration - es.bestIteration).toBe(400);
    expect(reglab(...args).stdout).toMatch(/early stopping on the validation split: best cost \d\.\d+ at iteration \d+, stopped after iteration \d+; weights of iteration \d+ restored/);
    expect(reglab('train', '--early-stopping', '2', '--monitor', 'test', '--train', trainCsv).stderr).toMatch(/--monitor: early stopping on the test set needs a test set/);
  });

  it('divergence is reported with its iteration, never printed as NaN results', () => {
    // the float64 reference: the float32 engines refuse a learning rate beyond their range before training
    const r = reglab('train', '--backend', 'cpu', '--dataset', 'moons', '--init', 'random', '--init-scale', '1e307', '--learning-rate', '1e308', '--iterations', '100', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/diverged at iteration \d+/);
    expect(r.stdout).not.toMatch(/NaN/);
  });
});
