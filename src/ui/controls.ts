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

export function buildControls(container: HTMLElement): Controls {
  const inputs = new Map<FieldKey, HTMLInputElement | HTMLSelectElement>();
  const groups = new Map<string, HTMLFieldSetElement>();
  for (const f of FIELDS) {
    let fs = groups.get(f.group);
    if (!fs) {
      fs = document.createElement('fieldset');
      fs.append(Object.assign(document.createElement('legend'), { textContent: f.group }));
      container.append(fs);
      groups.set(f.group, fs);
    }
    const label = document.createElement('label');
    label.textContent = f.label;
    if ('title' in f) label.title = f.title;
    let el: HTMLInputElement | HTMLSelectElement;
    if ('options' in f) {
      el = document.createElement('select');
      for (const o of f.options) el.append(new Option(o === 'csv' ? 'uploaded CSV' : o, o));
    } else {
      el = document.createElement('input');
      el.type = 'text';
      el.inputMode = 'decimal';
      el.size = 8;
    }
    el.id = `c-${f.key}`;
    el.name = f.key;
    el.value = f.value;
    label.append(el);
    fs.append(label);
    inputs.set(f.key, el);
  }
  const listeners: (() => void)[] = [];
  container.addEventListener('change', () => listeners.forEach((fn) => fn()));
  return {
    read: () => Object.fromEntries(FIELDS.map((f) => [f.key, inputs.get(f.key)!.value])) as Fields,
    write(fields) {
      for (const f of FIELDS) inputs.get(f.key)!.value = fields[f.key];
    },
    flag(field) {
      for (const [key, el] of inputs) el.classList.toggle('invalid', key === field);
    },
    onChange: (fn) => listeners.push(fn),
    input: (key) => inputs.get(key)!,
  };
}
