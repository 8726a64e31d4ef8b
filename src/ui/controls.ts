/** The settings form, built from FIELDS: one labelled input or select per setting, grouped. */
import { FIELDS, type FieldKey, type Fields } from './state';

export interface Controls {
  read(): Fields;
  write(fields: Fields): void;
  /** Mark one control as wrong (or clear all marks with null). */
  flag(field: string | null): void;
  onChange(fn: () => void): void;
  input(key: FieldKey): HTMLInputElement | HTMLSelectElement;
}

const LEGENDS: Record<string, string> = { data: 'data', model: 'network', training: 'training' };

/**
 * The everyday settings in view; seeds, RNG streams, precision, kernels, early stopping and
 * augmentation under a closed "advanced" disclosure; each lab's own settings in that lab's view
 * (`labPlaces`), where its results are.
 */
export function buildControls(container: HTMLElement, labPlaces: Record<'sweep' | 'gradients' | 'landscape' | 'bench', HTMLElement>): Controls {
  const inputs = new Map<FieldKey, HTMLInputElement | HTMLSelectElement>();
  const groups = new Map<string, HTMLFieldSetElement>();
  const disclosure = (id: string, summary: string) => {
    const d = document.createElement('details');
    d.id = id;
    d.append(Object.assign(document.createElement('summary'), { textContent: summary }));
    return d;
  };
  const advanced = disclosure('advanced', 'advanced: seeds, streams, precision, kernels, early stopping, augmentation');
  for (const f of FIELDS) {
    const lab = 'lab' in f ? f.lab : null;
    const place = lab ? `lab-${lab}` : 'advanced' in f && f.advanced ? `advanced-${f.group}` : f.group;
    let fs = groups.get(place);
    if (!fs) {
      fs = document.createElement('fieldset');
      fs.append(Object.assign(document.createElement('legend'), { textContent: lab ? 'this lab\'s settings' : LEGENDS[f.group] }));
      (lab ? labPlaces[lab] : place.startsWith('advanced-') ? advanced : container).append(fs);
      groups.set(place, fs);
    }
    const label = document.createElement('label');
    label.textContent = f.label;
    if ('title' in f) label.title = f.title;
    let el: HTMLInputElement | HTMLSelectElement;
    if ('options' in f) {
      el = document.createElement('select');
      const labels = 'optionLabels' in f ? (f.optionLabels as Record<string, string>) : {};
      for (const o of f.options) el.append(new Option(o === 'csv' ? 'your file or drawing' : labels[o] ?? o, o));
    } else {
      el = document.createElement('input');
      el.type = 'text';
      el.inputMode = 'decimal';
      el.size = 8;
      if ('wide' in f && f.wide) el.classList.add('wide');
    }
    if ('placeholder' in f && el instanceof HTMLInputElement) el.placeholder = f.placeholder;
    el.id = `c-${f.key}`;
    el.name = f.key;
    el.value = f.value;
    label.append(el);
    fs.append(label);
    inputs.set(f.key, el);
  }
  container.append(advanced);
  // points and noise make a built-in set; with a loaded file they do nothing, so they are greyed out
  const syncData = () => {
    const file = inputs.get('dataset')!.value === 'csv';
    for (const key of ['size', 'noise'] as const) inputs.get(key)!.disabled = file;
  };
  container.addEventListener('change', syncData);
  const listeners: (() => void)[] = [];
  for (const place of [container, ...Object.values(labPlaces)]) place.addEventListener('change', () => listeners.forEach((fn) => fn()));
  return {
    read: () => Object.fromEntries(FIELDS.map((f) => [f.key, inputs.get(f.key)!.value])) as Fields,
    write(fields) {
      for (const f of FIELDS) inputs.get(f.key)!.value = fields[f.key];
      syncData();
    },
    flag(field) {
      for (const [key, el] of inputs) {
        el.classList.toggle('invalid', key === field);
        el.setAttribute('aria-invalid', String(key === field));
        if (key === field) {
          const d = el.closest('details');
          if (d) d.open = true; // a flagged control is never hidden under a closed disclosure
        }
      }
    },
    onChange: (fn) => listeners.push(fn),
    input: (key) => inputs.get(key)!,
  };
}
