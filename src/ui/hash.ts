/**
 * The address: the page's state as flat key=value pairs in the URL hash, so that a link reproduces a
 * run (#dataset=moons&noise=0.3&layers=20,3&l2=0.7&mode=compare …). The one place that reads and
 * writes the URL; a value equal to its default is left out. A teacher's class link adds how the page
 * is shown (class-link.ts): `view=` (the same as `mode=`), `controls=hidden|locked`, `run=auto`,
 * `embed=1`; the page keeps them in the address when it rewrites it.
 */
import { defaultFields, FIELDS, MODES, type Mode, type PageState } from './state';

/** How a class link shows the page: the settings shown, hidden or locked; run on open; the iframe layout. */
export interface ClassLink {
  controls: 'shown' | 'hidden' | 'locked';
  run: boolean;
  embed: boolean;
}

export const PLAIN_LINK: ClassLink = { controls: 'shown', run: false, embed: false };

/** The class link the address holds (what the page keeps when it rewrites the address). */
let shownAs: ClassLink | null = null;

/** `view` names the view in a class link; `mode` is the page's own older name for it (both read, as one). */
export function toHash(s: PageState, link: ClassLink = shownAs ?? PLAIN_LINK, viewKey: 'mode' | 'view' = 'mode'): string {
  const p = new URLSearchParams();
  const defaults = defaultFields();
  for (const f of FIELDS) if (s.fields[f.key] !== defaults[f.key]) p.set(f.key, s.fields[f.key]);
  if (s.mode !== 'train' || viewKey === 'view') p.set(viewKey, s.mode);
  if (s.course) p.set('course', '1');
  if (link.controls !== 'shown') p.set('controls', link.controls);
  if (link.run) p.set('run', 'auto');
  if (link.embed) p.set('embed', '1');
  return p.toString().replace(/%2C/g, ',');
}

export function fromHash(hash: string): PageState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const fields = defaultFields();
  for (const f of FIELDS) {
    const v = p.get(f.key);
    if (v !== null) fields[f.key] = v;
  }
  const m = p.get('view') ?? p.get('mode');
  const mode: Mode = (MODES as readonly string[]).includes(m ?? '') ? (m as Mode) : 'train';
  return { fields, mode, course: p.get('course') === '1' };
}

/** The class link in `hash` (an unknown value is the plain page's). */
export function classLinkOf(hash: string): ClassLink {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const c = p.get('controls');
  return { controls: c === 'hidden' || c === 'locked' ? c : 'shown', run: p.get('run') === 'auto', embed: p.get('embed') === '1' };
}

/** The class link the address holds now; remembered, so the page's rewrites of the address keep it. */
export function readClassLink(): ClassLink {
  shownAs = classLinkOf(location.hash);
  return shownAs;
}

/** The state the address holds now. */
export const readHash = (): PageState => fromHash(location.hash);

/** The address for `state` (replacing the history entry: settings are not steps to go back through). */
export function writeHash(state: PageState): void {
  if (!shownAs) readClassLink(); // the class link the page was opened with stays in the address
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
