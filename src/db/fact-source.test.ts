/**
 * The database answers the fact queries as the embedded fact store does, on the seed corpus:
 * every metric of the dictionary read in every report, ranked both ways with its ties, summed,
 * listed, filtered and explained where absent, in the same order.
 */
import type { IndicatorAsk, IndicatorRows } from '../facts/fact-source.js';
import { INDICATORS } from '../facts/indicators.js';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whyNoPostgres } from '../../test/pg/cluster.js';
import { seedCorpusDatabase, type SeededDatabase } from '../../test/pg/seed-corpus.js';
import { METRICS } from '../facts/metrics.js';
import { agencyKey, FactStore, type Absence, type Page, type Reading, type Scope, type ValueRow } from '../facts/store.js';
import { mergeCopies } from '../ingest/copies.js';
import type { Report } from '../ingest/report.js';
import { PgFactSource } from './fact-source.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

/** What a person would notice of a reading: its report, figure, state, source and disagreement. */
const seen = (r: Reading) => ({
  report: r.report.id,
  agency: agencyKey(r.report),
  metric: r.metric,
  status: r.status,
  value: r.value,
  fact: r.fact,
  others: r.others,
  disagree: r.disagree,
});

const rows = (page: Page<ValueRow & { rank?: number }>) => ({
  total: page.total,
  items: page.items.map((x) => ({ id: x.report.id, agency: agencyKey(x.report), value: x.value, ...(x.rank !== undefined && { rank: x.rank }) })),
});

const absences = (groups: Absence[]) => groups.map((g) => ({ ...g, examples: g.examples.map((r) => ({ id: r.id, agency: agencyKey(r), year: r.meta.year })) }));

/** Asked as one metric, and as two in order of preference (each template reads the one it has). */
const ASKED: string[][] = [...METRICS.map((m) => [m.id]), ['normative_docs.published', 'normative_docs.in_force'], ['fees.amount', 'procurement.amount']];

describe.skipIf(missing)('fact queries in SQL', () => {
  let seeded: SeededDatabase | undefined;
  let pool: pg.Pool;
  let store: FactStore;
  let facts: PgFactSource;
  let scopes: Scope[];

  beforeAll(async () => {
    seeded = await seedCorpusDatabase('facts');
    pool = seeded.pool;
    store = new FactStore(mergeCopies(seeded.reports));
    facts = new PgFactSource(pool);
    scopes = [{}, { years: [2020] }, { years: [2022, 2020, 2021] }, { agencies: store.agencies().slice(1, 4).reverse() }, { agencies: store.agencies().slice(0, 2), years: [2023] }];
  });
  afterAll(async () => {
    await seeded?.close();
  });

  it('know the same years, agencies and reports, in the same order', async () => {
    expect(await facts.years()).toEqual(store.years());
    expect(await facts.agencies()).toEqual(store.agencies());
    expect(await facts.overview()).toEqual(store.overview());
    for (const scope of scopes) {
      const got = await facts.reportsIn(scope);
      expect(got.map((r) => [r.id, agencyKey(r), r.meta, r.findings, r.sections.map((s) => s.title)])).toEqual(
        store.reportsIn(scope).map((r) => [r.id, agencyKey(r), r.meta, r.findings, r.sections.map((s) => s.title)]),
      );
      expect(await facts.count(scope)).toBe(store.count(scope));
    }
  });

  it('read a scope of years or the corpus a page at a time, each page after the last report of the one before', async () => {
    for (const scope of scopes.filter((s) => !s.agencies)) {
      const pages: string[] = [];
      for (let after: Report | undefined, page: Report[] = []; ; ) {
        page = await facts.reportsIn(scope, 2, after);
        expect(page.map((r) => r.id)).toEqual(store.reportsIn(scope, 2, after).map((r) => r.id));
        pages.push(...page.map((r) => r.id));
        if (page.length < 2) break;
        after = page[page.length - 1];
      }
      expect(pages).toEqual(store.reportsIn(scope).map((r) => r.id));
    }
  });

  it("read every metric of every report as the store does: its cell, its state, the narrative's figure beside it", async () => {
    const reports = await facts.reportsIn();
    const read = await facts.readers(reports, ASKED);
    const all = await facts.readers(reports, null);
    reports.forEach((r, i) => {
      const own = store.reportsIn()[i];
      for (const ids of ASKED) {
        expect(seen(read(r, ids))).toEqual(seen(store.read(own, ids)));
        expect(seen(all(r, ids))).toEqual(seen(store.read(own, ids)));
      }
    });
    expect(() => read(reports[0], ['no.such.metric'])).toThrow(/not read ahead/);
  });

  it('rank, list and filter every metric as the store does, ties sharing a rank and in the same order', async () => {
    let tied = 0;
    for (const ids of ASKED) {
      for (const scope of scopes) {
        for (const order of ['desc', 'asc'] as const) {
          const want = store.rankRows(ids, scope, order, { limit: 10 });
          expect(rows(await facts.rankRows(ids, scope, order, { limit: 10 }))).toEqual(rows(want));
          if (new Set(want.items.map((x) => x.rank)).size < want.items.length) tied++;
        }
        expect(rows(await facts.statedRows(ids, scope, 7))).toEqual(rows(store.statedRows(ids, scope, 7)));
        expect(rows(await facts.whereRows(ids, scope, null, 7))).toEqual(rows(store.whereRows(ids, scope, null, 7)));
        expect(rows(await facts.whereRows(ids, scope, { cmp: '>=', value: 3 }, 7))).toEqual(rows(store.whereRows(ids, scope, { cmp: '>=', value: 3 }, 7)));
        expect(absences(await facts.absent(ids, scope))).toEqual(absences(store.absent(ids, scope)));
      }
    }
    // The seeds hold many tied figures (0 above all): their order is the agencies' pinyin order.
    expect(tied).toBeGreaterThan(50);
  });

  it('give rows past the first shown thin, named by agency and year, and made whole when their figures are read', async () => {
    const thin = new PgFactSource(pool, { shown: 2 });
    let past = 0;
    for (const ids of ASKED.slice(0, 12)) {
      for (const scope of scopes) {
        const pages = [
          [await thin.rankRows(ids, scope, 'desc', { limit: 10 }), store.rankRows(ids, scope, 'desc', { limit: 10 })],
          [await thin.statedRows(ids, scope, 10), store.statedRows(ids, scope, 10)],
          [await thin.whereRows(ids, scope, null, 10), store.whereRows(ids, scope, null, 10)],
        ] as const;
        for (const [got, want] of pages) {
          expect(rows(got)).toEqual(rows(want));
          expect(got.items.map((x) => x.report.meta.year)).toEqual(want.items.map((x) => x.report.meta.year));
          past += Math.max(0, got.items.length - 2);
          const reports = got.items.map((x) => x.report);
          const read = await thin.readers(reports, [ids]);
          const byId = new Map(want.items.map((x) => [x.report.id, x.report]));
          expect(reports.map((r) => seen(read(r, ids)))).toEqual(reports.map((r) => seen(store.read(byId.get(r.id) as Report, ids))));
          // Read, a thin row is the whole report: its name, place, title and section titles.
          expect(reports.map((r) => ({ meta: r.meta, sections: r.sections.map((x) => x.title), findings: r.findings.length }))).toEqual(
            reports.map((r) => {
              const w = byId.get(r.id) as Report;
              return { meta: w.meta, sections: w.sections.map((x) => x.title), findings: w.findings.length };
            }),
          );
        }
      }
    }
    expect(past).toBeGreaterThan(50);
  });

  it("give a table's rows past the lines shown as named rows, the same rows in the same order with the same ranks", async () => {
    // Whole rows (2), thin ones up to the lines an answer shows (3), then the rest as columns.
    const named = new PgFactSource(pool, { shown: 2 });
    const flat = (page: Page<ValueRow & { rank?: number }>) => [
      ...page.items.map((x) => [x.rank ?? null, agencyKey(x.report), x.report.meta.year, x.value]),
      ...(page.rest ? page.rest.agencies.map((a, k) => [page.rest?.ranks?.[k] ?? null, a, page.rest?.years[k], page.rest?.values[k]]) : []),
    ];
    let rested = 0;
    for (const ids of ASKED.slice(0, 12)) {
      for (const scope of scopes) {
        for (const opts of [{ limit: 40 }, { top: 5, limit: 40 }]) {
          const got = await named.rankRows(ids, scope, 'desc', { ...opts, reports: 3 });
          const want = store.rankRows(ids, scope, 'desc', opts);
          expect(got.items.length).toBe(Math.min(3, want.items.length));
          expect(got.total).toBe(want.total);
          expect(flat(got)).toEqual(flat(want));
          if (got.rest) rested++;
        }
        const filter = { cmp: '>=' as const, value: 1 };
        const got = await named.whereRows(ids, scope, filter, 40, 3);
        expect(flat(got)).toEqual(flat(store.whereRows(ids, scope, filter, 40)));
      }
    }
    expect(rested).toBeGreaterThan(10);
    // Agency names are joined and split again whole; a page with nothing past its lines has no rest.
    const all = await named.rankRows(['requests.new.total'], {}, 'desc', { limit: 10_000, reports: 3 });
    expect(all.rest?.agencies.every((a) => store.agencies().includes(a))).toBe(true);
    expect((await named.rankRows(['requests.new.total'], {}, 'desc', { limit: 3, reports: 3 })).rest).toBeUndefined();
  });

  it('cut a ranking at the top N with every report tied at the cut, and at the page size', async () => {
    for (const ids of [['requests.new.total'], ['review.total'], ['licensing.decisions']]) {
      for (const opts of [{ top: 1, limit: 10 }, { top: 2, limit: 10 }, { limit: 2 }, { limit: 0 }]) {
        expect(rows(await facts.rankRows(ids, {}, 'desc', opts))).toEqual(rows(store.rankRows(ids, {}, 'desc', opts)));
      }
    }
  });

  it('compute every indicator over a scope as the store does: ranked, filtered, and the first reports it cannot be computed for', async () => {
    const seen = (x: IndicatorRows) => ({
      items: x.items.map((r) => [r.rank, r.report.id, r.value]),
      total: x.total,
      computed: x.computed,
      uncomputed: x.uncomputed.map((r) => r.id),
    });
    const asks: IndicatorAsk[] = [
      { order: 'desc', limit: 100, uncomputed: 20 },
      { order: 'asc', limit: 2, uncomputed: 1 },
      { filter: { cmp: '>=', value: 0 }, limit: 100, uncomputed: 20 },
    ];
    for (const def of [...INDICATORS, { id: 'one', name: '一格', synonyms: [], formula: '', numerator: ['review.total'], denominator: null }]) {
      for (const scope of scopes) {
        for (const ask of asks) expect(seen(await facts.indicatorRows(def, scope, ask)), `${def.id} ${JSON.stringify(scope)}`).toEqual(seen(store.indicatorRows(def, scope, ask)));
      }
    }
  });

  it('sum a metric over a scope as the store does', async () => {
    for (const ids of ASKED) {
      for (const scope of scopes) {
        const want = store.sum(ids, scope);
        const got = await facts.sum(ids, scope);
        expect(got.count).toBe(want.count);
        // The database adds exactly; the store adds doubles.
        expect(got.sum).toBeCloseTo(want.sum, 6);
      }
    }
  });

  it("find the figures a report's narrative states otherwise than its table", async () => {
    const reports = await facts.reportsIn();
    const got = (await facts.conflicts(reports)).map((list) => list.map(seen));
    expect(got).toEqual(store.conflicts(store.reportsIn()).map((list) => list.map(seen)));
    expect(got.flat().length).toBeGreaterThan(0);
  });
});
