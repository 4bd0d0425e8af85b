/**
 * Table cells read by OCR from a scan. OCR misreads a cell border as a digit ("|0|0|" as "1010")
 * and 8 as 0, and a misread figure is worse than none: a cell OCR read is kept only where a sum
 * of the template confirms its whole row (the six applicant columns add up to the row's 总计; a
 * case row's four outcomes to its 总计). Every other cell OCR read is unknown, and one finding says
 * how many and why. Table 1 has no sums: its figures stay unknown (the passage search still finds
 * the sentence that states them).
 */
import type { Fact, Finding } from './report.js';

/** The row a table cell belongs to, and whether it is the row's total: `requests.new.total` → `requests.new`. */
function rowOf(metric: string): { row: string; total: boolean } {
  const at = metric.lastIndexOf('.');
  return { row: metric.slice(0, at), total: metric.slice(at + 1) === 'total' };
}

const amount = (f: Fact) => (f.value.kind === 'number' ? f.value.value : f.value.kind === 'blank' ? 0 : null);

/** Rows whose parts add up to their total, every part read as a number or a blank. */
function rowsConfirmed(table: Fact[]): Set<string> {
  const rows = new Map<string, { parts: (number | null)[]; total: number | null; numbers: number }>();
  for (const f of table) {
    const { row, total } = rowOf(f.metric);
    const r = rows.get(row) ?? { parts: [], total: null, numbers: 0 };
    if (total) r.total = f.value.kind === 'number' ? f.value.value : null;
    else r.parts.push(amount(f));
    if (f.value.kind === 'number') r.numbers++;
    rows.set(row, r);
  }
  const confirmed = new Set<string>();
  for (const [row, r] of rows) {
    if (r.total === null || r.parts.length < 2 || r.parts.some((p) => p === null)) continue;
    const sum = (r.parts as number[]).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - r.total) < 1e-9) confirmed.add(row);
  }
  return confirmed;
}

/** The facts with every table cell OCR read that no sum confirms made unknown, and a finding naming how many. */
export function ocrCellsConfirmedBySums(facts: Fact[], who: string): { facts: Fact[]; findings: Finding[] } {
  const table = facts.filter((f) => f.origin === 'table' && /^requests\.|^(review|litigation_direct|litigation_after_review)\./.test(f.metric));
  const confirmed = rowsConfirmed(table);
  const doubted: string[] = [];
  const out = facts.map((f) => {
    if (f.origin !== 'table' || f.value.kind === 'unknown' || f.value.kind === 'not_applicable' || f.value.kind === 'text') return f;
    if (confirmed.has(rowOf(f.metric).row)) return f;
    doubted.push(f.metric);
    return { ...f, value: { kind: 'unknown' as const } };
  });
  const findings: Finding[] = doubted.length === 0 ? [] : [{
    rule: 'unreadable',
    severity: 'warning',
    metrics: doubted,
    message: `${who}：扫描件经 OCR 识别，${doubted.length} 个表格单元格不能由表内合计核实（OCR 易把表格线读成数字），记为无法确定，请以原件为准`,
  }];
  return { facts: out, findings };
}
