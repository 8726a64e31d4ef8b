/**
 * Files the CLI writes (--save-weights, --out): checked before any work starts, so a long run never
 * ends in "cannot write"; written with a one-line error naming the file. Folders are not created:
 * creating them recursively under a pseudo-filesystem (/proc/…) never returned.
 */
import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { OutputError } from '../errors';

export function checkWritable(file: string): void {
  const dir = dirname(resolve(file));
  if (!existsSync(dir)) throw new OutputError(file, `the folder ${dir} does not exist (create it first)`);
  if (!statSync(dir).isDirectory()) throw new OutputError(file, `${dir} is not a folder`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new OutputError(file, 'is a folder');
  try {
    accessSync(existsSync(file) ? file : dir, constants.W_OK);
  } catch (e) {
    throw new OutputError(file, `cannot write there (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export function writeOutput(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new OutputError(file, `cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
