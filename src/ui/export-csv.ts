/**
 * The page's numbers as CSV, for download: the curves of the last train or compare run (every curve
 * of every model, whichever the switch shows), and a results table exactly as it reads (its cells'
 * text: the numbers the table's own formatting wrote).
 */
import type { CostPoint } from '../model/types';
import type { LiveModel } from './live-run';

/** One CSV field: quoted when it holds a comma, a quote or a line break. */
export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLines = (rows: string[][]) => rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';

/** The curves of each model: `model,curve,iteration,value` (accuracies as shares 0–1, costs as measured). */
export function curvesCsv(models: LiveModel[]): string {
  const rows: string[][] = [['model', 'curve', 'iteration', 'value']];
  for (const live of models) {
    const name = live.name ?? 'trained';
    const add = (curve: string, points: CostPoint[]) => { for (const p of points) rows.push([name, curve, String(p.iteration), String(p.cost)]); };
    add('train cross-entropy', live.costs);
    add('test cross-entropy', live.testCosts);
    add('training objective', live.objective);
    add('train accuracy', live.trainAccuracy);
    add('test accuracy', live.testAccuracy);
  }
  return csvLines(rows);
}

/** A table as it reads: its heading row, then each body row's cells' text. */
export function tableCsv(table: HTMLTableElement): string {
  const text = (c: HTMLTableCellElement) => c.textContent?.trim() ?? '';
  const head = table.tHead?.rows[0] ? [[...table.tHead.rows[0].cells].map(text)] : [];
  const body = [...table.tBodies].flatMap((b) => [...b.rows].map((r) => [...r.cells].map(text)));
  return csvLines([...head, ...body]);
}
