import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { loadCorpus } from '../ingest/corpus.js';
import { parserVersion } from '../ingest/parser-version.js';
import { fromColumns, toColumns, type CatalogColumns, type Entry } from './catalog.js';
import { CATALOG, factIndexOf, factsOf } from './report-store.js';

function setup() {
  const corpus = mkdtempSync(path.join(tmpdir(), 'store-corpus-'));
  const storeDir = path.join(mkdtempSync(path.join(tmpdir(), 'store-index-')), 'reports');
  copyFileSync(path.join(CORPUS_DIR, '001_e71b04dab10cb976.txt'), path.join(corpus, 'a.txt'));
  copyFileSync(path.join(CORPUS_DIR, '003_e1f77db6df68bd40.txt'), path.join(corpus, 'b.txt'));
  return { corpus, storeDir, catalog: path.join(storeDir, CATALOG) };
}

/** Marks the stored copy of a report, so a test can tell a stored report from a parsed one. */
function markStored(catalog: string, agency: string, mark: string) {
  editCatalog(catalog, (c) => {
    for (const e of c.entries) if (e.meta.agency === agency) e.meta.agency = mark;
  });
}

interface Catalog {
  header: { parser: string; reports: number };
  entries: Entry[];
}

/** The catalog as entries (it is stored field by field), edited and written back. */
function readCatalog(catalog: string): Catalog {
  const raw = v8.deserialize(readFileSync(catalog)) as { header: Catalog['header']; columns: CatalogColumns };
  return { header: raw.header, entries: fromColumns(raw.columns) };
}

function editCatalog(catalog: string, edit: (c: Catalog) => void) {
  const c = readCatalog(catalog);
  edit(c);
  writeFileSync(catalog, v8.serialize({ header: c.header, columns: toColumns(c.entries) }));
}

const agencies = (catalog: string) => readCatalog(catalog).entries.map((e) => e.meta.agency);

const bytesOf = (dir: string, prefix: string) =>
  readdirSync(dir)
    .filter((n) => n.startsWith(prefix))
    .reduce((sum, n) => sum + statSync(path.join(dir, n)).size, 0);

describe('the report store', () => {
  it('gives back every seed report as parsed: facts, sections, text, findings, and the fact index', async () => {
    const storeDir = path.join(mkdtempSync(path.join(tmpdir(), 'store-index-')), 'reports');
    const parsed = await loadCorpus(CORPUS_DIR);
    await loadCorpus(CORPUS_DIR, { cacheDir: storeDir });
    const stored = await loadCorpus(CORPUS_DIR, { cacheDir: storeDir });
    expect(stored.reports.length).toBe(parsed.reports.length);
    parsed.reports.forEach((p, i) => {
      const s = stored.reports[i];
      // Facts of one metric first: read from disk alone, before the whole list is decoded and kept.
      for (const m of new Set(p.facts.map((f) => f.metric))) expect(factsOf(s, m)).toEqual(p.facts.filter((f) => f.metric === m));
      expect(factsOf(s, 'no.such.metric')).toEqual([]);
      expect({ id: s.id, file: s.file, meta: s.meta, findings: s.findings }).toEqual({ id: p.id, file: p.file, meta: p.meta, findings: p.findings });
      expect(s.facts).toEqual(p.facts);
      expect(s.text).toBe(p.text);
      expect(s.sections.map((x) => ({ ...x }))).toEqual(p.sections);
      const a = factIndexOf(s);
      const b = factIndexOf(p);
      expect(a.codes.length).toBe(p.facts.length);
      for (let k = 0; k < a.codes.length; k++) {
        expect([a.metrics[a.codes[k]], a.values[k], a.table[k]]).toEqual([b.metrics[b.codes[k]], b.values[k], b.table[k]]);
      }
    });
  });

  it('reads unchanged files back without parsing them', async () => {
    const { corpus, storeDir, catalog } = setup();
    await loadCorpus(corpus, { cacheDir: storeDir });
    markStored(catalog, '焦作市教育局', '库中的焦作');
    const second = await loadCorpus(corpus, { cacheDir: storeDir });
    expect(second.reports.map((r) => r.meta.agency)).toEqual(['库中的焦作', '呼兰区教育局']);
    expect(second.files.map((f) => [f.file, typeof f.size, typeof f.mtimeMs])).toEqual([
      ['a.txt', 'number', 'number'],
      ['b.txt', 'number', 'number'],
    ]);
  });

  it('knows a file of the same content under a new modification time, without parsing it', async () => {
    const { corpus, storeDir, catalog } = setup();
    await loadCorpus(corpus, { cacheDir: storeDir });
    markStored(catalog, '焦作市教育局', '库中的焦作');
    utimesSync(path.join(corpus, 'a.txt'), new Date('2030-01-01'), new Date('2030-01-01'));
    expect((await loadCorpus(corpus, { cacheDir: storeDir })).reports[0].meta.agency).toBe('库中的焦作');
    expect(readCatalog(catalog).entries.map((e) => e.mtimeMs)).toContain(new Date('2030-01-01').getTime());
  });

  it('parses a changed file anew, and the store follows', async () => {
    const { corpus, storeDir, catalog } = setup();
    await loadCorpus(corpus, { cacheDir: storeDir });
    markStored(catalog, '呼兰区教育局', '库中的呼兰');
    writeFileSync(path.join(corpus, 'b.txt'), `${readFileSync(path.join(corpus, 'b.txt'), 'utf8')}\n\n`);
    const again = await loadCorpus(corpus, { cacheDir: storeDir });
    expect(again.reports.map((r) => r.meta.agency)).toEqual(['焦作市教育局', '呼兰区教育局']);
    expect(agencies(catalog)).not.toContain('库中的呼兰');
    // The reports handed back read their facts and text from the files just appended to.
    const parsed = await loadCorpus(corpus);
    for (const [i, r] of again.reports.entries()) {
      expect(factsOf(r, 'requests.new.total')).toEqual(parsed.reports[i].facts.filter((f) => f.metric === 'requests.new.total'));
      expect(r.facts).toEqual(parsed.reports[i].facts);
      expect(r.text).toBe(parsed.reports[i].text);
    }
  });

  it('does not grow without end when files keep changing: dead bytes are compacted away', async () => {
    const { corpus, storeDir } = setup();
    await loadCorpus(corpus, { cacheDir: storeDir });
    const live = bytesOf(storeDir, 'bodies-');
    for (let i = 1; i <= 6; i++) {
      writeFileSync(path.join(corpus, 'b.txt'), `${readFileSync(path.join(corpus, 'b.txt'), 'utf8')}\n附：第${i}次修订。\n`);
      writeFileSync(path.join(corpus, 'a.txt'), `${readFileSync(path.join(corpus, 'a.txt'), 'utf8')}\n附：第${i}次修订。\n`);
      await loadCorpus(corpus, { cacheDir: storeDir });
    }
    expect(bytesOf(storeDir, 'bodies-')).toBeLessThan(live * 2.5);
    const last = await loadCorpus(corpus, { cacheDir: storeDir });
    expect(last.reports.map((r) => r.text.trimEnd().endsWith('附：第6次修订。'))).toEqual([true, true]);
  });

  it('is ignored when written by another parser, cut short, or its columns damaged', async () => {
    const { corpus, storeDir, catalog } = setup();
    await loadCorpus(corpus, { cacheDir: storeDir });
    markStored(catalog, '焦作市教育局', '库中的焦作');
    editCatalog(catalog, (c) => {
      expect(c.header.parser).toBe(parserVersion());
      c.header.parser = 'another-parser';
    });
    expect((await loadCorpus(corpus, { cacheDir: storeDir })).reports[0].meta.agency).toBe('焦作市教育局');

    markStored(catalog, '焦作市教育局', '库中的焦作');
    editCatalog(catalog, (c) => {
      c.entries.pop();
    });
    expect((await loadCorpus(corpus, { cacheDir: storeDir })).reports[0].meta.agency).toBe('焦作市教育局');

    markStored(catalog, '焦作市教育局', '库中的焦作');
    truncateSync(catalog, statSync(catalog).size - 100);
    expect((await loadCorpus(corpus, { cacheDir: storeDir })).reports[0].meta.agency).toBe('焦作市教育局');

    markStored(catalog, '焦作市教育局', '库中的焦作');
    const columns = readdirSync(storeDir).find((n) => n.startsWith('columns-')) as string;
    truncateSync(path.join(storeDir, columns), 16);
    const read = await loadCorpus(corpus, { cacheDir: storeDir });
    expect(read.reports[0].meta.agency).toBe('焦作市教育局');
    expect(read.reports[1].facts.length).toBeGreaterThan(100);
  });

  it('stays right when two loads write to it at once', async () => {
    const { corpus, storeDir, catalog } = setup();
    await loadCorpus(corpus, { cacheDir: storeDir });
    copyFileSync(path.join(CORPUS_DIR, '004_1f4ee6e2bcc4addb.txt'), path.join(corpus, 'c.txt'));
    copyFileSync(path.join(CORPUS_DIR, '002_de8f091d9f2bb639.txt'), path.join(corpus, 'd.txt'));
    const [one, two] = await Promise.all([loadCorpus(corpus, { cacheDir: storeDir }), loadCorpus(corpus, { cacheDir: storeDir })]);
    const parsed = await loadCorpus(corpus);
    for (const got of [one, two, await loadCorpus(corpus, { cacheDir: storeDir })]) {
      expect(got.reports.map((r) => r.file)).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt']);
      got.reports.forEach((r, i) => expect(r.facts).toEqual(parsed.reports[i].facts));
    }
    expect(agencies(catalog)).toHaveLength(4);
  });

  it('keeps file names when the same content sits under another name', async () => {
    const { corpus, storeDir } = setup();
    await loadCorpus(corpus, { cacheDir: storeDir });
    copyFileSync(path.join(corpus, 'a.txt'), path.join(corpus, 'c.txt'));
    const again = await loadCorpus(corpus, { cacheDir: storeDir });
    expect(again.reports.map((r) => r.file)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect((await loadCorpus(corpus, { cacheDir: storeDir })).reports.map((r) => r.id)).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });

  it('leaves the store untouched when the only new file cannot be read as a report', async () => {
    const { corpus, storeDir, catalog } = setup();
    await loadCorpus(corpus, { cacheDir: storeDir });
    writeFileSync(path.join(corpus, 'junk.txt'), '这不是一份年报。');
    const before = statSync(catalog).mtimeMs;
    const again = await loadCorpus(corpus, { cacheDir: storeDir });
    expect(again.errors.map((e) => e.file)).toEqual(['junk.txt']);
    expect(again.reports).toHaveLength(2);
    expect(statSync(catalog).mtimeMs).toBe(before);
  });
});
