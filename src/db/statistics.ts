/**
 * After a bulk write, the planner's statistics and the visibility map of the tables questions
 * read: a ranking's page is an index-only scan of `readings` only where the map says its blocks
 * are all visible, and a plan chosen on the statistics of an empty table can scan every report.
 * Autovacuum gets there in the end; `npm run index` does it at once when it wrote many reports.
 */
import type pg from 'pg';

/** Reports written at once from which the statistics are refreshed (autovacuum keeps up with fewer). */
export const BULK_WRITE = 200;

/** `VACUUM (ANALYZE)` of the tables the fact answers and passage search read (outside any transaction). */
export async function refreshStatistics(pool: pg.Pool): Promise<void> {
  await pool.query('VACUUM (ANALYZE) readings, report_groups, reading_counts, group_counts, agency_counts, passages, passage_words');
}
