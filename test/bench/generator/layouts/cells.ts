import { expand, type TableGrid } from '../grid.js';
import type { Rng } from '../random.js';
import { cut } from './spacing.js';

/**
 * One cell per line, each line a tab and the cell, rows separated by blank lines (seed 003, a
 * Word export). A position under a rowspan prints as an empty cell once; colspan positions print
 * nothing. Headers may break inside the cell onto a line of their own ("本年新\n制作数量").
 */
export interface CellsVariant {
  breakHeaders: boolean;
  /** Values with a stray space (" 0", "0 "), as seed 003 has. */
  padValues: boolean;
}

export function drawCellsVariant(rng: Rng): CellsVariant {
  return { breakHeaders: rng.chance(0.5), padValues: rng.chance(0.35) };
}

export function cellsVariantName(v: CellsVariant): string {
  return [v.breakHeaders ? 'broken-headers' : 'whole-headers', v.padValues ? 'padded' : 'tight'].join('+');
}

export function renderCells(grid: TableGrid, v: CellsVariant, rng: Rng): string {
  const blocks: string[] = [];
  for (const row of expand(grid)) {
    const lines: string[] = [];
    for (const slot of row) {
      if (slot.at === 'right' || (slot.at === 'down' && !slot.first)) continue;
      if (slot.at === 'down') {
        lines.push(rng.chance(0.2) ? '\t ' : '\t');
        continue;
      }
      const { text, role } = slot.cell;
      if (role === 'header' && v.breakHeaders && text.length >= 5 && rng.chance(0.6)) {
        const [head, tail] = cut(text, rng, 6);
        lines.push(`\t${head}`, tail);
      } else if (role === 'value' && v.padValues && rng.chance(0.5)) {
        lines.push(rng.chance(0.5) ? `\t ${text}` : `\t${text} `);
      } else {
        lines.push(`\t${text}`);
      }
    }
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}
