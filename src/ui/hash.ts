/**
 * The address: the page's state as flat key=value pairs in the URL hash, so that a link reproduces a
 * run (#dataset=moons&noise=0.3&layers=20,3&l2=0.7&mode=compare …). The one place that reads and
 * writes the URL; a value equal to its default is left out.
 */
import { defaultFields, FIELDS, MODES, type Mode, type PageState } from './state';

export function toHash(s: PageState): string {
  const p = new URLSearchParams();
  const defaults = defaultFields();
  for (const f of FIELDS) if (s.fields[f.key] !== defaults[f.key]) p.set(f.key, s.fields[f.key]);
  if (s.mode !== 'train') p.set('mode', s.mode);
  if (s.course) p.set('course', '1');
  if (s.draw && s.fields.dataset === 'csv') p.set('draw', s.draw); // the drawn data set (src/ui/drawn-code.ts)
  return p.toString().replace(/%2C/g, ',');
}

export function fromHash(hash: string): PageState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const fields = defaultFields();
  for (const f of FIELDS) {
    const v = p.get(f.key);
    if (v !== null) fields[f.key] = v;
  }
  const m = p.get('mode');
  const mode: Mode = (MODES as readonly string[]).includes(m ?? '') ? (m as Mode) : 'train';
  const draw = p.get('draw');
  return { fields, mode, course: p.get('course') === '1', ...(draw ? { draw } : {}) };
}

/** The state the address holds now. */
export const readHash = (): PageState => fromHash(location.hash);

/** The address for `state` (replacing the history entry: settings are not steps to go back through). */
export function writeHash(state: PageState): void {
  history.replaceState(null, '', `#${toHash(state)}`);
}

/** The page was opened from a link that sets something. */
export const linkGiven = (): boolean => location.hash.length > 1;

/** A link opened in this tab, or the hash edited by hand. */
export function onLinkOpened(fn: () => void): void {
  window.addEventListener('hashchange', fn);
}

/** What a link that opens a view says it set up: the button that runs it. */
export function linkReady(mode: Mode): string {
  if (mode === 'compare') return 'This link sets up a comparison: press compare to run it.';
  if (mode === 'sweep') return 'This link sets up a λ sweep: press run again (or λ sweep) to run it.';
  return 'Settings from the link applied: press train or compare.';
}
