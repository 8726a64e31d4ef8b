/**
 * The exercise view (mode `exercise`): the notebook's coding exercise in the page. Five blanks — the
 * four functions in JavaScript, then the GPU's WGSL line — one at a time behind a row of buttons that
 * also show which pass; the helper's reference; and "train with your code". Built on first show
 * (src/ui/exercise-install.ts), into the page's #exercise-view.
 */
import { JS_BLANKS } from '../exercise/blanks';
import { GPU_BLANK } from '../exercise/gpu-blank';
import { HELPER_REFERENCE } from '../exercise/helper-doc';
import { JS_EXERCISES } from '../exercise/names';
import { acquireGpu } from '../gpu';
import { blankView, type BlankSpec, type BlankView } from './exercise-blank-view';
import type { ExerciseController } from './exercise-controller';
import { trainView } from './exercise-train-view';
import './exercise.css';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

function helperReference(): HTMLElement {
  const table = el('table', { className: 'ex-reference', tabIndex: 0 }); // scrolls sideways on a phone: focusable
  const body = table.createTBody();
  for (const [code, meaning] of HELPER_REFERENCE) {
    const row = body.insertRow();
    row.append(el('td', {}, el('code', {}, code)), el('td', {}, meaning));
  }
  return el('details', { className: 'ex-helper' },
    el('summary', {}, 'the helper: numpy in JavaScript (reference)'),
    el('p', {}, 'Your code is JavaScript with a small numpy: the notebook\'s names, numpy\'s random numbers, 2-D float64 arrays. '
      + 'It runs in a worker of its own, stopped after a few seconds without an answer, so a mistake cannot freeze the page.'),
    table);
}

export function renderExercise(root: HTMLElement, controller: ExerciseController): void {
  const specs: BlankSpec[] = [
    ...JS_BLANKS.map((b) => ({ ...b, language: 'javascript' as const })),
    { ...GPU_BLANK, signature: GPU_BLANK.signature, language: 'plain' as const },
  ];
  const views: BlankView[] = [];
  const tabs: HTMLButtonElement[] = [];
  let train: { refresh(): void } | null = null;
  const status = () => {
    specs.forEach((s, k) => {
      const ok = views[k]?.passed() ?? false;
      tabs[k].textContent = `${ok ? '✓ ' : ''}${k + 1}. ${k === 4 ? 'GPU: ' : ''}${s.name}`;
      tabs[k].classList.toggle('ok', ok);
    });
    train?.refresh();
  };
  const nav = el('div', { className: 'ex-nav buttons' });
  nav.setAttribute('role', 'group');
  nav.setAttribute('aria-label', 'the exercise\'s functions');
  const select = (k: number) => {
    views.forEach((v, i) => { v.section.hidden = i !== k; });
    tabs.forEach((t, i) => t.setAttribute('aria-pressed', String(i === k)));
  };
  specs.forEach((spec, k) => {
    const tab = el('button', { type: 'button', className: 'ex-tab' });
    tab.addEventListener('click', () => select(k));
    tabs.push(tab);
    nav.append(tab);
    views.push(blankView(spec, String(k + 1), controller, status));
  });
  const gpuNote = el('p', { className: 'note' }, 'Advanced: this one runs on the GPU.');
  views[4].section.insertBefore(gpuNote, views[4].section.children[1]);
  acquireGpu().then(
    (gpu) => { gpuNote.textContent = `Advanced: this one runs on the GPU (${gpu.adapterName}).`; },
    () => { gpuNote.textContent = 'This browser has no WebGPU: the GPU blank needs it (a check says so). The four JavaScript blanks work without.'; },
  );

  const sources = () => Object.fromEntries(JS_EXERCISES.map((name, k) => [name, views[k].source()]));
  const allPassed = () => views.slice(0, 4).every((v) => v.passed());
  const t = trainView(controller, sources, allPassed);
  train = t;

  root.replaceChildren(
    el('h2', {}, 'The exercise: write the regularization yourself'),
    el('p', {}, 'The notebook\'s four functions, in JavaScript: fill in the blanks, press check (your function runs on the notebook\'s '
      + 'test case and is compared with its expected output), then train the lesson\'s model with your own code. '
      + 'Your work stays in this browser.'),
    ...(controller.solutionsOff ? [el('p', { className: 'note' }, 'Your teacher\'s link: hints yes, solutions no.')] : []),
    nav, ...views.map((v) => v.section), helperReference(), t.section,
  );
  select(0);
  status();
}
