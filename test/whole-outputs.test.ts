/**
 * Every file the CLI writes (--save-weights, bench --out, landscape --out) is whole or absent: a
 * write that fails part-way leaves the previous file (or none) and no temporary file
 * (src/cli/output-file.ts). Two faults, through the CLI as a user runs it:
 *  - a file-size limit (`ulimit -f`, any user): writes past 4 KiB fail with EFBIG, always run;
 *  - a full disk: a 64 KiB tmpfs mounted in a private mount namespace (`unshare -m`, root only),
 *    skipped — saying why — where this process may not make one.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/reglab.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'reglab-outputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const OLD = '{"old":true}\n';

/** The commands, each writing more than 4 KiB: weights of [2, 200, 50, 1] (~200 KB), a 21 × 21 landscape (~11 KB), 30 bench rows (~14 KB). */
const WRITERS: Record<string, (file: string) => string[]> = {
  'train --save-weights': (f) => ['train', '--dataset', 'moons', '--size', '40', '--iterations', '3', '--layers', '200,50', '--save-weights', f],
  'landscape --out': (f) => ['landscape', '--grid', '21', '--iterations', '20', '--log-every', '1', '--dataset', 'moons', '--size', '40', '--out', f],
  // matmul sizes no adapter holds: listed as not run, one row each, rewritten into --out after every row
  'bench --out': (f) => ['bench', '--workloads', 'matmul', '--matmul-sizes', Array.from({ length: 10 }, (_, i) => 100_000 + i).join(','), '--out', f],
};

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** What a folder holds after a failed write: the target's text (null when absent) and any other file reglab left. */
function after(folder: string, target: string) {
  const names = readdirSync(folder).filter((n) => n !== target);
  let text: string | null = null;
  try { text = readFileSync(join(folder, target), 'utf8'); } catch { /* absent */ }
  return { text, litter: names };
}

describe('outputs are written whole or not at all', () => {
  // a previous file for train and landscape (kept as it was), none for bench (none is left, or its last whole report)
  it.each(Object.keys(WRITERS))('%s under a 4 KiB file-size limit: exit 1, one line naming the file, the previous file kept (or none), no temporary file', (name) => {
    for (const previous of name === 'bench --out' ? [null] : [OLD]) {
      const folder = join(dir, `${name.replace(/\W+/g, '-')}-${previous ? 'old' : 'none'}`);
      mkdirSync(folder);
      const file = join(folder, 'out.json');
      if (previous) writeFileSync(file, previous);
      // dash counts `ulimit -f` in 512-byte blocks; Node ignores SIGXFSZ, so the write past it fails with EFBIG
      const r = spawnSync('sh', ['-c', `ulimit -f 8 && exec ${quote(process.execPath)} ${quote(bin)} "$@"`, 'sh', ...WRITERS[name](file)], { encoding: 'utf8', timeout: 120_000 });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^(reglab bench: .*\\n)*reglab: ${file.replace(/[.]/g, '\\.')}: cannot write \\(EFBIG\\)\\n$`));
      const { text, litter } = after(folder, 'out.json');
      expect(litter).toEqual([]);
      if (name === 'bench --out') {
        // rewritten after every row: what stays is the last whole report, marked partial
        expect(text === previous || JSON.parse(text!).partial === true).toBe(true);
      } else expect(text).toBe(previous);
    }
  });

  const canUnshare = process.platform === 'linux' && spawnSync('unshare', ['-m', 'true']).status === 0;
  it('a full disk (a 64 KiB tmpfs with 8 KiB left): ENOSPC, the previous weights kept, no bench file left half-written', (ctx) => {
    ctx.skip(!canUnshare, 'unshare -m is not permitted here (it needs root): the full-disk case is not run; the file-size limit above covers the same code path');
    const mount = mkdtempSync(join(dir, 'tmpfs-'));
    const w = join(mount, 'w.json'), b = join(mount, 'b.json');
    const script = [
      'set -e', `mount -t tmpfs -o size=64k tmpfs ${quote(mount)}`, `printf '%s' ${quote(OLD)} > ${quote(w)}`,
      `dd if=/dev/zero of=${quote(join(mount, 'fill'))} bs=4096 2>/dev/null || true`, `truncate -s -8192 ${quote(join(mount, 'fill'))}`, 'set +e',
      ...[['train', WRITERS['train --save-weights'](w)], ['bench', WRITERS['bench --out'](b)]].map(([label, args]) =>
        `${quote(process.execPath)} ${quote(bin)} ${(args as string[]).map(quote).join(' ')}; echo "${label}=$?"`),
      `echo "left: $(ls -A ${quote(mount)} | tr '\\n' ' ')"`, `echo "w: $(cat ${quote(w)})"`, `cat ${quote(b)} > ${quote(join(dir, 'b-after.json'))} 2>/dev/null || true`,
    ].join('\n');
    const r = spawnSync('unshare', ['-m', 'sh', '-c', script], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stdout).toMatch(/^train=1$/m);
    expect(r.stdout).toMatch(/^bench=1$/m);
    expect(r.stderr).toContain(`reglab: ${w}: cannot write (ENOSPC)`);
    expect(r.stderr).toContain(`reglab: ${b}: cannot write (ENOSPC)`);
    expect(r.stdout).toMatch(/^left: (b\.json )?fill w\.json $/m); // no temporary file
    expect(r.stdout).toContain(`w: ${OLD.trim()}`);
    const bench = readFileSync(join(dir, 'b-after.json'), 'utf8'); // empty when no report was whole before the disk filled
    if (bench) expect(JSON.parse(bench).partial).toBe(true);
  });
});
