/**
 * The kind of body of each merged report's agency (`group_peers`, migration 009), for 排第几: the
 * writer records it with each group; the groups of a database written before 009 get theirs here,
 * 2,000 a transaction, from the next writer (`npm run index`) or engine.
 */
import type pg from 'pg';
import { peerKindOf } from '../query/peers.js';
import { inTransaction } from './transaction.js';

/** Records the kind of every group without one. Returns how many. */
export async function completeGroupPeers(client: pg.PoolClient): Promise<number> {
  if (!(await groupPeersMissing(client))) return 0;
  let made = 0;
  for (;;) {
    const n = await inTransaction(client, async () => {
      const { rows } = await client.query<{ id: string; year: number; agency: string; province: string | null; city: string | null; county: string | null }>(
        `SELECT g.id, g.year, g.agency, g.province, g.city, g.county FROM report_groups g
          WHERE NOT EXISTS (SELECT 1 FROM group_peers p WHERE p.group_id = g.id) LIMIT 2000`,
      );
      if (rows.length) {
        await client.query('INSERT INTO group_peers (group_id, year, peer_kind) SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[])', [
          rows.map((r) => r.id),
          rows.map((r) => r.year),
          rows.map((r) => peerKindOf({ agency: r.agency, region: { province: r.province, city: r.city, county: r.county } }).kind),
        ]);
      }
      if (!rows.length) await client.query('DELETE FROM group_peers_missing');
      return rows.length;
    });
    if (!n) return made;
    made += n;
  }
}

/** Whether groups written before 009 may lack their kind (one row, kept until the completion ends). */
export async function groupPeersMissing(db: pg.Pool | pg.PoolClient): Promise<boolean> {
  const { rows } = await db.query<{ missing: boolean }>('SELECT EXISTS (SELECT 1 FROM group_peers_missing) AS missing');
  return rows[0].missing;
}
