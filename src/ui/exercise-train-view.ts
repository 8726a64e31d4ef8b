/**
 * "Train with your code", the exercise view's last part: once the four JavaScript blanks pass, the
 * lesson's model is trained three ways (none, L2, dropout) with the student's functions and with the
 * CPU reference, side by side in two workers, with progress and a stop. It shows the student's three
 * boundaries, both cost curves (the page's own drawing modules) and the table of both — equal when
 * the code is right — and the notebook's numbers on the lesson's data.
 */
import type { CostPoint } from '../model/types';
import { NOTEBOOK_ACCURACY, NOTEBOOK_DATA } from '../model/notebook';
import { pct } from '../present/format';
import { drawBoundary } from './boundary';
import { drawCosts, PALETTE, TEST_DASH, type Series } from './chart';
import { BOUNDARY_GRID, type ExerciseController, type Progress, type Trained } from './exercise-controller';

const COLORS = [PALETTE.black, PALETTE.blue, PALETTE.vermillion];
const KEYS = ['none', 'l2', 'dropout'];
const STYLE: Series[] = [
  { label: 'your code (solid)', color: '#666', points: [] },
  { label: 'reference (dashed)', color: '#666', points: [], dash: TEST_DASH },
];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

function canvas(id: string, width: number, height: number, label: string): HTMLCanvasElement {
  const c = el('canvas', { id, width, height });
  c.setAttribute('role', 'img');
  c.setAttribute('aria-label', label);
  return c;
}

export function trainView(controller: ExerciseController, sources: () => Record<string, string>, allPassed: () => boolean): { section: HTMLElement; refresh(): void } {
  const iterations = el('input', { id: 'ex-iterations', value: '30000', inputMode: 'numeric', size: 7 });
  const train = el('button', { id: 'ex-train', className: 'primary', type: 'button' }, 'train with your code');
  const stop = el('button', { id: 'ex-stop', type: 'button', disabled: true }, 'stop');
  const status = el('p', { id: 'ex-train-status', className: 'status' });
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const maps = KEYS.map((k) => canvas(`ex-boundary-${k}`, 320, 280, `your code's decision boundary (${k}): appears after training`));
  const costs = canvas('ex-costs', 560, 260, 'cost curves of your code and of the reference: appear while training');
  const table = el('table', { id: 'ex-table', tabIndex: 0 }); // scrolls sideways on a phone: focusable
  table.createTHead().insertRow().append(...['model', 'train accuracy: yours', 'reference', 'test accuracy: yours', 'reference', 'final cost: yours', 'reference', 'equal?']
    .map((t) => el('th', {}, t)));
  table.createTBody();
  const note = el('p', { className: 'note' });
  note.hidden = true;

  const section = el('section', { className: 'ex-train', id: 'ex-train-section' },
    el('h3', {}, 'Train with your code'),
    el('p', {}, 'The lesson\'s model — layers 20, 3 (ReLU) and a sigmoid output, learning rate 0.3, the notebook\'s np.random.seed(3) '
      + 'initialization, λ 0.7, keep_prob 0.86 with its np.random masks — on the page\'s data set (the settings\' data, or your data.mat), '
      + 'trained three ways with your four functions in place of the reference\'s, on the CPU in a worker, beside the float64 reference. '
      + 'With the lesson\'s data.mat and 30 000 iterations the table is the notebook\'s (94.8/91.5, 93.8/93.0, 92.9/95.0 %).'),
    el('div', { className: 'buttons' }, el('label', {}, 'iterations ', iterations), train, stop),
    status,
    el('div', { className: 'three' }, ...maps.map((c, k) => el('figure', {}, c, el('figcaption', {}, `your code: ${['none', 'L2', 'dropout'][k]}`)))),
    costs, table, note);

  let running = false;
  const refresh = () => {
    train.disabled = running || !allPassed();
    train.title = allPassed() ? 'train the lesson\'s model with your four functions' : 'check all four JavaScript functions first: training needs them to pass';
    if (!running && !status.textContent) status.textContent = allPassed() ? 'Your four functions pass: train with them.' : 'Check all four JavaScript functions first; training uses them.';
  };
  const curves = new Map<string, CostPoint[]>();
  const draw = (total: number, runs: string[]) => {
    const series: Series[] = runs.flatMap((name, k) => [
      { label: name, color: COLORS[k], points: curves.get(`student ${k}`) ?? [] },
      { label: '', color: COLORS[k], points: curves.get(`reference ${k}`) ?? [], dash: TEST_DASH },
    ]);
    drawCosts(costs, [...series, ...STYLE], total, { yLabel: 'training objective', empty: 'the cost curves appear here while training' });
  };

  stop.addEventListener('click', () => controller.stop());
  train.addEventListener('click', async () => {
    const n = Number(iterations.value);
    if (iterations.value.trim() === '' || !Number.isInteger(n) || n < 1) {
      iterations.classList.add('invalid');
      iterations.setAttribute('aria-invalid', 'true');
      status.textContent = `iterations: must be a positive integer, got ${JSON.stringify(iterations.value)}`;
      return;
    }
    iterations.classList.remove('invalid');
    iterations.removeAttribute('aria-invalid');
    running = true;
    refresh();
    stop.disabled = false;
    curves.clear();
    table.tBodies[0].replaceChildren();
    note.hidden = true;
    const started = performance.now();
    const settings = controller.lessonSettings(n);
    const names = controller.resolveRuns(settings).runs.map((r) => r.name);
    draw(n, names);
    const at = { student: [0, 0], reference: [0, 0] };
    const onProgress = (p: Progress) => {
      const key = `${p.engine} ${p.run}`;
      curves.set(key, [...(curves.get(key) ?? []), { iteration: p.done - 1, cost: p.cost }]);
      at[p.engine] = [p.run, p.done];
      status.textContent = `your code: ${names[at.student[0]]}, ${at.student[1].toLocaleString('en')}/${n.toLocaleString('en')} · `
        + `reference: ${names[at.reference[0]]}, ${at.reference[1].toLocaleString('en')}/${n.toLocaleString('en')}`;
      draw(n, names);
    };
    try {
      const t = await controller.trainBoth(sources(), settings, onProgress);
      show(t, n);
      status.textContent = `Done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${verdict(t)}`;
    } catch (e) {
      status.textContent = (e as Error).message;
    } finally {
      running = false;
      stop.disabled = true;
      refresh();
    }
  });

  const equal = (t: Trained, k: number) => {
    const s = t.student[k].result, r = t.reference[k].result;
    return s.train.accuracy === r.train.accuracy && s.test?.accuracy === r.test?.accuracy && Math.abs(s.finalCost - r.finalCost) <= 1e-9 * Math.abs(r.finalCost);
  };
  const verdict = (t: Trained) => (t.runs.every((_, k) => equal(t, k)) ? 'your code trains exactly as the reference does.'
    : 'your code trains to other numbers than the reference: compare the rows.');

  function show(t: Trained, n: number): void {
    curves.clear();
    t.runs.forEach((_, k) => {
      curves.set(`student ${k}`, t.student[k].result.costs);
      curves.set(`reference ${k}`, t.reference[k].result.costs);
    });
    draw(n, t.runs.map((r) => r.name));
    t.student.forEach((s, k) => {
      drawBoundary({ canvas: maps[k], bounds: t.bounds, train: t.data.train, test: t.data.test, probs: s.grid, resolution: BOUNDARY_GRID });
      maps[k].setAttribute('aria-label', `your code's decision boundary (${t.runs[k].name}): train ${pct(s.result.train.accuracy)}`
        + (s.result.test ? `, test ${pct(s.result.test.accuracy)}` : ''));
    });
    costs.setAttribute('aria-label', `cost curves of your code (solid) and of the reference (dashed) over ${n} iterations`);
    const body = table.tBodies[0];
    t.runs.forEach((run, k) => {
      const s = t.student[k].result, r = t.reference[k].result;
      const row = body.insertRow();
      for (const text of [run.name, pct(s.train.accuracy), pct(r.train.accuracy), s.test ? pct(s.test.accuracy) : '—', r.test ? pct(r.test.accuracy) : '—',
        s.finalCost.toFixed(4), r.finalCost.toFixed(4), equal(t, k) ? 'yes' : 'no']) row.insertCell().textContent = text;
    });
    const lesson = t.data.train.m === NOTEBOOK_DATA.train && t.data.test?.m === NOTEBOOK_DATA.test && n === 30_000;
    const nb = NOTEBOOK_ACCURACY;
    note.textContent = lesson ? `The notebook prints, on its data (train / test accuracy): none ${pct(nb.none.train)} / ${pct(nb.none.test)}, `
      + `L2 ${pct(nb.l2.train)} / ${pct(nb.l2.test)}, dropout ${pct(nb.dropout.train)} / ${pct(nb.dropout.test)}.` : '';
    note.hidden = !lesson;
  }

  refresh();
  return { section, refresh };
}
