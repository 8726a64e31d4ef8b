/** MAT-file import (src/data/mat.ts) on files the suite writes itself (test/mat-writer.ts). */
import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { unzlibSync } from 'fflate';
import { labelledSetsFromMat, MAX_MAT_DATA_BYTES, MatError, readMat } from '../src/data/mat';
import { adler32 } from '../src/data/inflate-bounded';
import { lessonVars, matrixElement, writeMat, type MatClass } from './mat-writer';
import { bombMat, flippedBitMat, GOOD_VARS, hugeMat, nestedMat } from './mat-hostile';

const train: [number, number, number][] = [[0.5, -1.25, 1], [-2, 3, 0], [1.5, 0.25, 1], [4, -4, 0]];
const test: [number, number, number][] = [[0.75, 0.5, 0], [-1, -1, 1], [2, 2, 1]];

function expectSets(bytes: Uint8Array) {
  const { train: tr, test: te } = labelledSetsFromMat(bytes, 'data.mat');
  // the lesson's layout: X is (features × m) row-major
  expect(Array.from(tr.X)).toEqual([...train.map((p) => p[0]), ...train.map((p) => p[1])]);
  expect(Array.from(tr.Y)).toEqual(train.map((p) => p[2]));
  expect(tr.m).toBe(4);
  expect(te!.m).toBe(3);
  expect(Array.from(te!.X)).toEqual([...test.map((p) => p[0]), ...test.map((p) => p[1])]);
  expect(Array.from(te!.Y)).toEqual(test.map((p) => p[2]));
}

describe('MAT-file import', () => {
  it.each([
    { compress: false, bigEndian: false }, { compress: true, bigEndian: false },
    { compress: false, bigEndian: true }, { compress: true, bigEndian: true },
  ])('reads the lesson\'s X, y, Xval, yval (compressed: $compress, big-endian: $bigEndian)', (opts) => {
    expectSets(writeMat(lessonVars(train, test), opts));
  });

  it('reads single, logical labels and doubles stored in narrower types', () => {
    const ints: [number, number, number][] = [[1, -2, 1], [3, 4, 0], [-5, 6, 1]];
    const vars = lessonVars(ints, ints, 'single');
    vars[1] = { ...vars[1], cls: 'logical' };
    vars[2] = { ...vars[2], cls: 'double', storeAs: 'int16' };
    vars[3] = { ...vars[3], cls: 'double', storeAs: 'uint8' };
    const { train: tr, test: te } = labelledSetsFromMat(writeMat(vars, { compress: true }));
    expect(Array.from(tr.X)).toEqual([1, 3, -5, -2, 4, 6]);
    expect(Array.from(tr.Y)).toEqual([1, 0, 1]);
    expect(Array.from(te!.X)).toEqual([1, 3, -5, -2, 4, 6]);
  });

  it.each(['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'] as MatClass[])('reads %s matrices', (cls) => {
    const { matrices } = readMat(writeMat([{ name: 'A', rows: 2, cols: 2, data: [1, 2, 3, 4], cls }]));
    expect(matrices.get('A')).toMatchObject({ rows: 2, cols: 2 });
    expect(Array.from(matrices.get('A')!.data)).toEqual([1, 2, 3, 4]);
  });

  it('takes chosen variable names, skips text variables, and a file without Xval/yval has no test set', () => {
    const bytes = writeMat([
      { name: '__note', rows: 0, cols: 0, data: [], text: 'hello' },
      { name: 'P', rows: 4, cols: 2, data: [...train.map((p) => p[0]), ...train.map((p) => p[1])] },
      { name: 'L', rows: 1, cols: 4, data: train.map((p) => p[2]) },
    ]);
    const { train: tr, test: te } = labelledSetsFromMat(bytes, 'd.mat', { x: 'P', y: 'L', xTest: 'Xval', yTest: 'yval' });
    expect(tr.m).toBe(4);
    expect(te).toBeNull();
    expect(() => labelledSetsFromMat(bytes, 'd.mat')).toThrow(/d\.mat: no variable X \(points\); numeric variables in the file: P \(4×2\), L \(1×4\)/);
    expect(() => labelledSetsFromMat(bytes, 'd.mat', { x: '__note', y: 'L', xTest: 'a', yTest: 'b' })).toThrow(/variable __note \(points\) is text/);
  });

  it('refuses version 7.3 (HDF5), Level 4, truncated, corrupt and malformed files with a MatError naming the file', () => {
    const good = writeMat(lessonVars(train, test), { compress: true });
    const v73 = new Uint8Array(600);
    v73.set(new TextEncoder().encode('MATLAB 7.3 MAT-file, Platform: GLNXA64, HDF5 schema 1.00'));
    const hdf5 = Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(200).fill(0)]);
    const corrupt = good.slice();
    corrupt.fill(7, 140, 200);
    const cases: [Uint8Array, RegExp][] = [
      [v73, /data\.mat: this is a MATLAB 7\.3 \(HDF5\) MAT-file.*-v7/],
      [hdf5, /data\.mat: this is an HDF5 file/],
      [new Uint8Array(10), /too short/],
      [new Uint8Array(200), /not a MATLAB 5 MAT-file/],
      [good.slice(0, good.length - 30), /truncated/],
      [corrupt, /does not inflate|malformed|truncated/],
    ];
    for (const [bytes, re] of cases) {
      let err: unknown;
      try { labelledSetsFromMat(bytes, 'data.mat'); } catch (e) { err = e; }
      expect(err, String(re)).toBeInstanceOf(MatError);
      expect((err as Error).message).toMatch(re);
    }
  });

  it('refuses labels outside {0, 1}, one class, non-finite points and mismatched shapes, naming the variable', () => {
    const base = lessonVars(train, test);
    const withVar = (i: number, patch: object) => writeMat(base.map((v, j) => (j === i ? { ...v, ...patch } : v)));
    expect(() => labelledSetsFromMat(withVar(1, { data: [1, 2, 0, 1] }))).toThrow(/variable y, entry 2 is 2; labels must be 0 or 1/);
    expect(() => labelledSetsFromMat(withVar(1, { data: [1, 1, 1, 1] }))).toThrow(/all 4 labels in y are 1/);
    expect(() => labelledSetsFromMat(withVar(0, { data: [NaN, 0, 0, 0, 0, 0, 0, 0] }))).toThrow(/variable X, point 1: coordinate 1 is NaN/);
    expect(() => labelledSetsFromMat(withVar(0, { rows: 8, cols: 1 }))).toThrow(/variable X is 8×1; expected m×2/);
    expect(() => labelledSetsFromMat(withVar(3, { rows: 2, data: [0, 1] }))).toThrow(/variable yval is 2×1; expected 3 labels/);
  });
});

describe('MAT-files made to hurt the reader: refused in one line naming the file and the variable, with bounded work', () => {
  const refusal = (bytes: Uint8Array): string => {
    let err: unknown;
    try { labelledSetsFromMat(bytes, 'data.mat'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(MatError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  };

  it('a compressed element inflating to 1 GiB of zeros stops within one step (8 KiB in, ≤ 8.1 MiB out) of what its header allows', () => {
    const bytes = bombMat(48); // the tag declares what a 1 × 1 double needs
    expect(bytes.length).toBeLessThan(1.2e6);
    const m = refusal(bytes).match(/^data\.mat: variable Z: a compressed element: it inflates past the 56 bytes it may hold \(stopped at (\d+): a decompression bomb/);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeLessThanOrEqual(56 + 8192 * 1032);
    // declaring the whole GiB instead: refused from the header, before the zeros
    expect(refusal(bombMat(40 + 2 ** 30))).toMatch(/^data\.mat: variable Z: its element claims 1073741864 bytes, more than a 1×1 matrix can take \(56\)/);
  });

  it('dimensions over the documented maximum are refused from the header, before the data inflates', () => {
    expect(refusal(hugeMat())).toMatch(`data.mat: variable X: 67108864×2 is 1024 MiB as float64, over the ${MAX_MAT_DATA_BYTES / 2 ** 20} MiB of data reglab reads from a MAT-file`);
  });

  it('the data budget counts each variable once, compressed or not, and names what took it', () => {
    for (const compress of [false, true]) {
      const bytes = writeMat(GOOD_VARS, { compress }); // X 5×2, y 5×1, Xval 3×2, yval 3×1: 15 + 9 values
      expect(readMat(bytes, 'data.mat', 24 * 8).matrices.size).toBe(4);
      expect(() => readMat(bytes, 'data.mat', 24 * 8 - 1)).toThrow('data.mat: variable yval: 3×1 is 24 bytes as float64, over the 191 bytes of data reglab reads from a MAT-file (168 bytes taken by the variables before it)');
    }
  });

  it('compressed elements nested 4 000 deep: refused at the second level, no recursion (one level reads)', () => {
    expect(labelledSetsFromMat(nestedMat(1), 'data.mat').train.m).toBe(5);
    expect(refusal(nestedMat(2))).toMatch(/^data\.mat: element 1 \(at byte 128\): a compressed element inside a compressed element/);
    const deep = nestedMat(4000);
    expect(deep.length).toBeLessThan(100_000);
    expect(refusal(deep)).toMatch(/^data\.mat: element 1 \(at byte 128\): a compressed element inside a compressed element/);
  });

  it('one flipped bit that still inflates (fflate\'s unzlibSync takes it) is refused by the Adler-32 checksum', () => {
    const { bytes } = flippedBitMat();
    // the stream X's element sits in: after the file header (128) and the compressed element's tag (8)
    const stream = bytes.subarray(136, 136 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(132, true));
    expect(unzlibSync(stream).length).toBe(matrixElement(GOOD_VARS[0]).length);
    expect(refusal(bytes)).toMatch(/^data\.mat: variable X: a compressed element: its checksum \(Adler-32\) does not match what it inflates to: the file is corrupt$/);
  });

  it('adler32 matches zlib\'s (RFC 1950\'s example and the trailer node:zlib writes)', () => {
    expect(adler32(new TextEncoder().encode('Wikipedia'))).toBe(0x11e60398);
    const data = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 2654435761) >>> 24);
    const z = deflateSync(data);
    expect(adler32(data)).toBe(z.readUInt32BE(z.length - 4));
  });
});
