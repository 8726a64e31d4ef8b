/**
 * Inflating a zlib stream that a file supplies, without trusting it: the output is counted while
 * it is produced and inflation stops the moment it passes a cap (a decompression bomb never gets
 * the memory it asks for), and the stream's Adler-32 checksum is checked at its end (a flipped bit
 * that still inflates is refused, as zlib itself refuses it; fflate's one-shot `unzlibSync` drops
 * the checksum unread).
 *
 * The cap comes from the caller, who usually learns it from the first bytes of the output (a MAT
 * element's header declares its dimensions): `decide` sees the output so far until it answers.
 */
import { Inflate } from 'fflate';

/** A stream that is not what it claims: the reason, in words. */
export class InflateError extends Error {}

/**
 * Compressed bytes pushed per step. A step inflates to at most about 1 032 times its input
 * (deflate's limit), so 8 KiB steps bound what one step can produce before the count is checked
 * to about 8 MiB. Once the cap is known, a step may grow to what the room left under the cap could
 * come from (at most 256 KiB): a file that is what it says inflates in fewer, larger steps.
 */
const STEP = 8192;
const MAX_STEP = 262_144;
const DEFLATE_MAX_RATIO = 1032;

/** What `decide` answers: the most bytes the stream may inflate to, `'enough'` to stop reading (the caller has what it needs), or null: not known yet. */
export type InflateDecision = number | 'enough' | null;

export interface BoundedInflate {
  /** The output (all of it, or as far as it was read when `decide` said 'enough'). */
  bytes: Uint8Array;
  /** Whether the whole stream was inflated and its checksum checked. */
  complete: boolean;
}

/**
 * Inflate the zlib stream `z` (RFC 1950: a 2-byte header, deflate data, Adler-32 of the output,
 * big-endian). `decide(head)` is asked after each step, with all the output so far, until it gives
 * a cap or 'enough'; meanwhile at most `undecidedCap` bytes may come out.
 */
export function inflateBounded(z: Uint8Array, decide: (head: Uint8Array) => InflateDecision, undecidedCap: number): BoundedInflate {
  if (z.length < 6) throw new InflateError(`${z.length} bytes is too short for a zlib stream`);
  const cmf = z[0], flg = z[1];
  if ((cmf & 0x0f) !== 8 || ((cmf << 8) | flg) % 31 !== 0) throw new InflateError('not a zlib stream (bad header)');
  if (flg & 0x20) throw new InflateError('the zlib stream needs a preset dictionary, which no MAT-file has');
  const chunks: Uint8Array[] = [];
  let total = 0;
  let cap: number | null = null;
  const inflater = new Inflate((chunk) => {
    if (chunk.length) chunks.push(chunk);
    total += chunk.length;
  });
  const end = z.length - 4; // the checksum's 4 bytes follow the deflate data
  for (let at = 2, step = STEP; at < end || at === 2; at += step) {
    if (cap !== null) step = Math.max(STEP, Math.min(MAX_STEP, Math.floor((cap - total) / DEFLATE_MAX_RATIO)));
    const last = at + step >= end;
    try {
      inflater.push(z.subarray(at, last ? end : at + step), last);
    } catch (e) {
      throw new InflateError(`it does not inflate (${(e as Error).message})`);
    }
    if (cap === null) {
      const head = join(chunks, total);
      chunks.length = 0;
      if (head.length) chunks.push(head);
      const d = decide(head);
      if (d === 'enough') return { bytes: head, complete: false };
      if (d === null && total > undecidedCap) throw new InflateError(`more than ${undecidedCap} bytes inflate before its header ends`);
      cap = d;
    }
    if (cap !== null && total > cap) throw new InflateError(`it inflates past the ${cap} bytes it may hold (stopped at ${total}: a decompression bomb or a corrupt file)`);
    if (last) break;
  }
  if (cap === null) {
    const d = decide(join(chunks, total));
    if (d === null) throw new InflateError('it ends before its header does');
  }
  const bytes = join(chunks, total);
  const expected = ((z[end] << 24) | (z[end + 1] << 16) | (z[end + 2] << 8) | z[end + 3]) >>> 0;
  if (adler32(bytes) !== expected) throw new InflateError('its checksum (Adler-32) does not match what it inflates to: the file is corrupt');
  return { bytes, complete: true };
}

function join(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** Adler-32 (RFC 1950 §9): two sums modulo 65 521, reduced every 5 552 bytes (the most that cannot overflow 2^32). */
export function adler32(bytes: Uint8Array): number {
  let a = 1, b = 0;
  for (let i = 0; i < bytes.length;) {
    const stop = Math.min(i + 5552, bytes.length);
    for (; i < stop; i++) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
