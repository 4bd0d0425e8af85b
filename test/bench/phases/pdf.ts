import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Reading one long report from a PDF, in a fresh process: the Word-made report of about 40
 * pages in test/fixtures/word-made (`*_long.pdf`, made by make-word-fixtures.ts). pdf.js runs in
 * this thread (no worker), so the figures are those of one core.
 */
export interface PdfFigures {
  file: string;
  bytes: number;
  pages: number;
  /** Importing the loader and the parser. */
  importMs: number;
  /** The first `loadFile`, which also loads pdf.js itself, and its CPU time. */
  firstLoadMs: number;
  firstLoadCpuMs: number;
  /** `loadFile` (bytes → laid-out text), best of the runs. */
  loadMs: number;
  /** `parseReportText` on that text, best of the runs. */
  parseMs: number;
  /** CPU time of the best load + parse: about the wall time when one core did the work. */
  cpuMs: number;
  /** Table cells read as the gold has them. */
  cellsRight: number;
  cells: number;
}

export async function run(a: { file: string; runs: number }): Promise<PdfFigures> {
  let t = performance.now();
  const { loadFile } = await import('../../../src/ingest/formats/load.js');
  const { parseReportText } = await import('../../../src/ingest/parse.js');
  const { compareTableFacts } = await import('../generator/readback.js');
  const importMs = performance.now() - t;
  const name = path.basename(a.file);
  const gold = (JSON.parse(readFileSync(path.join(path.dirname(a.file), 'gold.json'), 'utf8')) as { file: string; facts: Record<string, never> }[]).find(
    (g) => g.file.replace(/\.docx$/, '.pdf') === name,
  );
  let firstLoadMs = 0;
  let firstLoadCpuMs = 0;
  let best = { loadMs: Infinity, parseMs: Infinity, cpuMs: Infinity };
  let pages = 0;
  let cellsRight = 0;
  for (let i = 0; i <= a.runs; i++) {
    const cpu = process.cpuUsage();
    t = performance.now();
    const loaded = await loadFile(a.file);
    const loadMs = performance.now() - t;
    const loadCpu = process.cpuUsage(cpu);
    if (!loaded.ok) throw new Error(`${name}: ${loaded.error.message}`);
    t = performance.now();
    const parsed = parseReportText(loaded.value.text, name, loaded.value);
    const parseMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    if (!parsed.ok) throw new Error(`${name}: ${parsed.error.message}`);
    if (i === 0) {
      // The first run pays for pdf.js's own import; it is reported apart.
      firstLoadMs = loadMs;
      firstLoadCpuMs = (loadCpu.user + loadCpu.system) / 1000;
      pages = loaded.value.text.split('\f').length;
      const cells = gold ? Object.keys(gold.facts).length : 0;
      cellsRight = gold ? cells - compareTableFacts(gold.facts, parsed.value.facts).length : 0;
      continue;
    }
    if (loadMs + parseMs < best.loadMs + best.parseMs) best = { loadMs, parseMs, cpuMs: (used.user + used.system) / 1000 };
  }
  return { file: name, bytes: statSync(a.file).size, pages, importMs, firstLoadMs, firstLoadCpuMs, ...best, cellsRight, cells: gold ? Object.keys(gold.facts).length : 0 };
}
