/**
 * The network view's computation, off the main thread: a model's frame at an iteration (each shown
 * unit's map over the input plane, its weights, biases and histograms: src/train/network-frame.ts)
 * and, for the lesson's numpy masks, an example's mask (drawing the whole stream is m·Σn_l numbers).
 */
import { exampleMasks, type ExampleMaskSpec } from '../model/dropout';
import type { NetworkSpec, Params } from '../model/network';
import type { Bounds } from '../train/grid';
import { frameBuffers, networkFrame, type NetworkFrame } from '../train/network-frame';
import { answerRequests } from './worker-client';

export type NetworkRequest =
  | { id: number; op: 'frame'; spec: NetworkSpec; params: Params; bounds: Bounds; iteration: number }
  | { id: number; op: 'masks'; spec: ExampleMaskSpec; example: number; iteration: number };

answerRequests<NetworkRequest>((req) => {
  if (req.op === 'frame') return networkFrame(req.spec, req.params, req.bounds, req.iteration);
  return exampleMasks(req.spec, req.example, req.iteration);
}, (value) => (value && 'layers' in (value as object) ? frameBuffers(value as NetworkFrame) : []));
