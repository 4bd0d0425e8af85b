import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CellValue } from '../../../src/ingest/report.js';
import type { GoldFacts, GoldValue } from './gold.js';

/**
 * Reading generated reports back through the project's parser and comparing what it found with
 * the gold: the tests and the benchmark share this. The parser is loaded lazily, so that the
 * generator works (and its own tests run) before `src/ingest/parse.ts` exists.
 */
export interface ParsedFact {
  metric: string;
  value: CellValue;
  origin: 'table' | 'narrative';
}

type ParseResult = { ok: true; value: { facts: ParsedFact[] } } | { ok: false; error: { file?: string; message: string } };

export interface Parser {
  /** Parses one report: raw file content (HTML is turned into text first, as the loader does). */
  parse(raw: string, file: string): ParseResult;
}

/** Where the parser lives, relative to the project root. */
export const PARSER_MODULE = 'src/ingest/parse.ts';

export function parserExists(root: string): boolean {
  return existsSync(path.join(root, PARSER_MODULE));
}

/** Loads `parseReportText` (and the loader's `htmlToText` for .html files). */
export async function loadParser(root: string): Promise<Parser> {
  const parseModule = (await import(pathToFileURL(path.join(root, PARSER_MODULE)).href)) as { parseReportText: (text: string, file: string) => ParseResult };
  const loadModule = (await import(pathToFileURL(path.join(root, 'src/ingest/formats/load.ts')).href)) as { htmlToText?: (html: string) => string };
  const toText = (raw: string, file: string) => (/\.html?$/i.test(file) && loadModule.htmlToText ? loadModule.htmlToText(raw) : raw);
  return { parse: (raw, file) => parseModule.parseReportText(toText(raw, file), file) };
}

/** The reading a parser should give a gold cell. */
export function expectedCell(v: GoldValue): CellValue {
  if (v === null) return { kind: 'blank' };
  if (v === 'n/a') return { kind: 'not_applicable' };
  if (typeof v === 'string') return { kind: 'text', text: v.slice('text:'.length) };
  return { kind: 'number', value: v };
}

export function describeCell(v: CellValue | undefined): string {
  if (v === undefined) return '(missing)';
  switch (v.kind) {
    case 'number':
      return String(v.value);
    case 'text':
      return `text:${v.text}`;
    default:
      return v.kind;
  }
}

function sameCell(a: CellValue, b: CellValue): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'number' && b.kind === 'number') return Math.abs(a.value - b.value) <= 1e-6 * Math.max(1, Math.abs(a.value));
  if (a.kind === 'text' && b.kind === 'text') return a.text.replace(/\s+/g, '') === b.text.replace(/\s+/g, '');
  return true;
}

export interface CellMismatch {
  metric: string;
  expected: string;
  got: string;
}

/** Every gold cell against the parser's table facts; also table facts the gold does not have. */
export function compareTableFacts(gold: GoldFacts, facts: readonly ParsedFact[]): CellMismatch[] {
  const found = new Map<string, CellValue[]>();
  for (const f of facts) {
    if (f.origin !== 'table') continue;
    const list = found.get(f.metric) ?? [];
    list.push(f.value);
    found.set(f.metric, list);
  }
  const out: CellMismatch[] = [];
  for (const [metric, value] of Object.entries(gold)) {
    const want = expectedCell(value);
    const got = found.get(metric) ?? [];
    if (got.length === 0 || !got.every((g) => sameCell(want, g))) {
      out.push({ metric, expected: describeCell(want), got: got.length === 0 ? '(missing)' : got.map(describeCell).join(' | ') });
    }
  }
  for (const [metric, values] of found) {
    if (!(metric in gold)) out.push({ metric, expected: '(not in this template)', got: values.map(describeCell).join(' | ') });
  }
  return out;
}
