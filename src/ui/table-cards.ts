/**
 * A results table that a phone shows as one card per row (style.css): each cell carries its column's
 * heading as `data-label`, which the narrow layout writes before the value, so no column is ever cut
 * off or scrolled out of sight.
 */

/** Give every cell of `body`'s rows its column's heading (from the table's head) as data-label. */
export function labelCells(body: HTMLTableSectionElement): void {
  const head = (body.parentElement as HTMLTableElement | null)?.tHead?.rows[0];
  if (!head) return;
  const names = [...head.cells].map((c) => c.textContent?.trim() ?? '');
  for (const row of body.rows) [...row.cells].forEach((cell, i) => { cell.dataset.label = names[i] ?? ''; });
}
