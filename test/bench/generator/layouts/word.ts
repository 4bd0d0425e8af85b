import { expand, type TableGrid } from '../grid.js';
import type { Rng } from '../random.js';

/**
 * Text a Word export gives: one line per table row, cells apart by tabs (blank cells keep their tab),
 * merged labels on the first row they cover. A label longer than its cell continues on the next
 * line, either before the row's numbers (the numbers stand after the label's last part) or after
 * them (the numbers stand on the label's first line, the rest of the label on the line below).
 */
export interface WordVariant {
  /** Labels longer than this continue on the next line. */
  lineLength: number;
  /** Where the numbers stand when a label continues: after its first line, or after its last. */
  continuation: 'before' | 'after' | 'mixed';
}

export function drawWordVariant(rng: Rng): WordVariant {
  return {
    lineLength: rng.int(6, 14),
    continuation: rng.weighted([['before', 1], ['after', 1], ['mixed', 1]] as const),
  };
}

export function wordVariantName(v: WordVariant): string {
  return [`line-${v.lineLength}`, `numbers-${v.continuation}`].join('+');
}

export function renderWordExport(grid: TableGrid, v: WordVariant, rng: Rng): string {
  const sep = () => '\t';
  const lines: string[] = [];
  for (const row of expand(grid)) {
    const labels: string[] = [];
    const values: string[] = [];
    for (const slot of row) {
      if (slot.at !== 'start') continue;
      if (slot.cell.role === 'value') values.push(slot.cell.text);
      else if (slot.cell.text !== '') labels.push(slot.cell.text);
    }
    const valueText = values.join('\t');
    const last = labels.length - 1;
    const long = last >= 0 && labels[last].length > v.lineLength && values.length > 0;
    if (!long) {
      lines.push(values.length > 0 ? [...labels, valueText].join(sep()) : labels.join(sep()));
      continue;
    }
    const head = labels[last].slice(0, v.lineLength);
    const tail = labels[last].slice(v.lineLength);
    const before = [...labels.slice(0, last), head];
    const after = v.continuation === 'mixed' ? rng.chance(0.5) : v.continuation === 'after';
    if (after) lines.push(before.join(sep()) + sep() + valueText, tail);
    else lines.push(before.join(sep()), tail + sep() + valueText);
  }
  return lines.join('\n');
}
