/** WGSL Philox and dropout flags, kernel error reporting and device limits, on the dawn.node device (SwiftShader in CI). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, releaseGpu, type GpuContext } from '../src/gpu/device';
import { createKernel, foldGroups, KERNELS } from '../src/gpu/kernel';
import { GpuKernelError, GpuLimitError } from '../src/gpu/errors';
import { philoxWordsOnGpu } from '../src/gpu/philox';
import { MATMUL_KERNELS, plainMatmul } from '../src/gpu/plain-matmul';
import { GpuTrainer } from '../src/gpu/trainer';
import { initParams } from '../src/model/init';
import { makeSpec } from '../src/model/network';
import { SettingsError, validateSettings } from '../src/model/settings';
import { createTrainer } from '../src/train/factory';
import { philox4x32 } from '../src/rng/philox';
import { exampleMasks, philoxMask } from '../src/model/dropout';
import { zeroParams } from '../src/model/network';
import { flagWordsPerIteration } from '../src/gpu/dropout-bits';
import { layerTable, packParams } from '../src/gpu/param-layout';
import { drawnFlags } from '../src/gpu/paths/unrolled';
import { GpuScope } from '../src/gpu/resources';
import { MAX_MODELS, packStructArray } from '../src/gpu/uniforms';
import { vectors } from './fixtures';

let gpu: GpuContext;
beforeAll(async () => {
  gpu = await acquireGpu();
});
afterAll(async () => {
  await releaseGpu();
});

describe('Philox4x32-10 in WGSL', () => {
  it('matches the Random123 known answers', async () => {
    for (const kat of vectors.philox4x32_10_kat) {
      const [c0, c1, c2, c3] = kat.counter.map(Number);
      const [k0, k1] = kat.key.map(Number);
      const words = await philoxWordsOnGpu(gpu, 1, [c0, c1, c2, c3], [k0, k1]);
      expect(Array.from(words)).toEqual(kat.out.map(Number));
    }
  });

  it('a million words identical to the TypeScript generator', async () => {
    const blocks = 262_144; // 4 words each
    const k0 = 0xdeadbeef, k1 = 7, c1 = 12345;
    const gpuWords = await philoxWordsOnGpu(gpu, blocks, [0, c1, 0, 0], [k0, k1]);
    const out = new Uint32Array(4);
    let mismatches = 0;
    let first = -1;
    for (let b = 0; b < blocks; b++) {
      philox4x32(b, c1, 0, 0, k0, k1, out);
      for (let q = 0; q < 4; q++) {
        if (gpuWords[4 * b + q] !== out[q]) {
          mismatches++;
          if (first < 0) first = 4 * b + q;
        }
      }
    }
    expect(gpuWords.length).toBe(1_048_576);
    expect(mismatches, `first mismatch at word ${first}`).toBe(0);
  });
});

/**
 * The Philox flags dropout_bits.wgsl draws for `models` over iterations [first, first + n) of a
 * network with hidden layers `hidden` on m examples, read back: flags(k, s, h) is model k's layer
 * h + 1 at iteration first + s, its rows·m elements (row·m + example) as 0/1.
 */
async function gpuFlags(hidden: number[], m: number, first: number, n: number, models: { keepProb: number; seed: number }[]) {
  const spec = makeSpec(2, hidden, 'relu');
  const kernel = await createKernel(gpu.device, KERNELS.dropoutBits);
  const scope = new GpuScope(gpu.device);
  try {
    const { flags, flagStride, draw } = drawnFlags({
      scope, dims: spec.dims, m, chunk: n, maxDim: gpu.device.limits.maxComputeWorkgroupsPerDimension,
      layers: scope.storage('layer table', layerTable(spec, packParams(spec, zeroParams(spec)).offsets)),
      state: scope.storage('state', Uint32Array.from([first, first, 0, 0])),
      models: scope.uniformBytes('models', packStructArray('ModelParams', models.map((md) => ({
        keep_prob: md.keepProb, lambda_over_m: 0, lambda_over_two_m: 0, lambda1_over_m: 0, seed: md.seed,
      })), MAX_MODELS)),
      variants: models.map((md) => ({ dropoutSeed: md.seed })),
    }, kernel);
    const enc = gpu.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    draw(pass, n);
    pass.end();
    gpu.device.queue.submit([enc.finish()]);
    const words = new Uint32Array(await scope.read(flags, 4 * models.length * flagStride));
    const perIteration = flagWordsPerIteration(spec.dims, m);
    return (k: number, s: number, h: number): Uint8Array => {
      let base = k * flagStride + s * perIteration;
      for (let below = 0; below < h; below++) base += Math.ceil(hidden[below] * m / 32);
      // the flags of the layer's real elements (bits past rows·m are never read)
      return Uint8Array.from({ length: hidden[h] * m }, (_, e) => (words[base + (e >>> 5)] >>> (e & 31)) & 1);
    };
  } finally {
    scope.dispose();
  }
}

describe('dropout_bits.wgsl: the unrolled path\'s Philox flags', () => {
  it('draws src/model/dropout.ts\'s masks bit for bit: five models in two draw groups, keep_prob 1 among them, four iterations, layers not a multiple of 32', async () => {
    // hidden layers of 37 and 5 units over 13 examples: 481 and 65 flags, ragged last words
    const m = 13, first = 5, n = 4;
    const models = [
      { keepProb: 0.5, seed: 7 }, { keepProb: 0.86, seed: 7 }, { keepProb: 1, seed: 7 },
      { keepProb: 0.3, seed: 123_456_789 }, { keepProb: 0.999, seed: 123_456_789 },
    ];
    const flags = await gpuFlags([37, 5], m, first, n, models);
    for (const [k, md] of models.entries()) {
      for (let s = 0; s < n; s++) {
        for (const [h, rows] of [37, 5].entries()) {
          const want = philoxMask(new Uint8Array(rows * m), md.seed, h + 1, first + s, md.keepProb);
          expect(Array.from(flags(k, s, h)), `model ${k}, iteration ${first + s}, layer ${h + 1}`).toEqual(Array.from(want));
        }
      }
    }
  });

  it('the page\'s network view shows these flags: exampleMasks of every example at each iteration is the GPU\'s column', async () => {
    const m = 13, first = 0, n = 3, seed = 42, keepProb = 0.86;
    const flags = await gpuFlags([20, 3], m, first, n, [{ keepProb, seed }]);
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < m; j++) {
        const shown = exampleMasks({ masks: 'philox', seed, keepProb, hidden: [20, 3], m }, j, first + s)!;
        shown.forEach((mask, h) => {
          const gpuColumn = Array.from({ length: mask.length }, (_, u) => flags(0, s, h)[u * m + j]);
          expect(Array.from(mask), `iteration ${first + s}, example ${j}, layer ${h + 1}`).toEqual(gpuColumn);
        });
      }
    }
  });
});

describe('kernel creation', () => {
  it('a broken shader is an error that names the kernel and the WGSL line', async () => {
    const broken = '@compute @workgroup_size(1)\nfn main() {\n  let x: f32 = undefined_thing;\n}\n';
    const err = await createKernel(gpu.device, KERNELS.update, { code: broken, name: 'broken.wgsl' }).catch((e) => e);
    expect(err).toBeInstanceOf(GpuKernelError);
    expect(err.message).toMatch(/^broken\.wgsl: line 3:\d+: .*undefined_thing/);
  });

  it('foldGroups keeps each dimension within the limit', () => {
    expect(foldGroups(10, 65535)).toEqual([10, 1]);
    expect(foldGroups(65536, 65535)).toEqual([65535, 2]);
    expect(() => foldGroups(65535 ** 2 + 1, 65535)).toThrow(/maxComputeWorkgroupsPerDimension/);
  });
});

describe('limits and settings', () => {
  it('a layer too large for the device names the limit and what the model needs', async () => {
    const spec = makeSpec(2, [4096], 'relu');
    const m = Math.ceil(gpu.device.limits.maxStorageBufferBindingSize / (4 * 4097)) + 1;
    const train = { X: new Float64Array(2 * m), Y: Float64Array.from({ length: m }, (_, j) => j % 2), m, features: 2 };
    const err = await GpuTrainer.create({
      gpu, spec, params: initParams(spec, { init: 'zeros', rng: 'philox', seed: 1 }), train, learningRate: 0.1, l2: 0,
      keepProb: 1, dropoutRng: 'philox', dropoutSeed: 1,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(GpuLimitError);
    expect(err.message).toMatch(/layer 1's activations \(4096 × \d+\) needs \d+ bytes but the device's maxStorageBufferBindingSize is \d+/);
  });

  it('settings are validated before any trainer exists; the factory\'s GPU trainer names its adapter', async () => {
    expect(() => validateSettings({ backend: 'gpu', keepProb: 2 })).toThrow(SettingsError);
    expect(() => validateSettings({ backend: 'gpu', learningRate: NaN })).toThrow(/learningRate/);
    // (the CLI resolves settings before it reads data or asks for a device: test/cli.test.ts, exit 2, empty stdout)
    const train = { X: Float64Array.from([0, 1, 1, 0, 0, 1, 0, 1]), Y: Float64Array.from([0, 1, 1, 0]), m: 4, features: 2 };
    const t = await createTrainer(validateSettings({ backend: 'gpu', iterations: 1 }), train);
    expect(t.backend).toBe('gpu');
    expect(t.adapter).toBe(gpu.adapterName);
    t.dispose();
  });
});

describe('plain matmul kernels (the micro-benchmark\'s), against a float64 product', () => {
  it.each(MATMUL_KERNELS)('%s on awkward shapes, padding included', async (kernel) => {
    for (const [rows, depth, cols] of [[1, 1, 1], [5, 7, 9], [64, 33, 130], [70, 128, 8], [200, 44, 260]]) {
      const A = Float32Array.from({ length: rows * depth }, (_, i) => Math.sin(i + 1));
      const B = Float32Array.from({ length: depth * cols }, (_, i) => Math.cos(3 * i));
      const mm = await plainMatmul(gpu, kernel, A, B, rows, depth, cols);
      try {
        const enc = gpu.device.createCommandEncoder();
        mm.encode(enc, 2); // twice: the product overwrites C, it does not accumulate
        gpu.device.queue.submit([enc.finish()]);
        const C = await mm.read();
        expect(C.length).toBe(rows * cols);
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < cols; j++) {
            let ref = 0, scale = 0;
            for (let k = 0; k < depth; k++) {
              ref += A[i * depth + k] * B[k * cols + j];
              scale += Math.abs(A[i * depth + k] * B[k * cols + j]);
            }
            const got = C[i * cols + j];
            if (!(Math.abs(got - ref) <= 1e-5 * scale + 1e-30)) throw new Error(`${kernel} ${rows}×${depth}×${cols}: C[${i},${j}] = ${got}, expected ${ref}`);
          }
        }
      } finally {
        mm.dispose();
      }
    }
  });
});
