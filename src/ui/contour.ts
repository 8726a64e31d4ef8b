/**
 * The 0.5 contour of a probability grid by marching squares with linear interpolation: a smooth
 * line through the cell centres' values instead of a staircase along cell edges.
 */

/** A segment in grid coordinates: x = column, y = row, both at cell centres (0 … res − 1). */
export type Segment = [x0: number, y0: number, x1: number, y1: number];

/**
 * Segments where `values` (res × res, row-major) crosses `level`. Each square of four neighbouring
 * centres contributes zero, one or two segments; the ambiguous saddles are split by the square's mean.
 */
export function contourSegments(values: ArrayLike<number>, res: number, level = 0.5): Segment[] {
  const out: Segment[] = [];
  const v = (r: number, c: number) => values[r * res + c];
  // where the level crosses the edge from corner a (value va) to corner b (value vb)
  const t = (va: number, vb: number) => (va === vb ? 0.5 : (level - va) / (vb - va));
  for (let r = 0; r + 1 < res; r++) {
    for (let c = 0; c + 1 < res; c++) {
      const tl = v(r, c), tr = v(r, c + 1), br = v(r + 1, c + 1), bl = v(r + 1, c);
      // a non-finite value (a diverged model) has no crossing to interpolate: that square is left out
      if (!(Number.isFinite(tl) && Number.isFinite(tr) && Number.isFinite(br) && Number.isFinite(bl))) continue;
      const index = (tl > level ? 8 : 0) | (tr > level ? 4 : 0) | (br > level ? 2 : 0) | (bl > level ? 1 : 0);
      if (index === 0 || index === 15) continue;
      const top: [number, number] = [c + t(tl, tr), r];
      const right: [number, number] = [c + 1, r + t(tr, br)];
      const bottom: [number, number] = [c + t(bl, br), r + 1];
      const left: [number, number] = [c, r + t(tl, bl)];
      const seg = (a: [number, number], b: [number, number]) => out.push([a[0], a[1], b[0], b[1]]);
      switch (index) {
        case 1: case 14: seg(left, bottom); break;
        case 2: case 13: seg(bottom, right); break;
        case 3: case 12: seg(left, right); break;
        case 4: case 11: seg(top, right); break;
        case 6: case 9: seg(top, bottom); break;
        case 7: case 8: seg(left, top); break;
        case 5: case 10: {
          // saddle: tl and br on one side, tr and bl on the other; the mean says which pairs connect
          const centreAbove = (tl + tr + br + bl) / 4 > level;
          if ((index === 5) === centreAbove) { seg(left, top); seg(bottom, right); } else { seg(left, bottom); seg(top, right); }
          break;
        }
      }
    }
  }
  return out;
}
