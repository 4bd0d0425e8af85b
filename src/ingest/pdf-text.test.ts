/**
 * Two real reports exported from WPS as PDF (listed in ../shared/corpus-real-docs/SOURCES.md),
 * read twice: as `pdftotext -layout` prints them (fixtures), and from the PDF itself through the
 * PDF loader. Every cell below was checked against the rendered pages. The text interleaves wrapped labels with the numbers of the rows they span (（三）不 /
 * 予公开, 三、/本/年/度 … one character a line), and puts page footers ("-3-", "- 4 -") and form
 * feeds inside tables 1 and 2.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APPLICANT_COLUMNS, CASE_KINDS, OUTCOME_COLUMNS } from '../facts/metrics.js';
import { hasRealDocs, REAL_DOCS_DIR } from '../../test/paths.js';
import { loadFile } from './formats/load.js';
import { parseReportText } from './parse.js';
import type { Report } from './report.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__');

async function read(file: string): Promise<Report> {
  const loaded = await loadFile(file);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const r = parseReportText(loaded.value.text, path.basename(file), loaded.value);
  if (!r.ok) throw new Error(`${file}: ${r.error.message}`);
  return r.value;
}

type Cell = number | null | 'unknown' | 'missing';

function cellOf(r: Report, id: string): Cell {
  const f = r.facts.find((x) => x.origin === 'table' && x.metric === id);
  if (!f) return 'missing';
  return f.value.kind === 'number' ? f.value.value : f.value.kind === 'blank' ? null : f.value.kind === 'unknown' ? 'unknown' : 'missing';
}

const table1 = (r: Report, ids: string[]) => ids.map((id) => cellOf(r, id));
const row = (r: Report, name: string) => APPLICANT_COLUMNS.map((c) => cellOf(r, `requests.${name}.${c}`));
const table3 = (r: Report) => CASE_KINDS.flatMap((k) => OUTCOME_COLUMNS.map((o) => cellOf(r, `${k}.${o}`)));
const zeros = [0, 0, 0, 0, 0, 0, 0];
const only = (n: number) => [n, 0, 0, 0, 0, 0, n];

/** Each report as pdftotext lays it out, and as the PDF loader reads the PDF (when ../shared is there). */
const sources = (name: string): Array<[string, string]> => [
  ['pdftotext -layout', path.join(FIXTURES, `${name}.layout.txt`)],
  ...(hasRealDocs ? [['the PDF loader', path.join(REAL_DOCS_DIR, `${name}.pdf`)] as [string, string]] : []),
];

describe.each(sources('hongze-qzf-2023'))('hongze-qzf-2023, a WPS-made PDF, read by %s', async (_how, file) => {
  const r = await read(file);

  it('reads the agency, the year and the 2021 template', () => {
    // As the title names it; the preamble says 淮安市洪泽区人民政府办公室.
    expect(r.meta.agency).toBe('洪泽区人民政府');
    expect(r.meta.year).toBe(2023);
    expect(r.meta.template).toBe('2021');
  });

  it('reads table 1 across the page break after 第二十条第（六）项', () => {
    expect(table1(r, ['rules.issued', 'rules.repealed', 'rules.in_force'])).toEqual([0, 0, 0]);
    expect(table1(r, ['normative_docs.issued', 'normative_docs.repealed', 'normative_docs.in_force'])).toEqual([0, 5, 5]);
    expect(table1(r, ['licensing.decisions', 'punishment.decisions', 'coercion.decisions', 'fees.amount'])).toEqual([550, 4119, 195, 7730.28]);
  });

  it('reads every row of table 2, labels wrapped or cut short, numbers on the line below', () => {
    expect(row(r, 'new')).toEqual(only(21));
    expect(row(r, 'carried_over')).toEqual(zeros);
    expect(row(r, 'granted')).toEqual(zeros);
    expect(row(r, 'partly_granted')).toEqual(only(4));
    expect(row(r, 'denied.state_secret')).toEqual(only(1));
    // "2.其他法律行政止公开": the PDF itself lost 法规禁.
    expect(row(r, 'denied.prohibited_by_law')).toEqual(zeros);
    expect(row(r, 'denied.security_stability')).toEqual(zeros);
    expect(row(r, 'denied.third_party')).toEqual(zeros);
    expect(row(r, 'denied.internal_affairs')).toEqual(zeros);
    expect(row(r, 'denied.process_info')).toEqual(only(1));
    expect(row(r, 'denied.enforcement_files')).toEqual(only(1));
    expect(row(r, 'denied.query_matter')).toEqual(zeros);
    expect(row(r, 'unable.not_held')).toEqual(only(10));
    expect(row(r, 'unable.needs_creation')).toEqual(only(3));
    // After the footer "-3-" and the form feed: a new page with another left margin.
    expect(row(r, 'unable.still_unclear')).toEqual(zeros);
    expect(row(r, 'not_processed.petition')).toEqual(only(1));
    expect(row(r, 'not_processed.repeated')).toEqual(zeros);
    expect(row(r, 'not_processed.publication')).toEqual(zeros);
    expect(row(r, 'not_processed.excessive')).toEqual(zeros);
    expect(row(r, 'not_processed.confirmation')).toEqual(zeros);
    expect(row(r, 'total_processed')).toEqual(only(21));
    expect(row(r, 'carried_forward')).toEqual(zeros);
  });

  it('leaves the three 其他处理 rows missing: the report prints one 其他处理 row of the old template, and says so', () => {
    for (const name of ['other_handling.no_correction', 'other_handling.no_fee', 'other_handling.other']) {
      expect(row(r, name)).toEqual(Array(7).fill('missing'));
    }
    const gap = r.findings.find((f) => f.rule === 'incomplete' && f.metrics.includes('requests.other_handling.other.total'));
    expect(gap?.message).toMatch(/其他处理/);
  });

  it('reads table 3 as printed, its sums broken in the report itself', () => {
    expect(table3(r)).toEqual([10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]);
    expect(r.findings.filter((f) => f.rule === 'case_total')).toHaveLength(2);
  });
});

describe.each(sources('huaian-szf-2024'))('huaian-szf-2024, 三、本年度办理结果 one character a line, read by %s', async (_how, file) => {
  const r = await read(file);

  it('reads the agency, the year and the 2021 template', () => {
    expect(r.meta.agency).toBe('淮安市人民政府');
    expect(r.meta.year).toBe(2024);
    expect(r.meta.template).toBe('2021');
  });

  it('reads table 1, large figures and a decimal amount', () => {
    expect(table1(r, ['rules.issued', 'rules.repealed', 'rules.in_force'])).toEqual([1, 0, 11]);
    expect(table1(r, ['normative_docs.issued', 'normative_docs.repealed', 'normative_docs.in_force'])).toEqual([8, 26, 66]);
    expect(table1(r, ['licensing.decisions', 'punishment.decisions', 'coercion.decisions', 'fees.amount'])).toEqual([447228, 3985758, 88283, 96171.6]);
  });

  it('reads every row of table 2', () => {
    expect(row(r, 'new')).toEqual([3001, 53, 0, 0, 61, 4, 3119]);
    expect(row(r, 'carried_over')).toEqual([34, 0, 0, 0, 0, 0, 34]);
    expect(row(r, 'granted')).toEqual([1288, 21, 0, 0, 50, 3, 1362]);
    // "（二）部分公开（区分处理的，只计这一情" / numbers / "形，不计其他情形）"
    expect(row(r, 'partly_granted')).toEqual([447, 7, 0, 0, 0, 0, 454]);
    expect(row(r, 'denied.state_secret')).toEqual(only(2));
    expect(row(r, 'denied.prohibited_by_law')).toEqual([30, 1, 0, 0, 0, 0, 31]);
    expect(row(r, 'denied.security_stability')).toEqual(only(5));
    expect(row(r, 'denied.third_party')).toEqual(only(6));
    expect(row(r, 'denied.internal_affairs')).toEqual([7, 1, 0, 0, 0, 0, 8]);
    expect(row(r, 'denied.process_info')).toEqual(only(12));
    expect(row(r, 'denied.enforcement_files')).toEqual(only(9));
    expect(row(r, 'denied.query_matter')).toEqual(only(105));
    expect(row(r, 'unable.not_held')).toEqual([746, 12, 0, 0, 10, 1, 769]);
    // "（四）无" / footer "-4-" / form feed / "法提供  2.没有现成信息需要另行制作  11 …"
    expect(row(r, 'unable.needs_creation')).toEqual(only(11));
    expect(row(r, 'unable.still_unclear')).toEqual(only(1));
    expect(row(r, 'not_processed.petition')).toEqual([56, 6, 0, 0, 0, 0, 62]);
    expect(row(r, 'not_processed.repeated')).toEqual(only(25));
    expect(row(r, 'not_processed.publication')).toEqual(zeros);
    expect(row(r, 'not_processed.excessive')).toEqual(zeros);
    expect(row(r, 'not_processed.confirmation')).toEqual(only(1));
    // Three-line labels with the numbers on the middle line, "（六）其 / 他处理" between them.
    expect(row(r, 'other_handling.no_correction')).toEqual([67, 3, 0, 0, 1, 0, 71]);
    expect(row(r, 'other_handling.no_fee')).toEqual(only(6));
    expect(row(r, 'other_handling.other')).toEqual([108, 2, 0, 0, 0, 0, 110]);
    expect(row(r, 'total_processed')).toEqual([2932, 53, 0, 0, 61, 4, 3050]);
    expect(row(r, 'carried_forward')).toEqual(only(103));
  });

  it('reads table 3', () => {
    expect(table3(r)).toEqual([72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]);
  });

  it('finds nothing wrong or missing in it', () => {
    expect(r.findings.filter((f) => f.rule === 'unreadable' || f.rule === 'incomplete')).toEqual([]);
  });
});
