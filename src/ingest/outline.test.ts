import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { restyleSections as restyle, SECTION_HEADING as HEADING, SECTION_STYLES as STYLES } from './__fixtures__/section-styles.js';
import { normalizeText } from './normalize.js';
import { outline } from './outline.js';
import { parseReportText } from './parse.js';
import type { Report } from './report.js';

const CORPUS = path.join(__dirname, '..', '..', 'corpus');
const SEEDS = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .map((file) => ({ file, text: readFileSync(path.join(CORPUS, file), 'utf8') }));

function tableCells(r: Report): Record<string, unknown> {
  return Object.fromEntries(r.facts.filter((f) => f.origin === 'table').map((f) => [f.metric, f.value]));
}

function parsed(text: string, file: string): Report {
  const r = parseReportText(text, file);
  if (!r.ok) throw new Error(`${file}: ${r.error.message}`);
  return r.value;
}

describe('sections numbered in any style', () => {
  for (const [name, style] of Object.entries(STYLES)) {
    it(`reads every table cell of every seed with headings numbered ${name}`, () => {
      for (const seed of SEEDS) {
        const restyled = restyle(seed.text, style);
        expect(restyled, seed.file).not.toBe(seed.text);
        const original = parsed(seed.text, seed.file);
        const report = parsed(restyled, seed.file);
        expect(tableCells(report), `${seed.file} (${name})`).toEqual(tableCells(original));
        expect(report.sections.map((s) => s.no), `${seed.file} (${name})`).toEqual(original.sections.map((s) => s.no));
      }
    });
  }

  it('takes a subsection of another style for no section', () => {
    const text = ['（一）总体情况', '1.主动公开政府信息情况', '本年主动公开信息。', '（二）主动公开政府信息情况', '表一', '（三）收到和处理政府信息公开申请情况', '表二'].join('\n');
    const sections = outline(normalizeText(text));
    expect(sections.map((s) => [s.no, s.title])).toEqual([
      [0, ''],
      [1, '（一）总体情况'],
      [2, '（二）主动公开政府信息情况'],
      [3, '（三）收到和处理政府信息公开申请情况'],
    ]);
  });

  it('finds a "第四部分" heading spaced out as PDF extracts print it', () => {
    const titles = ['总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项'];
    const text = titles.map((t, i) => `${i === 3 ? '第 四 部 分' : `第${'一二三四五六'[i]}部分`} ${t}\n正文。`).join('\n');
    expect(outline(normalizeText(text)).map((s) => s.no)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('still reads the tables of a report whose headings are all gone', () => {
    for (const seed of SEEDS) {
      const headless = seed.text.replace(HEADING, '');
      const report = parsed(headless, seed.file);
      const original = parsed(seed.text, seed.file);
      expect(report.findings.filter((f) => f.message.includes('没有找到表')), seed.file).toEqual([]);
      expect(tableCells(report), seed.file).toEqual(tableCells(original));
    }
  });
});
