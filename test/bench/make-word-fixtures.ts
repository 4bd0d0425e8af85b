/**
 * Writes the Word-made fixtures of test/fixtures/word-made: generated reports as .docx, the PDF
 * LibreOffice makes of each (tables merged as in Word, labels wrapped in their cells, rows broken
 * across pages, page numbers in the footer), and gold.json with every report's facts.
 *
 *   npm run gen:word-fixtures            (needs LibreOffice: `libreoffice --headless` on the PATH,
 *                                         with a Chinese font such as fonts-wqy-microhei)
 *
 * Only this script needs LibreOffice; the tests read the committed files. The PDFs carry their
 * making time, so a new run changes their bytes but not what they read as.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateReport, type GoldReport } from './generator/index.js';

export const WORD_FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/word-made');

/**
 * The reports: three of each template, from different agencies, narrow and wide label columns,
 * organisations' columns left blank, rows broken over a page, a blank cell in table 3; and one
 * long report (sections 一 and 五 printed many times over: about 40 pages) for the reading
 * benchmark. Chosen for what LibreOffice made of them: another generator may want other picks.
 */
export const WORD_FIXTURES: readonly { seed: number; index: number; repeatNarrative?: number; why: string }[] = [
  { seed: 11, index: 12, why: "2019, narrow label columns, organisations' columns mostly blank, 7.属于行政执法案卷 broken over a page" },
  { seed: 11, index: 34, why: '2019, headers split over two lines, header rows repeated on the next page' },
  { seed: 11, index: 8, why: '2019, narrow label columns, 1.本机关不掌握相关政府信息 broken over a page' },
  { seed: 11, index: 4, why: '2021, narrow label columns, a blank cell in table 3' },
  { seed: 11, index: 30, why: "2021, narrow label columns, organisations' columns mostly blank, header rows repeated" },
  { seed: 11, index: 20, why: "2021, organisations' columns mostly blank, table 2 running onto a page without its header" },
  { seed: 11, index: 13, repeatNarrative: 54, why: 'a 40-page report, for timing' },
];

export const GOLD_JSON = 'gold.json';

function convert(docx: string, outDir: string): void {
  const r = spawnSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', outDir, docx], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`LibreOffice could not convert ${path.basename(docx)}: ${r.error?.message ?? r.stderr}`);
}

function main(): void {
  mkdirSync(WORD_FIXTURES_DIR, { recursive: true });
  for (const f of readdirSync(WORD_FIXTURES_DIR)) if (/\.(docx|pdf)$/.test(f) || f === GOLD_JSON) rmSync(path.join(WORD_FIXTURES_DIR, f));
  // LibreOffice keeps its profile in the home folder: a fresh one keeps runs apart.
  const profile = mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
  process.env.HOME = profile;
  const gold: GoldReport[] = [];
  try {
    for (const pick of WORD_FIXTURES) {
      const { file, bytes, gold: g } = generateReport(pick.seed, pick.index, { layout: 'docx', repeatNarrative: pick.repeatNarrative });
      const name = pick.repeatNarrative ? file.replace(/\.docx$/, '_long.docx') : file;
      const docx = path.join(WORD_FIXTURES_DIR, name);
      writeFileSync(docx, bytes!);
      convert(docx, profile);
      renameSync(path.join(profile, name.replace(/\.docx$/, '.pdf')), docx.replace(/\.docx$/, '.pdf'));
      gold.push({ ...g, file: name });
      console.log(`${name}: ${pick.why}`);
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  writeFileSync(path.join(WORD_FIXTURES_DIR, GOLD_JSON), `[\n${gold.map((g) => JSON.stringify(g)).join(',\n')}\n]\n`);
  console.log(`wrote ${gold.length} reports (.docx, .pdf) and ${GOLD_JSON} to ${path.relative(process.cwd(), WORD_FIXTURES_DIR)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
