/**
 * The synthetic corpus generator: realistic annual reports of both template versions, in every
 * layout the parser must read, with the gold facts they contain. `gen.ts` is its command line.
 *
 * @example
 * const { file, text, gold } = generateReport(1, 123);       // one report, reproducible alone
 * const tables = renderTables(gold.facts, 'html');            // the same cells in another layout
 * writeCorpus({ n: 10_000, seed: 1, out: '/tmp/corpus' });    // files + gold.jsonl
 */
export { generateReport, renderTables, renderMinimalReport, templateOfFacts, FAULT_RULES } from './report.js';
export type { GenerateOptions, GeneratedReport, RenderOptions, FaultRule, Retype } from './report.js';
export { writeCorpus, writeCorpusParallel, writeRange, GOLD_FILE } from './corpus.js';
export type { CorpusOptions, CorpusSummary } from './corpus.js';
export { LAYOUTS, templateOf, asNumber } from './gold.js';
export type { GoldReport, GoldFacts, GoldValue, Layout, Fault, NarrativeFigure } from './gold.js';
export { checkReport, checkTables, checkNarrative } from './rules.js';
export type { Violation } from './rules.js';
export { cellIds, draftNumbers, presentCells, tableFacts } from './tables.js';
export { drawAgency } from './agencies.js';
export type { Agency } from './agencies.js';
export { Rng, reportSeed } from './random.js';
export { missingLabels } from './template.js';
export { compareTableFacts, expectedCell, describeCell, loadParser, parserExists, PARSER_MODULE } from './readback.js';
export type { Parser, ParsedFact, CellMismatch } from './readback.js';
