/**
 * One report's text in, one `Report` out: normalize → outline → meta → tables → narrative
 * figures → impossible figures set aside → checks. Works on text only; loaders turn files into
 * text before this.
 */
import { checkReport } from '../facts/checks.js';
import { readMeta } from './meta.js';
import { readNarrative } from './narrative.js';
import { normalizeText } from './normalize.js';
import { outline } from './outline.js';
import { withoutImpossibleFigures } from './plausible.js';
import type { LoadedText } from './formats/load.js';
import type { Report, Result } from './report.js';
import { ocrCellsConfirmedBySums } from './ocr-cells.js';
import { detectTemplate, readTables } from './tables.js';

/**
 * `loaded`: what the loader found beside the text: its findings (bytes replaced …), kept first,
 * the publication date a web page's markup states, and whether the text was read by OCR (then
 * every fact's source says so, for a figure OCR read may be misread).
 */
export function parseReportText(raw: string, file: string, loaded: Pick<LoadedText, 'findings' | 'publishedAt' | 'readBy'> = {}): Result<Report> {
  const text = normalizeText(raw);
  if (text.trim() === '') return { ok: false, error: { file, message: '文件是空的' } };
  const sections = outline(text);
  const meta = readMeta(text, file, loaded.publishedAt ?? null);
  if (!meta.ok) return meta;
  if (!sections.some((s) => s.no >= 2 && s.no <= 4) && !/第\s*二\s*十\s*条|申\s*请\s*人\s*情\s*况/.test(text)) {
    return { ok: false, error: { file, message: '不是政府信息公开年度报告：找不到“主动公开政府信息情况”等章节或表格' } };
  }
  const template = detectTemplate(sections, meta.value.year);
  const who = `${meta.value.agency}${meta.value.year}年报`;
  const tables = readTables(text, sections, template, who);
  const narrative = readNarrative(sections, template);
  const { facts: plausible, findings: impossible } = withoutImpossibleFigures([...tables.facts, ...narrative.facts], who);
  const ocr = loaded.readBy === 'ocr' ? ocrCellsConfirmedBySums(plausible, who) : { facts: plausible, findings: [] };
  const facts = loaded.readBy === 'ocr' ? ocr.facts.map((f) => ({ ...f, source: `${f.source}（扫描件 OCR 识别）` })) : plausible;
  const findings = [
    ...(loaded.findings ?? []),
    ...tables.findings,
    ...impossible,
    ...ocr.findings,
    ...checkReport({ who, template, facts, noRequestClaims: narrative.noRequestClaims }),
  ];
  return {
    ok: true,
    value: { id: file, file, meta: { ...meta.value, template }, sections, text, facts, findings },
  };
}
