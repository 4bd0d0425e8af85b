/**
 * The synthetic corpus generator: realistic annual reports of both template versions, in every
 * layout the parser must read, with the gold facts they contain. `gen.ts` is its command line.
 *
 * @example
 * const { file, text, gold } = generateReport(1, 123);       // one report, reproducible alone
 * const tables = renderTables(gold.facts, 'html');            // the same cells in another layout
 * const { bytes } = generateReport(1, 123, { layout: 'docx' }); // the same report as a Word file
 * writeCorpus({ n: 10_000, seed: 1, out: '/tmp/corpus' });    // files + gold.jsonl
 * writeCorpus({ n: 200, seed: 1, out, copyRate: 0.1, hostile: 11 }); // with copies and hostile files
 */
export { generateReport, renderTables, renderMinimalReport, templateOfFacts, FAULT_RULES, COPIES_DIR } from './report.js';
export type { GenerateOptions, GeneratedReport, RenderOptions, FaultRule, Retype } from './report.js';
export { writeCorpus, writeCorpusParallel, writeRange, checkCorpusSize, GOLD_FILE, GENERATOR_VERSION } from './corpus.js';
export type { CorpusOptions, CorpusSummary } from './corpus.js';
export { LAYOUTS, FILE_LAYOUTS, REPORT_LAYOUTS, templateOf, asNumber } from './gold.js';
export type { GoldReport, GoldCopy, GoldFacts, GoldValue, Layout, FileLayout, ReportLayout, Fault, NarrativeFigure } from './gold.js';
export { corpusHostileFiles, hostileFileName, writeHostileFile, HOSTILE_KINDS, CORPUS_HOSTILE_KINDS } from './hostile.js';
export type { HostileKind } from './hostile.js';
export { checkReport, checkTables, checkNarrative } from './rules.js';
export type { Violation } from './rules.js';
export { cellIds, draftNumbers, presentCells, tableFacts } from './tables.js';
export { drawAgency, agencyCatalog } from './agencies.js';
export type { Agency, CatalogEntry } from './agencies.js';
export { agencyYear, pairCount } from './pairs.js';
export { Rng, reportSeed } from './random.js';
export { missingLabels } from './template.js';
export { compareTableFacts, expectedCell, describeCell, loadParser, parserExists, PARSER_MODULE } from './readback.js';
export type { Parser, ParsedFact, CellMismatch } from './readback.js';
