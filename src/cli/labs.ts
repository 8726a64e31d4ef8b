/** The lesson's other labs on the command line: init-compare, gradients, gradcheck. */
import { assertGradcheckSize, gradientCheck } from '../labs/gradcheck';
import { initialParams, specFor } from '../train/factory';
import { deepLayers, GRADIENTS_DEFAULTS, gradientTrace } from '../labs/gradients';
import { initCompare } from '../labs/init-compare';
import { formatCompare, table } from './output';
import { backendLabel, gradcheckLines } from '../present/format';
import { loadData, settingsFrom, UsageError, type TrainingFlags } from './options';
import { landscape, LANDSCAPE_DEFAULTS, LANDSCAPE_MAX_GRID } from '../labs/landscape';
import { checkWritable, writeOutput } from './output-file';
import { INITS } from '../model/settings';
import { runSize } from '../train/estimate';
import { announceCost } from './cost';
import { autoLine, pickEngine } from './engine';

const notice = (msg: string) => process.stderr.write(`reglab: ${msg}\n`);

export async function initCompareCommand(flags: TrainingFlags): Promise<void> {
  const asked = settingsFrom(flags);
  const data = loadData(flags);
  const sizes = INITS.map(() => runSize(asked, data.train.m, data.train.features));
  const picked = await pickEngine(asked, flags, sizes);
  const { backend, reason } = picked;
  const settings = { ...asked, backend };
  await announceCost(sizes, settings, flags.yes);
  const runs = await initCompare(settings, data.train, data.test, undefined, notice);
  if (flags.json) {
    process.stdout.write(JSON.stringify({ data: data.source, ...(reason ? { backendReason: reason } : {}), runs }) + '\n');
    return;
  }
  const first = table(['init', 'cost at 0'], runs.map((r) => [r.name ?? '', r.costs[0].cost.toPrecision(6)]));
  process.stdout.write(`data: ${data.source}\n${autoLine(picked)}\n${formatCompare(runs)}\n\n${first}\n`);
}

export interface GradientsFlags extends TrainingFlags {
  depth?: number;
  width?: number;
}

export async function gradientsCommand(flags: GradientsFlags): Promise<void> {
  if (flags.layers !== undefined) throw new UsageError('--layers: gradients builds its network from --depth and --width');
  const layers = deepLayers(flags.depth ?? GRADIENTS_DEFAULTS.depth, flags.width ?? GRADIENTS_DEFAULTS.width);
  const D = GRADIENTS_DEFAULTS;
  // the lab's own defaults (the page's too): given flags win, and so do they over --course's
  const asked = settingsFrom({
    ...flags, activation: flags.activation ?? D.activation, init: flags.init ?? D.init,
    iterations: flags.iterations ?? D.iterations, logEvery: flags.logEvery ?? D.logEvery,
  }, { layers });
  const data = loadData(flags);
  const size = runSize(asked, data.train.m, data.train.features);
  const picked = await pickEngine(asked, flags, [size]);
  const { backend, reason } = picked;
  const settings = { ...asked, backend };
  await announceCost([size], settings, flags.yes);
  const trace = await gradientTrace(settings, data.train, settings.logEvery);
  if (flags.json) {
    process.stdout.write(JSON.stringify({ data: data.source, settings, ...trace, ...(reason ? { backendReason: reason } : {}) }) + '\n');
    return;
  }
  const header = ['iteration', 'cost', ...trace.layers.map((l) => `‖dW${l}‖`), `‖dW${trace.layers.length}‖/‖dW1‖`];
  const rows = trace.points.map((p) => [
    String(p.iteration), p.cost.toFixed(4), ...p.norms.map((n) => n.toExponential(2)),
    (p.norms[p.norms.length - 1] / p.norms[0]).toExponential(1),
  ]);
  const where = backendLabel(trace);
  process.stdout.write(`data: ${data.source} · ${settings.activation}, ${settings.init} init, ${layers.length + 1} layers of ${layers[0]} · ${where}\n${autoLine(picked)}\n${table(header, rows)}\n`);
}

export async function gradcheckCommand(flags: TrainingFlags & { l2?: number }): Promise<void> {
  const settings = settingsFrom({ ...flags, backend: 'cpu' }); // the check is float64 on the CPU
  const data = loadData(flags);
  const spec = specFor(settings, data.train.features);
  assertGradcheckSize(spec, data.train.m);
  // progress on stderr (at most every 2 s) for a check that takes a while
  let shown = Date.now();
  const onProgress = flags.progress === false ? undefined : (done: number, total: number) => {
    if (Date.now() - shown < 2000) return;
    shown = Date.now();
    process.stderr.write(`reglab gradcheck: ${done} of ${total} parameters checked\n`);
  };
  const r = gradientCheck(spec, initialParams(settings, spec), data.train, { l2: settings.l2, onProgress });
  if (flags.json) {
    process.stdout.write(JSON.stringify({ data: data.source, settings, ...r }) + '\n');
  } else {
    process.stdout.write(gradcheckLines(r, settings.l2).join('\n') + '\n');
  }
  if (!r.pass) process.exitCode = 1;
}

export interface LandscapeFlags extends TrainingFlags {
  grid?: number;
  span?: number;
  out?: string;
}

const SHADES = ' .:-=+*#%@';

export async function landscapeCommand(flags: LandscapeFlags): Promise<void> {
  const grid = flags.grid ?? LANDSCAPE_DEFAULTS.grid;
  if (!Number.isInteger(grid) || grid < 3 || grid > LANDSCAPE_MAX_GRID) throw new UsageError(`--grid: must be an integer in [3, ${LANDSCAPE_MAX_GRID}], got ${flags.grid}`);
  const span = flags.span ?? LANDSCAPE_DEFAULTS.span;
  if (!Number.isFinite(span) || span <= 0) throw new UsageError(`--span: must be a number > 0, got ${flags.span}`);
  const asked = settingsFrom({ ...flags, iterations: flags.iterations ?? LANDSCAPE_DEFAULTS.iterations, logEvery: flags.logEvery ?? LANDSCAPE_DEFAULTS.logEvery });
  if (flags.out) checkWritable(flags.out);
  const data = loadData(flags);
  // the grid: a forward pass (about a third of an iteration) per point
  const size = runSize(asked, data.train.m, data.train.features, Math.ceil((grid * grid) / 3));
  const picked = await pickEngine(asked, flags, [size]);
  const { backend, reason } = picked;
  const settings = { ...asked, backend };
  await announceCost([size], settings, flags.yes);
  const r = await landscape(settings, data.train, grid, span);
  const json = JSON.stringify({ data: data.source, settings, ...r, ...(reason ? { backendReason: reason } : {}) });
  if (flags.out) writeOut(flags.out, json);
  if (flags.json) {
    process.stdout.write(json + '\n');
    return;
  }
  // A text contour: log-cost in ten shades, the trajectory as digits (0 = start … 9 = end), θ* as O.
  const all = r.costs.flat();
  const lo = Math.log(Math.min(...all)), hi = Math.log(Math.max(...all));
  const cell = (c: number) => SHADES[Math.min(9, Math.floor(((Math.log(c) - lo) / (hi - lo || 1)) * 10))];
  const rows = r.costs.map((row) => row.map(cell));
  const at = (a: number) => Math.round(((a + span) / (2 * span)) * (grid - 1));
  r.trajectory.forEach((t, k) => {
    const c = at(t.alpha), rr = at(t.beta);
    if (c >= 0 && c < grid && rr >= 0 && rr < grid) rows[rr][c] = String(Math.min(9, Math.floor((10 * k) / r.trajectory.length)));
  });
  rows[at(0)][at(0)] = 'O';
  const where = backendLabel(r);
  const center = r.costs[at(0)][at(0)];
  process.stdout.write(
    `data: ${data.source} · ${grid}×${grid} grid, α, β ∈ [−${span}, ${span}] along filter-normalized directions · ${where}\n${autoLine(picked)}`
    + `cost at θ*: ${center.toFixed(4)} · min ${Math.exp(lo).toFixed(4)} · max ${Math.exp(hi).toFixed(4)} (shades: log cost, '${SHADES}')\n\n`
    + [...rows].reverse().map((row) => '  ' + row.join('')).join('\n') + '\n',
  );
}

function writeOut(file: string, text: string): void {
  writeOutput(file, text + '\n');
}
