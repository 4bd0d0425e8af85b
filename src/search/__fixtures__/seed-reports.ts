import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeText } from '../../ingest/normalize.js';
import { outline } from '../../ingest/outline.js';
import type { Report, ReportMeta } from '../../ingest/report.js';
import { CORPUS_DIR } from '../../../test/paths.js';

/**
 * Test-only: the five seed reports as `Report`s, built from their real text with the ingest
 * normalizer and outliner, and the meta a person reads off each title. Lets the search tests pin
 * search behaviour independently of the meta and table parsing.
 */
const SEEDS: Record<string, Omit<ReportMeta, 'title' | 'publishedAt' | 'template'>> = {
  '000_49469f21e3e534d6.txt': {
    agency: '鹤岗市教育局',
    aliases: ['鹤岗', '鹤岗教育局', '鹤岗市教育局'],
    region: { province: '黑龙江省', city: '鹤岗市', county: null },
    year: 2022,
  },
  '001_e71b04dab10cb976.txt': {
    agency: '焦作市教育局',
    aliases: ['焦作', '焦作教育局', '焦作市教育局'],
    region: { province: '河南省', city: '焦作市', county: null },
    year: 2023,
  },
  '002_de8f091d9f2bb639.txt': {
    agency: '同仁市教育局',
    aliases: ['同仁', '同仁教育局', '同仁市教育局'],
    region: { province: '青海省', city: '同仁市', county: null },
    year: 2021,
  },
  '003_e1f77db6df68bd40.txt': {
    agency: '呼兰区教育局',
    aliases: ['呼兰', '呼兰区', '呼兰教育局', '呼兰区教育局'],
    region: { province: '黑龙江省', city: '哈尔滨市', county: '呼兰区' },
    year: 2020,
  },
  '004_1f4ee6e2bcc4addb.txt': {
    agency: '牡丹江市教育局',
    aliases: ['牡丹江', '牡丹江教育局', '牡丹江市教育局'],
    region: { province: '黑龙江省', city: '牡丹江市', county: null },
    year: 2020,
  },
};

export const SEED_FILES: readonly string[] = Object.keys(SEEDS);

/** One seed report; `text` replaces the file's text (to make a changed version of it). */
export function seedReport(file: string, text?: string): Report {
  const raw = text ?? readFileSync(path.join(CORPUS_DIR, file), 'utf8');
  const normalized = normalizeText(raw);
  const meta = SEEDS[file];
  if (!meta) throw new Error(`not a seed: ${file}`);
  return {
    id: file,
    file,
    meta: { ...meta, title: `${meta.agency}${meta.year}年政府信息公开工作年度报告`, publishedAt: null, template: '2021' },
    sections: outline(normalized),
    text: normalized,
    facts: [],
    findings: [],
  };
}

export function seedReports(): Report[] {
  return SEED_FILES.map((f) => seedReport(f));
}
