import { expand, type Slot, type TableGrid } from '../grid.js';
import type { Rng } from '../random.js';
import { cut, spaceOut, type Spacing } from './spacing.js';

/**
 * Tab-separated rows, as Word/PDF text extraction gives them (seeds 000, 001, 002, 004): one line
 * per grid row, spanned positions empty. The broken variant also breaks long labels and headers
 * over two lines, prints merged labels on the middle row of their span, and puts page breaks
 * between rows.
 */
export interface TsvVariant {
  headers: Spacing;
  labels: Spacing;
  trailingTab: boolean;
  broken: boolean;
  /** Merged labels printed on the middle row of their span (seed 004). */
  centered: boolean;
  /** Table 3's header cells broken over two lines (seed 002). */
  splitHeaders: boolean;
  pageBreaks: boolean;
}

export function drawTsvVariant(rng: Rng, broken: boolean): TsvVariant {
  return {
    headers: rng.weighted([['none', 3], ['all', 3], ['some', 3]] as const),
    labels: broken ? rng.weighted([['none', 1], ['some', 2]] as const) : rng.weighted([['none', 4], ['some', 1]] as const),
    trailingTab: rng.chance(0.3),
    broken,
    centered: broken && rng.chance(0.5),
    splitHeaders: broken && rng.chance(0.5),
    pageBreaks: broken && rng.chance(0.6),
  };
}

export function tsvVariantName(v: TsvVariant): string {
  const flags = [`headers-${v.headers}`, `labels-${v.labels}`];
  if (v.trailingTab) flags.push('trailing-tab');
  if (v.centered) flags.push('centered');
  if (v.splitHeaders) flags.push('split-headers');
  if (v.pageBreaks) flags.push('page-breaks');
  return flags.join('+');
}

/** Which row of a span prints the text: the first, or the middle one when centered. */
function printsText(slot: Slot, r: number, v: TsvVariant): boolean {
  const centered = v.centered && slot.cell.role === 'label' && slot.cell.rowspan > 2;
  const row = centered ? slot.top + Math.floor((slot.cell.rowspan - 1) / 2) : slot.top;
  return r === row && slot.first;
}

export function renderTsv(grid: TableGrid, v: TsvVariant, rng: Rng): string {
  const matrix = expand(grid);
  const lines: string[] = [];
  // Trailing tabs only in tables without a blank value: a blank last cell would look like one.
  const trailingTabs = v.trailingTab && !grid.rows.some((row) => row.some((c) => c.role === 'value' && c.text === ''));
  const pageBreakAt = v.pageBreaks ? rng.int(Math.floor(matrix.length / 3), matrix.length - 2) : -1;
  matrix.forEach((row, r) => {
    const texts = row.map((s) => {
      if (!printsText(s, r, v)) return '';
      const t = s.cell.text;
      if (s.cell.role === 'header') return spaceOut(t, v.headers, rng);
      if (s.cell.role === 'label') return spaceOut(t, v.labels, rng);
      return t;
    });
    const isHeader = row.every((s) => s.cell.role === 'header' || s.cell.role === 'note');
    if (v.splitHeaders && grid.table === 3 && isHeader && r > 0) {
      const halves = texts.map((t) => (t.replace(/ /g, '').length >= 4 ? cut(t, rng, 3) : [t, '']));
      lines.push(halves.map((h) => h[0]).join('\t'), halves.map((h) => h[1]).join('\t'));
      return;
    }
    const longest = texts.reduce((best, t, i) => (row[i].cell.role === 'label' && t.length > (texts[best]?.length ?? 0) ? i : best), -1);
    const hasValues = row.some((s) => s.cell.role === 'value');
    if (v.broken && hasValues && longest >= 0 && texts[longest].length > 14 && rng.chance(0.45)) {
      const [head, tail] = cut(texts[longest], rng, Math.min(10, Math.floor(texts[longest].length * 0.4)));
      const first = texts.slice();
      first[longest] = head;
      const rest = texts.map((_, i) => (i === longest ? tail : ''));
      lines.push(first.join('\t'));
      if (rng.chance(0.5)) lines.push('');
      lines.push(rest.join('\t'));
    } else {
      const trailing = trailingTabs && hasValues && rng.chance(0.7);
      lines.push(texts.join('\t') + (trailing ? '\t' : ''));
    }
    if (r === pageBreakAt) {
      lines.push('');
      if (rng.chance(0.4)) lines.push(`— ${rng.int(2, 9)} —`, '');
    }
  });
  return lines.join('\n');
}
