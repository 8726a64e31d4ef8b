/**
 * A drawn data set in the link: `draw=` in the URL hash. The points are quantised to 0.01 when drawn
 * (so the link gives back exactly the points that trained) and written as base64url of little-endian
 * int16s: the number of label-0 points, then every label-0 point (x1·100, x2·100), then every
 * label-1 point. 4 bytes a point: the limit of 500 points is a link of about 2 700 characters.
 */

export interface DrawnPoint {
  x1: number;
  x2: number;
  label: 0 | 1;
}

/** The most points a drawing holds (and a link carries). */
export const MAX_DRAWN_POINTS = 500;
/** Coordinates are kept to this step (2 decimals) and within ±LIMIT (int16 / 100). */
const STEP = 100;
const LIMIT = 327.67;

/** A coordinate as the drawing keeps it: 2 decimals, within ±327.67. */
export const quantise = (v: number): number => Math.round(Math.max(-LIMIT, Math.min(LIMIT, v)) * STEP) / STEP;

const toBase64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function encodeDrawing(points: readonly DrawnPoint[]): string {
  const ordered = [...points.filter((p) => p.label === 0), ...points.filter((p) => p.label === 1)];
  const v = new DataView(new ArrayBuffer(2 + 4 * ordered.length));
  v.setInt16(0, ordered.length - points.filter((p) => p.label === 1).length, true);
  ordered.forEach((p, i) => {
    v.setInt16(2 + 4 * i, Math.round(quantise(p.x1) * STEP), true);
    v.setInt16(4 + 4 * i, Math.round(quantise(p.x2) * STEP), true);
  });
  return toBase64url(new Uint8Array(v.buffer));
}

/** The points of a `draw=` value; a value that is not one is an error naming `draw`. */
export function decodeDrawing(code: string): DrawnPoint[] {
  const bad = (why: string) => new Error(`draw (the drawn data set in the link): ${why}`);
  if (!/^[A-Za-z0-9_-]*$/.test(code)) throw bad('not base64url text');
  let binary: string;
  try {
    binary = atob(code.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (code.length % 4)) % 4));
  } catch {
    throw bad('not base64url text');
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  if (bytes.length < 2 || (bytes.length - 2) % 4 !== 0) throw bad(`${bytes.length} bytes: expected 2 + 4 per point`);
  const v = new DataView(bytes.buffer);
  const m = (bytes.length - 2) / 4, zeros = v.getInt16(0, true);
  if (m > MAX_DRAWN_POINTS) throw bad(`${m} points; at most ${MAX_DRAWN_POINTS}`);
  if (zeros < 0 || zeros > m) throw bad(`${zeros} label-0 points of ${m}`);
  return Array.from({ length: m }, (_, i) => ({
    x1: v.getInt16(2 + 4 * i, true) / STEP, x2: v.getInt16(4 + 4 * i, true) / STEP, label: i < zeros ? 0 : 1,
  }));
}
