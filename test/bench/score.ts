/**
 * Scores the reader against the generator's gold on reports no test reads: every table cell of
 * `--n` generated reports of `--seed`, read from the text as a loader gives it, counted right,
 * wrong or unknown, overall and layout by layout; the wrong ones are listed.
 *
 *   npm run -s score -- --seed 777 --n 300
 */
import { parseArgs } from 'node:util';
import { htmlToText } from '../../src/ingest/formats/html.js';
import { parseReportText } from '../../src/ingest/parse.js';
import { compareTableFacts } from './generator/readback.js';
import { generateReport } from './generator/report.js';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '777' }, n: { type: 'string', default: '300' } } });
const seed = Number(values.seed);
const n = Number(values.n);
const tally = () => ({ cells: 0, wrong: 0, unknown: 0, reports: 0 });
const all = tally();
const byLayout = new Map<string, ReturnType<typeof tally>>();
const wrongs: string[] = [];
for (let i = 0; i < n; i++) {
  const g = generateReport(seed, i);
  const t = byLayout.get(g.gold.layout) ?? tally();
  byLayout.set(g.gold.layout, t);
  const cells = Object.keys(g.gold.facts).length;
  for (const x of [all, t]) {
    x.cells += cells;
    x.reports++;
  }
  const r = parseReportText(g.file.endsWith('.html') ? htmlToText(g.text) : g.text, g.file);
  if (!r.ok) {
    for (const x of [all, t]) x.unknown += cells;
    continue;
  }
  for (const m of compareTableFacts(g.gold.facts, r.value.facts)) {
    const unknown = m.got === 'unknown' || m.got === 'missing';
    for (const x of [all, t]) unknown ? x.unknown++ : x.wrong++;
    if (!unknown) wrongs.push(`${g.file} ${m.metric}: gold ${m.expected}, read ${m.got}`);
  }
}
const line = (name: string, x: ReturnType<typeof tally>) =>
  `${name.padEnd(12)} ${String(x.reports).padStart(4)} reports ${String(x.cells).padStart(6)} cells: ${(100 * (x.cells - x.wrong - x.unknown) / x.cells).toFixed(2)}% right, ${x.wrong} wrong, ${x.unknown} unknown`;
console.log(`seed ${seed}, ${n} reports`);
console.log(line('all', all));
for (const [layout, x] of [...byLayout].sort()) console.log(line(layout, x));
for (const w of wrongs.slice(0, 50)) console.log(`WRONG ${w}`);
