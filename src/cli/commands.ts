/** `reglab train` and `reglab compare`: load data, build trainers, run, print. */
import { createTrainer } from '../train/factory';
import { runTraining, type RunResult } from '../train/run';
import { compareRuns } from '../train/requests';
import { withMonitor } from '../data/prepare';
import type { TrainSettings } from '../model/settings';
import { formatCompare, formatRun, progressBar } from './output';
import { loadData, settingsFrom, type LoadedData, type TrainingFlags } from './options';
import { checkWritable, writeOutput } from './output-file';
import type { Params } from '../model/network';
import { weightsJson } from '../model/weights-json';
import { runSize } from '../train/estimate';
import { announceCost } from './cost';
import { checkInputs, flagsWithWeights, formatPrediction, predictWith, readWeightsFile, type LoadedWeights } from './load-weights';
import { autoLine, pickEngine } from './engine';

const notice = (msg: string) => process.stderr.write(`reglab: ${msg}\n`);

async function saveWeights(file: string, settings: TrainSettings, features: number, params: Params): Promise<void> {
  writeOutput(file, JSON.stringify(weightsJson(features, settings.layers, settings.activation, params)) + '\n');
}

async function runOne(
  settings: TrainSettings, data: LoadedData, flags: TrainingFlags, name?: string, weightsFile?: string, start?: LoadedWeights,
): Promise<RunResult> {
  const { train, monitor, evaluateTrain } = withMonitor(settings, data.train, data.test);
  const setupStarted = performance.now();
  const trainer = await createTrainer(settings, train, notice); // the device, pipeline compiles, data upload
  if (start) await trainer.setParams(start.params); // --load-weights: training continues from the file's weights
  const setupMs = performance.now() - setupStarted;
  const bar = progressBar(name ?? 'train', flags.progress !== false);
  try {
    const result = await runTraining({ settings, trainer, train, test: data.test, onProgress: bar, name, monitor, evaluateTrain, setupMs });
    if (weightsFile) await saveWeights(weightsFile, settings, data.train.features, await trainer.getParams());
    return result;
  } finally {
    bar.done();
    trainer.dispose();
  }
}

export async function trainCommand(flags: TrainingFlags & { loadWeights?: string }): Promise<void> {
  const loaded = flags.loadWeights !== undefined ? readWeightsFile(flags.loadWeights) : null;
  const asked = settingsFrom(loaded ? flagsWithWeights(flags, loaded) : flags);
  if (flags.saveWeights) checkWritable(flags.saveWeights);
  const data = loadData(flags);
  if (loaded) checkInputs(loaded, data);
  const size = runSize(asked, data.train.m, data.train.features);
  const picked = await pickEngine(asked, flags, [size]);
  const { backend, reason } = picked;
  const settings = { ...asked, backend };
  if (loaded && flags.iterations === 0) return predictCommand(settings, data, loaded, flags.json === true);
  await announceCost([size], settings, flags.yes);
  const result = await runOne(settings, data, flags, undefined, flags.saveWeights, loaded ?? undefined);
  if (flags.json) process.stdout.write(JSON.stringify({ ...result, data: data.source, ...(reason ? { backendReason: reason } : {}) }) + '\n');
  else process.stdout.write(`data: ${data.source}\n${autoLine(picked)}\n${formatRun(result)}\n`);
}

/** --load-weights with --iterations 0: the loaded model predicts, nothing trains. */
async function predictCommand(settings: TrainSettings, data: LoadedData, loaded: LoadedWeights, json: boolean): Promise<void> {
  const trainer = await createTrainer(settings, data.train, notice);
  try {
    const p = await predictWith(trainer, loaded, data, settings);
    process.stdout.write(json ? JSON.stringify(p) + '\n' : formatPrediction(p) + '\n');
  } finally {
    trainer.dispose();
  }
}

export interface CompareFlags extends TrainingFlags {
  augmented?: boolean;
  withL1?: number;
}

/**
 * The three runs of the lesson: none, L2 (λ = --l2, default 0.7), dropout (--keep-prob, default
 * 0.86); with --with-l1 an L1 run, with --augmented an augmented one. --l1 is shared by every run but the L1 one.
 */
export async function compareCommand(flags: CompareFlags): Promise<void> {
  const asked = compareRuns(flags, settingsFrom).runs; // every run validated before any work
  const data = loadData(flags);
  // one engine for every run (they train one after another: each is a single network)
  const picked = await pickEngine(asked[0].settings, flags, asked.map((v) => runSize(v.settings, data.train.m, data.train.features)));
  const { backend, reason } = picked;
  const all = asked.map((v) => ({ ...v, settings: { ...v.settings, backend } }));
  const runs: RunResult[] = [];
  const weightsFor = (short: string) => flags.saveWeights?.replace(/(\.json)?$/, `.${short}.json`);
  for (const v of all) if (weightsFor(v.short)) checkWritable(weightsFor(v.short)!);
  await announceCost(all.map((v) => runSize(v.settings, data.train.m, data.train.features)), all[0].settings, flags.yes);
  for (const v of all) runs.push(await runOne(v.settings, data, flags, v.name, weightsFor(v.short)));
  if (flags.json) process.stdout.write(JSON.stringify({ data: data.source, ...(reason ? { backendReason: reason } : {}), runs }) + '\n');
  else process.stdout.write(`data: ${data.source}\n${autoLine(picked)}\n${formatCompare(runs)}\n`);
}
