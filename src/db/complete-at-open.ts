/**
 * What an engine opening a database written by an older version makes before it answers: the
 * agencies' names (migration 007) and the kinds of body (009) the writer now records as it
 * writes. Done when no writer is at work (a writer at work makes them before it ends), under the
 * writer's lock; a database a current writer wrote has nothing to make, and costs two lookups.
 */
import type pg from 'pg';
import { agencyNamesStale, completeAgencyNames } from './agency-names.js';
import { completeGroupPeers, groupPeersMissing } from './group-peers.js';
import { ifWriteLockFree } from './locks.js';

export async function completeAtOpen(pool: pg.Pool): Promise<void> {
  const [names, peers] = await Promise.all([agencyNamesStale(pool), groupPeersMissing(pool)]);
  if (!names && !peers) return;
  await ifWriteLockFree(pool, async (client) => {
    await completeAgencyNames(client);
    await completeGroupPeers(client);
  });
}
