import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TemplateVersion } from '../src/facts/metrics.js';
import {
  cellIds,
  compareTableFacts,
  LAYOUTS,
  loadParser,
  parserExists,
  renderMinimalReport,
  renderTables,
  tableFacts,
  type GoldFacts,
  type GoldValue,
  type Layout,
  type Parser,
} from './bench/generator/index.js';
import { cellText, drawGridStyle } from './bench/generator/grid.js';
import { Rng } from './bench/generator/random.js';
import { ROOT } from './paths.js';

/**
 * One table, every layout: the same gold facts rendered as tab rows, broken tab rows, one cell
 * per line, markdown and HTML must read back to the same cells.
 */

/** A figure as tables have them: mostly small, sometimes thousands. */
const count = fc.oneof({ weight: 12, arbitrary: fc.nat({ max: 50 }) }, { weight: 2, arbitrary: fc.nat({ max: 999_999 }) });
/** A cell as printed: a figure, or left blank, or "/". */
const cellOf = (figure: fc.Arbitrary<number>): fc.Arbitrary<GoldValue> =>
  fc.oneof({ weight: 14, arbitrary: figure }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant('n/a' as const) });
/** 万元 with up to four decimals, made from whole 元. */
const amount = fc.oneof(fc.constant(0), fc.nat({ max: 50_000_000 }).map((yuan) => yuan / 10_000), fc.nat({ max: 99_999 }));
const change = fc.integer({ min: -60, max: 60 });

function cellArbitrary(metric: string): fc.Arbitrary<GoldValue> {
  if (metric.endsWith('.amount')) return cellOf(amount);
  if (metric.endsWith('.change')) return cellOf(change);
  if (metric === 'other_services.prev_items') return fc.oneof({ weight: 12, arbitrary: cellOf(count) }, { weight: 1, arbitrary: fc.constant('text:涉外学校审批' as const) });
  return cellOf(count);
}

/** Gold facts of one template: every cell, each drawn on its own (the sums need not hold). */
function factsArbitrary(template: TemplateVersion): fc.Arbitrary<GoldFacts> {
  return fc.record(Object.fromEntries(cellIds(template).map((id) => [id, cellArbitrary(id)]))) as fc.Arbitrary<GoldFacts>;
}

const anyTable = fc
  .record({ template: fc.constantFrom<TemplateVersion>('2019', '2021'), style: fc.nat({ max: 1_000_000 }) })
  .chain(({ template, style }) => factsArbitrary(template).map((facts) => ({ template, style, facts })));

/**
 * A realistic table (the generator's figures for `figures`, all rules holding) with a few cells
 * left blank or printed "/". Small to shrink: a failure comes down to one layout style, one
 * table and the one or two cells that matter.
 */
const realisticTable = fc
  .record({
    template: fc.constantFrom<TemplateVersion>('2019', '2021'),
    figures: fc.nat({ max: 1_000_000 }),
    style: fc.nat({ max: 1_000_000 }),
    special: fc.array(fc.record({ cell: fc.nat(), as: fc.constantFrom<GoldValue>(null, 'n/a') }), { maxLength: 3 }),
  });

function realisticFacts(c: { template: TemplateVersion; figures: number; special: { cell: number; as: GoldValue }[] }): GoldFacts {
  const facts = tableFacts(c.figures, c.template);
  const ids = cellIds(c.template);
  for (const s of c.special) facts[ids[s.cell % ids.length]] = s.as;
  return facts;
}

/** Values of the tables in the order a reader meets them: table 1, 2, 3; row by row. */
function printedValues(facts: GoldFacts, seed: number): string[] {
  const style = drawGridStyle(new Rng(seed));
  return Object.entries(facts)
    .map(([m, v]) => cellText(v, m, style).trim())
    .filter((t) => t !== '');
}

/** Cell-ish tokens of a rendered text: what lies between tabs, pipes, tags, line ends and column gaps. */
function tokens(text: string): string[] {
  return text
    .split(/[\t\n\f|]| {2,}|<[^>]*>/)
    .map((t) => t.replace(/&nbsp;/g, ' ').trim())
    .filter((t) => t !== '');
}

function isSubsequence(needles: readonly string[], hay: readonly string[]): boolean {
  let j = 0;
  for (const t of hay) if (j < needles.length && t === needles[j]) j++;
  return j === needles.length;
}

describe('one table in every layout', () => {
  it.each(LAYOUTS)('prints every cell in table order as %s', (layout) => {
    fc.assert(
      fc.property(anyTable, ({ template, style, facts }) => {
        const text = renderTables(facts, layout, { template, seed: style });
        expect(isSubsequence(printedValues(facts, style), tokens(text))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('renders the same facts differently in each layout', () => {
    const facts = fc.sample(factsArbitrary('2021'), { numRuns: 1, seed: 3 })[0];
    const texts = LAYOUTS.map((l) => renderTables(facts, l, { seed: 1 }));
    expect(new Set(texts).size).toBe(LAYOUTS.length);
  });
});

describe.skipIf(!parserExists(ROOT))('parser reads one table back in every layout', () => {
  let parser: Parser;
  beforeAll(async () => {
    parser = await loadParser(ROOT);
  });

  const readBack = (layout: Layout, template: TemplateVersion, style: number, facts: GoldFacts) => {
    const { file, text } = renderMinimalReport(facts, layout, { template, seed: style });
    const r = parser.parse(text, file);
    if (!r.ok) return [{ metric: '(report)', expected: 'parsed', got: r.error.message }];
    return compareTableFacts(facts, r.value.facts);
  };

  it.each(LAYOUTS)('reads the gold facts back from %s', (layout) => {
    fc.assert(
      fc.property(realisticTable, (c) => {
        const { template, style, special } = c;
        const facts = realisticFacts(c);
        // Columns laid out by spaces lose a blank cell's place where no full row shows the columns
        // (a one-row item of table 1, table 3): such a cell may read as unknown, never as a figure.
        const misread = readBack(layout, template, style, facts).filter((m) => !(layout === 'pdf-layout' && m.got === 'unknown' && special.length > 0));
        if (misread.length > 0) {
          const shown = misread.slice(0, 8).map((m) => `${m.metric}: expected ${m.expected}, got ${m.got}`);
          const blanks = special.map((s) => `${cellIds(template)[s.cell % cellIds(template).length]}=${String(s.as)}`).join(', ') || 'none';
          throw new Error(`${layout}, ${template} template, blank/"/" cells: ${blanks}; ${misread.length} cells misread:\n  ${shown.join('\n  ')}`);
        }
      }),
      { numRuns: Number(process.env.LAYOUT_RUNS ?? 25) },
    );
  });
});
