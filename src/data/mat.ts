/**
 * MATLAB Level 5 MAT-files (what MATLAB and scipy.io.savemat write by default up to version 7), as the
 * lesson ships its data (`data.mat`: X 211×2, y 211×1, Xval 200×2, yval 200×1). Reads numeric
 * matrices of every real class (double, single, the integer classes, logical), stored in any numeric
 * type, in either byte order, inside plain or zlib-compressed elements; other variables (strings,
 * cells, structs, sparse) are skipped unless asked for. Version 7.3 files are HDF5 and Level 4 files
 * have no text header: both are refused with a MatError saying so.
 *
 * The format: a 128-byte header (text, subsystem offset, version 0x0100, endian mark "IM"), then data
 * elements, each a tag (type, byte count; or a "small element" packing both into 4 bytes) and its
 * data padded to 8 bytes. A matrix element (miMATRIX) holds array flags, dimensions, a name and the
 * real part, column-major; a compressed element (miCOMPRESSED) holds one zlib stream of another element.
 */
import { ReglabError } from '../errors';
import { InflateError, inflateBounded, type InflateDecision } from './inflate-bounded';
import type { LabelledSet } from '../model/types';

export class MatError extends ReglabError {
  constructor(readonly source: string, readonly reason: string) {
    super(`${source}: ${reason}`, { exitCode: 1, file: source });
  }
}

/** A numeric variable: `rows × cols` values, column-major, as float64. */
export interface MatMatrix {
  name: string;
  rows: number;
  cols: number;
  data: Float64Array;
}

// Data types (the tag's first word) and array classes (the low byte of the array flags).
const MI = { INT8: 1, UINT8: 2, INT16: 3, UINT16: 4, INT32: 5, UINT32: 6, SINGLE: 7, DOUBLE: 9, INT64: 12, UINT64: 13, MATRIX: 14, COMPRESSED: 15 } as const;
const NUMERIC_CLASSES = new Set([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]); // double … uint64
const CLASS_NAMES: Record<number, string> = { 1: 'a cell array', 2: 'a struct', 3: 'an object', 4: 'text', 5: 'a sparse matrix' };
const COMPLEX_FLAG = 0x0800;

interface Element {
  type: number;
  /** The element's data (without the tag). */
  body: DataView;
  /** Offset of the next element. */
  next: number;
}

/** What a matrix element says of itself before its data: enough to skip it or bound it. */
interface MatrixHeader {
  name: string;
  flags: number;
  shape: Float64Array;
  /** Offset of the real part's sub-element in the matrix body. */
  dataAt: number;
}

/** A variable as read: its matrix, or why it is skipped. */
type Variable = { name: string; matrix: MatMatrix | null; why: string };

/**
 * The most numeric data reglab reads from one MAT-file, counted as float64 (8 bytes a value, as it
 * is held once read): 256 MiB, 33 554 432 values — 16 777 216 points of X. Above it a file is
 * refused before its data is read or inflated: no lab run trains on that much in reasonable time,
 * and the cap is what keeps a decompression bomb from taking the machine's memory.
 */
export const MAX_MAT_DATA_BYTES = 256 * 2 ** 20;
/** Bytes a compressed element may inflate to before its matrix header (flags, dimensions, name) is complete. */
const HEADER_BYTES = 65_536;
/** Each numeric data type: its size in bytes and how one value is read. */
const VALUES: Record<number, [number, (v: DataView, o: number, le: boolean) => number]> = {
  [MI.INT8]: [1, (v, o) => v.getInt8(o)], [MI.UINT8]: [1, (v, o) => v.getUint8(o)],
  [MI.INT16]: [2, (v, o, le) => v.getInt16(o, le)], [MI.UINT16]: [2, (v, o, le) => v.getUint16(o, le)],
  [MI.INT32]: [4, (v, o, le) => v.getInt32(o, le)], [MI.UINT32]: [4, (v, o, le) => v.getUint32(o, le)],
  [MI.SINGLE]: [4, (v, o, le) => v.getFloat32(o, le)], [MI.DOUBLE]: [8, (v, o, le) => v.getFloat64(o, le)],
  [MI.INT64]: [8, (v, o, le) => Number(v.getBigInt64(o, le))], [MI.UINT64]: [8, (v, o, le) => Number(v.getBigUint64(o, le))],
};
const pad8 = (n: number) => Math.ceil(n / 8) * 8;
const mib = (bytes: number) => (bytes < 2 ** 20 ? `${bytes} bytes` : `${Math.round(bytes / 2 ** 20)} MiB`);

class Reader {
  /** float64 bytes still allowed (`maxDataBytes` over the whole file). */
  private budget: number;

  constructor(readonly source: string, readonly little: boolean, readonly maxDataBytes: number) {
    this.budget = maxDataBytes;
  }

  /** A refusal naming the file and what in it: `where` is "variable X", or the element's place while its name is unknown. */
  fail(where: string, reason: string): never {
    throw new MatError(this.source, where ? `${where}: ${reason}` : reason);
  }

  /** The element whose tag starts at `offset` in `view`. */
  element(view: DataView, offset: number, where = ''): Element {
    if (offset + 8 > view.byteLength) this.fail(where, 'the file ends inside a data element (truncated?)');
    const first = view.getUint32(offset, this.little);
    if (first >>> 16 !== 0) {
      // Small data element: type in the low half, byte count in the high half, data in the next 4 bytes.
      const bytes = first >>> 16;
      if (bytes > 4) this.fail(where, `a small data element claims ${bytes} bytes (at most 4); the file is malformed`);
      return { type: first & 0xffff, body: new DataView(view.buffer, view.byteOffset + offset + 4, bytes), next: offset + 8 };
    }
    const bytes = view.getUint32(offset + 4, this.little);
    const start = offset + 8;
    if (start + bytes > view.byteLength) this.fail(where, `a data element claims ${bytes} bytes but only ${view.byteLength - start} remain (truncated?)`);
    // Compressed elements are not padded; every other element is padded to a multiple of 8 bytes.
    const next = first === MI.COMPRESSED ? start + bytes : start + pad8(bytes);
    return { type: first, body: new DataView(view.buffer, view.byteOffset + start, bytes), next };
  }

  /** A numeric sub-element as float64 values. */
  numbers(e: Element, where: string): Float64Array {
    const v = e.body;
    if (!VALUES[e.type]) this.fail(where, `unsupported numeric data type ${e.type}`);
    const [size, read] = VALUES[e.type];
    if (v.byteLength % size !== 0) this.fail(where, `numeric data of ${v.byteLength} bytes is not a whole number of ${size}-byte values`);
    const out = new Float64Array(v.byteLength / size);
    for (let i = 0; i < out.length; i++) out[i] = read(v, i * size, this.little);
    return out;
  }

  /** A matrix element's array flags, dimensions and name (throws where the body ends before them). */
  header(body: DataView, where: string): MatrixHeader {
    const flags = this.element(body, 0, where);
    const dims = this.element(body, flags.next, where);
    const nameEl = this.element(body, dims.next, where);
    if (flags.body.byteLength < 4) this.fail(where, 'a matrix has no array flags; the file is malformed');
    const name = new TextDecoder().decode(new Uint8Array(nameEl.body.buffer, nameEl.body.byteOffset, nameEl.body.byteLength));
    return { name, flags: flags.body.getUint32(0, this.little), shape: this.numbers(dims, where), dataAt: nameEl.next };
  }

  /** Why a variable is skipped ('' when it is a real numeric 2-D matrix, which is read). */
  skipped(h: MatrixHeader): string {
    const cls = h.flags & 0xff;
    if (!NUMERIC_CLASSES.has(cls)) return CLASS_NAMES[cls] ?? `array class ${cls}`;
    if (h.flags & COMPLEX_FLAG) return 'complex';
    if (h.shape.length !== 2) return `${h.shape.length}-dimensional (${h.shape.join('×')})`;
    return '';
  }

  /** Take a matrix's float64 size from the file's budget, refusing it when the budget cannot hold it. */
  reserve(h: MatrixHeader): void {
    const bytes = h.shape[0] * h.shape[1] * 8;
    if (bytes > this.budget) {
      this.fail(`variable ${h.name}`, `${h.shape[0]}×${h.shape[1]} is ${mib(bytes)} as float64, over the ${mib(this.maxDataBytes)} of data reglab reads from a MAT-file`
        + (this.budget < this.maxDataBytes ? ` (${mib(this.maxDataBytes - this.budget)} taken by the variables before it)` : ''));
    }
    this.budget -= bytes;
  }

  /** A matrix element (not compressed, or inflated: then its size was `reserved` while inflating). Null when it is not a variable. */
  matrix(e: Element, where: string, reserved = false): Variable | null {
    if (e.type !== MI.MATRIX) return null; // e.g. subsystem data; not a variable
    if (e.body.byteLength === 0) return null; // an empty matrix element
    const h = this.header(e.body, where);
    const why = this.skipped(h);
    if (why) return { name: h.name, matrix: null, why };
    where = `variable ${h.name}`;
    if (!reserved) this.reserve(h);
    const [rows, cols] = h.shape;
    const data = this.numbers(this.element(e.body, h.dataAt, where), where);
    if (data.length !== rows * cols) this.fail('', `variable ${h.name} is ${rows}×${cols} but holds ${data.length} values`);
    return { name: h.name, matrix: { name: h.name, rows, cols, data }, why: '' };
  }

  /**
   * A compressed element: inflated step by step, with a cap from the header it inflates to first —
   * the matrix's element may hold no more than its declared dimensions need in the widest type,
   * and no more than the file's data budget — and its checksum checked. A variable that is skipped
   * is inflated only as far as its header. MATLAB compresses each top-level variable once; a
   * compressed element inside one is refused, so no file can make the reader recurse.
   */
  compressed(e: Element, where: string): Variable | null {
    let skip: Variable | null = null;
    let named = where;
    const decide = (head: Uint8Array): InflateDecision => {
      if (head.length < 8) return null;
      const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
      const type = view.getUint32(0, this.little);
      if (type === MI.COMPRESSED) this.fail(where, 'a compressed element inside a compressed element (MATLAB compresses each variable once); the file is malformed');
      // MATLAB compresses variables only; anything else in one is refused rather than inflated to learn its size
      if (type !== MI.MATRIX) this.fail(where, `a compressed element holds data type ${type}, not a matrix; the file is malformed`);
      const declared = view.getUint32(4, this.little);
      if (declared === 0) return 8;
      let h: MatrixHeader;
      try {
        h = this.header(new DataView(head.buffer, head.byteOffset + 8, Math.min(declared, head.length - 8)), where);
      } catch (err) {
        if (head.length < 8 + declared && err instanceof MatError) return null; // the header is still inflating
        throw err;
      }
      named = `variable ${h.name}`;
      const why = this.skipped(h);
      if (why) {
        skip = { name: h.name, matrix: null, why };
        return 'enough';
      }
      this.reserve(h);
      const most = h.dataAt + 8 + pad8(h.shape[0] * h.shape[1] * 8);
      if (declared > most) this.fail(named, `its element claims ${declared} bytes, more than a ${h.shape[0]}×${h.shape[1]} matrix can take (${most}); the file is malformed`);
      return 8 + declared;
    };
    let inflated: Uint8Array;
    try {
      const r = inflateBounded(new Uint8Array(e.body.buffer, e.body.byteOffset, e.body.byteLength), decide, HEADER_BYTES);
      if (!r.complete) return skip;
      inflated = r.bytes;
    } catch (err) {
      if (err instanceof InflateError) this.fail(named, `a compressed element: ${err.message}`);
      throw err;
    }
    const inner = new DataView(inflated.buffer, inflated.byteOffset, inflated.byteLength);
    const element = this.element(inner, 0, named);
    if (element.next < inflated.length - 7) this.fail(named, `a compressed element inflates to ${inflated.length - element.next} bytes past its matrix; the file is malformed`);
    return this.matrix(element, named, true);
  }
}

/** Every numeric matrix in a MAT-file, by name (other variables are listed in `skipped`). */
export function readMat(bytes: Uint8Array, source = 'MAT-file', maxDataBytes = MAX_MAT_DATA_BYTES): { matrices: Map<string, MatMatrix>; skipped: Map<string, string> } {
  const fail = (reason: string): never => { throw new MatError(source, reason); };
  if (bytes.byteLength >= 8 && [0x89, 0x48, 0x44, 0x46].every((b, i) => bytes[i] === b)) {
    fail('this is an HDF5 file (MATLAB 7.3 format), which reglab cannot read; in MATLAB, save it again with save(\'data.mat\', \'-v7\')');
  }
  if (bytes.byteLength < 128) fail(`${bytes.byteLength} bytes is too short for a MAT-file (a 128-byte header comes first)`);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 116));
  if (head.startsWith('MATLAB 7.3')) {
    fail('this is a MATLAB 7.3 (HDF5) MAT-file, which reglab cannot read; in MATLAB, save it again with save(\'data.mat\', \'-v7\')');
  }
  const mark = String.fromCharCode(bytes[126], bytes[127]);
  if (!head.startsWith('MATLAB') || (mark !== 'IM' && mark !== 'MI')) {
    fail('not a MATLAB 5 MAT-file (no "MATLAB 5.0 MAT-file" header; Level 4 files are not supported)');
  }
  const reader = new Reader(source, mark === 'IM', maxDataBytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const matrices = new Map<string, MatMatrix>();
  const skipped = new Map<string, string>();
  for (let offset = 128, index = 1; offset < view.byteLength; index++) {
    if (view.byteLength - offset < 8) break; // trailing padding
    const where = `element ${index} (at byte ${offset})`;
    const e = reader.element(view, offset, where);
    const v = e.type === MI.COMPRESSED ? reader.compressed(e, where) : reader.matrix(e, where);
    if (v?.matrix) matrices.set(v.name, v.matrix);
    else if (v) skipped.set(v.name, v.why);
    offset = e.next;
  }
  return { matrices, skipped };
}

/** Which variables hold the points and labels of each set; the lesson's names by default. */
export interface MatNames {
  x: string;
  y: string;
  xTest: string;
  yTest: string;
}
export const LESSON_MAT_NAMES: MatNames = { x: 'X', y: 'y', xTest: 'Xval', yTest: 'yval' };

/**
 * The lesson's two sets from a MAT-file: X (m × 2, one example a row) with labels y (m × 1 or 1 × m, 0/1),
 * and the test set from Xval, yval when both are present (test is null when neither is).
 */
export function labelledSetsFromMat(bytes: Uint8Array, source = 'MAT-file', names: MatNames = LESSON_MAT_NAMES): { train: LabelledSet; test: LabelledSet | null } {
  const { matrices, skipped } = readMat(bytes, source);
  const fail = (reason: string): never => { throw new MatError(source, reason); };
  const listed = () => [...matrices.values()].map((m) => `${m.name} (${m.rows}×${m.cols})`).join(', ') || 'none';
  const get = (name: string, role: string): MatMatrix => {
    const m = matrices.get(name);
    if (m) return m;
    if (skipped.has(name)) fail(`variable ${name} (${role}) is ${skipped.get(name)}, not a real numeric matrix`);
    return fail(`no variable ${name} (${role}); numeric variables in the file: ${listed()}`);
  };
  const set = (xName: string, yName: string): LabelledSet => {
    const x = get(xName, 'points'), y = get(yName, 'labels');
    // Points one per row (the lesson's X is m × 2); accept the transpose too.
    const byRow = x.cols === 2;
    if (!byRow && x.rows !== 2) fail(`variable ${xName} is ${x.rows}×${x.cols}; expected m×2 (one point a row)`);
    const m = byRow ? x.rows : x.cols;
    if (m === 0) fail(`variable ${xName} is empty`);
    if (Math.min(y.rows, y.cols) !== 1 || y.rows * y.cols !== m) fail(`variable ${yName} is ${y.rows}×${y.cols}; expected ${m} labels (${m}×1) to match ${xName}`);
    const X = new Float64Array(2 * m);
    for (let j = 0; j < m; j++) {
      for (let f = 0; f < 2; f++) {
        const v = byRow ? x.data[f * m + j] : x.data[j * 2 + f];
        if (!Number.isFinite(v)) fail(`variable ${xName}, point ${j + 1}: coordinate ${f + 1} is ${v}; values must be finite numbers`);
        X[f * m + j] = v;
      }
    }
    const Y = Float64Array.from(y.data);
    Y.forEach((v, j) => {
      if (v !== 0 && v !== 1) fail(`variable ${yName}, entry ${j + 1} is ${v}; labels must be 0 or 1`);
    });
    const ones = Y.reduce((s, v) => s + v, 0);
    if (ones === 0 || ones === m) fail(`all ${m} labels in ${yName} are ${Y[0]}; a classifier needs both classes (0 and 1)`);
    return { X, Y, m, features: 2 };
  };
  const train = set(names.x, names.y);
  const hasTest = matrices.has(names.xTest) || matrices.has(names.yTest) || skipped.has(names.xTest);
  return { train, test: hasTest ? set(names.xTest, names.yTest) : null };
}
