/**
 * docs/architecture.md's kernel map is true: every .wgsl file under shaders/ is named in it, and
 * each row's pointers lead somewhere — its host files under src/gpu/ exist, each CPU twin it names
 * is in the file it names, and each test it quotes (by a piece of its title) is in the test file it
 * names. A kernel added without a row, a test renamed, or a twin moved fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface MapRow {
  what: string;
  wgsl: string[];
  host: string[];
  /** Twin symbols, each with the source file named after it ("`a`, `b` in `src/x.ts`"). */
  twins: { symbol: string; file: string }[];
  /** Quoted test titles, each with the test file named before it ("`test/x.test.ts` "title""). */
  tests: { file: string; title: string }[];
}

const ticks = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

/** The rows of the table under "## Finding a kernel, its CPU twin and its test". */
function kernelMap(markdown: string): MapRow[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Finding a kernel'));
  if (!section) throw new Error('docs/architecture.md has no section "Finding a kernel, its CPU twin and its test"');
  const rows = section.split('\n').filter((l) => l.startsWith('|')).slice(2);
  return rows.map((line) => {
    // cells split at the unescaped pipes (a formula's \| stays in its cell)
    const [what, wgsl, host, twin, test] = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    // "`a`, `b` in `src/x.ts`": the symbols before an "in `file`" are in that file
    const twins = [...twin.matchAll(/((?:`[^`]+`,\s*)*`[^`]+`)\s+in\s+`([^`]+)`/g)].flatMap((g) => ticks(g[1]).map((symbol) => ({ symbol, file: g[2] })));
    const tests = [...test.matchAll(/`(test\/[^`]+)`((?:\s*"[^"]+",?)+)/g)].flatMap((g) =>
      [...g[2].matchAll(/"([^"]+)"/g)].map((t) => ({ file: g[1], title: t[1] })));
    return { what, wgsl: ticks(wgsl).filter((t) => t.endsWith('.wgsl')), host: ticks(host), twins, tests };
  });
}

function wgslFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? wgslFiles(join(dir, e.name)) : e.name.endsWith('.wgsl') ? [join(dir, e.name)] : []);
}

/** A test file's text with escaped quotes read as quotes, so a title quoted in the map matches its source. */
const testText = (file: string) => read(file).replace(/\\(['"])/g, '$1');

describe('the kernel map of docs/architecture.md', () => {
  const rows = kernelMap(read('docs/architecture.md'));

  it('names every .wgsl file under shaders/', () => {
    const named = new Set(rows.flatMap((r) => r.wgsl));
    const files = wgslFiles(join(ROOT, 'shaders')).map((f) => relative(join(ROOT, 'shaders'), f)).sort();
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => !named.has(f))).toEqual([]);
    expect([...named].filter((f) => !existsSync(join(ROOT, 'shaders', f)))).toEqual([]);
  });

  it.each(rows.map((r) => [r.what, r] as const))('%s: its host files, twins and tests are where it says', (_what, row) => {
    expect(row.wgsl.length).toBeGreaterThan(0);
    for (const h of row.host) expect(existsSync(join(ROOT, 'src/gpu', h)), `src/gpu/${h}`).toBe(true);
    for (const { symbol, file } of row.twins) expect(read(file), `${symbol} in ${file}`).toContain(symbol);
    expect(row.tests.length, 'a test that compares the kernel with its twin').toBeGreaterThan(0);
    for (const { file, title } of row.tests) expect(testText(file), `"${title}" in ${file}`).toContain(title);
  });

  it('the check reads a row as the table writes it', () => {
    const md = [
      '## Finding a kernel, its CPU twin and its test', '', '| what | WGSL | host | CPU twin | test |', '|---|---|---|---|---|',
      '| x, Σ\\|W\\| | `a.wgsl`, `lib/b.wgsl` (mode 3) | `paths/layered.ts` | `f`, `g` in `src/p.ts`, `h` in `src/q.ts` | `test/a.test.ts` "one", `test/b.test.ts` "two" |',
    ].join('\n');
    expect(kernelMap(md)).toEqual([{
      what: 'x, Σ\\|W\\|', wgsl: ['a.wgsl', 'lib/b.wgsl'], host: ['paths/layered.ts'],
      twins: [{ symbol: 'f', file: 'src/p.ts' }, { symbol: 'g', file: 'src/p.ts' }, { symbol: 'h', file: 'src/q.ts' }],
      tests: [{ file: 'test/a.test.ts', title: 'one' }, { file: 'test/b.test.ts', title: 'two' }],
    }]);
  });
});
