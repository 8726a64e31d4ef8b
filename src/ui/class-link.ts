/**
 * Class links: a teacher hands out a link that opens one view with the settings hidden or locked,
 * optionally running at once, or embeds the page in slides (an iframe of 960×540). The address holds
 * it (hash.ts: `view=compare&controls=locked&run=auto&embed=1`); this file shows the page as the link
 * asks, starts its run, and draws the "link for class" panel that builds such a link from the page's
 * state with a copy button.
 */
import { $ } from './dom';
import { readClassLink, toHash, type ClassLink } from './hash';
import type { Page } from './page';
import { lockSettings } from './run-snapshot';
import type { PageRuns } from './runs';
import { MODES, type Mode } from './state';

/** Each view by the name a link gives it (`view=`), in a teacher's words. */
export const VIEW_NAMES: Record<Mode, string> = {
  train: 'train (step 1)', compare: 'compare (step 2)', sweep: 'λ sweep', init: 'initialization', gradients: 'vanishing gradients',
  landscape: 'loss landscape', gradcheck: 'gradient check', bench: 'benchmark', exercise: 'exercise',
};

const CONTROLS: Record<ClassLink['controls'], string> = {
  shown: 'shown (students may change them)', locked: 'locked (shown, not editable)', hidden: 'hidden (results only)',
};

/** Show the page as `link` asks: the settings column hidden or locked, the iframe layout. */
export function showAs(link: ClassLink): void {
  const body = document.body.classList;
  body.toggle('embed', link.embed);
  body.toggle('controls-hidden', link.controls === 'hidden' || link.embed);
  lockSettings('link', link.controls === 'locked');
}

/** The run a view's link starts on open (run=auto); the exercise has none (it opens). */
export function runView(mode: Mode, runs: PageRuns, page: Page): Promise<unknown> | null {
  switch (mode) {
    case 'train': return runs.train();
    case 'compare': return runs.compare();
    case 'sweep': return runs.sweep();
    case 'init': return runs.init();
    case 'gradients': return runs.gradients();
    case 'landscape': return runs.landscape();
    case 'gradcheck': return runs.gradcheck();
    case 'bench': return runs.bench(page.state.fields.benchSize === 'quick' ? 'quick' : 'tiny');
    case 'exercise': return null;
  }
}

/** Read the class link from the address and apply it; with run=auto its view's run starts (its error shows on the page). */
export function openClassLink(page: Page, runs: PageRuns, running: () => boolean): ClassLink {
  const link = readClassLink();
  showAs(link);
  if (link.run && !running()) runView(page.state.mode, runs, page)?.catch(() => {});
  return link;
}

/** The address of this page for `link`, on the page's settings and view `mode` (the query, e.g. ?solutions=off, kept). */
export function classLinkUrl(page: Page, mode: Mode, link: ClassLink): string {
  return `${location.origin}${location.pathname}${location.search}#${toHash({ ...page.state, mode }, link, 'view')}`;
}

/** Copy `text`, saying so in `said` (the clipboard API needs a secure context and permission: else the text is selected to copy by hand). */
async function copy(text: string, field: HTMLInputElement | HTMLTextAreaElement, said: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    said.textContent = 'copied';
  } catch {
    field.focus();
    field.select();
    said.textContent = 'selected: press Ctrl+C (⌘C) to copy';
  }
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const l = document.createElement('label');
  l.append(text, control);
  return l;
}

function select(id: string, options: Record<string, string>, value: string): HTMLSelectElement {
  const s = document.createElement('select');
  s.id = id;
  for (const [v, text] of Object.entries(options)) s.append(new Option(text, v));
  s.value = value;
  return s;
}

function checkbox(id: string, text: string, title: string): { label: HTMLLabelElement; box: HTMLInputElement } {
  const box = Object.assign(document.createElement('input'), { type: 'checkbox', id });
  const label = document.createElement('label');
  label.className = 'check';
  label.title = title;
  label.append(box, ` ${text}`);
  return { label, box };
}

function output(id: string, label: string, rows: number): { field: HTMLTextAreaElement; copyButton: HTMLButtonElement; said: HTMLElement; row: HTMLElement } {
  const field = Object.assign(document.createElement('textarea'), { id, readOnly: true, rows, spellcheck: false });
  const copyButton = Object.assign(document.createElement('button'), { type: 'button', textContent: `copy ${label}` });
  const said = Object.assign(document.createElement('span'), { className: 'muted' });
  said.setAttribute('aria-live', 'polite');
  const row = document.createElement('div');
  row.className = 'class-link-out';
  row.append(labelled(label, field), copyButton, said);
  return { field, copyButton, said, row };
}

/**
 * The "link for class" panel (a disclosure under "more labs"): the view, the controls, run on open and
 * the iframe layout, chosen with a select and checkboxes; the link, and for the iframe layout the
 * <iframe> to paste into slides, each with a copy button. It follows the page's settings as they change.
 */
export function classLinkPanel(place: HTMLElement, page: Page): void {
  const view = select('class-view', Object.fromEntries(MODES.map((m) => [m, VIEW_NAMES[m]])), page.state.mode);
  const controls = select('class-controls', CONTROLS, 'locked');
  const run = checkbox('class-run', 'run on open (run=auto)', 'the view\'s run starts as the page opens');
  const embed = checkbox('class-embed', 'embed layout (an iframe of 960×540: no header, no settings)', 'for slides: only the run buttons and the results');
  const link = output('class-link-url', 'link', 3);
  const frame = output('class-link-iframe', 'iframe', 3);
  const note = Object.assign(document.createElement('p'), { className: 'muted', textContent: 'The link holds the settings the controls show now (not uploaded files); the view\'s run gives the same results for everyone.' });
  place.append(labelled('view', view), labelled('settings', controls), run.label, embed.label, link.row, frame.row, note);
  const chosen = (): ClassLink => ({ controls: controls.value as ClassLink['controls'], run: run.box.checked, embed: embed.box.checked });
  const refresh = () => {
    const url = classLinkUrl(page, view.value as Mode, chosen());
    link.field.value = url;
    frame.row.hidden = !embed.box.checked;
    frame.field.value = `<iframe src="${url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" width="960" height="540" style="border:0" title="reglab: ${VIEW_NAMES[view.value as Mode]}"></iframe>`;
    link.said.textContent = frame.said.textContent = '';
  };
  for (const c of [view, controls, run.box, embed.box]) c.addEventListener('change', refresh);
  link.copyButton.addEventListener('click', () => void copy(link.field.value, link.field, link.said));
  frame.copyButton.addEventListener('click', () => void copy(frame.field.value, frame.field, frame.said));
  page.onStateChange((now, before) => {
    if (now.mode !== before.mode) view.value = now.mode;
    refresh();
  });
  refresh();
  $('class-link').hidden = false;
}
