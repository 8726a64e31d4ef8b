/**
 * The page's heavy one-off work, off the main thread: making the data (a generated set, a CSV, a
 * MAT-file), the gradient check, and the loss landscape on the CPU. Answers ComputeClient
 * (src/ui/compute.ts) with the same functions the CLI calls, so the numbers are the CLI's.
 */
import { parseCsv } from '../data/csv';
import { generateDataset, type DatasetOptions } from '../data/generators';
import { labelledSetsFromMat } from '../data/mat';
import type { TrainSettings } from '../model/settings';
import { assertGradcheckSize, gradientCheck } from '../labs/gradcheck';
import { initialParams, specFor } from '../train/factory';
import { landscape } from '../labs/landscape';
import type { LabelledSet } from '../model/types';
import { answerRequests } from './worker-client';

export type ComputeRequest =
  | { id: number; op: 'generate'; options: DatasetOptions }
  | { id: number; op: 'csv'; trainText: string; testText: string | null; names: { train: string; test: string } }
  | { id: number; op: 'mat'; bytes: Uint8Array; name: string }
  | { id: number; op: 'gradcheck'; settings: TrainSettings; train: LabelledSet }
  | { id: number; op: 'landscape'; settings: TrainSettings; train: LabelledSet; grid: number; span: number };

/** The sets' arrays move to the main thread instead of being copied. */
function setBuffers(value: unknown): Transferable[] {
  const v = value as { train?: LabelledSet; test?: LabelledSet | null } | null;
  if (!v || !v.train) return [];
  return [...new Set([v.train, v.test].flatMap((s) => (s ? [s.X.buffer, s.Y.buffer] : [])))] as Transferable[];
}

answerRequests<ComputeRequest>(async (req) => {
  switch (req.op) {
    case 'generate': return generateDataset(req.options);
    case 'csv': {
      const train = parseCsv(req.trainText, req.names.train);
      return { train, test: req.testText === null ? null : parseCsv(req.testText, req.names.test) };
    }
    case 'mat': return labelledSetsFromMat(req.bytes, req.name);
    case 'gradcheck': {
      const spec = specFor(req.settings, req.train.features);
      assertGradcheckSize(spec, req.train.m);
      return gradientCheck(spec, initialParams(req.settings, spec), req.train, { l2: req.settings.l2 });
    }
    case 'landscape': return landscape({ ...req.settings, backend: 'cpu' }, req.train, req.grid, req.span);
  }
}, setBuffers);
