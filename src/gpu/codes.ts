/** Enumerations shared with the WGSL (activation.wgsl's ACT_* constants). */
import type { Activation } from '../model/settings';

const ACTIVATION_CODES: Record<Activation, number> = { relu: 0, tanh: 1, sigmoid: 2 };

export function activationCode(a: Activation): number {
  return ACTIVATION_CODES[a];
}
