import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, toCsv } from '../src/data/csv';
import { DATASETS, generateDataset } from '../src/data/generators';

describe('built-in data sets', () => {
  it.each(DATASETS)('%s: seeded, 2-D, both classes, split as asked', (name) => {
    const a = generateDataset({ name, size: 200, noise: 0.1, seed: 5, testFraction: 0.25 });
    const b = generateDataset({ name, size: 200, noise: 0.1, seed: 5, testFraction: 0.25 });
    const c = generateDataset({ name, size: 200, noise: 0.1, seed: 6, testFraction: 0.25 });
    expect(a.train.m).toBe(150);
    expect(a.test!.m).toBe(50);
    expect(a.train.X).toEqual(b.train.X);
    expect(a.train.X).not.toEqual(c.train.X);
    for (const set of [a.train, a.test!]) {
      expect(set.X.length).toBe(2 * set.m);
      expect(set.X.every(Number.isFinite)).toBe(true);
      const ones = set.Y.reduce((s, v) => s + v, 0);
      expect(ones).toBeGreaterThan(0);
      expect(ones).toBeLessThan(set.m);
    }
  });
  it('testFraction 0 gives no test set', () => {
    expect(generateDataset({ name: 'xor', size: 10, noise: 0, seed: 1, testFraction: 0 }).test).toBeNull();
  });
  it('rejects bad options naming them', () => {
    expect(() => generateDataset({ name: 'moons', size: 2, noise: 0, seed: 1, testFraction: 0 })).toThrow(/^size:/);
    expect(() => generateDataset({ name: 'moons', size: 10, noise: -1, seed: 1, testFraction: 0 })).toThrow(/^noise:/);
    expect(() => generateDataset({ name: 'moons', size: 10, noise: 0, seed: 1, testFraction: 1 })).toThrow(/^testFraction:/);
  });
});

function csvError(text: string): CsvError {
  try {
    parseCsv(text, 'f.csv');
  } catch (e) {
    expect(e).toBeInstanceOf(CsvError);
    return e as CsvError;
  }
  throw new Error('expected a CsvError');
}

describe('CSV import', () => {
  it('reads x1,x2,label with a header', () => {
    const s = parseCsv('x1,x2,label\n0.5,-1,1\n2,3e-1,0\n');
    expect(s.m).toBe(2);
    expect(Array.from(s.X)).toEqual([0.5, 2, -1, 0.3]);
    expect(Array.from(s.Y)).toEqual([1, 0]);
  });
  it('reads without a header, with CRLF, blank lines and spaces', () => {
    const s = parseCsv('0.5, -1, 1\r\n\r\n2,0.3,0\r\n');
    expect(s.m).toBe(2);
    expect(Array.from(s.Y)).toEqual([1, 0]);
  });
  it('round-trips toCsv', () => {
    const set = generateDataset({ name: 'circles', size: 20, noise: 0.1, seed: 2, testFraction: 0 }).train;
    const back = parseCsv(toCsv(set));
    expect(back.X).toEqual(set.X);
    expect(back.Y).toEqual(set.Y);
  });
  it.each([
    ['', null, /empty/],
    ['  \n\n', null, /empty/],
    ['x1,x2,label\n', null, /no data rows/],
    ['1,2,1\n3,4\n', 2, /expected 3 columns \(x1,x2,label\), found 2/],
    ['1,2,1,5\n', 1, /found 4/],
    ['1,2,1\n1,abc,0\n', 2, /column 2 \(x2\) is "abc", not a number/],
    ['1,2,1\n1,,0\n', 2, /column 2 \(x2\) is empty/],
    ['1,2,1\nNaN,2,0\n', 2, /column 1 \(x1\) is NaN; values must be finite/],
    ['1,2,1\n1,-Infinity,0\n', 2, /is -Infinity/],
    ['1,2,1\n1,1e999,0\n', 2, /overflows/],
    ['1,2,1\n1,2,2\n', 2, /label is 2; labels must be 0 or 1/],
    ['1,2,1\n1,2,0.5\n', 2, /labels must be 0 or 1/],
    ['1,2,1\n3,4,1\n', null, /all 2 examples have label 1/],
  ])('%j → line %s', (text, line, message) => {
    const e = csvError(text);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(line === null ? 'f.csv: ' : `f.csv, line ${line}: `)).toBe(true);
  });
});
