/**
 * The committed WebAssembly (src/wasm/kernels-wasm.ts) is what its AssemblyScript source compiles
 * to today: an edit to src/wasm/assembly/kernels.ts without `npm run build:wasm` fails here.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
// @ts-expect-error: a plain-JavaScript build script
import { compileKernels, moduleSource, OUTPUT } from '../scripts/wasm-build.js';

it('src/wasm/kernels-wasm.ts is the build of src/wasm/assembly/kernels.ts (run npm run build:wasm if not)', async () => {
  const fresh = moduleSource(await compileKernels());
  expect(readFileSync(OUTPUT, 'utf8') === fresh, 'src/wasm/kernels-wasm.ts is stale: run `npm run build:wasm`').toBe(true);
});

it('the module imports only its shared memory, so every thread can instantiate it over the same one', async () => {
  const module = new WebAssembly.Module(await compileKernels());
  expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
});
