import { BotError, GrammyError, HttpError, type Context } from 'grammy';
import type { Logger } from '../log.js';
import type { BotStats } from './deps.js';

/**
 * The bot's edge: every error a handler throws ends here, once, as one log line with the update
 * and chat it belongs to. The bot keeps running.
 */
export function errorHandler(log: Logger, stats: BotStats): (err: BotError<Context>) => void {
  return (err) => {
    stats.errors += 1;
    const ctx = err.ctx;
    log.error(
      { update: ctx.update.update_id, chat: ctx.chat?.id, user: ctx.from?.id, ...describeError(err.error) },
      'update failed',
    );
  };
}

/** Log fields for an error: an API refusal, a network failure, or a bug (with its stack). */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError) {
    return { kind: 'api', method: error.method, code: error.error_code, description: error.description };
  }
  if (error instanceof HttpError) return { kind: 'network', message: error.message };
  if (error instanceof BotError) return describeError(error.error);
  return { kind: 'bug', err: error };
}
