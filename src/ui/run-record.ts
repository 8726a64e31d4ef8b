/**
 * The last train or compare run, kept for export: its JSON as the CLI's `--json` prints it (train:
 * the run with `data`; compare: `{data, runs}`), its models' LiveModels (curves and final weights)
 * and the data it trained on. The downloads and `window.reglab.exportRun()` / `exportWeights()` read it.
 */
import type { RunResult } from '../train/run';
import { weightsJson, type WeightsJson } from '../model/weights-json';
import type { LabData } from './data-source';
import type { LiveModel } from './live-run';

export interface RecordedModel {
  /** compare's name of the model (train's: none). */
  name?: string;
  /** The file suffix `reglab compare --save-weights` gives it (none, l2, dropout, l1, augmented); train's: empty. */
  short: string;
  live: LiveModel;
}

export interface RecordedRun {
  kind: 'train' | 'compare';
  /** The CLI's --json of the run. */
  json: (RunResult & { data: string }) | { data: string; runs: RunResult[] };
  data: LabData;
  models: RecordedModel[];
}

export class RunRecord {
  last: RecordedRun | null = null;
  private readonly watchers: (() => void)[] = [];

  /** Called whenever the record changes (a run starts: cleared; one ends: kept). */
  onChange(fn: () => void): void {
    this.watchers.push(fn);
  }

  set(run: RecordedRun | null): void {
    this.last = run;
    for (const w of this.watchers) w();
  }

  /** The last run's JSON (the CLI's --json shape). */
  exportRun(): RecordedRun['json'] {
    if (!this.last) throw new Error('exportRun: no train or compare run has finished yet');
    return structuredClone(this.last.json);
  }

  /**
   * A model's weights in the shape `reglab train --save-weights` writes: train's model, or compare's by
   * its short name (none, l2, dropout, l1, augmented; default the first).
   */
  exportWeights(model?: string): WeightsJson {
    const run = this.last;
    if (!run) throw new Error('exportWeights: no train or compare run has finished yet');
    const m = model === undefined ? run.models[0] : run.models.find((x) => x.short === model || x.name === model);
    if (!m) throw new Error(`exportWeights: no model ${JSON.stringify(model)} in the last run; its models: ${run.models.map((x) => x.short).join(', ')}`);
    const { live } = m;
    if (!live.params) throw new Error('exportWeights: the model has no weights yet');
    return weightsJson(live.train.features, live.settings.layers, live.settings.activation, live.params);
  }
}
