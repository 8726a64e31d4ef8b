/**
 * Trained weights as JSON — what `reglab train --save-weights` writes, the page's "download weights
 * JSON" and `window.reglab.exportWeights()` return, and `--load-weights` and the page's "load weights"
 * read back: `{dims: [n0, …, 1], activation, W: [[…row-major dims[l] × dims[l-1]…], …], b: [[…], …]}`.
 * A file read back is untrusted: every field is checked, and the first problem named.
 */
import { ReglabError } from '../errors';
import { paramsToJson, type Params } from './network';
import { ACTIVATIONS, type Activation } from './settings';

export interface WeightsJson {
  dims: number[];
  activation: Activation;
  W: number[][];
  b: number[][];
}

/** The JSON of a network's weights (features inputs, `layers` hidden, one output). */
export function weightsJson(features: number, layers: readonly number[], activation: Activation, params: Params): WeightsJson {
  return { dims: [features, ...layers, 1], activation, ...paramsToJson(params) };
}

/** A weights file that cannot be used: exit code 1, naming the file (the CLI prefixes the flag). */
export class WeightsFileError extends ReglabError {
  constructor(readonly source: string, reason: string) {
    super(`${source}: ${reason}`, { exitCode: 1, file: source });
  }
}

/** The weights `value` (parsed JSON) holds, checked: the network's dims, its activation, its parameters. */
export function weightsFromJson(value: unknown, source: string): { dims: number[]; activation: Activation; params: Params } {
  const bad = (reason: string) => new WeightsFileError(source, reason);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('expected a JSON object {dims, activation, W, b}, as --save-weights writes');
  const v = value as Record<string, unknown>;
  const dims = v.dims;
  if (!Array.isArray(dims) || dims.length < 2 || !dims.every((d) => Number.isInteger(d) && d >= 1)) {
    throw bad('"dims" must be a list of at least two positive integers (inputs, hidden sizes, 1)');
  }
  if (dims[dims.length - 1] !== 1) throw bad(`"dims" must end with the one output unit, got ${JSON.stringify(dims)}`);
  if (typeof v.activation !== 'string' || !(ACTIVATIONS as readonly string[]).includes(v.activation)) {
    throw bad(`"activation" must be one of ${ACTIVATIONS.join(', ')}, got ${JSON.stringify(v.activation)}`);
  }
  const layers = dims.length - 1;
  const matrices = (key: 'W' | 'b', size: (l: number) => number): Float64Array[] => {
    const list = v[key];
    if (!Array.isArray(list) || list.length !== layers) throw bad(`"${key}" must be a list of ${layers} layers (dims ${JSON.stringify(dims)})`);
    return list.map((layer: unknown, i) => {
      const want = size(i + 1);
      if (!Array.isArray(layer) || layer.length !== want) {
        throw bad(`"${key}" layer ${i + 1} must hold ${want} numbers for dims ${JSON.stringify(dims)}, got ${Array.isArray(layer) ? layer.length : typeof layer}`);
      }
      const k = layer.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
      if (k >= 0) throw bad(`"${key}" layer ${i + 1}, entry ${k + 1} is ${JSON.stringify(layer[k])}, not a finite number`);
      return Float64Array.from(layer as number[]);
    });
  };
  const W = matrices('W', (l) => dims[l] * dims[l - 1]);
  const b = matrices('b', (l) => dims[l]);
  return { dims, activation: v.activation as Activation, params: { W, b } };
}

/** Weights JSON text, parsed and checked. */
export function parseWeights(text: string, source: string): ReturnType<typeof weightsFromJson> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new WeightsFileError(source, `not JSON (${(e as Error).message})`);
  }
  return weightsFromJson(value, source);
}

/** The hidden sizes of a dims list (inputs and output left out). */
export const hiddenOf = (dims: readonly number[]): number[] => dims.slice(1, -1);
