import path from 'node:path';
import type { Engine } from '../engine.js';
import { metric } from '../facts/metrics.js';
import type { FactSource } from '../facts/fact-source.js';
import { questionFacts } from '../facts/question-facts.js';
import { agencyKey, FactStore } from '../facts/store.js';
import { mergeCopies } from '../ingest/copies.js';
import { loadCorpus } from '../ingest/corpus.js';
import type { ReadError, Report } from '../ingest/report.js';
import { AgencyDirectory } from './agencies.js';
import { TABLE_ROWS, type Answer, type AskOptions } from './answer.js';
import { answerCard } from './card-answer.js';
import { answerChecks } from './checks-answer.js';
import { answerFacts } from './facts-answer.js';
import { listNames, reportName, yearsText } from './format.js';
import { andThen, flow, wait, type Later, type Steps } from './later.js';
import { answerMeasures } from './measure-answer.js';
import { answerMeta, answerOverview } from './meta-answer.js';
import { normalizeQuestion } from './normalize.js';
import { openPassages } from './passages.js';
import { readQuestion, type Question } from './question.js';
import { answerSearch, nothing, type PassageSearcher } from './search-answer.js';
import { answerSection } from './section-answer.js';

export interface EngineOptions {
  corpusDir: string;
  indexDir: string;
  /** PostgreSQL storage: reports and passages come from this database, not from the folders. */
  databaseUrl?: string | null;
  /** Today, for 今年 / 去年; injected by tests. */
  now?: () => Date;
}

/** Fills in the section texts of reports read without them (the database's; see db/read-reports.ts). */
export interface SectionTextLoader {
  load(reports: readonly Report[]): Promise<void>;
}

export type QueryEngine = Engine & {
  /**
   * One report per report of the corpus: a report held in several files is one (copies.ts).
   * The embedded engine's, held in memory; over the database none are held (empty: use
   * `listReports`).
   */
  reports: Report[];
  /** Every report answers come from, in report order (over the database: read now, without facts or texts). Absent: `reports` holds them. */
  listReports?(): Promise<Report[]>;
  /** How many reports answers come from (a group of copies counts once). Absent: `reports.length`. */
  reportCount?(): Promise<number>;
  /** The files holding the report of a copy key (`copyKey`), none when the corpus lacks it. Absent: looked up in `reports`. */
  filesOf?(key: string): Promise<string[]>;
  /** Corpus files that could not be read (each named, with the problem). */
  errors: ReadError[];
  /**
   * The same answer, without the promise: for benchmarks and the JSONL loop. Only over a
   * synchronous passage index (the embedded one); over the database use `ask`.
   */
  answer(question: string, opts?: AskOptions): Answer;
  /** Lets go of what the engine holds open (the database's connections); the embedded engine holds nothing. */
  close?(): Promise<void>;
};

/**
 * Loads the corpus and the passage index (rebuilt when stale), or with `databaseUrl` the
 * database's reports and its passage search, and returns the one `ask` that the bot, the
 * terminal and the tests use.
 *
 * @example
 *   const engine = await createEngine({ corpusDir: 'corpus', indexDir: 'index' });
 *   (await engine.ask('哪个局2020年采购总金额最多')).text
 */
export async function createEngine(opts: EngineOptions): Promise<QueryEngine> {
  if (opts.databaseUrl) return openDatabaseEngine(opts.databaseUrl, opts);
  const { reports, files, errors } = await loadCorpus(opts.corpusDir, { cacheDir: path.join(opts.indexDir, 'reports') });
  const index = await openPassages({ corpusDir: opts.corpusDir, indexDir: opts.indexDir, reports, files });
  return { ...buildEngine(reports, { index, now: opts.now }), errors, warm: () => index.warm() };
}

/**
 * The engine over the PostgreSQL storage (`DATABASE_URL`): the reports read from the database,
 * passages searched there; no corpus folder or index is read. A database that cannot be opened
 * throws, with the reason (the start fails, as with a corpus folder that cannot be read).
 */
async function openDatabaseEngine(url: string, opts: EngineOptions): Promise<QueryEngine> {
  // Loaded only here: the embedded engine's start does not pay for the database client.
  const [{ openDatabase }, { PgPassageSearch }, { SectionTexts }, { PgFactSource }, { PgAgencyNames }, { completeAtOpen }] = await Promise.all([
    import('../db/database.js'),
    import('../db/passage-search.js'),
    import('../db/read-reports.js'),
    import('../db/fact-source.js'),
    import('../db/agency-names.js'),
    import('../db/complete-at-open.js'),
  ]);
  const db = await openDatabase(url, { answering: true });
  if (!db.ok) throw new Error(db.error);
  try {
    await completeAtOpen(db.pool);
    const facts = new PgFactSource(db.pool);
    // The years only: each question is read against the names its spans find, and every figure is asked of the database.
    const [names, years] = await Promise.all([PgAgencyNames.open(db.pool), facts.years()]);
    const ask = asker(facts, (text) => names.directoryOf(text), () => years, { index: new PgPassageSearch(db.pool), sectionTexts: new SectionTexts(db.pool), now: opts.now });
    return {
      reports: [],
      errors: [],
      listReports: () => facts.reportsIn(),
      reportCount: async () => await facts.count(),
      filesOf: (key) => facts.filesOf(key),
      answer: ask.now,
      ask: ask.later,
      close: () => db.pool.end(),
    };
  } catch (e) {
    await db.pool.end();
    throw e;
  }
}

/**
 * An engine over reports already in memory (tests, benchmarks): builds the fact store and alias
 * map, over one report per group of copies, so that no answer counts a report twice.
 */
export function buildEngine(
  reports: Report[],
  opts: { index?: PassageSearcher | null; sectionTexts?: SectionTextLoader | null; now?: () => Date } = {},
): QueryEngine {
  const store = new FactStore(mergeCopies(reports));
  const directory = new AgencyDirectory(store.reports.map((r) => ({ agency: r.meta.agency, aliases: r.meta.aliases, region: r.meta.region, key: agencyKey(r) })));
  const ask = asker(store, () => directory, () => store.years(), opts);
  const held = [...store.reports];
  return { reports: held, errors: [], listReports: async () => held, answer: ask.now, ask: ask.later };
}

/**
 * The agencies a question (as read: `normalizeQuestion`) may name: every agency's directory at
 * hand, or one of the entries its spans find in the database.
 */
type DirectoryOf = (text: string) => Later<AgencyDirectory>;

/** Questions read against the directory and routed to the facts: `now` for a synchronous store and index, `later` for any. */
function asker(
  store: FactSource,
  directoryOf: DirectoryOf,
  corpusYears: () => number[],
  opts: { index?: PassageSearcher | null; sectionTexts?: SectionTextLoader | null; now?: () => Date },
): { now: (question: string, ask?: AskOptions) => Answer; later: (question: string, ask?: AskOptions) => Promise<Answer> } {
  const now = opts.now ?? (() => new Date());
  const index = opts.index ?? null;
  const answer = (question: string, ask: AskOptions = {}): Later<Answer> =>
    flow(
      (function* (): Steps<Answer> {
        const directory = yield* wait(directoryOf(normalizeQuestion(question)));
        const q = readQuestion(question, { directory, corpusYears: corpusYears(), now: now() });
        return yield* wait(route(q, questionFacts(store), index, opts.sectionTexts ?? null, ask));
      })(),
    );
  return {
    now: (question, ask) => {
      const a = answer(question, ask);
      if (a instanceof Promise) throw new Error('answer() needs a synchronous fact store and passage index; use ask()');
      return a;
    },
    later: async (question, ask) => answer(question, ask),
  };
}

/** Sends a question to the route that can answer it, after the checks every route shares. */
export function route(q: Question, store: FactSource, index: PassageSearcher | null, texts: SectionTextLoader | null = null, ask: AskOptions = {}): Later<Answer> {
  return andThen(flow(routeTo(q, store, index, texts, ask)), (answer) => {
    if (!namesUnknown(q) || !q.agencies?.length || answer.route === 'none') return answer;
    // Some names are known and some not: answer the known, and say what was left out.
    return { ...answer, text: `（语料中没有收录${listNames(q.unknown, 5)}的年报，以下只回答${listNames(q.agencies, 5)}。）\n${answer.text}` };
  });
}

function* routeTo(q: Question, store: FactSource, index: PassageSearcher | null, texts: SectionTextLoader | null, ask: AskOptions): Steps<Answer> {
  if (!q.text) return nothing(q, '请输入一个问题。');
  if (q.intent.kind === 'overview') return yield* wait(answerOverview(q, store));
  const missing = yield* missingScope(q, store);
  if (missing) return nothing(q, missing);
  switch (q.intent.kind) {
    case 'checks':
      return yield* wait(answerChecks(q, store));
    case 'card':
      return yield* wait(answerCard(q, store));
    case 'section': {
      if (!q.agencies) return yield* wait(answerSearch(q, index, { sections: [q.intent.part === 'other' ? 6 : 5] }));
      const reports = yield* wait(store.reportsIn({ agencies: q.agencies, years: q.years.years }));
      yield* wait(texts?.load(reports));
      return answerSection(q, q.intent.part, reports);
    }
    case 'meta':
      return yield* wait(answerMeta(q, q.intent.ask, store));
    case 'facts': {
      // Indicators, 同比 and 排第几 are computed per report; the rest runs on the store's columns.
      if (q.indicators.length || q.intent.op.kind === 'yoy' || q.intent.op.kind === 'standing') return yield* wait(answerMeasures(q, q.intent.op, store));
      const answer = yield* wait(answerFacts(q, q.intent.op, store, Math.min(ask.tableRows ?? TABLE_ROWS, TABLE_ROWS)));
      return answer.route === 'none' && statedOnlyInText(q) ? yield* wait(answerFromText(q, index)) : answer;
    }
    case 'unclear':
      return nothing(q, `没有听出要${/对比|比较/.test(q.text) ? '比较' : '统计'}哪一项数字。可以说“采购总金额”“行政许可处理决定数量”“收到申请”“规范性文件现行有效件数”“行政复议”等。`);
    default: {
      const note = q.intent.kind === 'search' ? q.intent.note : undefined;
      const found = yield* wait(answerSearch(q, index));
      return note && found.route !== 'none' ? { ...found, text: `${note}\n${found.text}` } : found;
    }
  }
}

/** Every figure the question asks for is one reports state only in their text (TEXT_METRICS). */
function statedOnlyInText(q: Question): boolean {
  return q.metrics.length > 0 && q.metrics.every((m) => m.ids.every((id) => metric(id)?.table === null));
}

/**
 * A figure no table holds, and no report of the scope states in a sentence that reads it: the
 * passages that speak of it, after saying so (never a table figure in its place).
 */
function answerFromText(q: Question, index: PassageSearcher | null): Later<Answer> {
  const words = q.metrics.map((m) => `“${m.text}”`).join('、');
  const note = `年报的表格中没有${words}这一项，正文中也没有找到能直接读出的数字。`;
  return andThen(answerSearch(q, index), (found) => (found.route === 'none' ? nothing(q, `${note}正文中也没有相关内容。`) : { ...found, text: `${note}\n${found.text}` }));
}

/**
 * The question asks about an agency or place the corpus lacks. A bare place in free text
 * (杭州亚运会) may just be words of a passage; an agency (北京市教育局), or a place a figure or a
 * report is asked of, is not.
 */
function namesUnknown(q: Question): boolean {
  if (!q.unknown.length) return false;
  return q.intent.kind !== 'search' || q.mentions.some((m) => m.type === 'unknown' && /(局|委|厅|办公室|中心)$/.test(m.text));
}

/** Why the corpus has nothing for the agencies or years asked, or null when it has something. */
function* missingScope(q: Question, store: FactSource): Steps<string | null> {
  const years = yearsText(q.years.years, q.years.phrase);
  if (namesUnknown(q) && !q.agencies) {
    const known = yield* wait(store.agencies());
    return `语料中没有收录${listNames(q.unknown, 5)}的年报，无法回答。目前收录的单位有：${listNames(known, 20)}。`;
  }
  if (q.agencies && !q.agencies.length) {
    const named = q.mentions.filter((m) => m.type !== 'unknown').map((m) => m.text).join('的');
    return `语料中没有符合“${named}”的单位。目前收录的单位有：${listNames(yield* wait(store.agencies()), 20)}。`;
  }
  if (q.intent.kind === 'meta' && q.intent.ask !== 'published') return null;
  if (!q.years.years) return null;
  if (yield* wait(store.count({ agencies: q.agencies, years: q.years.years }))) return null;
  if (q.agencies) {
    const held = yield* wait(store.reportsIn({ agencies: q.agencies }));
    const named = q.mentions.every((m) => m.type === 'agency' || m.type === 'unknown') && q.agencies.length <= 3;
    if (named) {
      const have = held.map(reportName);
      return `语料中没有${listNames(q.agencies, 3)}${years}的报告。该单位收录的报告：${listNames(have, 20)}。`;
    }
    const where = q.mentions.filter((m) => m.type !== 'unknown').map((m) => m.text).join('');
    const have = [...new Set(held.map((r) => r.meta.year))].sort((a, b) => a - b);
    return `语料中没有${where}${years}的报告。${where}的报告年份：${have.map((y) => `${y}年`).join('、')}。`;
  }
  return `语料中没有${years}的报告。收录的年份：${(yield* wait(store.years())).map((y) => `${y}年`).join('、')}。`;
}
