import { describe, expect, it } from 'vitest';
import { COURSE_SETTINGS, DEFAULT_SETTINGS, MAX_LAYER_SIZE, SettingsError, validateSettings } from '../src/model/settings';

function fieldOf(input: Record<string, unknown>): string {
  try {
    validateSettings(input);
  } catch (e) {
    expect(e).toBeInstanceOf(SettingsError);
    return (e as SettingsError).field;
  }
  throw new Error('expected a SettingsError');
}

describe('validateSettings', () => {
  it('fills defaults and freezes the result', () => {
    const s = validateSettings({});
    expect(s).toMatchObject({ ...DEFAULT_SETTINGS, layers: [20, 3] });
    expect(Object.isFrozen(s)).toBe(true);
  });
  it('--seed also seeds dropout unless dropoutSeed is given', () => {
    expect(validateSettings({ seed: 9 }).dropoutSeed).toBe(9);
    expect(validateSettings({ seed: 9, dropoutSeed: 4 }).dropoutSeed).toBe(4);
  });
  it('accepts the course preset', () => {
    expect(validateSettings(COURSE_SETTINGS)).toMatchObject({ seed: 3, initRng: 'numpy', dropoutRng: 'numpy', iterations: 30000 });
  });
  it.each([
    [{ learningRate: NaN }, 'learningRate'],
    [{ learningRate: 0 }, 'learningRate'],
    [{ learningRate: -1 }, 'learningRate'],
    [{ learningRate: Infinity }, 'learningRate'],
    [{ iterations: 0 }, 'iterations'],
    [{ iterations: 1.5 }, 'iterations'],
    [{ l2: -0.1 }, 'l2'],
    [{ l2: NaN }, 'l2'],
    [{ l1: -0.1 }, 'l1'],
    [{ l1: Infinity }, 'l1'],
    [{ keepProb: 0 }, 'keepProb'],
    [{ keepProb: 1.01 }, 'keepProb'],
    [{ keepProb: NaN }, 'keepProb'],
    [{ layers: [20, 0] }, 'layers[1]'],
    [{ layers: [MAX_LAYER_SIZE + 1] }, 'layers[0]'],
    [{ layers: [2.5] }, 'layers[0]'],
    [{ seed: -1 }, 'seed'],
    [{ seed: 2 ** 32 }, 'seed'],
    [{ activation: 'gelu' }, 'activation'],
    [{ init: 'orthogonal' }, 'init'],
    [{ initScale: 0 }, 'initScale'],
    [{ logEvery: 0 }, 'logEvery'],
    [{ precision: 'f16' }, 'precision'],
    [{ backend: 'tpu' }, 'backend'],
  ])('rejects %o naming %s', (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });
  it('the message names the field, the allowed range and the value', () => {
    expect(() => validateSettings({ keepProb: 1.5 })).toThrow('keepProb: must be in (0, 1], got 1.5');
    expect(() => validateSettings({ learningRate: NaN })).toThrow('learningRate: must be a finite number, got NaN');
    expect(() => validateSettings({ l1: -1 })).toThrow('l1: must be >= 0, got -1');
    expect(validateSettings({}).l1).toBe(0);
  });
});
