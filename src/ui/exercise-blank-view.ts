/**
 * One blank of the exercise view: the lesson's point and formula, the editor (the student's work
 * kept in localStorage, per function), check, hints one at a time, the solution behind a button
 * (absent under a teacher's link), and the check's verdict with expected vs got.
 */
import type { CheckResult, Shown } from '../exercise/grader';
import { NDArray } from '../exercise/ndarray';
import type { ExerciseController } from './exercise-controller';
import { makeEditor, type Editor } from './exercise-editor';

export interface BlankSpec {
  name: string;
  signature: string;
  explanation: string;
  formula: string;
  skeleton: string;
  hints: readonly string[];
  notebookOutput?: string;
  language: 'javascript' | 'plain';
}

export interface BlankView {
  section: HTMLElement;
  /** The editor's text has passed a check (as it is now). */
  passed(): boolean;
  source(): string;
}

const store = {
  get: (k: string) => { try { return localStorage.getItem(k); } catch { return null; } },
  set: (k: string, v: string) => { try { localStorage.setItem(k, v); } catch { /* private mode: work is not kept */ } },
};
const sourceKey = (name: string) => `reglab.exercise.${name}`;
const passedKey = (name: string) => `reglab.exercise.${name}.passed`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

/** An output as the notebook prints it. */
function printed(v: Shown | undefined): string {
  if (v === undefined) return '—';
  if (typeof v === 'number') return String(Number(v.toPrecision(11)));
  if ('other' in v) return v.other;
  return new NDArray(v.shape[0], v.shape[1], Float64Array.from(v.values.flat())).toString();
}

function same(a: Shown | undefined, b: Shown | undefined): boolean {
  return printed(a) === printed(b);
}

function resultView(r: CheckResult): HTMLElement {
  const box = el('div');
  box.append(el('p', { className: r.passed ? 'ex-verdict ok' : 'ex-verdict bad' }, r.passed ? '✓ ' : '✗ ', r.message));
  if (r.expected) {
    const keys = Object.keys(r.expected);
    // focusable: on a phone the arrays scroll sideways inside the table, and a scrolling region takes the keyboard
    const table = el('table', { className: 'ex-compare', tabIndex: 0 });
    table.createTHead().insertRow().append(el('th', {}, 'output'), el('th', {}, 'expected'), el('th', {}, 'got'));
    const body = table.createTBody();
    for (const k of keys) {
      const row = body.insertRow();
      if (!same(r.expected[k], r.got?.[k])) row.className = 'differs';
      row.append(el('th', { scope: 'row' }, k), el('td', {}, el('pre', {}, printed(r.expected[k]))), el('td', {}, el('pre', {}, printed(r.got?.[k]))));
    }
    box.append(el('details', { open: !r.passed }, el('summary', {}, `expected vs got (${keys.length} output${keys.length > 1 ? 's' : ''})`), table));
  }
  if (r.output?.length) box.append(el('p', { className: 'muted' }, 'your print(…):'), el('pre', { className: 'ex-output' }, r.output.join('\n')));
  return box;
}

export function blankView(spec: BlankSpec, number: string, controller: ExerciseController, onStatus: () => void): BlankView {
  const saved = store.get(sourceKey(spec.name));
  let passedSource = store.get(passedKey(spec.name));
  const editorBox = el('div', { className: 'ex-editor' });
  const result = el('div', { className: 'ex-result' });
  result.setAttribute('role', 'status');
  result.setAttribute('aria-live', 'polite');
  let saveTimer = 0;
  const editor: Editor = makeEditor(editorBox, saved ?? spec.skeleton, {
    language: spec.language, label: `${spec.name}: your code`,
    onChange: (text) => {
      clearTimeout(saveTimer);
      saveTimer = window.setTimeout(() => store.set(sourceKey(spec.name), text), 300);
      onStatus();
    },
  });

  const check = el('button', { className: 'primary', type: 'button' }, 'check');
  const hint = el('button', { type: 'button' }, 'hint');
  const reset = el('button', { type: 'button', title: 'put the skeleton back (ctrl-z brings your text back)' }, 'start over');
  const hints = el('ol', { className: 'ex-hints' });
  hints.hidden = true;
  let shownHints = 0;
  hint.addEventListener('click', () => {
    if (shownHints >= spec.hints.length) return;
    hints.append(el('li', {}, spec.hints[shownHints++]));
    hints.hidden = false;
    hint.textContent = shownHints < spec.hints.length ? `next hint (${shownHints} of ${spec.hints.length})` : 'no more hints';
    hint.disabled = shownHints >= spec.hints.length;
  });
  reset.addEventListener('click', () => editor.setText(spec.skeleton));
  check.addEventListener('click', async () => {
    check.disabled = true;
    result.replaceChildren(el('p', { className: 'muted' }, 'checking…'));
    const text = editor.text();
    try {
      const r = await controller.check(spec.name, text);
      result.replaceChildren(resultView(r));
      if (r.passed) {
        passedSource = text;
        store.set(passedKey(spec.name), text);
      }
      if (r.line) editor.goToLine(r.line);
    } catch (e) {
      result.replaceChildren(el('p', { className: 'ex-verdict bad' }, `✗ ${(e as Error).message}`));
    } finally {
      check.disabled = false;
      onStatus();
    }
  });

  const buttons = el('div', { className: 'buttons' }, check, hint, reset);
  const solutionBox = el('div');
  if (controller.solutionsOff) {
    solutionBox.append(el('p', { className: 'muted' }, 'Solutions are off: this is your teacher\'s link.'));
  } else {
    const show = el('button', { type: 'button' }, 'show solution');
    const pre = el('pre', { className: 'ex-solution' });
    pre.hidden = true;
    show.addEventListener('click', () => {
      pre.hidden = !pre.hidden;
      if (!pre.hidden) pre.textContent = controller.solution(spec.name);
      show.textContent = pre.hidden ? 'show solution' : 'hide solution';
      show.setAttribute('aria-expanded', String(!pre.hidden));
    });
    buttons.append(show);
    solutionBox.append(pre);
  }

  const section = el('section', { className: 'ex-blank', id: `ex-${spec.name}` },
    el('h3', {}, `${number}. `, el('code', {}, spec.signature)),
    el('p', {}, spec.explanation),
    el('p', { className: 'ex-formula' }, spec.formula),
    ...(spec.notebookOutput ? [el('details', { className: 'ex-notebook' }, el('summary', {}, 'what the notebook prints'), el('pre', {}, spec.notebookOutput))] : []),
    editorBox, buttons, hints, result, solutionBox);
  return { section, passed: () => passedSource !== null && passedSource === editor.text(), source: () => editor.text() };
}
