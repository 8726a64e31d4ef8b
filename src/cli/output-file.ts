/**
 * Files the CLI writes (--save-weights, bench --out, landscape --out): checked before any work
 * starts, so a long run never ends in "cannot write"; written whole or not at all, with a one-line
 * error naming the file. Folders are not created: creating them recursively under a
 * pseudo-filesystem (/proc/…) never returned.
 *
 * Whole or not at all: the text goes to a temporary file in the target's folder (the same
 * filesystem, so the rename cannot copy), is flushed to the disk, and is renamed over the target —
 * an atomic replacement on POSIX. A full disk, a file-size limit or a crash mid-write leaves the
 * previous file (or none) and no temporary file; a reader never sees a truncated one.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, existsSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError } from '../errors';

const reason = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

export function checkWritable(file: string): void {
  const dir = dirname(resolve(file));
  if (!existsSync(dir)) throw new OutputError(file, `the folder ${dir} does not exist (create it first)`);
  if (!statSync(dir).isDirectory()) throw new OutputError(file, `${dir} is not a folder`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new OutputError(file, 'is a folder');
  try {
    // the folder takes the temporary file; a target made read-only is not replaced either
    accessSync(dir, constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.W_OK);
  } catch (e) {
    throw new OutputError(file, `cannot write there (${reason(e)})`);
  }
}

/** The temporary name beside `file`: hidden, and unique to this process and call. */
function temporaryName(file: string): string {
  return join(dirname(resolve(file)), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export function writeOutput(file: string, text: string): void {
  const tmp = temporaryName(file);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx');
    const bytes = Buffer.from(text);
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    fsyncSync(fd); // a disk that fills on write-back fails here, not after the rename
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (e) {
    try {
      if (fd !== undefined) closeSync(fd);
      unlinkSync(tmp);
    } catch {
      // never created, or already renamed
    }
    throw new OutputError(file, `cannot write (${reason(e)})`);
  }
}
