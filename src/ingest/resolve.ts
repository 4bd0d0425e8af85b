/**
 * Table-wide reading of table 2: where a row's digits run together and several splits fit the
 * row's own sum, the column rules (勾稽关系, 办理结果合计) may leave only one. A value becomes known
 * only where every combination of readings that fits all rules agrees.
 */
import { resultRows, type TemplateVersion } from '../facts/metrics.js';
import type { ReadCell } from './cells.js';
import type { RowReading } from './rows.js';


const MAX_COMBINATIONS = 20_000;


/**
 * Narrows ambiguous rows of table 2 (keyed by row, e.g. "granted") in place. A row read from
 * fewer cells than it has stands only where some combination of readings keeps every rule: a
 * table that breaks its rules gives no ground for placing lost cells by its sums.
 */
export function resolveRequests(rows: Map<string, RowReading>, template: TemplateVersion): void {
  const ambiguous = [...rows.entries()].filter(([, r]) => r.options && (r.options.length > 1 || r.lostCells));
  if (ambiguous.length === 0) return;
  const total = ambiguous.reduce((p, [, r]) => p * r.options!.length, 1);
  if (total > MAX_COMBINATIONS) return;

  const current = new Map<string, ReadCell[]>([...rows.entries()].map(([k, r]) => [k, r.cells]));
  const fitting: ReadCell[][][] = [];
  const walk = (i: number) => {
    if (i === ambiguous.length) {
      if (fitsColumns(current, template)) fitting.push(ambiguous.map(([k]) => current.get(k)!));
      return;
    }
    const [key, reading] = ambiguous[i];
    for (const option of reading.options!) {
      current.set(key, option);
      walk(i + 1);
    }
    current.set(key, reading.cells);
  };
  walk(0);
  if (fitting.length === 0) {
    for (const [key, reading] of ambiguous) if (reading.lostCells) rows.set(key, withdrawn(reading));
    return;
  }

  ambiguous.forEach(([key, reading], i) => {
    const cells = reading.cells.map((cell, col) => {
      const values = fitting.map((f) => f[i][col]);
      const first = values[0];
      const agree = values.every((v) => v.value.kind === first.value.kind && (v.value.kind !== 'number' || (first.value.kind === 'number' && v.value.value === first.value.value)));
      return agree ? first : cell;
    });
    const stillUnknown = cells.filter((c) => c.value.kind === 'unknown').length;
    rows.set(key, {
      cells,
      doubt: stillUnknown > 0 ? reading.doubt : undefined,
      options: stillUnknown > 0 ? reading.options : undefined,
    });
  });
}

function withdrawn(reading: RowReading): RowReading {
  return {
    cells: reading.cells.map((c) => ({ value: { kind: 'unknown' }, raw: c.raw })),
    doubt: '少印了单元格，按本行合计推出的读法与表格的勾稽关系或办理结果总计不符，无法确定各列数值',
  };
}

export interface Assessment {
  /** Rules checked (all cells they need known). */
  checked: number;
  violations: number;
}

/** How well one reading of table 2 fits the template's rules (1, 2 and 3). */
export function assess(rows: Map<string, RowReading>, template: TemplateVersion): Assessment {
  const cells = new Map([...rows.entries()].map(([k, r]) => [k, r.cells]));
  const num = (row: string, col: number): number | null => {
    const c = cells.get(row)?.[col];
    return c && c.value.kind === 'number' ? c.value.value : null;
  };
  let checked = 0;
  let violations = 0;
  const test = (parts: (number | null)[], total: number | null) => {
    if (total === null || parts.some((p) => p === null)) return;
    checked++;
    if (Math.abs((parts as number[]).reduce((a, b) => a + b, 0) - total) > 1e-6) violations++;
  };
  for (let col = 0; col < 7; col++) {
    const n = num('new', col), c = num('carried_over', col), t = num('total_processed', col), f = num('carried_forward', col);
    if (n !== null && c !== null && t !== null && f !== null) test([n, c, -f], t);
    test(resultRows(template).map((r) => num(r, col)), t);
  }
  for (const row of cells.keys()) test([0, 1, 2, 3, 4, 5].map((col) => num(row, col)), num(row, 6));
  return { checked, violations };
}

function fitsColumns(rows: Map<string, ReadCell[]>, template: TemplateVersion): boolean {
  const num = (row: string, col: number): number | null => {
    const c = rows.get(row)?.[col];
    return c && c.value.kind === 'number' ? c.value.value : null;
  };
  for (let col = 0; col < 7; col++) {
    const n = num('new', col), c = num('carried_over', col), t = num('total_processed', col), f = num('carried_forward', col);
    if (n !== null && c !== null && t !== null && f !== null && Math.abs(n + c - t - f) > 1e-6) return false;
    const parts = resultRows(template).map((r) => num(r, col));
    if (t !== null && parts.every((p) => p !== null) && Math.abs((parts as number[]).reduce((a, b) => a + b, 0) - t) > 1e-6) return false;
  }
  return true;
}
