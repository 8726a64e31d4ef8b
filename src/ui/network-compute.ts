/**
 * The main thread's handle on network-worker.ts: one worker for the page, started when a run first
 * draws its network, shared by every model (a frame takes milliseconds for the lesson's network).
 */
import type { ExampleMaskSpec } from '../model/dropout';
import type { NetworkSpec, Params } from '../model/network';
import type { Bounds } from '../train/grid';
import type { NetworkFrame } from '../train/network-frame';
import type { NetworkRequest } from './network-worker';
import { WorkerClient } from './worker-client';

let client: WorkerClient<NetworkRequest> | null = null;

function worker(): WorkerClient<NetworkRequest> {
  client ??= new WorkerClient<NetworkRequest>(
    new Worker(new URL('./network-worker.ts', import.meta.url), { type: 'module', name: 'reglab network view' }), 'the network view',
  );
  return client;
}

/** A model's frame after `iteration` iterations, from its weights (copied to the worker). */
export function frameOf(spec: NetworkSpec, params: Params, bounds: Bounds, iteration: number): Promise<NetworkFrame> {
  return worker().call<NetworkFrame>({ op: 'frame', spec: { dims: [...spec.dims], hiddenActivation: spec.hiddenActivation }, params, bounds, iteration });
}

/** One example's masks drawn in the worker (the lesson's numpy stream: drawn whole). */
export function masksOf(spec: ExampleMaskSpec, example: number, iteration: number): Promise<Uint8Array[] | null> {
  return worker().call<Uint8Array[] | null>({ op: 'masks', spec: { ...spec, hidden: [...spec.hidden] }, example, iteration });
}
