/**
 * The import boundary: data flows one way, settings → data → model → trainer (CPU | GPU) → run →
 * labs → views (CLI | page), and a lower layer never imports a higher one. Folders on one row are
 * siblings that may not import each other (the CPU reference, the GPU trainer and the fast CPU engine are twins; the CLI
 * and the page are two views). The picture, with what each layer holds, is in docs/architecture.md.
 * The GPU has one public face: outside src/gpu, nothing imports a file of it but its entry,
 * src/gpu/index.ts (no kernel path, no kernel descriptor, no buffer helper).
 * Below it, the page's size rule: no src/ui file over 300 lines (one job each).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const LAYERS: string[][] = [
  ['errors', 'rng'],
  ['model'],
  ['data'],
  ['reference', 'gpu', 'wasm'],
  ['train'],
  ['labs', 'exercise'],
  ['bench'],
  ['present'],
  ['cli', 'ui'],
];

const SRC = resolve(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** The top folder of a file under src/ (a file directly in src/ counts as its own name: errors.ts → errors, cli.ts → cli). */
function group(file: string): string {
  const first = relative(SRC, file).split('/')[0];
  return first.replace(/\.ts$/, '');
}

function layerOf(g: string): number {
  const i = LAYERS.findIndex((row) => row.includes(g));
  if (i < 0) throw new Error(`src/${g} is in no layer: add it to LAYERS in test/layers.test.ts and to docs/architecture.md`);
  return i;
}

/** Every relative import of a file, resolved: `from '…'`, `import('…')` and `new URL('…', import.meta.url)`. */
function imports(file: string, text: string): string[] {
  const found = [...text.matchAll(/(?:from\s+|import\(\s*|new URL\(\s*)['"](\.{1,2}\/[^'"?]+)/g)].map((m) => m[1]);
  return found.map((p) => resolve(dirname(file), p));
}

/** Each import that goes against the layers, as `from → to`. */
function violations(files: { file: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    const from = group(file);
    for (const target of imports(file, text)) {
      const rel = relative(SRC, target);
      const name = `${relative(SRC, file)} → ${rel.startsWith('..') ? relative(resolve(SRC, '..'), target) : rel}`;
      if (rel.startsWith('..')) {
        // outside src/: WGSL only into src/gpu (its one entrance is src/gpu/shaders.ts); package.json only for the CLI's version
        const outside = relative(resolve(SRC, '..'), target).split('/')[0];
        const allowed = (outside === 'shaders' && from === 'gpu') || (outside === 'package.json' && from === 'cli');
        if (!allowed) out.push(`${name} (outside src/)`);
        continue;
      }
      const to = group(target);
      if (to === from) continue;
      if (to === 'gpu' && !['gpu', 'gpu/index', 'gpu/index.ts'].includes(rel)) out.push(`${name} (src/gpu is used through its entry, src/gpu/index.ts)`);
      const [lf, lt] = [layerOf(from), layerOf(to)];
      if (lt > lf) out.push(`${name} (layer ${lf} imports layer ${lt})`);
      else if (lt === lf) out.push(`${name} (siblings ${from} and ${to})`);
    }
  }
  return out;
}

describe('import boundaries', () => {
  it('no file under src/ imports a higher layer or a sibling', () => {
    expect(violations(sourceFiles(SRC).map((file) => ({ file, text: readFileSync(file, 'utf8') })))).toEqual([]);
  });

  it('the check catches an upward import, a sibling import, a view importing a view, stray WGSL and a way into src/gpu past its entry', () => {
    const at = (path: string, text: string) => ({ file: join(SRC, path), text });
    expect(violations([
      at('model/x.ts', "import { runTraining } from '../train/run';"),
      at('gpu/x.ts', "import { CpuTrainer } from '../reference/trainer';"),
      at('ui/x.ts', "const cli = await import('../cli');"),
      at('train/x.ts', "import code from '../../shaders/cost.wgsl?raw';"),
      at('labs/x.ts', "import { runTraining } from '../train/run';\nimport { x } from './y';"),
      at('labs/y.ts', "import { modelLimit } from '../gpu/paths/single-dispatch';\nimport { KERNELS } from '../gpu/kernel';\nimport { GpuTrainer } from '../gpu';"),
      at('gpu/paths/x.ts', "import { KERNELS } from '../kernel';"),
    ])).toEqual([
      'model/x.ts → train/run (layer 1 imports layer 4)',
      'gpu/x.ts → reference/trainer (siblings gpu and reference)',
      'ui/x.ts → cli (siblings ui and cli)',
      'train/x.ts → shaders/cost.wgsl (outside src/)',
      'labs/y.ts → gpu/paths/single-dispatch (src/gpu is used through its entry, src/gpu/index.ts)',
      'labs/y.ts → gpu/kernel (src/gpu is used through its entry, src/gpu/index.ts)',
    ]);
    expect(() => layerOf('nowhere')).toThrow(/in no layer/);
  });
});

/** The page's limit: a file over it does more than one job (docs/architecture.md lists each file's). */
const UI_MAX_LINES = 300;

/** Lines of a text as `wc -l` counts them for a file that ends with a newline (a last line without one counts too). */
function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Each file over the limit, as `path: N lines`. */
function overLong(files: { file: string; text: string }[], limit: number): string[] {
  return files.filter(({ text }) => lineCount(text) > limit).map(({ file, text }) => `${relative(SRC, file)}: ${lineCount(text)} lines`);
}

describe('the page\'s file sizes', () => {
  it(`no src/ui file is over ${UI_MAX_LINES} lines`, () => {
    const ui = sourceFiles(join(SRC, 'ui')).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    expect(ui.length).toBeGreaterThan(10);
    expect(overLong(ui, UI_MAX_LINES)).toEqual([]);
  });

  it('the check counts lines as wc -l does and names the file', () => {
    const lines = (n: number) => 'x\n'.repeat(n);
    expect(overLong([
      { file: join(SRC, 'ui', 'ok.ts'), text: lines(300) },
      { file: join(SRC, 'ui', 'long.ts'), text: lines(301) },
      { file: join(SRC, 'ui', 'unterminated.ts'), text: lines(300) + 'x' },
    ], 300)).toEqual(['ui/long.ts: 301 lines', 'ui/unterminated.ts: 301 lines']);
  });
});
