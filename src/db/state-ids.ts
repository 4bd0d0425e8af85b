import { randomBytes } from 'node:crypto';

/**
 * An id for a row the bot's buttons name (callback data: at most 20 characters of `0-9a-z`):
 * 64 random bits in base 36, so ids from several replicas never meet.
 */
export const randomId = (): string => randomBytes(8).readBigUInt64BE().toString(36);

/** A time passed in by a test as a timestamp, or null for the database's clock. */
export const timeParam = (now: number | undefined): Date | null => (now === undefined ? null : new Date(now));
