/** The lesson's other labs on the command line: init-compare, gradients, gradcheck. */
import { gradientCheck } from '../reference/gradcheck';
import { initialParams, specFor } from '../train/factory';
import { deepLayers, gradientTrace } from '../train/gradients';
import { initCompare } from '../train/init-compare';
import { formatCompare, table } from './output';
import { loadData, settingsFrom, UsageError, type TrainingFlags } from './options';

const notice = (msg: string) => process.stderr.write(`reglab: ${msg}\n`);

export async function initCompareCommand(flags: TrainingFlags): Promise<void> {
  const settings = settingsFrom(flags);
  const data = loadData(flags);
  const runs = await initCompare(settings, data.train, data.test, undefined, notice);
  if (flags.json) {
    process.stdout.write(JSON.stringify({ data: data.source, runs }) + '\n');
    return;
  }
  const first = table(['init', 'cost at 0'], runs.map((r) => [r.name ?? '', r.costs[0].cost.toPrecision(6)]));
  process.stdout.write(`data: ${data.source}\n\n${formatCompare(runs)}\n\n${first}\n`);
}

export interface GradientsFlags extends TrainingFlags {
  depth?: number;
  width?: number;
}

export async function gradientsCommand(flags: GradientsFlags): Promise<void> {
  if (flags.layers !== undefined) throw new UsageError('--layers: gradients builds its network from --depth and --width');
  let layers: number[];
  try {
    layers = deepLayers(flags.depth ?? 12, flags.width ?? 10);
  } catch (e) {
    const [field, ...rest] = (e as Error).message.split(': ');
    throw new UsageError(`--${field}: ${rest.join(': ')}`);
  }
  const settings = settingsFrom({ ...flags, iterations: flags.iterations ?? 1000, logEvery: flags.logEvery ?? 100 }, { layers });
  const data = loadData(flags);
  const trace = await gradientTrace(settings, data.train, settings.logEvery);
  if (flags.json) {
    process.stdout.write(JSON.stringify({ data: data.source, settings, ...trace }) + '\n');
    return;
  }
  const header = ['iteration', 'cost', ...trace.layers.map((l) => `‖dW${l}‖`), `‖dW${trace.layers.length}‖/‖dW1‖`];
  const rows = trace.points.map((p) => [
    String(p.iteration), p.cost.toFixed(4), ...p.norms.map((n) => n.toExponential(2)),
    (p.norms[p.norms.length - 1] / p.norms[0]).toExponential(1),
  ]);
  const where = trace.backend === 'gpu' ? `gpu (${trace.adapter})` : 'cpu';
  process.stdout.write(`data: ${data.source} · ${settings.activation}, ${settings.init} init, ${layers.length + 1} layers of ${layers[0]} · ${where}\n\n${table(header, rows)}\n`);
}

export async function gradcheckCommand(flags: TrainingFlags & { l2?: number }): Promise<void> {
  const settings = settingsFrom(flags);
  const data = loadData(flags);
  const spec = specFor(settings, data.train.features);
  const r = gradientCheck(spec, initialParams(settings, spec), data.train, { l2: settings.l2 });
  if (flags.json) {
    process.stdout.write(JSON.stringify({ data: data.source, settings, ...r }) + '\n');
  } else {
    const w = r.worst;
    process.stdout.write(
      `gradient check at initialization (${r.parameters} parameters, float64, dropout off, λ = ${settings.l2}):\n`
      + `relative difference ${r.difference.toExponential(3)} — ${r.pass ? 'PASS' : 'FAIL'} (threshold ${r.threshold})\n`
      + `largest gap: ${w.param}${w.layer}[${w.index}] backprop ${w.backprop.toExponential(6)} vs numerical ${w.numerical.toExponential(6)}\n`,
    );
  }
  if (!r.pass) process.exitCode = 1;
}
