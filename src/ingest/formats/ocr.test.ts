/**
 * A scan: the first and third pages of a real report (hongze-qzf-2023, whose text PDF the tests
 * read cell for cell) as pictures in a PDF with no text layer, made with pdftoppm and
 * test/bench/make-scan-pdf.ts. Without the OCR tools it is named as a scan; with them it is read,
 * marked as read by OCR, and no figure OCR read is wrong.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseReportText } from '../parse.js';
import type { Report } from '../report.js';
import { loadFile } from './load.js';
import { ocrAvailable, withoutOcrSpaces } from './ocr.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const SCAN = path.join(FIXTURES, 'hongze-qzf-2023-scan.pdf');
const TEXT = path.join(FIXTURES, '..', '..', '__fixtures__', 'hongze-qzf-2023.layout.txt');

async function report(file: string): Promise<Report> {
  const loaded = await loadFile(file);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const r = parseReportText(loaded.value.text, path.basename(file), loaded.value);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('a scanned PDF', async () => {
  const ocr = await ocrAvailable();
  const before = process.env.REPORT_OCR;
  afterEach(() => {
    if (before === undefined) delete process.env.REPORT_OCR;
    else process.env.REPORT_OCR = before;
  });

  it('is named as a scan when OCR is not there', async () => {
    process.env.REPORT_OCR = 'off';
    const r = await loadFile(SCAN);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^这是扫描件 PDF（2 页，没有文字层）/);
  });

  it.skipIf(!ocr)('is read by OCR where tesseract is installed: marked so, and no figure wrong', { timeout: 300_000 }, async () => {
    const scan = await report(SCAN);
    expect(scan.meta).toMatchObject({ agency: '洪泽区人民政府', year: 2023, template: '2021' });
    expect(scan.findings.map((f) => f.rule)).toContain('ocr');
    const truth = new Map((await report(TEXT)).facts.filter((f) => f.origin === 'table').map((f) => [f.metric, f.value]));
    for (const f of scan.facts.filter((x) => x.origin === 'table' && x.value.kind === 'number')) {
      expect({ metric: f.metric, value: f.value }).toEqual({ metric: f.metric, value: truth.get(f.metric) });
    }
    expect(scan.facts.every((f) => f.source.endsWith('（扫描件 OCR 识别）'))).toBe(true);
  });
});

describe('withoutOcrSpaces', () => {
  it('drops the spaces OCR puts between Chinese characters, keeping those between numbers', () => {
    expect(withoutOcrSpaces('一 、 本 年 新 收   21  0 0 21')).toBe('一、本年新收   21  0 0 21');
    expect(withoutOcrSpaces('共 收 到 26 件')).toBe('共收到 26 件');
  });
});
