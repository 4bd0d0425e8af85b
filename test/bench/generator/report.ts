import type { TemplateVersion } from '../../../src/facts/metrics.js';
import { renderDocument } from './document.js';
import { injectTableFault, TABLE_FAULT_RULES, type TableFaultRule } from './faults.js';
import { LAYOUTS, templateOf, type Fault, type GoldFacts, type GoldReport, type Layout, type ReportLayout } from './gold.js';
import { buildGrids, drawGridStyle, type GridStyle } from './grid.js';
import { packageDocx, renderDocxDocument } from './layouts/docx.js';
import { drawLayoutStyle, LAYOUT_WEIGHTS, layoutVariantName, renderGrid } from './layouts/index.js';
import { writeNarrative, type Narrative, type NarrativeFaultRule } from './narrative.js';
import { agencyYear } from './pairs.js';
import { reportSeed, Rng } from './random.js';
import { draftNumbers, presentCells } from './tables.js';

export type FaultRule = TableFaultRule | NarrativeFaultRule;
export const FAULT_RULES: readonly FaultRule[] = [...TABLE_FAULT_RULES, 'narrative_vs_table', 'no_requests_claim'];

export interface GenerateOptions {
  /** Share of reports with one deliberate inconsistency (default 0.05). */
  faultRate?: number;
  /** Force this fault kind (implies a fault). */
  fault?: FaultRule;
  /** Force a layout instead of drawing one (the only way to get a file layout such as docx). */
  layout?: ReportLayout;
  /** Force the report year (2019–2025); the agency stays the index's, so the pair may be another report's. */
  year?: number;
  /** Share of reports also written a second time, in another layout (default 0). */
  copyRate?: number;
  /** Write the copy whatever `copyRate` says (true), or in this layout. */
  copy?: boolean | Layout;
  /**
   * Print sections 一 and 五 this many times over: a long report (tens of pages) with the same
   * tables and gold, for timing the readers. Default 1.
   */
  repeatNarrative?: number;
  /**
   * Rewrites each table once rendered and each section heading before the document is put
   * together, as typing and exporting would (the typography test). It draws nothing from the
   * report's random stream, so the rest of the report stays what the same seed gives without it.
   */
  retype?: Retype;
}

export interface Retype {
  /** One table (1–3) as the layout printed it. */
  table?: (text: string, table: 1 | 2 | 3) => string;
  /** One section heading (1–6) as the report numbers it, e.g. "三、收到和处理政府信息公开申请情况". */
  heading?: (text: string, section: 1 | 2 | 3 | 4 | 5 | 6) => string;
}

export interface GeneratedReport {
  /** File name, e.g. "000123_呼兰区教育局_2020.txt". */
  file: string;
  /** The file's text; for a .docx, its word/document.xml. */
  text: string;
  /** The file's bytes where they are not the text (a .docx package). */
  bytes?: Uint8Array;
  gold: GoldReport;
  /** The same report in another layout, when one is written: `gold.copy` describes it. */
  copy?: { file: string; text: string };
}

/** Where copies go, beside the reports: the same file name, as a second crawl would have it. */
export const COPIES_DIR = 'copies';

const FAULT_WEIGHTS: readonly (readonly [FaultRule, number])[] = [
  ['balance', 1],
  ['row_total', 1],
  ['results_total', 1],
  ['case_total', 1],
  ['narrative_vs_table', 1.5],
  ['no_requests_claim', 0.7],
];

/** The file name's extension of a layout. */
function extensionOf(layout: ReportLayout): string {
  return layout === 'html' || layout === 'docx' ? layout : 'txt';
}

/** The same narrative with sections 一 and 五 repeated `times` times. */
function lengthened(n: Narrative, times: number): Narrative {
  if (times <= 1) return n;
  const repeat = <X>(xs: readonly X[]) => Array.from({ length: times }, () => xs).flat();
  return { ...n, overview: repeat(n.overview), problems: repeat(n.problems) };
}

/** Zero-padded index, at least six digits. */
function pad(index: number): string {
  return String(index).padStart(6, '0');
}

/**
 * One synthetic report: the same (seed, index) always gives the same file, text and gold,
 * independently of the other reports of the corpus. Reports of one seed never share an agency
 * and year (`agencyYear`), so no two are copies of one report.
 *
 * @example
 * const { file, text, gold } = generateReport(1, 123);
 * // file "000123_凉山彝族自治州司法局_2019.txt", gold.facts["requests.new.total"] === 24 …
 */
export function generateReport(seed: number, index: number, opts: GenerateOptions = {}): GeneratedReport {
  const rng = new Rng(reportSeed(seed, index));
  const drawn = agencyYear(seed, index);
  const year = opts.year ?? drawn.year;
  const template = templateOf(year);
  const agency = drawn.agency;
  const layout = opts.layout ?? rng.weighted(LAYOUT_WEIGHTS);
  const numbers = draftNumbers(rng, template, agency);

  let rule: FaultRule | undefined = opts.fault ?? (rng.chance(opts.faultRate ?? 0.05) ? rng.weighted(FAULT_WEIGHTS) : undefined);
  if (rule === 'no_requests_claim' && numbers['requests.new.total'] === 0) rule = 'narrative_vs_table';
  let tableFault: Fault | null = null;
  if (rule && (TABLE_FAULT_RULES as readonly string[]).includes(rule)) {
    tableFault = injectTableFault(rng, numbers, template, rule as TableFaultRule) ?? injectTableFault(rng, numbers, template, 'case_total');
  }
  const keep = new Set(tableFault?.cells.map((c) => c.metric) ?? []);
  const { facts, styles } = presentCells(rng, numbers, template, agency, keep);
  const narrativeRule = rule === 'narrative_vs_table' || rule === 'no_requests_claim' ? rule : undefined;
  const written = writeNarrative(rng, agency, year, template, facts, narrativeRule);
  const narrative = lengthened(written, opts.repeatNarrative ?? 1);
  const gridStyle = drawGridStyle(rng);
  const style = drawLayoutStyle(rng, layout);
  const grids = buildGrids(facts, template, gridStyle);
  const tables = grids.map((g) => renderGrid(g, style, rng)) as [string, string, string];
  const { table: retypeTable, heading: retypeHeading } = opts.retype ?? {};
  if (retypeTable) tables.forEach((t, i) => (tables[i] = retypeTable(t, (i + 1) as 1 | 2 | 3)));
  if (retypeHeading) for (const k of [1, 2, 3, 4, 5, 6] as const) narrative.headings[k] = retypeHeading(narrative.headings[k], k);
  let text: string;
  let bytes: Uint8Array | undefined;
  if (style.layout === 'docx') {
    text = renderDocxDocument({ narrative, tables }, style.v, rng);
    bytes = packageDocx(text, style.v);
  } else {
    text = renderDocument({ narrative, tables, agency: agency.name }, style.layout, rng);
  }

  const base = `${pad(index)}_${agency.name}_${year}`;
  const file = `${base}.${extensionOf(layout)}`;
  const faults = [tableFault, narrative.fault].filter((f): f is Fault => f !== null);
  const variant = [layoutVariantName(style), `amount-${gridStyle.amount}`, ...styles, ...narrative.quirks].join(';');
  const gold: GoldReport = { file, agency: agency.name, region: agency.region, year, template, layout, variant, facts, narrative: narrative.figures, faults };

  // The copy draws from a generator of its own, so that a report is the same with or without one.
  const copyRng = new Rng(reportSeed((seed ^ 0xc0b1e5) >>> 0, index));
  const copyDrawn = copyRng.chance(opts.copyRate ?? 0);
  const wanted = opts.copy ?? copyDrawn;
  if (!wanted) return { file, text, ...(bytes ? { bytes } : {}), gold };
  const copyLayout = typeof wanted === 'string' ? wanted : copyRng.weighted(LAYOUT_WEIGHTS.filter(([l]) => l !== layout));
  const copyStyle = drawLayoutStyle(copyRng, copyLayout);
  // The same cells, narrative and signature as the original, laid out anew.
  const copyTables = buildGrids(facts, template, gridStyle).map((g) => renderGrid(g, copyStyle, copyRng)) as [string, string, string];
  const copy = { file: `${COPIES_DIR}/${base}.${extensionOf(copyLayout)}`, text: renderDocument({ narrative, tables: copyTables, agency: agency.name }, copyLayout, copyRng) };
  return { file, text, ...(bytes ? { bytes } : {}), gold: { ...gold, copy: { file: copy.file, layout: copyLayout, variant: layoutVariantName(copyStyle) } }, copy };
}

/** The template a set of gold facts belongs to, told by its table-1 columns like a reader would. */
export function templateOfFacts(facts: GoldFacts): TemplateVersion {
  return 'rules.repealed' in facts || 'fees.amount' in facts ? '2021' : '2019';
}

export interface RenderOptions {
  template?: TemplateVersion;
  /** Seed of the style choices (spacing, breaks, amount style …). */
  seed?: number;
  /** Fix the grid style (amount printing, "/" text) instead of drawing it. */
  gridStyle?: Partial<GridStyle>;
}

/**
 * The three tables of a set of gold facts in one layout, each under its section heading
 * (二、三、四). HTML gives a fragment of <p> headings and <table>s.
 */
export function renderTables(facts: GoldFacts, layout: Layout, opts: RenderOptions = {}): string {
  const rng = new Rng(opts.seed ?? 0);
  const template = opts.template ?? templateOfFacts(facts);
  const gridStyle = { ...drawGridStyle(rng), ...opts.gridStyle };
  const style = drawLayoutStyle(rng, layout);
  const tables = buildGrids(facts, template, gridStyle).map((g) => renderGrid(g, style, rng));
  const headings = ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况'];
  if (layout === 'html') return tables.map((t, i) => `<p>${headings[i]}</p>\n${t}`).join('\n');
  if (layout === 'markdown') return tables.map((t, i) => `## ${headings[i]}\n\n${t}`).join('\n\n');
  return tables.map((t, i) => `${headings[i]}\n\n${t}`).join('\n\n\n');
}

/**
 * A short but complete report around a set of gold facts, in one layout: title, a plain
 * section 一 without figures, the tables, 五 and 六. For round-trip tests of a parser.
 */
export function renderMinimalReport(facts: GoldFacts, layout: Layout, opts: RenderOptions & { agency?: string; year?: number } = {}): { file: string; text: string } {
  const template = opts.template ?? templateOfFacts(facts);
  const year = opts.year ?? (template === '2021' ? 2023 : 2020);
  const agency = opts.agency ?? '焦作市财政局';
  const rng = new Rng(opts.seed ?? 0);
  const gridStyle = { ...drawGridStyle(rng), ...opts.gridStyle };
  const style = drawLayoutStyle(rng, layout);
  const tables = buildGrids(facts, template, gridStyle).map((g) => renderGrid(g, style, rng)) as [string, string, string];
  const narrative: Narrative = {
    titleLines: [`${agency}${year}年政府信息公开工作年度报告`],
    dateUnderTitle: null,
    preamble: [],
    headings: {
      1: '一、总体情况',
      2: '二、主动公开政府信息情况',
      3: '三、收到和处理政府信息公开申请情况',
      4: '四、政府信息公开行政复议、行政诉讼情况',
      5: '五、存在的主要问题及改进情况',
      6: '六、其他需要报告的事项',
    },
    overview: [{ kind: 'paragraph', text: `${year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，政府信息公开工作有序开展。` }],
    problems: [{ kind: 'paragraph', text: '政策解读形式不够丰富。下一步将丰富解读形式。' }],
    other: ['无。'],
    closing: [],
    figures: [],
    fault: null,
    quirks: [],
  };
  const text = renderDocument({ narrative, tables, agency }, layout, rng);
  return { file: `${agency}_${year}.${layout === 'html' ? 'html' : 'txt'}`, text };
}

export { LAYOUTS };
