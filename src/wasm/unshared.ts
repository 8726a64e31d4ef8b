/**
 * The kernels' module for a realm that may not share memory (a page served without cross-origin
 * isolation: no SharedArrayBuffer): the same bytes with the memory import declared unshared. Its
 * atomic instructions stay valid on an unshared memory (the threads proposal allows them; only a
 * wait would trap, and one thread never waits), so the engine runs there on one thread.
 */

/** Reads an unsigned LEB128 at `at`: its value and the offset after it. */
function leb(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [value, at];
  }
}

/** Skips a name (a length and that many bytes). */
const skipName = (bytes: Uint8Array, at: number): number => {
  const [length, after] = leb(bytes, at);
  return after + length;
};

/** Skips a limits record (flags, min, and max when the flags say so). */
function skipLimits(bytes: Uint8Array, at: number): number {
  const flags = bytes[at++];
  at = leb(bytes, at)[1];
  return flags & 1 ? leb(bytes, at)[1] : at;
}

/**
 * A copy of `module` whose imported memories are unshared (the limits' shared flag, 0x02, cleared).
 * Throws when the module imports no shared memory: then there is nothing to change, and a caller that
 * expected one has the wrong module.
 */
export function withUnsharedMemory(module: Uint8Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(module.length));
  bytes.set(module);
  let changed = 0;
  let at = 8; // magic and version
  while (at < bytes.length) {
    const id = bytes[at++];
    const [size, body] = leb(bytes, at);
    at = body + size;
    if (id !== 2) continue; // the import section
    let [count, p] = leb(bytes, body);
    for (; count > 0; count--) {
      p = skipName(bytes, skipName(bytes, p)); // module and field
      const kind = bytes[p++];
      if (kind === 0x00 || kind === 0x04) p = leb(bytes, kind === 0x04 ? p + 1 : p)[1]; // function, tag: a type index
      else if (kind === 0x01) p = skipLimits(bytes, p + 1); // table: a reference type, limits
      else if (kind === 0x03) p += 2; // global: a value type, mutability
      else if (kind === 0x02) { // memory: limits
        if (bytes[p] & 0x02) { bytes[p] &= ~0x02; changed++; }
        p = skipLimits(bytes, p);
      } else throw new Error(`the kernels' module has an import of unknown kind ${kind}`);
    }
  }
  if (changed === 0) throw new Error('the kernels\' module imports no shared memory');
  return bytes;
}
