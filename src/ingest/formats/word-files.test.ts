/**
 * A real report page (../shared/corpus-real/shuyang-fgj-2023.html) saved by LibreOffice as Word
 * 97–2003 (.doc) and as Word 2007 (.docx), with the tables' merged cells as Word keeps them: each
 * is read through the real loader, cell for cell as the page itself.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REAL_CORPUS_DIR } from '../../../test/paths.js';
import { parseReportText } from '../parse.js';
import type { Report } from '../report.js';
import { loadFile } from './load.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const PAGE = path.join(REAL_CORPUS_DIR, 'shuyang-fgj-2023.html');

async function read(file: string): Promise<{ report: Report; format: string }> {
  const loaded = await loadFile(file);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const r = parseReportText(loaded.value.text, path.basename(file), loaded.value);
  if (!r.ok) throw new Error(r.error.message);
  return { report: r.value, format: loaded.value.format };
}

const cells = (r: Report) => new Map(r.facts.filter((f) => f.origin === 'table').map((f) => [f.metric, f.value]));

describe.each([
  ['Word 97–2003', 'shuyang-fgj-2023.doc', 'doc'],
  ['Word 2007', 'shuyang-fgj-2023.docx', 'docx'],
])('a report saved as %s', async (_name, file, format) => {
  const { report, format: read_as } = await read(path.join(FIXTURES, file));

  it('is read as its format, with its agency, year and template', () => {
    expect(read_as).toBe(format);
    expect(report.meta).toMatchObject({ agency: '沭阳县发展和改革局', year: 2023, template: '2021' });
  });

  it('reads every table cell, blanks as blanks', () => {
    const c = cells(report);
    expect(c.size).toBe(200);
    expect([...c.values()].filter((v) => v.kind === 'unknown')).toEqual([]);
    expect(c.get('normative_docs.in_force')).toEqual({ kind: 'number', value: 18 });
    expect(c.get('requests.new.natural_person')).toEqual({ kind: 'number', value: 26 });
    expect(c.get('requests.new.business')).toEqual({ kind: 'blank' });
    expect(c.get('requests.new.total')).toEqual({ kind: 'number', value: 26 });
  });

  it.skipIf(!existsSync(PAGE))('reads each cell as the web page it was saved from', async () => {
    const page = await read(PAGE);
    expect(cells(report)).toEqual(cells(page.report));
  });
});

describe('Word files that cannot be read say why', () => {
  it('a damaged .doc, cut short, and an Office file that is no Word document', async () => {
    const { readFile } = await import('node:fs/promises');
    const { loadBytes } = await import('./load.js');
    const bytes = await readFile(path.join(FIXTURES, 'shuyang-fgj-2023.doc'));
    const cut = await loadBytes(bytes.subarray(0, bytes.length >> 1), 'cut.doc');
    expect(cut.ok).toBe(false);
    if (!cut.ok) expect(cut.error.message).toMatch(/\.doc|Word/);
    const workbook = Buffer.concat([bytes.subarray(0, 512), Buffer.alloc(2048)]);
    const other = await loadBytes(workbook, 'book.doc');
    expect(!other.ok && other.error.message).toMatch(/^文件内容是旧版 Office 文件（不是 Word 文档/);
  });
});
