/**
 * The fault table: bad input and failing environments against the CLI, as a user meets them. Each
 * row: the exit code, one line on stderr naming the cause (no stack trace, no native warnings), and
 * a bounded run (the spawn's timeout fails a hang). The page's rows are in e2e/page.spec.ts.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'reglab.js');
const dir = mkdtempSync(join(tmpdir(), 'reglab-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const overflowCsv = join(dir, 'overflow.csv');
writeFileSync(overflowCsv, 'x1,x2,label\n0.1,0.2,1\n1e39,0.5,0\n0.3,0.1,1\n-0.2,-0.4,0\n');

function reglab(args: string[], o: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000, ...o });
  return { code: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** One line on stderr, reglab's, matching `cause`; no stack trace and no native loader output. */
function expectOneLine(stderr: string, cause: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^reglab: /);
  expect(lines[0]).toMatch(cause);
  expect(stderr).not.toMatch(/\n\s+at |\.cpp:|Warning:/);
}

const ROWS: { name: string; args: string[]; code: number; cause: RegExp; env?: Record<string, string> }[] = [
  { name: 'a GPU path too small for the network (fused)', args: ['train', '--gpu-path', 'fused', '--layers', '200,100', '--backend', 'gpu', '--iterations', '10'], code: 2, cause: /--gpu-path: the fused kernel cannot run this network: 301 units > 256/ },
  { name: 'a GPU path too small for the network (unrolled)', args: ['train', '--gpu-path', 'unrolled', '--layers', '100,100', '--backend', 'gpu', '--iterations', '10'], code: 2, cause: /--gpu-path: the unrolled kernel cannot run this network/ },
  { name: 'a landscape network too large for the GPU grid', args: ['landscape', '--grid', '5', '--layers', '40,30', '--backend', 'gpu', '--iterations', '10'], code: 2, cause: /--backend: landscape on the GPU: .*use --backend cpu/ },
  { name: 'a value beyond float32 on the GPU', args: ['train', '--train', overflowCsv, '--backend', 'gpu', '--iterations', '10'], code: 1, cause: /example 2, feature x1 is 1e\+39, beyond float32's range/ },
  { name: 'a value beyond float32 on the fast CPU engine', args: ['train', '--train', overflowCsv, '--backend', 'wasm', '--iterations', '10'], code: 1, cause: /example 2, feature x1 is 1e\+39, beyond float32's range/ },
  { name: 'a network the fast CPU engine\'s memory cannot hold', args: ['train', '--backend', 'wasm', '--layers', '1024,1024', '--size', '200000', '--test-fraction', '0', '--iterations', '1'], code: 1, cause: /training \[2, 1024, 1024, 1\] on 200000 examples needs \d+ MiB of the fast CPU engine's memory.*narrower layers/ },
  { name: 'a value beyond float32 with --precision f32', args: ['train', '--train', overflowCsv, '--backend', 'cpu', '--precision', 'f32', '--iterations', '10'], code: 1, cause: /beyond float32's range/ },
  { name: 'a learning rate that explodes the cost (CPU)', args: ['train', '--learning-rate', '1e6', '--iterations', '500', '--backend', 'cpu'], code: 1, cause: /training diverged at iteration \d+ \(cost .*\); try a smaller learning rate/ },
  { name: 'a learning rate that explodes the cost (GPU)', args: ['train', '--learning-rate', '1e6', '--iterations', '500', '--backend', 'gpu'], code: 1, cause: /training diverged at iteration \d+/ },
  { name: 'a learning rate beyond float32 (GPU)', args: ['train', '--learning-rate', '1e39', '--iterations', '50', '--backend', 'gpu'], code: 1, cause: /--learning-rate 1e\+39 is beyond float32's range/ },
  { name: 'a λ whose penalty alone diverges names λ, not the learning rate', args: ['train', '--l2', '1e9', '--iterations', '50', '--backend', 'cpu'], code: 1, cause: /λ \(L2\) is too large: the penalty drives training to diverge at iteration \d+ .*keep λ below 2m\/lr = 1333/ },
  { name: 'a learning rate of 1e39 (CPU, float64)', args: ['train', '--learning-rate', '1e39', '--iterations', '50', '--backend', 'cpu'], code: 1, cause: /training diverged at iteration/ },
  { name: 'initial weights beyond float32 (GPU)', args: ['train', '--init', 'random', '--init-scale', '1e39', '--iterations', '50', '--backend', 'gpu'], code: 1, cause: /initial weights reach .*beyond float32's range.*--init-scale/ },
  { name: '--save-weights into a missing folder: refused before training', args: ['train', '--save-weights', '/missing-dir/w.json'], code: 1, cause: /\/missing-dir\/w\.json: the folder \/missing-dir does not exist/ },
  { name: 'bench --out under /proc: refused at once (no recursive mkdir)', args: ['bench', '--out', '/proc/x/b.json', '--workloads', 'lesson'], code: 1, cause: /\/proc\/x\/b\.json: the folder \/proc\/x does not exist/ },
  { name: 'landscape --out into a missing folder', args: ['landscape', '--out', '/missing-dir/l.json', '--iterations', '10'], code: 1, cause: /the folder \/missing-dir does not exist/ },
  { name: 'a gradient check past the size cap', args: ['gradcheck', '--layers', '4096,4096'], code: 2, cause: /--layers: the gradient check of \[2, 4096, 4096, 1\].*over the cap/ },
  { name: 'a landscape grid past the cap', args: ['landscape', '--grid', '402'], code: 2, cause: /--grid: must be an integer in \[3, 401\]/ },
  { name: 'VK_ICD_FILENAMES naming a missing file', args: ['train', '--backend', 'gpu', '--iterations', '10'], env: { VK_ICD_FILENAMES: join(dir, 'nope.json') }, code: 1, cause: /no WebGPU adapter: .*VK_ICD_FILENAMES .*no such file/ },
];

describe('the fault table (CLI)', () => {
  for (const row of ROWS) {
    it(`${row.name}: exit ${row.code}, one line`, () => {
      const r = reglab(row.args, row.env ? { env: { ...process.env, ...row.env } } : {});
      expectOneLine(r.stderr, row.cause);
      expect(r.code).toBe(row.code);
      expect(r.stdout).toBe(''); // nothing ran to print
    });
  }

  it('a full disk on stdout: exit 1, one line (no ENOSPC stack trace)', () => {
    const r = reglab(['train', '--iterations', '100', '--json'], { stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'] });
    expectOneLine(r.stderr, /cannot write the output \(ENOSPC/);
    expect(r.code).toBe(1);
  });

  it('bench matmul sizes over the adapter\'s buffer limit are listed as not run, exit 0', () => {
    const r = reglab(['bench', '--workloads', 'matmul', '--matmul-sizes', '100000', '--no-cpu', '--no-tfjs', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).rows as { skipped?: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.skipped).toMatch(/over this adapter's \d+ MiB per buffer/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a GPU run is quiet (nothing on stderr) and leaves nothing in the temporary directory but the one per-user folder it reuses', () => {
    const own = `reglab-${userInfo().uid}`;
    const before = new Set(readdirSync(tmpdir()));
    const r = reglab(['train', '--backend', 'gpu', '--iterations', '100', '--no-progress']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const added = readdirSync(tmpdir()).filter((f) => !before.has(f) && f.startsWith('reglab-'));
    expect(added.filter((f) => f !== own)).toEqual([]);
  });

  it('npm start on a busy port says so in one line, before building', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = spawnSync(process.execPath, [join(root, 'scripts', 'start.js'), '--port', String(port)], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(1);
      expect(r.stdout).not.toMatch(/open http/);
      expectOneLine(r.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use by another program`));
    } finally {
      busy.close();
    }
  });
});
