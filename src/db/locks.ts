/**
 * The database's advisory locks this program takes, by key: one place, so that no two uses share
 * a key by accident. Session locks end with their connection, so a process killed while holding
 * one leaves no lock behind.
 */
export const LOCKS = {
  /** Applying migrations: two replicas starting together apply them once. */
  migrate: 7_150_001n,
  /** Writing reports: one writer at a time (`npm run index`, `npm run add`, the bot's intake). */
  write: 7_150_002n,
} as const;
