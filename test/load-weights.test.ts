/**
 * `reglab train --load-weights`: weights written by --save-weights load back and predict what the
 * trained model predicted; training continues from them as if it had never stopped; a bad file is
 * one line naming --load-weights and the file. The built CLI in a child process (npm run build:cli).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../src/data/csv';
import { generateDataset } from '../src/data/generators';

const bin = fileURLToPath(new URL('../bin/reglab.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'reglab-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const split = generateDataset({ name: 'moons', size: 120, noise: 0.3, seed: 4, testFraction: 0.5 });
const trainCsv = join(dir, 'train.csv'), testCsv = join(dir, 'test.csv');
writeFileSync(trainCsv, toCsv(split.train));
writeFileSync(testCsv, toCsv(split.test!));
const data = ['--train', trainCsv, '--test', testCsv, '--layers', '6,3', '--log-every', '50', '--no-progress'];

function reglab(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** P > 0.5 of each point, from the JSON alone: the forward pass written out (ReLU hidden layers, sigmoid output). */
function labelsOf(w: { dims: number[]; W: number[][]; b: number[][] }, csv: string): number[] {
  const set = parseCsv(readFileSync(csv, 'utf8'));
  return Array.from({ length: set.m }, (_, j) => {
    let a = [set.X[j], set.X[set.m + j]];
    w.W.forEach((W, l) => {
      const z = w.b[l].map((b, i) => b + a.reduce((s, x, k) => s + W[i * a.length + k] * x, 0));
      a = l === w.W.length - 1 ? z : z.map((v) => Math.max(v, 0));
    });
    return 1 / (1 + Math.exp(-a[0])) > 0.5 ? 1 : 0;
  });
}

describe('reglab train --load-weights', () => {
  const saved = join(dir, 'w.json');
  it('loads what --save-weights wrote and predicts the same accuracies, cross-entropies and labels', () => {
    const run = reglab('train', ...data, '--iterations', '300', '--save-weights', saved, '--json');
    expect(run.code, run.stderr).toBe(0);
    const trained = JSON.parse(run.stdout);
    // the file's layers are the network's: no --layers needed
    const p = reglab('train', '--train', trainCsv, '--test', testCsv, '--load-weights', saved, '--iterations', '0', '--json');
    expect(p.code, p.stderr).toBe(0);
    const predicted = JSON.parse(p.stdout);
    expect(predicted.dims).toEqual([2, 6, 3, 1]);
    expect(predicted.train).toEqual(trained.train);
    expect(predicted.test).toEqual(trained.test);
    const w = JSON.parse(readFileSync(saved, 'utf8'));
    expect(predicted.predictions.train).toEqual(labelsOf(w, trainCsv));
    expect(predicted.predictions.test).toEqual(labelsOf(w, testCsv));
    const right = predicted.predictions.test.filter((y: number, j: number) => y === split.test!.Y[j]).length;
    expect(right / split.test!.m).toBe(trained.test.accuracy);
    // the table says it did not train
    const text = reglab('train', '--train', trainCsv, '--load-weights', saved, '--iterations', '0');
    expect(text.stdout).toContain('not trained (--iterations 0)');
  });

  it('with iterations, training goes on from the loaded weights: 300 then 100 is 400 at once', () => {
    const once = JSON.parse(reglab('train', ...data, '--iterations', '400', '--json').stdout);
    const more = JSON.parse(reglab('train', ...data, '--load-weights', saved, '--iterations', '100', '--json').stdout);
    expect(more.train).toEqual(once.train);
    expect(more.test).toEqual(once.test);
  });

  it('a bad file, or one that does not fit the flags: one line naming --load-weights and the file', () => {
    const notJson = join(dir, 'not.json'), short = join(dir, 'short.json');
    writeFileSync(notJson, 'dims: 2,3,1');
    const w = JSON.parse(readFileSync(saved, 'utf8'));
    writeFileSync(short, JSON.stringify({ ...w, W: [w.W[0].slice(1), w.W[1], w.W[2]] }));
    for (const [file, cause, code] of [
      [notJson, /not JSON/, 1], [short, /"W" layer 1 must hold 12 numbers/, 1], [join(dir, 'missing.json'), /cannot read \(ENOENT\)/, 1],
    ] as const) {
      const r = reglab('train', '--train', trainCsv, '--load-weights', file, '--iterations', '0');
      expect(r.code).toBe(code);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`reglab: --load-weights ${file}: `);
      expect(r.stderr).toMatch(cause);
    }
    const layers = reglab('train', '--train', trainCsv, '--load-weights', saved, '--layers', '5', '--iterations', '0');
    expect(layers.code).toBe(2);
    expect(layers.stderr).toBe(`reglab: --load-weights: ${saved} holds a 2 → 6 → 3 → 1 network; --layers 5 asks for other hidden layers (leave --layers out to use the file's)\n`);
    // --iterations 0 means "predict" only with --load-weights
    expect(reglab('train', '--train', trainCsv, '--iterations', '0').code).toBe(2);
  });
});
