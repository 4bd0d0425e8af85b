import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, whyNoPostgres, type Cluster } from '../../test/pg/cluster.js';
import { CORPUS_DIR } from '../../test/paths.js';
import { agencyKey, FactStore } from '../facts/store.js';
import { listCorpusFiles, loadCorpus, parseEach } from '../ingest/corpus.js';
import type { Report } from '../ingest/report.js';
import { openDatabase } from './database.js';
import { writeCorpus } from './write-corpus.js';
import { keepCorpusNamesWhole } from './corpus-names.js';
import { completeGroups } from './write-groups.js';
import { removeReports, writeReport, writeReports, type ReportToWrite } from './write-report.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

describe.skipIf(missing)('writing a corpus into the database', () => {
  let cluster: Cluster;
  let seeds: Report[];
  const pools: pg.Pool[] = [];
  const dirs: string[] = [];
  const database = async (name: string) => {
    const db = await openDatabase(await cluster.createDatabase(name));
    if (!db.ok) throw new Error(db.error);
    pools.push(db.pool);
    return db.pool;
  };
  const corpusCopy = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
    dirs.push(dir);
    cpSync(CORPUS_DIR, dir, { recursive: true });
    return dir;
  };
  const files = async (pool: pg.Pool) => (await pool.query('SELECT file FROM reports ORDER BY file')).rows.map((r) => r.file);

  beforeAll(async () => {
    cluster = await startCluster();
    seeds = (await loadCorpus(CORPUS_DIR)).reports;
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await cluster?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('holds every report with all its facts, findings, sections and passages', async () => {
    const pool = await database('whole');
    const summary = await writeCorpus(pool, CORPUS_DIR);
    expect(summary.errors).toEqual([]);
    expect(summary.written.map((w) => w.file)).toEqual(seeds.map((r) => r.id));
    expect(summary.reports).toBe(seeds.length);
    for (const r of seeds) {
      const { rows } = await pool.query(
        `SELECT r.agency, r.year, r.template, r.published_at, r.aliases, length(r.text) AS chars,
                (SELECT count(*)::int FROM facts f WHERE f.report_id = r.id) AS facts,
                (SELECT count(*)::int FROM findings f WHERE f.report_id = r.id) AS findings,
                (SELECT count(*)::int FROM sections s WHERE s.report_id = r.id) AS sections,
                (SELECT count(*)::int FROM passages p WHERE p.report_id = r.id) AS passages
           FROM reports r WHERE r.file = $1`,
        [r.id],
      );
      expect(rows[0]).toMatchObject({
        agency: r.meta.agency,
        year: r.meta.year,
        template: r.meta.template,
        published_at: r.meta.publishedAt,
        aliases: r.meta.aliases,
        facts: r.facts.length,
        findings: r.findings.length,
        sections: r.sections.length,
      });
      expect(rows[0].passages).toBeGreaterThan(10);
    }
  });

  it('keeps every cell in its state: a number, a blank, "/" and words stay what they were', async () => {
    const pool = await database('cells');
    await writeCorpus(pool, CORPUS_DIR);
    for (const r of seeds) {
      const { rows } = await pool.query(
        `SELECT f.metric, f.kind, f.value::float8 AS value, f.text, f.source, f.origin FROM facts f JOIN reports r ON r.id = f.report_id
          WHERE r.file = $1 ORDER BY f.ordinal`,
        [r.id],
      );
      expect(rows).toEqual(
        r.facts.map((f) => ({
          metric: f.metric,
          kind: f.value.kind,
          value: f.value.kind === 'number' ? f.value.value : null,
          text: f.value.kind === 'text' ? f.value.text : null,
          source: f.source,
          origin: f.origin,
        })),
      );
    }
  });

  it('writes nothing again when no file changed', async () => {
    const pool = await database('again');
    await writeCorpus(pool, CORPUS_DIR);
    const again = await writeCorpus(pool, CORPUS_DIR);
    expect(again.written).toEqual([]);
    expect(again.unchanged).toBe(seeds.length);
    expect(again.reports).toBe(seeds.length);
  });

  it('reads again only a file whose content changed, and only records a touched one', async () => {
    const dir = corpusCopy();
    const pool = await database('changed');
    await writeCorpus(pool, dir);
    const [first, second] = seeds.map((r) => r.id);
    appendFileSync(path.join(dir, first), '\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(dir, second), later, later);
    const update = await writeCorpus(pool, dir);
    expect(update.written.map((w) => w.file)).toEqual([first]);
    expect(update.unchanged).toBe(seeds.length - 1);
    const { rows } = await pool.query('SELECT mtime_ms FROM reports WHERE file = $1', [second]);
    expect(rows[0].mtime_ms).toBe(statSync(path.join(dir, second)).mtimeMs);
  });

  it('takes out the reports of files gone from the folder, and of files no longer read as a report', async () => {
    const dir = corpusCopy();
    const pool = await database('gone');
    await writeCorpus(pool, dir);
    const [first, second] = seeds.map((r) => r.id);
    rmSync(path.join(dir, first));
    writeFileSync(path.join(dir, second), '这不是一份年报。');
    const update = await writeCorpus(pool, dir);
    expect(update.removed.sort()).toEqual([first, second].sort());
    expect(update.errors.map((e) => e.file)).toEqual([second]);
    expect(await files(pool)).toEqual(seeds.map((r) => r.id).filter((f) => f !== first && f !== second));
    const orphans = await pool.query('SELECT count(*)::int AS n FROM facts f WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = f.report_id)');
    expect(orphans.rows[0].n).toBe(0);
  });

  it('keeps the words\' and passages\' counts of the ranking as reports come, change and go', async () => {
    const dir = corpusCopy();
    const pool = await database('counts');
    const counted = async () => {
      const kept = await pool.query('SELECT word, passages FROM passage_words ORDER BY word COLLATE "C"');
      const recount = await pool.query('SELECT u.lexeme AS word, count(*)::int AS passages FROM passages p, unnest(p.tokens) u GROUP BY u.lexeme ORDER BY u.lexeme COLLATE "C"');
      expect(kept.rows).toEqual(recount.rows);
      const totals = await pool.query('SELECT passages::int, length::int FROM passage_totals');
      const sums = await pool.query('SELECT count(*)::int AS passages, coalesce(sum(token_count(tokens)), 0)::int AS length FROM passages');
      expect(totals.rows).toEqual(sums.rows);
      return kept.rows.length;
    };
    await writeCorpus(pool, dir);
    expect(await counted()).toBeGreaterThan(100);
    const [first, second] = seeds.map((r) => r.id);
    rmSync(path.join(dir, first));
    writeFileSync(path.join(dir, second), readFileSync(path.join(CORPUS_DIR, second), 'utf8').replace(/。/, '。新增一句话，写入新的词语。'));
    await writeCorpus(pool, dir);
    await counted();
    await expect(pool.query("UPDATE passages SET text = text || ' '")).rejects.toThrow(/never updated/);
  });

  it('lets one writer at a time write: a second waits, then finds the work done', async () => {
    const url = await cluster.createDatabase('writers');
    const opened = await Promise.all([openDatabase(url), openDatabase(url)]);
    const [a, b] = opened.map((o) => {
      if (!o.ok) throw new Error(o.error);
      pools.push(o.pool);
      return o.pool;
    });
    let waited = 0;
    const [x, y] = await Promise.all([writeCorpus(a, CORPUS_DIR, { onWait: () => waited++ }), writeCorpus(b, CORPUS_DIR, { onWait: () => waited++ })]);
    expect(waited).toBe(1);
    expect([x.written.length, y.written.length].sort()).toEqual([0, seeds.length]);
    expect(await files(a)).toEqual(seeds.map((r) => r.id));
  });

  it('names an agency with its place where two places have an agency of that name, as the fact store does', async () => {
    const pool = await database('keys');
    const source = seeds[0];
    const elsewhere: Report = { ...source, id: 'elsewhere.txt', file: 'elsewhere.txt', meta: { ...source.meta, region: { province: '福建省', city: '平潭', county: null } } };
    const reports = [...seeds, elsewhere];
    const client = await pool.connect();
    try {
      for (const r of reports) await writeReport(client, { file: r.id, sha256: 'x', size: 1, mtimeMs: 1 }, r);
      const keys = async () => new Map((await client.query('SELECT file, agency_key FROM reports')).rows.map((r) => [r.file, r.agency_key]));
      const store = new FactStore(reports);
      expect(await keys()).toEqual(new Map(reports.map((r) => [r.id, agencyKey(r)])));
      expect((await keys()).get(source.id)).toBe(`${source.meta.agency}（${source.meta.region.city}）`);
      expect(store.agencies()).toContain(`${source.meta.agency}（平潭）`);
      // The merged report and its readings, written before the other place came, follow.
      const answered = async () =>
        (
          await client.query(
            'SELECT DISTINCT g.agency_key AS report, x.agency_key AS reading FROM report_groups g JOIN readings x ON x.group_id = g.id WHERE g.file = $1',
            [source.id],
          )
        ).rows;
      const placed = `${source.meta.agency}（${source.meta.region.city}）`;
      expect(await answered()).toEqual([{ report: placed, reading: placed }]);
      // One of them gone, the other is its name alone again.
      await removeReports(client, ['elsewhere.txt']);
      expect((await keys()).get(source.id)).toBe(source.meta.agency);
      expect(await answered()).toEqual([{ report: source.meta.agency, reading: source.meta.agency }]);
    } finally {
      client.release();
    }
  });

  it('leaves a report as it was when writing its new reading fails half-way', async () => {
    const pool = await database('halfway');
    await writeCorpus(pool, CORPUS_DIR);
    const source = seeds[0];
    // The database refuses the findings, written after the report's row, sections and facts.
    const broken = { ...source, facts: source.facts.slice(0, 3), findings: [{ rule: 'balance', severity: 'fatal', metrics: [], message: '' }] } as unknown as Report;
    const client = await pool.connect();
    try {
      await expect(writeReport(client, { file: source.id, sha256: 'y', size: 2, mtimeMs: 2 }, broken)).rejects.toThrow(/severity/);
    } finally {
      client.release();
    }
    const { rows } = await pool.query(
      'SELECT r.sha256, (SELECT count(*)::int FROM facts f WHERE f.report_id = r.id) AS facts FROM reports r WHERE r.file = $1',
      [source.id],
    );
    expect(rows).toEqual([{ sha256: expect.not.stringMatching(/^y$/), facts: source.facts.length }]);
  });
  it('writes a batch of reports whole or not at all: one report refused leaves every one as it was', async () => {
    const pool = await database('batch');
    await writeCorpus(pool, CORPUS_DIR);
    const stored = async () => (await pool.query('SELECT file, sha256, (SELECT count(*)::int FROM passages p WHERE p.report_id = r.id) AS passages FROM reports r ORDER BY file')).rows;
    const before = await stored();
    const [good, bad] = seeds;
    const broken = { ...bad, findings: [{ rule: 'balance', severity: 'fatal', metrics: [], message: '' }] } as unknown as Report;
    const client = await pool.connect();
    try {
      await expect(
        writeReports(client, [
          { stamp: { file: good.id, sha256: 'y', size: 2, mtimeMs: 2 }, report: good },
          { stamp: { file: bad.id, sha256: 'y', size: 2, mtimeMs: 2 }, report: broken },
        ]),
      ).rejects.toThrow(/severity/);
    } finally {
      client.release();
    }
    expect(await stored()).toEqual(before);
  });
  it('stops at a failure that is not the data\'s, writing nothing more, and says why', async () => {
    const pool = await database('failing');
    await pool.query('ALTER TABLE readings RENAME TO readings_gone');
    await expect(writeCorpus(pool, CORPUS_DIR)).rejects.toThrow(/readings/);
    expect(await files(pool)).toEqual([]);
    // The writer's lock went with the failure: the next writer is not kept waiting.
    await pool.query('ALTER TABLE readings_gone RENAME TO readings');
    expect((await writeCorpus(pool, CORPUS_DIR)).written).toHaveLength(seeds.length);
  });
  it('merges a group of copies from the reports just written exactly as from its members read back', async () => {
    const pool = await database('in-hand');
    const dir = corpusCopy();
    const first = seeds[0].id;
    // A copy stating one cell differently: the merged report leaves it unknown, with a finding.
    const lines = readFileSync(path.join(dir, first), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('一、本年新收政府信息公开申请数量'));
    lines[at] = lines[at].replace(/\t\d+(\s*)$/, '\t3$1');
    expect(lines[at]).toMatch(/\t3\s*$/);
    writeFileSync(path.join(dir, first.replace(/(\.[a-z]+)$/, '-副本$1')), lines.join('\n'));
    const snapshot = async () => ({
      groups: (
        await pool.query(
          `SELECT copy_key, file, files, agency, agency_key, aliases, province, city, county, year, template, published_at, title, sections, findings, serious
             FROM report_groups ORDER BY file COLLATE "C"`,
        )
      ).rows,
      readings: (
        await pool.query(
          `SELECT g.file AS report, x.metric, x.template, x.year, x.agency_key, x.file, x.kind, x.value, x.disagree, x.narrated, x.facts
             FROM readings x JOIN report_groups g ON g.id = x.group_id ORDER BY g.file COLLATE "C", x.metric`,
        )
      ).rows,
    });

    const batch: ReportToWrite[] = [];
    await parseEach(dir, await listCorpusFiles(dir), (file, r) => {
      if (r.ok) batch.push({ stamp: { file, sha256: file, size: 1, mtimeMs: 1 }, report: r.value });
    });
    expect(batch).toHaveLength(seeds.length + 1);
    // And a copy of another report holding NUL, which the database keeps as U+FFFD.
    const other = batch.find((x) => x.stamp.file === seeds[1].id) as ReportToWrite;
    const withNul = (t: string) => `${t}\0`;
    const nul = {
      ...other.report,
      meta: { ...other.report.meta, title: withNul(other.report.meta.title) },
      facts: other.report.facts.map((f, i) => (i === 0 ? { ...f, source: withNul(f.source) } : f)),
      findings: [],
    } as Report;
    // The primary copy of its group: no findings, and first by name.
    batch.push({ stamp: { file: `!${seeds[1].id}`, sha256: 'nul', size: 1, mtimeMs: 1 }, report: nul });
    const client = await pool.connect();
    try {
      await keepCorpusNamesWhole(client);
      // Every member in one batch: the groups are merged from the reports in hand.
      await writeReports(client, batch);
      const fromHand = await snapshot();
      const merged = fromHand.groups.find((g) => g.files.length > 1 && g.files.includes(first));
      expect(merged?.findings).toContainEqual(expect.objectContaining({ rule: 'copies_disagree' }));
      expect(fromHand.groups.find((g) => g.file === `!${seeds[1].id}`)?.title).toContain('\uFFFD');
      // Made again by reading every member back (as for a database written before the groups were kept).
      await pool.query('DELETE FROM report_groups');
      expect(await completeGroups(client)).toBe(seeds.length);
      expect(await snapshot()).toEqual(fromHand);
    } finally {
      client.release();
    }
  });
  it('keeps one merged report a group of copies, made again as a copy comes and goes, and made where missing', async () => {
    const pool = await database('groups');
    const dir = corpusCopy();
    const first = seeds[0].id;
    const copy = first.replace(/(\.[a-z]+)$/, '-副本$1');
    cpSync(path.join(dir, first), path.join(dir, copy));
    const groups = async () =>
      (await pool.query<{ file: string; files: string[] }>('SELECT file, files FROM report_groups ORDER BY file COLLATE "C"')).rows;
    const readings = async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM readings')).rows[0].n;

    await writeCorpus(pool, dir);
    const merged = await groups();
    expect(merged).toHaveLength(seeds.length);
    expect(merged.find((g) => g.files.length > 1)?.files.sort()).toEqual([first, copy].sort());
    const held = await readings();
    expect(held).toBeGreaterThan(seeds.length);

    rmSync(path.join(dir, copy));
    await writeCorpus(pool, dir);
    expect((await groups()).map((g) => g.files)).toEqual(seeds.map((r) => [r.id]).sort());
    expect(await readings()).toBe(held);

    // A database written before the groups were kept: the next run makes them.
    await pool.query('DELETE FROM report_groups');
    await writeCorpus(pool, dir);
    expect((await groups()).map((g) => g.file)).toEqual(seeds.map((r) => r.id).sort());
    expect(await readings()).toBe(held);
  });
});
