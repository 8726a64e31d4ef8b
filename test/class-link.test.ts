/**
 * Class links in the address (src/ui/hash.ts) and what makes a run's results stale
 * (src/ui/run-snapshot.ts): `view=` and `mode=` are one, the link's words survive a rewrite, an
 * unknown value is the plain page's; a lab's own settings are no part of another run.
 */
import { describe, expect, it } from 'vitest';
import { classLinkOf, fromHash, PLAIN_LINK, toHash } from '../src/ui/hash';
import { changedSince } from '../src/ui/run-snapshot';
import { defaultFields, type PageState } from '../src/ui/state';

const state = (fields: Partial<PageState['fields']> = {}, mode: PageState['mode'] = 'compare', course = false): PageState =>
  ({ fields: { ...defaultFields(), ...fields }, mode, course });

describe('class links in the address', () => {
  it('view= names the view as mode= does; a link writes view= and its words, the page keeps them', () => {
    expect(fromHash('#view=sweep&l2=0.3').mode).toBe('sweep');
    expect(fromHash('#mode=sweep').mode).toBe('sweep');
    expect(fromHash('#view=nonsense').mode).toBe('train');
    const link = { controls: 'locked', run: true, embed: true } as const;
    const h = toHash(state({ l2: '3' }), link, 'view');
    expect(h).toBe('l2=3&view=compare&controls=locked&run=auto&embed=1');
    expect(classLinkOf(h)).toEqual(link);
    expect(fromHash(h)).toEqual(state({ l2: '3' }));
    // the page's own rewrite (no link given here: the plain page's)
    expect(toHash(state({ l2: '3' }))).toBe('l2=3&mode=compare');
  });

  it('an unknown controls value, or none, is the plain page', () => {
    expect(classLinkOf('#controls=sideways&run=yes&embed=true')).toEqual(PLAIN_LINK);
    expect(classLinkOf('')).toEqual(PLAIN_LINK);
    expect(classLinkOf('#controls=hidden')).toEqual({ controls: 'hidden', run: false, embed: false });
  });
});

describe('a run\'s results against the controls', () => {
  it('names the settings the run read that changed since, by their labels; the lesson preset counts', () => {
    expect(changedSince(state(), state())).toEqual([]);
    expect(changedSince(state(), state({ l2: '3', layers: '8,4' }))).toEqual(['hidden layers', 'λ (L2)']);
    expect(changedSince(state(), state({}, 'compare', true))).toEqual(['lesson settings']);
  });

  it('a lab\'s own settings are no part of compare; the sweep\'s are part of the sweep', () => {
    expect(changedSince(state(), state({ sweepL2: '0,1' }))).toEqual([]);
    expect(changedSince(state({}, 'sweep'), state({ sweepL2: '0,1' }, 'sweep'))).toEqual(['λ values']);
    expect(changedSince(state({}, 'sweep'), state({ depth: '5' }, 'sweep'))).toEqual([]);
  });
});
