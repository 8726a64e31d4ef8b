/**
 * A bad value as the page names it: the control that holds it and what is wrong. Settings errors
 * (src/model/settings.ts, the data set's and the labs' checks) become field errors in one function
 * (`asFieldError`), and the error line shows one with the control's label and the control outlined.
 */
import { ReglabError } from '../errors';
import { SettingsError } from '../model/settings';
import type { Controls } from './controls';
import { FIELDS } from './state';

/** A field's bad value, named for the user (and the control to highlight). */
export class FieldError extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
  }
}

/** A lab's names for settings its controls hold (the sweep's l2 is its λ values), as `setting → control`. */
export type ControlNames = Readonly<Record<string, string>>;

/**
 * The one conversion: a settings error becomes the error of the control that holds the value (a
 * list's entry names its list, `layers[1]` → layers; `names` maps a lab's settings to its controls).
 * Any other error passes through unchanged.
 */
export function asFieldError(e: unknown, names: ControlNames = {}): unknown {
  if (!(e instanceof SettingsError)) return e;
  const field = e.field.replace(/\[\d+\]$/, '');
  return new FieldError(names[field] ?? field, e.reason);
}

/** What `fn` returns; a settings error it throws is thrown as a field error. */
export function fieldChecked<T>(fn: () => T, names?: ControlNames): T {
  try {
    return fn();
  } catch (e) {
    throw asFieldError(e, names);
  }
}

// a lab's setting is named with its lab ("gradients lab, iterations"), since its label alone repeats
const LABELS = new Map<string, string>(FIELDS.map((f) => [f.key, 'lab' in f ? `${f.lab} lab, ${f.label}` : f.label]));

/** The page's error line (under the run control): the error in the page's words, its control outlined. */
export class ErrorLine {
  constructor(private readonly box: HTMLElement, private readonly controls: Controls) {}

  show(e: unknown): void {
    // a field's error names its control as labelled, not the settings key
    const msg = e instanceof FieldError ? `${LABELS.get(e.field) ?? e.field}: ${e.reason}`
      : e instanceof Error ? e.message : String(e);
    this.box.textContent = msg;
    this.box.hidden = false;
    // a run's own refusal (a divergence: the learning rate, or λ when the penalty drives it) outlines its setting's control too
    const cause = e instanceof FieldError ? e.field : e instanceof ReglabError && e.field && LABELS.has(e.field) ? e.field : null;
    this.controls.flag(cause);
  }

  clear(): void {
    this.box.hidden = true;
    this.controls.flag(null);
  }

  /** What the line shows; null when hidden. */
  get text(): string | null {
    return this.box.hidden ? null : this.box.textContent;
  }
}
