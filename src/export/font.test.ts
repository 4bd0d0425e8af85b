import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { METRICS } from '../facts/metrics.js';
import { chartFontFor } from './font.js';

/** Glyphs in an OpenType font: `numGlyphs` of its maxp table. */
function glyphCount(font: Buffer): number {
  const tables = font.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    if (font.toString('latin1', record, record + 4) === 'maxp') return font.readUInt16BE(font.readUInt32BE(record + 8) + 4);
  }
  throw new Error('no maxp table');
}

describe('the chart font', () => {
  it('has a glyph for every character of the metric labels, the agencies of the corpus and the charts\' own words', async () => {
    const agencies = ['牡丹江市教育局', '呼兰区教育局', '鹤岗市教育局', '焦作市教育局', '同仁市教育局', '鼓楼区教育局（福州市）'];
    const words = '来源：个单位的政府信息公开工作年度报告（–，共份中的前；没有数字未画出图中为前）排名对比逐年变化万元件项0123456789.…';
    const text = [...METRICS.map((m) => m.label), ...agencies, words].join('');
    const chars = [...new Set(text.replace(/\s/g, ''))];
    // A character the font lacks would be drawn as an empty box: the subset would miss its glyph.
    expect(glyphCount(Buffer.from(await chartFontFor(chars.join(''))))).toBeGreaterThanOrEqual(chars.length + 1);
  });

  it('covers the common characters of real report text', async () => {
    const text = readFileSync(`${CORPUS_DIR}/004_1f4ee6e2bcc4addb.txt`, 'utf8');
    const hanzi = [...new Set(text.match(/[\u4e00-\u9fff]/g) ?? [])];
    expect(hanzi.length).toBeGreaterThan(300);
    expect(glyphCount(Buffer.from(await chartFontFor(hanzi.join(''))))).toBe(hanzi.length + 1);
  });
});
