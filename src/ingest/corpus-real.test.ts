/**
 * Real reports as published or crawled (../shared/corpus-real), read by a person and pinned
 * here: crawler text with digits run together, PDF-extracted markdown whose labels drift from
 * their numbers, OCR text, and an HTML page with rowspan/colspan tables.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APPLICANT_COLUMNS, CASE_KINDS, OUTCOME_COLUMNS } from '../facts/metrics.js';
import { hasRealCorpus, REAL_CORPUS_DIR } from '../../test/paths.js';
import { loadCorpus, readReportFile } from './corpus.js';
import type { Report } from './report.js';

type Cell = number | null | '?';

function cellOf(r: Report, id: string): Cell | undefined {
  const f = r.facts.find((x) => x.origin === 'table' && x.metric === id);
  if (!f) return undefined;
  return f.value.kind === 'number' ? f.value.value : f.value.kind === 'blank' ? null : '?';
}
const row = (r: Report, name: string) => APPLICANT_COLUMNS.map((c) => cellOf(r, `requests.${name}.${c}`));
const t3 = (r: Report) => CASE_KINDS.flatMap((k) => OUTCOME_COLUMNS.map((o) => cellOf(r, `${k}.${o}`)));

async function read(file: string): Promise<Report> {
  const r = await readReportFile(REAL_CORPUS_DIR, file);
  if (!r.ok) throw new Error(`${file}: ${r.error.message}`);
  return r.value;
}

describe.skipIf(!hasRealCorpus)('real reports (../shared/corpus-real)', () => {
  it('reads every file without a crash, each as a report', async () => {
    const { reports, errors } = await loadCorpus(REAL_CORPUS_DIR);
    const files = readdirSync(REAL_CORPUS_DIR).filter((f) => /\.(txt|md|html)$/.test(f) && f !== 'SOURCES.md');
    expect(errors).toEqual([]);
    expect(reports.map((r) => r.file).sort()).toEqual(files.sort());
  });

  describe('cells left unknown: only table 1 rows whose digits split several ways that no rule of the template tells apart', () => {
    const three = (row: string, cols = ['issued', 'published', 'in_force']) => cols.map((c) => `${row}.${c}`);
    const UNKNOWN: Record<string, string[]> = {
      // 规范性文件898989, 行政许可3960181, 其他对外管理服务事项100153, 行政处罚26480430, 行政强制126025,
      // 行政事业性收费350 (3|50 or 35|0), 政府集中采购13575394432.52元.
      'pingtan-2019.txt': [
        ...three('normative_docs'),
        ...['licensing', 'other_services', 'punishment', 'coercion'].flatMap((r) => three(r, ['prev_items', 'change', 'decisions'])),
        'fees.prev_items', 'fees.change', 'procurement.projects', 'procurement.amount',
      ],
      'pingtan-2021.txt': three('normative_docs', ['issued', 'repealed', 'in_force']), // 693665
      'pingtan-2022.txt': three('normative_docs', ['issued', 'repealed', 'in_force']), // 8855698
      'pingtan-2023.txt': three('normative_docs', ['issued', 'repealed', 'in_force']), // 77132470
      'pingtan-gzj-2019.txt': three('rules'), // 1411: 1|4|11, 1|41|1, 14|1|1
      // “| 规章 | 22 | 235 |”: two cells printed for three; which one the PDF lost is not said.
      'shanghai-bgt-2025.md': [...three('rules', ['issued', 'repealed', 'in_force']), ...three('normative_docs', ['issued', 'repealed', 'in_force'])],
      'shanghai-kewei-2024.md': [],
      'shuyang-fgj-2023.html': [],
      'shuyang-xzf-2025.txt': [],
    };
    for (const [file, expected] of Object.entries(UNKNOWN)) {
      it(`${file}: ${expected.length} unknown, each with a finding`, async () => {
        const r = await read(file);
        const unknown = r.facts.filter((f) => f.origin === 'table' && f.value.kind === 'unknown').map((f) => f.metric);
        expect(unknown.sort()).toEqual([...expected].sort());
        const explained = new Set(r.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.metrics));
        for (const id of unknown) expect(explained.has(id), id).toBe(true);
      });
    }
  });

  describe('pingtan-2019.txt: crawler text, table digits run together', async () => {
    const r = await read('pingtan-2019.txt');
    it('splits table 2 rows where only one split fits the row and column sums', () => {
      expect(row(r, 'new')).toEqual([23, 0, 0, 0, 0, 0, 23]);
      expect(row(r, 'granted')).toEqual([7, 0, 0, 0, 0, 0, 7]);
      expect(row(r, 'partly_granted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
      expect(row(r, 'unable.not_held')).toEqual([7, 0, 0, 0, 0, 0, 7]);
      expect(row(r, 'unable.still_unclear')).toEqual([5, 0, 0, 0, 0, 0, 5]);
      expect(row(r, 'not_processed.repeated')).toEqual([3, 0, 0, 0, 0, 0, 3]);
      expect(row(r, 'other_handling')).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(row(r, 'total_processed')).toEqual([23, 0, 0, 0, 0, 0, 23]);
      expect(row(r, 'carried_forward')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    });
    it('leaves table 1 cells unknown where several splits fit, and says so', () => {
      // 规范性文件898989: 89|89|89, 8|98|989 … nothing in the template decides.
      expect(['normative_docs.issued', 'normative_docs.published', 'normative_docs.in_force'].map((id) => cellOf(r, id))).toEqual(['?', '?', '?']);
      expect(['procurement.projects', 'procurement.amount'].map((id) => cellOf(r, id))).toEqual(['?', '?']);
      expect(['rules.issued', 'rules.published', 'rules.in_force'].map((id) => cellOf(r, id))).toEqual([0, 0, 0]);
      const doubts = r.findings.filter((f) => f.rule === 'unreadable');
      expect(doubts.some((f) => f.metrics.includes('normative_docs.issued') && f.message.includes('898989'))).toBe(true);
    });
    it('reads table 3', () => expect(t3(r)).toEqual(Array(15).fill(0)));
  });

  describe('pingtan-2021.txt: a row ambiguous alone is settled by the column rules', async () => {
    const r = await read('pingtan-2021.txt');
    it('reads table 2', () => {
      expect(row(r, 'new')).toEqual([64, 0, 0, 2, 0, 4, 70]);
      // “（一）予以公开270020130” fits its own total as 27|0|0|2|0|1|30 and 2|7|0|0|20|1|30; only the
      // first keeps 本年新收+上年结转 = 办理结果总计+结转下年度 in every column.
      expect(row(r, 'granted')).toEqual([27, 0, 0, 2, 0, 1, 30]);
      expect(row(r, 'unable.not_held')).toEqual([22, 0, 0, 0, 0, 3, 25]);
      expect(row(r, 'total_processed')).toEqual([63, 0, 0, 2, 0, 4, 69]);
      expect(row(r, 'carried_forward')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    });
    it('reads single-value rows of table 1 and table 3', () => {
      expect(cellOf(r, 'licensing.decisions')).toBe(2293);
      expect(cellOf(r, 'fees.amount')).toBe(24252.311082);
      expect(t3(r)).toEqual([1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]);
    });
    it('finds no rule broken', () => expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]));
  });

  describe('pingtan-2022.txt: a misprinted section heading (行政法复议)', async () => {
    const r = await read('pingtan-2022.txt');
    it('still finds table 3', () => expect(t3(r)).toEqual([0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]));
    it('accepts a narrative count that includes last year’s carried-over requests', () => {
      expect(row(r, 'new')).toEqual([71, 3, 0, 0, 0, 0, 74]);
      expect(r.findings.filter((f) => f.rule === 'narrative_vs_table')).toEqual([]);
    });
  });

  describe('pingtan-2023.txt: the last row of table 2 runs into the next heading', async () => {
    const r = await read('pingtan-2023.txt');
    it('reads “结转下年度继续办理0000000四、政府信息公开行政复议…” as seven 0', () => {
      expect(row(r, 'carried_forward')).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(row(r, 'total_processed')).toEqual([80, 1, 0, 0, 0, 0, 81]);
      expect(r.findings.filter((f) => f.rule === 'incomplete')).toEqual([]);
    });
    it('reads table 3', () => expect(t3(r)).toEqual([1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]));
  });

  describe('shanghai-kewei-2024.md: PDF extract, labels drifted from their numbers', async () => {
    const r = await read('shanghai-kewei-2024.md');
    it('reads table 2 by the order of its lines of numbers, which fits every rule', () => {
      expect(row(r, 'granted')).toEqual([9, 0, 0, 0, 0, 0, 9]);
      expect(row(r, 'denied.internal_affairs')).toEqual([1, 0, 0, 0, 0, 0, 1]);
      expect(row(r, 'unable.not_held')).toEqual([4, 0, 0, 0, 0, 0, 4]);
      expect(row(r, 'unable.needs_creation')).toEqual([6, 0, 0, 0, 0, 0, 6]);
      expect(row(r, 'other_handling.no_correction')).toEqual([8, 2, 0, 0, 0, 0, 10]);
      expect(row(r, 'total_processed')).toEqual([33, 2, 0, 0, 0, 0, 35]);
      // The total of the last row is blank in the report: missing, not 1.
      expect(row(r, 'carried_forward')).toEqual([1, 0, 0, 0, 0, 0, null]);
    });
    it('reads table 1 from a markdown table and loose lines', () => {
      expect(['normative_docs.issued', 'normative_docs.repealed', 'normative_docs.in_force', 'licensing.decisions'].map((id) => cellOf(r, id))).toEqual([13, 0, 55, 97]);
      expect(t3(r)).toEqual([1, 0, 0, 0, 1, ...Array(10).fill(0)]);
    });
  });

  describe('shanghai-bgt-2025.md', async () => {
    const r = await read('shanghai-bgt-2025.md');
    it('reads large figures in table 2 and 3', () => {
      expect(row(r, 'new')).toEqual([1259, 36, 0, 0, 0, 0, 1295]);
      expect(row(r, 'unable.not_held')).toEqual([484, 28, 0, 0, 1, 0, 513]);
      expect(row(r, 'other_handling.no_correction')).toEqual([40, 1, 0, 0, 2, 0, 43]);
      expect(row(r, 'total_processed')).toEqual([1139, 48, 0, 0, 4, 0, 1191]);
      expect(t3(r)).toEqual([40, 0, 10, 5, 55, 2, 0, 4, 6, 12, 6, 0, 9, 7, 22]);
    });
    it('does not guess table 1 cells whose numbers are scattered over lines', () => {
      expect(cellOf(r, 'normative_docs.in_force')).toBe('?');
    });
  });

  describe('shuyang-fgj-2023.html: rowspan/colspan grid', async () => {
    const r = await read('shuyang-fgj-2023.html');
    it('keeps blank applicant cells missing and reads the rest', () => {
      expect(row(r, 'new')).toEqual([26, null, null, null, null, null, 26]);
      expect(row(r, 'granted')).toEqual([26, null, null, null, null, null, 26]);
      expect(row(r, 'total_processed')).toEqual([26, null, null, null, null, null, 26]);
      expect(['normative_docs.issued', 'normative_docs.repealed', 'normative_docs.in_force'].map((id) => cellOf(r, id))).toEqual([8, 0, 18]);
      expect(t3(r)).toEqual([0, 0, 0, 1, 1, ...Array(10).fill(0)]);
    });
  });

  describe('shuyang-xzf-2025.txt: OCR markdown, table 3 printed as three tables', async () => {
    const r = await read('shuyang-xzf-2025.txt');
    it('reads all three', () => {
      expect(t3(r)).toEqual([27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10]);
      expect(row(r, 'new')).toEqual([705, 3, 0, 0, 5, 0, 713]);
      expect(row(r, 'total_processed')).toEqual([710, 3, 0, 0, 5, 0, 718]);
      expect(cellOf(r, 'fees.amount')).toBe(4068.208);
    });
  });
});
