/**
 * The one engine rule: which engine a run asked for as `auto` trains on, and why, in a student's
 * words. The page's default backend ("automatic (fastest here)") and the CLI's default
 * `--backend auto` both ask it; it is pure (the facts come in, nothing is probed here), so its
 * whole table is unit-tested (test/engine-choice.test.ts).
 *
 * The rule, from the measurements in docs/performance.md:
 * - no WebGPU adapter → never an error: the fast CPU engine (wasm) when it can run, else the CPU
 *   reference;
 * - a software adapter (SwiftShader, WARP, llvmpipe, lavapipe, Microsoft Basic Render: the CPU
 *   running GPU code) → the fast CPU engine when it can run (the lesson's 30 000 iterations: 0.40 s
 *   against 2.3 s on SwiftShader; a sweep of 16 × 2 000: 0.95–1.20 s against 2.49–2.73 s side by
 *   side), else the GPU path, which still beats the CPU reference (2.3 s against 4.1 s);
 * - a hardware GPU → the GPU for a sweep (its models side by side, one per workgroup) and for a
 *   network whose iteration is at least SMALL_NETWORK_MULTIPLY_ADDS; below that, a single network
 *   trains on the fast CPU engine when it can run: on an H200, [20, 20] × 256 (128 k multiply-adds)
 *   takes 0.375 ms per iteration on the GPU, about 0.04 ms on the fast engine of a 2-core CPU, and
 *   the lesson's 30 000 iterations 0.44–0.50 s against 0.40–0.44 s; from [64, 64] × 256 (1.1 M) the
 *   GPU is ahead (0.33 ms against about 0.5) and stays ahead as networks grow.
 */

/** What the engines need to know of the WebGPU adapter (src/gpu's adapterFacts); null: none. */
export interface AdapterFacts {
  /** The adapter's name as the page and the JSON show it, e.g. "SwiftShader driver 5.0.0 (google swiftshader)". */
  name: string;
  /** A software adapter: the CPU running GPU code (isFallbackAdapter, or SwiftShader, WARP, llvmpipe… by name). */
  software: boolean;
}

/** What a run will ask of the engine. */
export interface EngineWork {
  /** Models trained together (a sweep's, side by side on a GPU); 1 for train, compare's runs one by one, the labs. */
  models: number;
  /** Multiply-adds of one model's forward product per iteration: examples × parameters (perIterationWork). */
  multiplyAdds: number;
}

export interface EngineInputs {
  adapter: AdapterFacts | null;
  /** Whether the fast CPU engine can run here (Node: always; the page: wherever WebAssembly does, on one thread when not cross-origin isolated). */
  fastCpu: boolean;
  work: EngineWork;
  /** Why this run asks for the float64 CPU reference, when it does (the CLI's --course or --precision); the rule then picks it. */
  reference?: string;
}

export type ChosenBackend = 'gpu' | 'wasm' | 'cpu';

export interface EngineChoice {
  backend: ChosenBackend;
  /** Why, in a student's words: "the WebGPU adapter (google swiftshader) is software: the CPU is faster". */
  reason: string;
}

/**
 * Below this many multiply-adds per iteration (examples × parameters) a single network trains
 * faster on the fast CPU engine than on a hardware GPU (see above: 128 k faster on the CPU, 1.1 M
 * on the GPU; 2²⁰ between them).
 */
export const SMALL_NETWORK_MULTIPLY_ADDS = 2 ** 20;

/** examples × parameters (weights and biases) of a network of `features` inputs, `layers` hidden units and one output. */
export function perIterationWork(features: number, layers: readonly number[], examples: number): number {
  const dims = [features, ...layers, 1];
  let parameters = 0;
  for (let l = 1; l < dims.length; l++) parameters += dims[l] * (dims[l - 1] + 1);
  return examples * parameters;
}

const count = (n: number) => n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e3 ? `${Math.round(n / 1e3)} k` : String(n);

/** The engine `auto` trains on, and why. */
export function chooseEngine(i: EngineInputs): EngineChoice {
  if (i.reference) return { backend: 'cpu', reason: i.reference };
  const { adapter, fastCpu, work } = i;
  const noWasm = 'the fast CPU engine needs WebAssembly, which this browser lacks';
  if (!adapter) {
    return fastCpu
      ? { backend: 'wasm', reason: 'no WebGPU adapter here, so the fast CPU engine trains' }
      : { backend: 'cpu', reason: `no WebGPU adapter here, and ${noWasm}` };
  }
  if (adapter.software) {
    return fastCpu
      ? { backend: 'wasm', reason: `the WebGPU adapter (${adapter.name}) is software: the CPU is faster` }
      : { backend: 'gpu', reason: `the WebGPU adapter (${adapter.name}) is software, but beats the CPU reference (${noWasm})` };
  }
  if (work.models > 1) return { backend: 'gpu', reason: `a GPU trains the ${work.models} models side by side` };
  const size = `${count(work.multiplyAdds)} multiply-adds per iteration`;
  if (work.multiplyAdds >= SMALL_NETWORK_MULTIPLY_ADDS) return { backend: 'gpu', reason: `a network this size (${size}) is faster on the GPU` };
  return fastCpu
    ? { backend: 'wasm', reason: `a network this small (${size}) is faster on the CPU than on the GPU, whose every step has a fixed cost` }
    : { backend: 'gpu', reason: `the GPU (${noWasm})` };
}
