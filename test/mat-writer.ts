/**
 * A small MATLAB Level 5 writer for the tests: the suite makes its own .mat files (the lesson's data
 * is not ours to ship), in each class and storage type MATLAB and scipy use, plain or compressed,
 * in either byte order.
 */
import { deflateSync } from 'node:zlib';

export type MatClass = 'double' | 'single' | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'logical';

const CLASS_CODE: Record<MatClass, number> = { double: 6, single: 7, int8: 8, uint8: 9, int16: 10, uint16: 11, int32: 12, uint32: 13, int64: 14, uint64: 15, logical: 9 };
// Storage type of each class's values (MATLAB may store a double array in a narrower type; see `storeAs`).
const TYPE_OF: Record<MatClass, number> = { double: 9, single: 7, int8: 1, uint8: 2, int16: 3, uint16: 4, int32: 5, uint32: 6, int64: 12, uint64: 13, logical: 2 };
const SIZE_OF: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 4, 9: 8, 12: 8, 13: 8 };

export interface MatVar {
  name: string;
  rows: number;
  cols: number;
  /** Column-major values. */
  data: ArrayLike<number>;
  cls?: MatClass;
  /** Store the values in this data type instead of the class's own (as MATLAB does to save space). */
  storeAs?: MatClass;
  /** Write a text (char) variable instead: `data` is ignored. */
  text?: string;
}

class Bytes {
  parts: Uint8Array[] = [];
  constructor(readonly little: boolean) {}
  u32(v: number) { const b = new DataView(new ArrayBuffer(4)); b.setUint32(0, v, this.little); this.parts.push(new Uint8Array(b.buffer)); }
  raw(b: Uint8Array) { this.parts.push(b); }
  pad() { const n = this.length() % 8; if (n) this.parts.push(new Uint8Array(8 - n)); }
  length() { return this.parts.reduce((s, p) => s + p.length, 0); }
  concat(): Uint8Array { const out = new Uint8Array(this.length()); let o = 0; for (const p of this.parts) { out.set(p, o); o += p.length; } return out; }
}

function values(type: number, data: ArrayLike<number>, little: boolean): Uint8Array {
  const size = SIZE_OF[type];
  const v = new DataView(new ArrayBuffer(size * data.length));
  for (let i = 0; i < data.length; i++) {
    const x = data[i], o = i * size;
    switch (type) {
      case 1: v.setInt8(o, x); break;
      case 2: v.setUint8(o, x); break;
      case 3: v.setInt16(o, x, little); break;
      case 4: v.setUint16(o, x, little); break;
      case 5: v.setInt32(o, x, little); break;
      case 6: v.setUint32(o, x, little); break;
      case 7: v.setFloat32(o, x, little); break;
      case 9: v.setFloat64(o, x, little); break;
      case 12: v.setBigInt64(o, BigInt(x), little); break;
      case 13: v.setBigUint64(o, BigInt(x), little); break;
    }
  }
  return new Uint8Array(v.buffer);
}

function subElement(b: Bytes, type: number, body: Uint8Array) {
  if (body.length <= 4 && body.length > 0) {
    // small data element
    b.u32((body.length << 16) | type);
    const four = new Uint8Array(4);
    four.set(body);
    b.raw(four);
    return;
  }
  b.u32(type);
  b.u32(body.length);
  b.raw(body);
  b.pad();
}

/** One variable's matrix element (miMATRIX), tag included. */
export function matrixElement(v: MatVar, little = true): Uint8Array {
  const body = new Bytes(little);
  const cls = v.text !== undefined ? 4 : CLASS_CODE[v.cls ?? 'double'];
  const flags = new Bytes(little);
  flags.u32(cls | (v.cls === 'logical' ? 0x0200 : 0));
  flags.u32(0);
  subElement(body, 6, flags.concat());
  const dims = v.text !== undefined ? [1, v.text.length] : [v.rows, v.cols];
  subElement(body, 5, values(5, dims, little));
  subElement(body, 1, new TextEncoder().encode(v.name));
  if (v.text !== undefined) subElement(body, 4, values(4, [...v.text].map((c) => c.charCodeAt(0)), little));
  else {
    const type = TYPE_OF[v.storeAs ?? v.cls ?? 'double'];
    subElement(body, type, values(type, v.data, little));
  }
  const out = new Bytes(little);
  out.u32(14);
  out.u32(body.length());
  out.raw(body.concat());
  return out.concat();
}

/** A MAT-file holding `vars`, each element compressed when `compress` is set. */
export function writeMat(vars: MatVar[], opts: { compress?: boolean; bigEndian?: boolean } = {}): Uint8Array {
  const little = !opts.bigEndian;
  const out = new Bytes(little);
  out.raw(matHeader(little));
  for (const v of vars) {
    const m = matrixElement(v, little);
    if (opts.compress) out.raw(compressedElement(new Uint8Array(deflateSync(m)), little));
    else out.raw(m);
  }
  return out.concat();
}

/** A compressed element (miCOMPRESSED) around a zlib stream, as written: its tag and the stream, unpadded. */
export function compressedElement(zlibStream: Uint8Array, little = true): Uint8Array {
  const out = new Bytes(little);
  out.u32(15);
  out.u32(zlibStream.length);
  out.raw(zlibStream);
  return out.concat();
}

/** The 128-byte header of a MAT-file, then `elements` as given (for files a writer would not make). */
export function matFile(elements: Uint8Array[], little = true): Uint8Array {
  const out = new Bytes(little);
  out.raw(matHeader(little));
  for (const e of elements) out.raw(e);
  return out.concat();
}

function matHeader(little: boolean): Uint8Array {
  const header = new Uint8Array(128).fill(0x20);
  header.set(new TextEncoder().encode('MATLAB 5.0 MAT-file, written by reglab\'s tests'));
  header.fill(0, 116, 124);
  const tail = new DataView(header.buffer, 124, 4);
  tail.setUint16(0, 0x0100, little);
  header[126] = little ? 0x49 : 0x4d; // 'I' 'M' read as a little-endian u16 is 'MI'
  header[127] = little ? 0x4d : 0x49;
  return header;
}

/** The lesson's four variables from two sets of points (x1, x2, label per example). */
export function lessonVars(train: [number, number, number][], test: [number, number, number][], cls: MatClass = 'double'): MatVar[] {
  const x = (pts: [number, number, number][]) => [...pts.map((p) => p[0]), ...pts.map((p) => p[1])];
  const y = (pts: [number, number, number][]) => pts.map((p) => p[2]);
  return [
    { name: 'X', rows: train.length, cols: 2, data: x(train), cls },
    { name: 'y', rows: train.length, cols: 1, data: y(train), cls: cls === 'single' || cls === 'double' ? cls : 'uint8' },
    { name: 'Xval', rows: test.length, cols: 2, data: x(test), cls },
    { name: 'yval', rows: test.length, cols: 1, data: y(test), cls: cls === 'single' || cls === 'double' ? cls : 'uint8' },
  ];
}
