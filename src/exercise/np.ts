/**
 * `np`: a small helper in the spirit of numpy for the exercise's JavaScript, with numpy's names and
 * numpy's random stream — `np.random.seed(1); np.random.rand(2, 5)` draws what numpy draws, bit for
 * bit (src/rng/mt19937.ts is numpy's legacy RandomState). One `np` per run of student code, so a
 * seed set by one check never leaks into the next. The view documents it (exercise-reference in
 * src/exercise/exercises.ts); what cannot be numpy's (no operators on arrays) is said there.
 */
import { NumpyRandom } from '../rng/mt19937';
import { broadcast, NDArray, scalarOp, ShapeError, unary, type BinaryOp, type DType, type Operand, type UnaryOp } from './ndarray';

export { NDArray, ShapeError };

/** np.sum's axis and keepdims: positional (`np.sum(A, 1, true)`) or as numpy's keywords (`np.sum(A, {axis: 1, keepdims: true})`). */
type AxisOptions = { axis?: 0 | 1 | null; keepdims?: boolean };

function axisOf(axisOrOptions?: 0 | 1 | null | AxisOptions): 0 | 1 | null {
  const axis = typeof axisOrOptions === 'object' && axisOrOptions !== null ? axisOrOptions.axis ?? null : axisOrOptions ?? null;
  if (axis !== null && axis !== 0 && axis !== 1) throw new RangeError(`axis ${String(axis)} is out of bounds for a 2-D array (use 0 or 1)`);
  return axis;
}

function reduce(name: string, A: Operand, axisOrOptions: 0 | 1 | null | AxisOptions | undefined, skipNaN: boolean, mean: boolean): NDArray | number {
  if (typeof A === 'number') return A;
  if (!(A instanceof NDArray)) throw new TypeError(`np.${name}: expected an array, got ${A === null ? 'null' : typeof A}`);
  const axis = axisOf(axisOrOptions);
  const add = (s: number, x: number) => (skipNaN && Number.isNaN(x) ? s : s + x);
  if (axis === null) {
    let s = 0;
    for (let i = 0; i < A.size; i++) s = add(s, A.data[i]);
    return mean ? s / A.size : s;
  }
  // a sum along an axis keeps it (numpy's keepdims=True): every array here is 2-D
  const rows = axis === 1 ? A.rows : 1, cols = axis === 1 ? 1 : A.cols;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) {
      const k = axis === 1 ? i : j;
      out[k] = add(out[k], A.data[i * A.cols + j]);
    }
  }
  if (mean) for (let k = 0; k < out.length; k++) out[k] /= axis === 1 ? A.cols : A.rows;
  return new NDArray(rows, cols, out);
}

function elementwise(op: UnaryOp, f: (x: number) => number) {
  return (A: Operand): NDArray | number => {
    if (typeof A === 'number') return f(A);
    if (!(A instanceof NDArray)) throw new TypeError(`np.${op}: expected an array or a number, got ${A === null ? 'null' : typeof A}`);
    return unary(A, op);
  };
}

/** np.add, np.multiply, …: numbers give a number, anything with an array broadcasts. */
function binary(name: string, op: BinaryOp) {
  return (a: Operand, b: Operand): NDArray | number => {
    if (typeof a === 'number' && typeof b === 'number') return scalarOp(op, a, b);
    return broadcast(a, b, op, `np.${name}`);
  };
}

/** A 2-D array from rows of numbers (or one list, as one row). */
function array(values: readonly (readonly (number | boolean)[])[] | readonly (number | boolean)[] | NDArray, dtype?: DType): NDArray {
  if (values instanceof NDArray) return dtype ? values.astype(dtype) : values.copy();
  if (!Array.isArray(values) || values.length === 0) throw new TypeError('np.array: give a list of rows, e.g. np.array([[1, 1, 0, 1, 0]])');
  const rows = (Array.isArray(values[0]) ? values : [values]) as readonly (readonly (number | boolean)[])[];
  const cols = rows[0].length;
  const data = new Float64Array(rows.length * cols);
  let bools = true;
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) throw new ShapeError(`np.array: row ${i} has ${Array.isArray(row) ? row.length : 'no'} values, row 0 has ${cols}`);
    row.forEach((v, j) => {
      if (typeof v !== 'number' && typeof v !== 'boolean') throw new TypeError(`np.array: element (${i}, ${j}) is ${typeof v}, not a number`);
      bools &&= typeof v === 'boolean';
      data[i * cols + j] = +v;
    });
  });
  return new NDArray(rows.length, cols, data, dtype ?? (bools ? 'bool' : 'float64'));
}

function shapeArgs(name: string, dims: (number | readonly number[])[]): [number, number] {
  const flat = dims.length === 1 && Array.isArray(dims[0]) ? dims[0] as number[] : dims as number[];
  const [r, c = undefined] = flat.length === 1 ? [1, flat[0]] : flat;
  if (flat.length > 2 || !Number.isInteger(r) || !Number.isInteger(c) || (r as number) < 0 || (c as number) < 0) {
    throw new TypeError(`np.${name}: expected one or two non-negative integer dimensions, got (${flat.join(', ')})`);
  }
  return [r as number, c as number];
}

export const MAX_PRINT_LINES = 200;

/** A fresh `np` (its own random stream, seeded with 0 until the code seeds it). */
export function makeNp() {
  const rng = new NumpyRandom(0);
  const draw = (name: string, next: () => number, dims: number[]) => {
    if (dims.length === 0) return next();
    const [r, c] = shapeArgs(name, dims);
    const data = new Float64Array(r * c);
    for (let i = 0; i < data.length; i++) data[i] = next();
    return new NDArray(r, c, data);
  };
  const np = {
    array,
    zeros: (...dims: (number | readonly number[])[]) => { const [r, c] = shapeArgs('zeros', dims); return new NDArray(r, c, new Float64Array(r * c)); },
    ones: (...dims: (number | readonly number[])[]) => { const [r, c] = shapeArgs('ones', dims); return new NDArray(r, c, new Float64Array(r * c).fill(1)); },
    /** The matrix product, summed in order over the inner index (as the CPU reference sums it). */
    dot(a: NDArray | number, b: NDArray | number): NDArray | number {
      if (typeof a === 'number' || typeof b === 'number') return binary('dot', 'mul')(a, b);
      if (!(a instanceof NDArray) || !(b instanceof NDArray)) throw new TypeError('np.dot: expected two arrays');
      if (a.cols !== b.rows) {
        throw new ShapeError(`shapes (${a.rows},${a.cols}) and (${b.rows},${b.cols}) not aligned: ${a.cols} (dim 1) != ${b.rows} (dim 0)`);
      }
      const n = a.rows, k = a.cols, m = b.cols;
      const A = a.data, B = b.data, out = new Float64Array(n * m);
      // every sum runs over p in order from 0, as the CPU reference's (same bits); for a narrow b
      // (dZ1 · X.T has 2 columns) one sum at a time, otherwise b's rows added in turn, read along them
      if (m < 8) {
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < m; j++) {
            let s = 0;
            for (let p = 0; p < k; p++) s += A[i * k + p] * B[p * m + j];
            out[i * m + j] = s;
          }
        }
      } else {
        for (let i = 0; i < n; i++) {
          const row = i * m;
          for (let p = 0; p < k; p++) {
            const w = A[i * k + p], bRow = p * m;
            for (let j = 0; j < m; j++) out[row + j] += w * B[bRow + j];
          }
        }
      }
      return new NDArray(n, m, out);
    },
    sum: (A: Operand, axis?: 0 | 1 | null | AxisOptions, _keepdims?: boolean) => reduce('sum', A, axis, false, false),
    nansum: (A: Operand, axis?: 0 | 1 | null | AxisOptions, _keepdims?: boolean) => reduce('nansum', A, axis, true, false),
    mean: (A: Operand, axis?: 0 | 1 | null | AxisOptions, _keepdims?: boolean) => reduce('mean', A, axis, false, true),
    square: elementwise('square', (x) => x * x),
    sqrt: elementwise('sqrt', Math.sqrt),
    exp: elementwise('exp', Math.exp),
    log: elementwise('log', Math.log),
    abs: elementwise('abs', Math.abs),
    multiply: binary('multiply', 'mul'),
    divide: binary('divide', 'div'),
    add: binary('add', 'add'),
    subtract: binary('subtract', 'sub'),
    maximum: binary('maximum', 'maximum'),
    minimum: binary('minimum', 'minimum'),
    /** numpy's np.int64(mask): True/False as 1/0 (truncating other values). */
    int64: (A: Operand) => (A instanceof NDArray ? A.astype('int64') : Math.trunc(+A)),
    float64: (A: Operand) => (A instanceof NDArray ? A.astype('float64') : +A),
    random: {
      seed: (s: number) => rng.seed(s),
      /** Uniform [0, 1) numbers in numpy's order: rand() one, rand(n) a row, rand(r, c) an r × c array. */
      rand: (...dims: number[]) => draw('random.rand', () => rng.rand(), dims),
      randn: (...dims: number[]) => draw('random.randn', () => rng.randn(), dims),
    },
  };
  return np;
}

export type Np = ReturnType<typeof makeNp>;

/** `print(...)`: numpy-style text, collected for the view (at most MAX_PRINT_LINES lines). */
export function makePrint(output: string[]): (...args: unknown[]) => void {
  return (...args) => {
    if (output.length >= MAX_PRINT_LINES) return;
    const text = args.map((a) => (a instanceof NDArray ? a.toString() : typeof a === 'string' ? a : JSON.stringify(a) ?? String(a))).join(' ');
    output.push(...text.split('\n').slice(0, MAX_PRINT_LINES - output.length));
  };
}
