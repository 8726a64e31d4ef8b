/**
 * The exercise's matrix: a 2-D float64 array in numpy's row-major (C) order, with the few methods
 * the lesson's four functions need. JavaScript has no operator overloading, so `A * B` is written
 * `A.mul(B)` (or `np.multiply(A, B)`); an array used with + − * / < > throws a TypeError that says
 * so, instead of turning silently into NaN (the mistake everyone makes first).
 *
 * Every array is 2-D: a 1-D list becomes one row, and a sum along an axis keeps that axis as
 * numpy's keepdims=True does. Element-wise operations broadcast as numpy does for 2-D shapes: a
 * dimension of 1 stretches to the other operand's, and a number stretches to any shape.
 */

export type DType = 'float64' | 'int64' | 'bool';
/** What an element-wise operation accepts beside an array: a number (or true/false, as 1/0). */
export type Operand = NDArray | number | boolean;

export class ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueError';
  }
}

const shapeText = (r: number, c: number) => `(${r},${c})`;

export class NDArray {
  constructor(
    readonly rows: number,
    readonly cols: number,
    /** rows × cols values, row-major. */
    readonly data: Float64Array,
    readonly dtype: DType = 'float64',
  ) {
    if (data.length !== rows * cols) throw new ShapeError(`${data.length} values do not fill shape ${shapeText(rows, cols)}`);
  }

  /** [rows, cols], as numpy's .shape: `A.shape[1]` is the number of examples. */
  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  get size(): number {
    return this.data.length;
  }

  /** The transpose, as numpy's .T (a copy here). */
  get T(): NDArray {
    const { rows, cols, data } = this;
    const out = new Float64Array(data.length);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
    return new NDArray(cols, rows, out, this.dtype);
  }

  /** Element (i, j); A.get(i) for a one-column or one-row array. */
  get(i: number, j?: number): number {
    if (j === undefined) {
      if (this.rows !== 1 && this.cols !== 1) throw new ShapeError(`get(${i}) on a ${shapeText(this.rows, this.cols)} array: give a row and a column`);
      j = this.rows === 1 ? i : 0;
      i = this.rows === 1 ? 0 : i;
    }
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= this.rows || j >= this.cols) {
      throw new RangeError(`index (${i}, ${j}) is out of bounds for shape ${shapeText(this.rows, this.cols)}`);
    }
    return this.data[i * this.cols + j];
  }

  /** The one value of a (1, 1) array, as numpy's .item(). */
  item(): number {
    if (this.size !== 1) throw new ShapeError(`item() needs an array of one element, not shape ${shapeText(this.rows, this.cols)}`);
    return this.data[0];
  }

  add(b: Operand): NDArray { return broadcast(this, b, 'add'); }
  sub(b: Operand): NDArray { return broadcast(this, b, 'sub'); }
  mul(b: Operand): NDArray { return broadcast(this, b, 'mul'); }
  div(b: Operand): NDArray { return broadcast(this, b, 'div'); }
  lt(b: Operand): NDArray { return broadcast(this, b, 'lt'); }
  le(b: Operand): NDArray { return broadcast(this, b, 'le'); }
  gt(b: Operand): NDArray { return broadcast(this, b, 'gt'); }
  ge(b: Operand): NDArray { return broadcast(this, b, 'ge'); }
  eq(b: Operand): NDArray { return broadcast(this, b, 'eq'); }
  ne(b: Operand): NDArray { return broadcast(this, b, 'ne'); }
  neg(): NDArray { return unary(this, 'neg'); }

  /** A copy with another element type: 'int64' (or 'int') truncates, 'bool' is x ≠ 0, as numpy's astype. */
  astype(dtype: DType | 'int' | 'float' | typeof Number | typeof Boolean): NDArray {
    const t: DType = dtype === 'int' ? 'int64' : dtype === 'float' || dtype === Number ? 'float64' : dtype === Boolean ? 'bool' : dtype as DType;
    if (t !== 'float64' && t !== 'int64' && t !== 'bool') throw new TypeError(`astype: unknown type ${String(dtype)}; use 'int64', 'float64' or 'bool'`);
    const out = new Float64Array(this.size);
    for (let i = 0; i < out.length; i++) {
      const x = this.data[i];
      out[i] = t === 'bool' ? +(x !== 0) : t === 'int64' ? Math.trunc(x) : x;
    }
    return new NDArray(this.rows, this.cols, out, t);
  }

  copy(): NDArray {
    return new NDArray(this.rows, this.cols, Float64Array.from(this.data), this.dtype);
  }

  /** JSON.stringify writes the rows. */
  toJSON(): number[][] {
    return this.tolist();
  }

  tolist(): number[][] {
    return Array.from({ length: this.rows }, (_, i) => Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
  }

  /** numpy's way of printing: [[ 0.36974721  0.00305176 …]] (8 decimals), True/False for masks. */
  toString(): string {
    const cell = (x: number) => (this.dtype === 'bool' ? (x ? ' True' : 'False') : this.dtype === 'int64' ? String(x) : formatFloat(x));
    const cells = Array.from(this.data, cell);
    const width = Math.max(...cells.map((c) => c.length), 1);
    const rows = this.tolist().map((_, i) => '[' + cells.slice(i * this.cols, (i + 1) * this.cols).map((c) => c.padStart(width)).join(' ') + ']');
    return '[' + rows.join('\n ') + ']';
  }

  /**
   * `A * B`, `A + 1`, `A > 0` in JavaScript turn A into a primitive: refused with the method to use.
   * Printing (`${A}`, String(A)) still works.
   */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === 'string') return this.toString();
    throw new TypeError(
      `an array cannot be used with + - * / < > in JavaScript: write A.add(B), A.sub(B), A.mul(B), A.div(B), A.gt(0), `
      + `or np.multiply(A, B), np.dot(A, B) (this one has shape ${shapeText(this.rows, this.cols)})`,
    );
  }
}

function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const s = Number(x.toFixed(8)).toString();
  return x < 0 || Object.is(x, -0) ? (s.startsWith('-') ? s : '-' + s) : ' ' + s;
}

export type UnaryOp = 'neg' | 'exp' | 'log' | 'sqrt' | 'abs' | 'square';

/** f(A) element-wise, one plain loop per operation (as combine below). */
export function unary(A: NDArray, op: UnaryOp): NDArray {
  const a = A.data, n = a.length, out = new Float64Array(n);
  switch (op) {
    case 'neg': for (let i = 0; i < n; i++) out[i] = -a[i]; break;
    case 'exp': for (let i = 0; i < n; i++) out[i] = Math.exp(a[i]); break;
    case 'log': for (let i = 0; i < n; i++) out[i] = Math.log(a[i]); break;
    case 'sqrt': for (let i = 0; i < n; i++) out[i] = Math.sqrt(a[i]); break;
    case 'abs': for (let i = 0; i < n; i++) out[i] = Math.abs(a[i]); break;
    case 'square': for (let i = 0; i < n; i++) out[i] = a[i] * a[i]; break;
  }
  return new NDArray(A.rows, A.cols, out);
}

/** An operand as an array: numbers and booleans as 1 × 1. */
function asArray(v: Operand, op: string): NDArray {
  if (v instanceof NDArray) return v;
  if (typeof v === 'number') return new NDArray(1, 1, Float64Array.of(v));
  if (typeof v === 'boolean') return new NDArray(1, 1, Float64Array.of(+v), 'bool');
  if (Array.isArray(v)) throw new TypeError(`${op}: a plain JavaScript list is not an array: wrap it in np.array([[…]])`);
  throw new TypeError(`${op}: expected an array or a number, got ${v === null ? 'null' : typeof v}`);
}

export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne' | 'maximum' | 'minimum';
const COMPARISONS: readonly BinaryOp[] = ['lt', 'le', 'gt', 'ge', 'eq', 'ne'];

/** x ⊙ y for two numbers (np.maximum of NaN is NaN, as numpy's). */
export function scalarOp(op: BinaryOp, x: number, y: number): number {
  switch (op) {
    case 'add': return x + y;
    case 'sub': return x - y;
    case 'mul': return x * y;
    case 'div': return x / y;
    case 'lt': return +(x < y);
    case 'le': return +(x <= y);
    case 'gt': return +(x > y);
    case 'ge': return +(x >= y);
    case 'eq': return +(x === y);
    case 'ne': return +(x !== y);
    case 'maximum': return Number.isNaN(x) || Number.isNaN(y) ? NaN : x > y ? x : y;
    case 'minimum': return Number.isNaN(x) || Number.isNaN(y) ? NaN : x < y ? x : y;
  }
}

/**
 * out[i] = a[i] ⊙ b[i] over equal lengths. One plain loop per operation: a loop calling an
 * operation through a function value would be an order of magnitude slower once it has seen several
 * (training runs these tens of thousands of times).
 */
function combine(op: BinaryOp, a: Float64Array, b: Float64Array, out: Float64Array): void {
  const n = out.length;
  switch (op) {
    case 'add': for (let i = 0; i < n; i++) out[i] = a[i] + b[i]; return;
    case 'sub': for (let i = 0; i < n; i++) out[i] = a[i] - b[i]; return;
    case 'mul': for (let i = 0; i < n; i++) out[i] = a[i] * b[i]; return;
    case 'div': for (let i = 0; i < n; i++) out[i] = a[i] / b[i]; return;
    case 'lt': for (let i = 0; i < n; i++) out[i] = +(a[i] < b[i]); return;
    case 'le': for (let i = 0; i < n; i++) out[i] = +(a[i] <= b[i]); return;
    case 'gt': for (let i = 0; i < n; i++) out[i] = +(a[i] > b[i]); return;
    case 'ge': for (let i = 0; i < n; i++) out[i] = +(a[i] >= b[i]); return;
    case 'eq': for (let i = 0; i < n; i++) out[i] = +(a[i] === b[i]); return;
    case 'ne': for (let i = 0; i < n; i++) out[i] = +(a[i] !== b[i]); return;
    default: for (let i = 0; i < n; i++) out[i] = scalarOp(op, a[i], b[i]);
  }
}

/** out[i] = a[i] ⊙ y: an array with a number (A.mul(1 / m), A.div(keep_prob)), without stretching the number first. */
function combineScalar(op: BinaryOp, a: Float64Array, y: number, out: Float64Array): void {
  const n = out.length;
  switch (op) {
    case 'add': for (let i = 0; i < n; i++) out[i] = a[i] + y; return;
    case 'sub': for (let i = 0; i < n; i++) out[i] = a[i] - y; return;
    case 'mul': for (let i = 0; i < n; i++) out[i] = a[i] * y; return;
    case 'div': for (let i = 0; i < n; i++) out[i] = a[i] / y; return;
    default: for (let i = 0; i < n; i++) out[i] = scalarOp(op, a[i], y);
  }
}

/** A's values stretched to rows × cols (numpy's broadcasting of a dimension of 1); A's own data when it has that shape. */
function stretched(A: NDArray, rows: number, cols: number): Float64Array {
  if (A.rows === rows && A.cols === cols) return A.data;
  const out = new Float64Array(rows * cols);
  const rs = A.rows === 1 ? 0 : A.cols, cs = A.cols === 1 ? 0 : 1;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = A.data[i * rs + j * cs];
  return out;
}

/** The broadcast result of a ⊙ b, numpy's rule for two 2-D shapes. */
export function broadcast(a: Operand, b: Operand, op: BinaryOp, name: string = op): NDArray {
  const A = asArray(a, name);
  const B = asArray(b, name);
  const dim = (p: number, q: number) => (p === q ? p : p === 1 ? q : q === 1 ? p : -1);
  const rows = dim(A.rows, B.rows);
  const cols = dim(A.cols, B.cols);
  if (rows < 0 || cols < 0) {
    throw new ShapeError(`operands could not be broadcast together with shapes ${shapeText(A.rows, A.cols)} ${shapeText(B.rows, B.cols)}`);
  }
  const out = new Float64Array(rows * cols);
  if (B.size === 1 && op !== 'maximum' && op !== 'minimum') combineScalar(op, stretched(A, rows, cols), B.data[0], out);
  else combine(op, stretched(A, rows, cols), stretched(B, rows, cols), out);
  const dtype: DType = COMPARISONS.includes(op) ? 'bool'
    : A.dtype === 'float64' || B.dtype === 'float64' || op === 'div' ? 'float64' : 'int64';
  return new NDArray(rows, cols, out, dtype);
}
