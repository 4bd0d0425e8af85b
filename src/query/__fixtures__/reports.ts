import { metric } from '../../facts/metrics.js';
import type { CellValue, Fact, Finding, Report } from '../../ingest/report.js';

/**
 * Hand-made reports for the tests of the understanding layer: made-up agencies and figures, so
 * that no test leans on the seed reports' numbers.
 */
export type Cell = number | 'blank' | 'na' | 'unknown' | { text: string };

export interface ReportSpec {
  agency: string;
  year: number;
  province?: string | null;
  city?: string | null;
  county?: string | null;
  aliases?: string[];
  /** Defaults by year: 2019 for reports of 2019 and 2020, 2021 after. */
  template?: '2019' | '2021';
  publishedAt?: string | null;
  /** Table cells by metric id. */
  cells?: Record<string, Cell>;
  /** Figures of the narrative: metric id, value, sentence. */
  narrative?: Array<{ metric: string; value: number; sentence: string }>;
  /** Section texts by number. */
  sections?: Partial<Record<number, string>>;
  findings?: Finding[];
}

const TITLES = ['', '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
const TABLE_SECTION: Record<string, number> = { requests: 3, review: 4, litigation_direct: 4, litigation_after_review: 4 };

function cellValue(c: Cell): CellValue {
  if (typeof c === 'number') return { kind: 'number', value: c };
  if (c === 'blank') return { kind: 'blank' };
  if (c === 'na') return { kind: 'not_applicable' };
  if (c === 'unknown') return { kind: 'unknown' };
  return { kind: 'text', text: c.text };
}

export function makeReport(spec: ReportSpec): Report {
  const template = spec.template ?? (spec.year >= 2021 ? '2021' : '2019');
  const facts: Fact[] = [];
  for (const [id, cell] of Object.entries(spec.cells ?? {})) {
    const section = TABLE_SECTION[id.split('.')[0]] ?? 2;
    const unit = metric(id)?.unit ?? '';
    const source = typeof cell === 'number' ? String(cell) : cell === 'blank' ? '' : cell === 'na' ? '/' : cell === 'unknown' ? '?' : cell.text;
    facts.push({ metric: id, value: cellValue(cell), unit, origin: 'table', section, source });
  }
  for (const n of spec.narrative ?? []) {
    facts.push({ metric: n.metric, value: { kind: 'number', value: n.value }, unit: metric(n.metric)?.unit ?? '', origin: 'narrative', section: 1, source: n.sentence });
  }
  let text = '';
  const sections = TITLES.map((title, no) => {
    const body = `${title}\n${spec.sections?.[no] ?? ''}\n`;
    const start = text.length;
    text += body;
    return { no, title, text: body, start, end: text.length };
  });
  const title = `${spec.agency}${spec.year}年政府信息公开工作年度报告`;
  return {
    id: `${spec.agency}-${spec.year}.txt`,
    file: `${spec.agency}-${spec.year}.txt`,
    meta: {
      agency: spec.agency,
      aliases: spec.aliases ?? [spec.agency],
      region: { province: spec.province ?? null, city: spec.city ?? null, county: spec.county ?? null },
      year: spec.year,
      publishedAt: spec.publishedAt ?? null,
      template,
      title,
    },
    sections,
    text,
    facts,
    findings: spec.findings ?? [],
  };
}

/** A fixed clock for relative years. */
export const JUNE_2024 = () => new Date('2024-06-15T08:00:00Z');
