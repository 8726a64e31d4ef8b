/**
 * MAT-files made to hurt a reader, for the tests of src/data/mat.ts through the module, the CLI and
 * the page: a decompression bomb, compressed elements nested thousands deep, a compressed element
 * with one bit flipped that still inflates. Each is built here in well under a second (none is
 * committed), beside the lesson's four valid variables so that only the hostile element is wrong.
 */
import { constants, deflateRawSync, deflateSync, inflateRawSync } from 'node:zlib';
import { adler32 } from '../src/data/inflate-bounded';
import { compressedElement, lessonVars, matFile, matrixElement, type MatVar } from './mat-writer';

const pts: [number, number, number][] = [[0.5, -1.25, 1], [-2, 3, 0], [1.5, 0.25, 1], [4, -4, 0], [-0.153111, 0.7, 1]];
/** The lesson's X, y, Xval, yval on five points (compressed elements, as MATLAB writes them). */
export const GOOD_VARS: MatVar[] = lessonVars(pts, pts.slice(0, 3));
const goodElements = () => GOOD_VARS.map((v) => compressedElement(new Uint8Array(deflateSync(matrixElement(v)))));

/** Adler-32 of `head` followed by `zeros` zero bytes (b grows by a for each zero; a does not change). */
function adlerWithZeros(head: Uint8Array, zeros: number): number {
  const h = adler32(head);
  const a = h & 0xffff, b = h >>> 16;
  return (((b + (zeros % 65521) * a) % 65521) << 16 | a) >>> 0;
}

const u32be = (v: number) => Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
};

/**
 * A zlib stream of `head` then `zeroMiB` MiB of zeros, valid to the last byte (checksum included),
 * made without ever holding the zeros: one MiB deflated once (about 1 KB) and repeated — raw deflate
 * segments flushed to a byte boundary may follow one another — then an empty final block.
 */
export function zerosStream(head: Uint8Array, zeroMiB: number): Uint8Array {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  const mib = new Uint8Array(deflateRawSync(new Uint8Array(2 ** 20), flush));
  return concat([
    Uint8Array.of(0x78, 0x9c), new Uint8Array(deflateRawSync(head, flush)), ...new Array<Uint8Array>(zeroMiB).fill(mib),
    Uint8Array.of(0x03, 0x00), u32be(adlerWithZeros(head, zeroMiB * 2 ** 20)),
  ]);
}

/**
 * The bomb: beside the good variables, a compressed `Z` whose matrix says 1 × 1 double and which
 * inflates to 1 GiB of zeros after its header (about 1 MB on disk). Its tag declares `declared`
 * bytes of body: 48, what 1 × 1 needs (the zeros pass it), or the whole GiB (more than 1 × 1 needs).
 */
export function bombMat(declared: number): Uint8Array {
  const z = matrixElement({ name: 'Z', rows: 1, cols: 1, data: [0] }); // tag, flags, dims, name: 48 bytes; then the data
  new DataView(z.buffer, z.byteOffset).setUint32(4, declared, true);
  return matFile([...goodElements(), compressedElement(zerosStream(z.subarray(0, 48), 1024))]);
}

/** X compressed, declaring the dimensions of its 1 GiB: 67 108 864 × 2 doubles (a 1 MB file). */
export function hugeMat(): Uint8Array {
  const rows = 2 ** 26, data = rows * 2 * 8;
  const x = matrixElement({ name: 'X', rows: 1, cols: 1, data: [0] });
  const view = new DataView(x.buffer, x.byteOffset);
  view.setUint32(4, x.length - 16 + data, true); // the body: flags, dims, name, the data's tag, the data
  view.setUint32(32, rows, true); // dims: rows × 2 (the dims sub-element's two int32s start at byte 32)
  view.setUint32(36, 2, true);
  view.setUint32(x.length - 12, data, true); // the data sub-element's byte count
  return matFile([compressedElement(zerosStream(x.subarray(0, x.length - 8), 1024)), ...goodElements().slice(1)]);
}

/** The good variables, X compressed `depth` levels deep (stored deflate blocks: about 20 bytes a level; 4 000 deep ≈ 81 KB). */
export function nestedMat(depth: number): Uint8Array {
  let e = matrixElement(GOOD_VARS[0]);
  for (let i = 0; i < depth; i++) e = compressedElement(new Uint8Array(deflateSync(e, { level: 0 })));
  return matFile([e, ...goodElements().slice(1)]);
}

/**
 * The good variables with one bit of X's compressed data flipped such that the stream still
 * inflates, to the same length, to other values: only the checksum can tell. The first such bit
 * from the middle of the deflate data on (found by trying; a few tries at most).
 */
export function flippedBitMat(): { bytes: Uint8Array; bit: number } {
  const z = new Uint8Array(deflateSync(matrixElement(GOOD_VARS[0])));
  const good = inflateRawSync(z.subarray(2, -4));
  for (let bit = 8 * Math.floor(z.length / 2); bit < 8 * (z.length - 4); bit++) {
    const bad = z.slice();
    bad[bit >> 3] ^= 1 << (bit & 7);
    let out: Buffer;
    try {
      out = inflateRawSync(bad.subarray(2, -4));
    } catch {
      continue;
    }
    if (out.length === good.length && !out.equals(good)) {
      return { bytes: matFile([compressedElement(bad), ...goodElements().slice(1)]), bit };
    }
  }
  throw new Error('no bit of the stream flips into another valid stream (change the data)');
}
