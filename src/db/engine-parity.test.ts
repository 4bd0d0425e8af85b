/**
 * The same question gives the same answer on both storages: each corpus (the seeds, the real
 * reports beside the project when present, a generated corpus with copies) is filled into a
 * throwaway database, and every question of the question sets is asked of the engine over the
 * corpus folder and of the engine over the database (`databaseUrl`, no corpus folder), their
 * answers (route, text, citations, table rows) compared whole.
 */
import { INDICATORS, isRate } from '../facts/indicators.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus as generateCorpus } from '../../test/bench/generator/index.js';
import { questionMix } from '../../test/bench/questions.js';
import { startCluster, whyNoPostgres, type Cluster } from '../../test/pg/cluster.js';
import { devSeeds } from '../../test/dev-seeds.js';
import { CORPUS_DIR, hasRealCorpus, REAL_CORPUS_DIR } from '../../test/paths.js';
import { PASSAGES, TABLE_FIGURES, TEXT_FIGURES } from '../query/__fixtures__/confusable.js';
import { JUNE_2024 } from '../query/__fixtures__/reports.js';
import { createEngine, type QueryEngine } from '../query/engine.js';
import { openDatabase } from './database.js';
import { writeCorpus } from './write-corpus.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

/** Questions the other tests ask of real reports, and one of each kind of answer. */
const OWN_QUESTIONS = [
  '语料概况',
  '语料里有哪些单位',
  '收录了哪些年份',
  '北京市教育局2020年采购金额',
  '牡丹江 2020 采购',
  '各局规范性文件现行有效件数排名',
  '2020年收到申请最少的单位',
  '比较牡丹江市教育局和焦作市教育局的收到申请数',
  '各局收到申请逐年变化',
  '2022年各局收到申请合计',
  '2020年采购总金额超过100万元的单位',
  '牡丹江市教育局2020年年报概况',
  '牡丹江市教育局存在哪些问题',
  '焦作市教育局有哪些改进措施',
  '各单位存在什么问题',
  '牡丹江市教育局的数据有什么矛盾',
  '哪些报告不符合勾稽关系',
  '牡丹江市教育局2020年依申请公开率',
  '焦作市教育局2023年收到申请同比',
  '牡丹江市教育局2020年采购总金额排第几',
  '焦作市教育局2023年公开率在同类单位中排第几',
  '2022年各教育局收到申请排第几',
  '2896.642',
  '双随机抽查',
  '政务公开培训',
  '平潭综合实验区2023年行政处罚决定数量',
  '平潭综合实验区行政处罚决定数量逐年变化',
  '平潭综合实验区存在哪些问题',
  '平潭综合实验区2023年的数据有什么矛盾',
  '比较平潭综合实验区2019年和2023年的行政处罚决定数量',
];

/** Every indicator ranked from both ends and filtered (in SQL over the database, report by report in memory), and in the other answers indicators have. */
const INDICATOR_QUESTIONS = INDICATORS.flatMap((d) => [
  `${d.name}排名`,
  `2021年${d.name}最低的单位`,
  `${d.name}前三名`,
  `${d.name}${isRate(d) ? '超过20%' : '超过10件'}的单位`,
  `各单位${d.name}`,
  `2023年各单位${d.name}同比`,
]).concat(['公开率和收到申请排名', '各局公开率逐年变化', '比较各单位的复议纠错率']);

/** Checks and the list of agencies over a year and over the corpus, read a page of reports (or of agencies) at a time. */
const CHECK_QUESTIONS = ['语料里有哪些单位2021、2022年的报告', '2021年的数据有什么矛盾', '各单位的数据前后年份一致吗', '2022年的数据前后年份一致吗', '哪些报告的合计对不上', '哪些报告的正文和表格不一致'];

const QUESTIONS = [
  ...new Set([...devSeeds.map((s) => s.q), ...TEXT_FIGURES.map(([q]) => q), ...PASSAGES, ...TABLE_FIGURES.map(([q]) => q), ...OWN_QUESTIONS, ...INDICATOR_QUESTIONS, ...CHECK_QUESTIONS]),
];

/**
 * Questions whose answers differ today, by corpus, with why. A question that comes to answer the
 * same fails the test until it is taken off this list.
 */
const KNOWN_DIFFERENCES: Record<string, Record<string, string>> = {
  seed: {},
  real: {},
  generated: {},
};

/** A generated corpus: 60 reports in every layout, a quarter of them also held as a copy in another. */
function generatedCorpus(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-generated-'));
  generateCorpus({ n: 60, seed: 20251205, out: dir, copyRate: 0.25 });
  return dir;
}

const CORPORA = [
  { name: 'seed', dir: () => CORPUS_DIR, present: true },
  { name: 'real', dir: () => REAL_CORPUS_DIR, present: hasRealCorpus },
  { name: 'generated', dir: generatedCorpus, present: true },
];

for (const corpus of CORPORA) {
  describe.skipIf(missing || !corpus.present)(`the ${corpus.name} corpus, embedded and in PostgreSQL`, () => {
    let cluster: Cluster;
    let embedded: QueryEngine;
    let database: QueryEngine;
    let dir: string;
    const temp: string[] = [];
    const tempDir = (prefix: string) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
      temp.push(dir);
      return dir;
    };

    beforeAll(async () => {
      dir = corpus.dir();
      if (dir !== CORPUS_DIR && dir !== REAL_CORPUS_DIR) temp.push(dir);
      cluster = await startCluster();
      const url = await cluster.createDatabase('parity');
      const db = await openDatabase(url);
      if (!db.ok) throw new Error(db.error);
      await writeCorpus(db.pool, dir);
      await db.pool.end();
      embedded = await createEngine({ corpusDir: dir, indexDir: tempDir('parity-index-'), now: JUNE_2024 });
      // No corpus folder: everything the database engine answers from comes from the database.
      database = await createEngine({ corpusDir: path.join(tempDir('parity-none-'), 'absent'), indexDir: tempDir('parity-index-'), databaseUrl: url, now: JUNE_2024 });
    }, 120_000);
    afterAll(async () => {
      await database?.close?.();
      await cluster?.stop();
      for (const dir of temp) rmSync(dir, { recursive: true, force: true });
    });

    it('holds the same reports', async () => {
      const ids = async (e: QueryEngine) => (await (e.listReports?.() ?? e.reports)).map((r) => r.id);
      expect(database.reports).toEqual([]);
      expect(await ids(database)).toEqual(await ids(embedded));
    });

    it.runIf(corpus.name === 'generated')('ranks its reports by every indicator (in SQL), not only says none can be computed', async () => {
      const computed = async (d: (typeof INDICATORS)[number]) => Number(/，(\d+)份报告能算出）/.exec((await database.ask(`${d.name}排名`)).text)?.[1] ?? 0);
      const counts = await Promise.all(INDICATORS.map(computed));
      expect(counts.every((n) => n > 0), counts.join(',')).toBe(true);
    });

    it.each(QUESTIONS)('%s', async (question) => {
      const [a, b] = [await embedded.ask(question), await database.ask(question)];
      const known = KNOWN_DIFFERENCES[corpus.name][question];
      if (known) expect(b, `listed as differing (${known}): answers the same now, take it off the list`).not.toEqual(a);
      else expect(b).toEqual(a);
    });

    it("answers the benchmark's questions of this corpus the same", async () => {
      const differ: string[] = [];
      for (const { q } of questionMix(embedded.reports)) if (!isDeepStrictEqual(await database.ask(q), await embedded.ask(q))) differ.push(q);
      expect(differ).toEqual([]);
    });

    it("answers them the same asked for a table's first rows (as the bot asks), the whole answer but for the rows left out", async () => {
      const differ: string[] = [];
      for (const { q } of questionMix(embedded.reports)) {
        const [whole, a, b] = [await embedded.ask(q), await embedded.ask(q, { tableRows: 5 }), await database.ask(q, { tableRows: 5 })];
        const cut = whole.table ? { ...whole, table: { ...whole.table, rows: whole.table.rows.slice(0, 5) } } : whole;
        if (!isDeepStrictEqual(a, cut) || !isDeepStrictEqual(b, a)) differ.push(q);
      }
      expect(differ).toEqual([]);
    });
  });
}
