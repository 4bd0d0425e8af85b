import { cellPlace, METRICS, TABLE_NAMES, type TableNo } from '../facts/metrics.js';
import type { Fact, Report, ReportMeta } from '../ingest/report.js';
import type { PassageDraft } from './passages.js';

/** What row passages are made of: the report's table facts, its template (for the headers) and its sections. */
export type RowSource = Pick<Report, 'sections' | 'facts'> & { meta: Pick<ReportMeta, 'template'> };

/**
 * One passage per table row, so that a figure that stands only in a table ("2896.642") or a
 * row's label ("政府集中采购") finds its report and its table. Made from the report's table facts,
 * grouped by row in the template's order, each cell as the report printed it:
 *
 *   表一 政府集中采购：采购项目数量 38项，采购总金额 2896.642万元
 *
 * A blank cell reads 空白, "/" and 不涉及 stay as printed, an unreadable cell reads 无法确定.
 */
export function rowPassages(report: RowSource): PassageDraft[] {
  const byMetric = new Map<string, Fact>();
  for (const f of report.facts) if (f.origin === 'table' && !byMetric.has(f.metric)) byMetric.set(f.metric, f);
  if (byMetric.size === 0) return [];
  const rows: Array<{ table: TableNo; key: string; label: string; cells: string[] }> = [];
  for (const m of METRICS) {
    const fact = byMetric.get(m.id);
    const place = fact && cellPlace(m.id, report.meta.template);
    if (!fact || !place) continue;
    let row = rows[rows.length - 1];
    if (!row || row.key !== place.rowKey) rows.push((row = { table: place.table, key: place.rowKey, label: place.row, cells: [] }));
    row.cells.push(`${place.column} ${cellText(fact)}`);
  }
  return rows.map((row) => {
    const table = TABLE_NAMES[row.table];
    const section = report.sections.find((s) => s.no === row.table + 1);
    return {
      sectionNo: row.table + 1,
      sectionTitle: section?.title ?? '',
      text: `${table.short} ${row.label}：${row.cells.join('，')}`,
      start: section?.start ?? 0,
      end: section?.end ?? 0,
      context: `${table.short} ${table.name}`,
      table: row.table,
    };
  });
}

/** The table and row label of a row passage's text (see `rowPassages`). */
export function rowOfText(table: TableNo, text: string): { table: TableNo; label: string } {
  const short = TABLE_NAMES[table].short;
  const end = text.indexOf('：');
  return { table, label: text.slice(short.length + 1, end < 0 ? undefined : end) };
}

/** What a table-row passage is headed by in results: "表一 · 规章". */
export function rowTitle(row: { table: TableNo; label: string }): string {
  return `${TABLE_NAMES[row.table].short} · ${row.label}`;
}

const UNIT_AFTER = /^(?:万?元|件|项|个|条|次|%)/;

/** A cell as printed, with the metric's unit after a bare number: "38项", "258.3万元", "0件（按合计推得）". */
function cellText(fact: Fact): string {
  const printed = printedCell(fact.source);
  switch (fact.value.kind) {
    case 'blank':
      return '空白';
    case 'unknown':
      return '无法确定';
    case 'not_applicable':
      return printed || '/';
    case 'text':
      return printed || fact.value.text;
    case 'number': {
      const m = /^([+-]?\d[\d,]*(?:\.\d+)?)(.*)$/s.exec(printed);
      if (!m) return `${fact.value.value}${fact.unit}`;
      const [, figure, rest] = m;
      return UNIT_AFTER.test(rest.trim()) ? `${figure}${rest.trim()}` : `${figure}${fact.unit}${rest.trim()}`;
    }
  }
}

/** The cell of a table fact's source ("政府集中采购：2896.642" → "2896.642"). */
function printedCell(source: string): string {
  const at = source.indexOf('：');
  return (at < 0 ? source : source.slice(at + 1)).trim();
}
