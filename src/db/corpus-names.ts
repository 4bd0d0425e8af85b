import type pg from 'pg';
import { addCorpusNames } from '../search/dictionary.js';

/**
 * Makes jieba keep every agency, alias and place name of the stored reports whole, as the
 * embedded index does with the names of the reports it holds: passages are cut, and questions
 * read, with the same words.
 */
export async function keepCorpusNamesWhole(db: pg.Pool | pg.PoolClient): Promise<void> {
  const { rows } = await db.query<{ name: string }>(`
    SELECT DISTINCT name FROM (
      SELECT agency AS name FROM reports
      UNION ALL SELECT unnest(aliases) FROM reports
      UNION ALL SELECT province FROM reports
      UNION ALL SELECT city FROM reports
      UNION ALL SELECT county FROM reports
    ) n WHERE name IS NOT NULL`);
  addCorpusNames(rows.map((r) => r.name));
}
