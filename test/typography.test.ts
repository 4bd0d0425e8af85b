import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SECTION_STYLES } from '../src/ingest/__fixtures__/section-styles.js';
import { htmlToText } from '../src/ingest/formats/html.js';
import { parseReportText } from '../src/ingest/parse.js';
import type { CellValue } from '../src/ingest/report.js';
import { describeCell, expectedCell, generateReport, type GoldReport } from './bench/generator/index.js';
import { retype, TEXT_LAYOUTS, type TextLayout, type Typography } from './retype.js';

/**
 * Typography offices vary without changing a figure (see `retype.ts` for what is varied and what
 * is left alone): a generated report so retyped must read to the same table cells as the report
 * as generated, and to the gold wherever that reading is right.
 *
 * The PDF layout is left out: its columns are runs of spaces, so a space added inside a label or
 * next to a figure moves the text a column over, which no PDF extraction does without moving
 * every column.
 *
 * To replay a failure, set TYPOGRAPHY_SEED (and TYPOGRAPHY_PATH) to the seed (and path)
 * fast-check prints with it; TYPOGRAPHY_RUNS runs more reports a layout.
 */
const RUNS = Number(process.env.TYPOGRAPHY_RUNS ?? 40);
const REPLAY = process.env.TYPOGRAPHY_SEED ? { seed: Number(process.env.TYPOGRAPHY_SEED), path: process.env.TYPOGRAPHY_PATH } : {};

/** The words a report prints in value cells ("详见附件"): its gold's text values. */
function valueWords(gold: GoldReport): string[] {
  return Object.values(gold.facts).flatMap((v) => (typeof v === 'string' && v.startsWith('text:') ? [v.slice('text:'.length)] : []));
}

function tableCells(text: string, file: string): Map<string, CellValue> | string {
  const r = parseReportText(file.endsWith('.html') ? htmlToText(text) : text, file);
  if (!r.ok) return r.error.message;
  return new Map(r.value.facts.filter((f) => f.origin === 'table').map((f) => [f.metric, f.value]));
}

const same = (a: CellValue | undefined, b: CellValue | undefined) => describeCell(a) === describeCell(b);

/** Cells the retyped report reads otherwise than the original, where the change is not a correction. */
function changedCells(gold: GoldReport, before: Map<string, CellValue>, after: Map<string, CellValue>): string[] {
  const out: string[] = [];
  const metrics = new Set([...Object.keys(gold.facts), ...before.keys(), ...after.keys()]);
  for (const m of metrics) {
    const want = m in gold.facts ? expectedCell(gold.facts[m]) : undefined;
    if (same(before.get(m), after.get(m)) || (want && same(after.get(m), want))) continue;
    out.push(`${m}: gold ${want ? describeCell(want) : '(none)'}, as generated ${describeCell(before.get(m))}, retyped ${describeCell(after.get(m))}`);
  }
  return out;
}

/** The lines of the retyped text that differ from the original's, for the failure message. */
function changedLines(before: string, after: string, max = 14): string {
  const a = new Set(before.split('\n'));
  const shown = after
    .split('\n')
    .filter((l) => !a.has(l))
    .slice(0, max)
    .map((l) => `  ${JSON.stringify(l)}`);
  return shown.join('\n');
}

function typographyFor(layout: TextLayout): fc.Arbitrary<Typography> {
  // Markdown marks and bold stay out of a web page's heading; "## ## 一、" is no markdown either.
  const styles = Object.keys(SECTION_STYLES).filter((s) => (layout === 'html' ? !['markdown', 'bold', 'two lines'].includes(s) : layout === 'markdown' ? s !== 'markdown' : true));
  return fc.record({
    labelSpaces: fc.boolean(),
    padding: fc.boolean(),
    fullWidthDigits: fc.boolean(),
    thousands: fc.boolean(),
    punctuation: fc.boolean(),
    wrapLabels: fc.boolean(),
    sections: fc.option(fc.constantFrom(...styles), { nil: null }),
    rate: fc.integer({ min: 1, max: 100 }),
    seed: fc.nat(),
  });
}

describe('table cells read the same however the report is typed', () => {
  it.each(TEXT_LAYOUTS)('reads the same cells from a %s report retyped', (layout) => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.nat({ max: 9_999 }), typographyFor(layout), (seed, index, t) => {
        const original = generateReport(seed, index, { layout });
        const retyped = generateReport(seed, index, { layout, retype: retype(t, layout, valueWords(original.gold)) });
        const before = tableCells(original.text, original.file);
        if (typeof before === 'string') return; // the report as generated is not read: nothing to keep
        const after = tableCells(retyped.text, retyped.file);
        const report = `${layout} generateReport(${seed}, ${index}) [${original.gold.variant}] retyped ${JSON.stringify(t)}`;
        if (typeof after === 'string') throw new Error(`${report}: no longer read (${after})`);
        const changed = changedCells(original.gold, before, after);
        if (changed.length > 0) {
          throw new Error(`${report}: ${changed.length} cells read otherwise:\n  ${changed.slice(0, 10).join('\n  ')}\nlines retyped:\n${changedLines(original.text, retyped.text)}`);
        }
      }),
      { numRuns: RUNS, ...REPLAY },
    );
  });

  it('retypes what it is asked to', () => {
    const t: Typography = { labelSpaces: true, padding: true, fullWidthDigits: true, thousands: true, punctuation: true, wrapLabels: true, sections: null, rate: 60, seed: 1 };
    for (const layout of TEXT_LAYOUTS) {
      const original = generateReport(3, 0, { layout });
      const retyped = generateReport(3, 0, { layout, retype: retype(t, layout) }).text;
      expect(retyped, layout).not.toBe(original.text);
      expect(retyped, layout).toMatch(/[０-９]/);
      expect(retyped, layout).toMatch(/[\u4e00-\u9fff][ \u3000\u00A0]+[\u4e00-\u9fff]/);
      if (layout !== 'markdown' && layout !== 'html') expect(retyped.split('\n').length, layout).toBeGreaterThan(original.text.split('\n').length);
    }
    const heading = retype({ ...t, labelSpaces: false, sections: '第一章' }, 'tsv').heading;
    expect(heading?.('三、收到和处理政府信息公开申请情况', 3)).toBe('第三章　收到和处理政府信息公开申请情况');
  });
});
