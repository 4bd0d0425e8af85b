/**
 * The database answers the fact queries as the embedded fact store does, on the seed corpus:
 * every metric of the dictionary looked up, ranked both ways with its ties, and summed.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whyNoPostgres } from '../../test/pg/cluster.js';
import { seedCorpusDatabase, type SeededDatabase } from '../../test/pg/seed-corpus.js';
import { METRICS } from '../facts/metrics.js';
import { agencyKey, FactStore, type Reading, type Scope } from '../facts/store.js';
import type { Report } from '../ingest/report.js';
import { PgFactSource, type DbReading } from './fact-source.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

/** What a person would notice of a reading: its report, figure, state, source and disagreement. */
const seen = (r: Reading<Report> | DbReading) => ({
  report: r.report.id,
  metric: r.metric,
  status: r.status,
  value: r.value,
  fact: r.fact,
  others: r.others,
  disagree: r.disagree,
});

/** Asked as one metric, and as two in order of preference (each template reads the one it has). */
const ASKED: string[][] = [...METRICS.map((m) => [m.id]), ['normative_docs.published', 'normative_docs.in_force'], ['fees.amount', 'procurement.amount']];

describe.skipIf(missing)('fact queries in SQL', () => {
  let seeded: SeededDatabase | undefined;
  let pool: pg.Pool;
  let store: FactStore;
  let facts: PgFactSource;
  let reports: Report[];

  beforeAll(async () => {
    seeded = await seedCorpusDatabase('facts');
    ({ pool, reports } = seeded);
    store = new FactStore(reports);
    facts = new PgFactSource(pool);
  });
  afterAll(async () => {
    await seeded?.close();
  });

  it('know the same years and agencies, in the same order', async () => {
    expect(await facts.years()).toEqual(store.years());
    expect(await facts.agencies()).toEqual(store.agencies());
  });

  it("read every metric of every report as the store does: its cell, its state, the narrative's figure beside it", async () => {
    for (const r of reports) {
      for (const ids of ASKED) expect(seen((await facts.read(r.id, ids))!)).toEqual(seen(store.read(r, ids)));
    }
  });

  it('look a metric up by agency and year', async () => {
    const r = reports[0];
    const found = await facts.lookup(agencyKey(r), r.meta.year, ['requests.new.total']);
    expect(found.map(seen)).toEqual([seen(store.read(r, ['requests.new.total']))]);
    expect(await facts.lookup('没有这个单位', r.meta.year, ['requests.new.total'])).toEqual([]);
  });

  it('rank every metric as the store does, ties sharing a rank and in the same order', async () => {
    const scopes: Scope[] = [{}, { years: [2020] }, { years: [2020, 2021, 2022] }, { agencies: store.agencies().slice(1, 4) }];
    let tied = 0;
    for (const ids of ASKED) {
      for (const scope of scopes) {
        for (const order of ['desc', 'asc'] as const) {
          const want = store.rank(ids, scope, order, { limit: 10 });
          const got = await facts.rank(ids, scope, order, { limit: 10 });
          expect({ total: got.total, items: got.items.map((x) => ({ rank: x.rank, ...seen(x.reading) })) }).toEqual({
            total: want.total,
            items: want.items.map((x) => ({ rank: x.rank, ...seen(x.reading) })),
          });
          if (new Set(want.items.map((x) => x.rank)).size < want.items.length) tied++;
        }
      }
    }
    // The seeds hold many tied figures (0 above all): their order is the agencies' pinyin order.
    expect(tied).toBeGreaterThan(50);
  });

  it('cut a ranking at the top N with every report tied at the cut, and at the page size', async () => {
    for (const ids of [['requests.new.total'], ['review.total'], ['licensing.decisions']]) {
      for (const opts of [{ top: 1, limit: 10 }, { top: 2, limit: 10 }, { limit: 2 }]) {
        const want = store.rank(ids, {}, 'desc', opts);
        const got = await facts.rank(ids, {}, 'desc', opts);
        expect(got.items.map((x) => [x.rank, x.reading.report.id])).toEqual(want.items.map((x) => [x.rank, x.reading.report.id]));
        expect(got.total).toBe(want.total);
      }
    }
  });

  it('sum a metric over a scope as the store does', async () => {
    for (const ids of ASKED) {
      for (const scope of [{}, { years: [2020] }] as Scope[]) {
        const want = store.sum(ids, scope);
        const got = await facts.sum(ids, scope);
        expect(got.count).toBe(want.count);
        // The database adds exactly; the store adds doubles.
        expect(got.sum).toBeCloseTo(want.sum, 6);
      }
    }
  });
});
