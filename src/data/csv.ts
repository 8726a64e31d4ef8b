/**
 * CSV import of `x1,x2,label` (header optional, labels 0/1), parsed with papaparse. Every problem
 * is a CsvError naming the line and what is wrong: empty file, wrong column count, a value that is
 * not a number, NaN or ±Infinity, a label outside {0, 1}, a single class.
 */
import { ReglabError } from '../errors';
import Papa from 'papaparse';
import type { LabelledSet } from '../model/types';

export class CsvError extends ReglabError {
  constructor(readonly line: number | null, readonly reason: string, readonly source = 'CSV') {
    super(line === null ? `${source}: ${reason}` : `${source}, line ${line}: ${reason}`, { exitCode: 1, file: source });
  }
  /** The same error, naming the file it came from. */
  withSource(source: string): CsvError {
    return new CsvError(this.line, this.reason, source);
  }
}

const COLUMNS = ['x1', 'x2', 'label'] as const;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

function isNumeric(s: string): boolean {
  return DECIMAL.test(s.trim());
}

function parseValue(raw: string, line: number, col: number): number {
  const s = raw.trim();
  const name = COLUMNS[col];
  if (NON_FINITE.test(s)) throw new CsvError(line, `column ${col + 1} (${name}) is ${s}; values must be finite numbers`);
  if (!DECIMAL.test(s)) {
    throw new CsvError(line, `column ${col + 1} (${name}) is ${s === '' ? 'empty' : JSON.stringify(s)}, not a number`);
  }
  const v = Number(s);
  if (!Number.isFinite(v)) throw new CsvError(line, `column ${col + 1} (${name}) ${s} overflows to ${v}`);
  return v;
}

/** Parse CSV text into a labelled 2-D set. */
export function parseCsv(text: string, source = 'CSV'): LabelledSet {
  try {
    return parse(text);
  } catch (e) {
    throw e instanceof CsvError ? e.withSource(source) : e;
  }
}

function parse(text: string): LabelledSet {
  if (text.trim() === '') throw new CsvError(null, 'the file is empty; expected rows of x1,x2,label');
  // No skipEmptyLines: row i of the result is line i + 1 of the file, so errors can name the line.
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',', skipEmptyLines: false });
  const rows = result.data;
  const x1: number[] = [], x2: number[] = [], y: number[] = [];
  let headerSeen = false;
  for (let i = 0; i < rows.length; i++) {
    const line = i + 1;
    const row = rows[i];
    if (row.length === 1 && row[0].trim() === '') continue;
    if (row.length !== 3) {
      throw new CsvError(line, `expected 3 columns (x1,x2,label), found ${row.length}`);
    }
    if (!headerSeen && x1.length === 0 && !isNumeric(row[0]) && !isNumeric(row[1]) && !NON_FINITE.test(row[0].trim())) {
      headerSeen = true; // a header line such as x1,x2,label
      continue;
    }
    const a = parseValue(row[0], line, 0);
    const b = parseValue(row[1], line, 1);
    const label = parseValue(row[2], line, 2);
    if (label !== 0 && label !== 1) throw new CsvError(line, `label is ${row[2].trim()}; labels must be 0 or 1`);
    x1.push(a);
    x2.push(b);
    y.push(label);
  }
  const m = y.length;
  if (m === 0) throw new CsvError(null, 'no data rows; expected rows of x1,x2,label');
  const ones = y.reduce((s, v) => s + v, 0);
  if (ones === 0 || ones === m) {
    throw new CsvError(null, `all ${m} examples have label ${y[0]}; a classifier needs both classes (0 and 1)`);
  }
  return { X: Float64Array.from([...x1, ...x2]), Y: Float64Array.from(y), m, features: 2 };
}

/** The set as CSV text with a header, for export and for tests. */
export function toCsv(set: LabelledSet): string {
  const lines = ['x1,x2,label'];
  for (let j = 0; j < set.m; j++) lines.push(`${set.X[j]},${set.X[set.m + j]},${set.Y[j]}`);
  return lines.join('\n') + '\n';
}
