import { autoRetry, type AutoRetryOptions } from '@grammyjs/auto-retry';
import { apiThrottler, type APIThrottlerOptions } from '@grammyjs/transformer-throttler';
import type { Api, RawApi, Transformer } from 'grammy';
import type { Logger } from '../log.js';

export interface ApiOptions {
  /**
   * Retries of refused calls. Default: wait out 429s of up to a minute (Telegram's
   * `retry_after`), retry a 5xx twice (after 3 s, then 6 s), then give up and let the error be
   * logged. Network failures are retried with growing pauses (the plugin does not count them).
   */
  retry?: Partial<AutoRetryOptions>;
  /**
   * Outgoing flood control (30 messages a second overall, 20 a minute per group, one a second per
   * private chat: Telegram's published limits). `false` turns it off, e.g. for a benchmark of the
   * bot's own speed.
   */
  throttle?: APIThrottlerOptions | false;
}

export const DEFAULT_RETRY: Partial<AutoRetryOptions> = { maxRetryAttempts: 2, maxDelaySeconds: 60 };

/** Methods the throttler lets through: no message is sent, Telegram does not count them. */
const UNTHROTTLED = new Set(['sendChatAction', 'answerCallbackQuery', 'answerInlineQuery', 'getUpdates', 'setMyCommands']);

/**
 * Installs the API's transformers. The last installed runs first, so a call goes
 * retry → throttle → log → network: each attempt is throttled, and every refusal is logged, the
 * retried ones included.
 */
export function installApiTransformers(api: Api, log: Logger, options: ApiOptions = {}): void {
  api.config.use(logRefusals(log));
  if (options.throttle !== false) api.config.use(only(apiThrottler(options.throttle ?? {})));
  api.config.use(autoRetry({ ...DEFAULT_RETRY, ...options.retry }));
}

function logRefusals(log: Logger): Transformer<RawApi> {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) {
        log.warn(
          { method, code: result.error_code, description: result.description, retryAfter: result.parameters?.retry_after },
          'Telegram refused a call',
        );
      }
      return result;
    } catch (err) {
      if (!signal?.aborted) log.warn({ method, err: err instanceof Error ? err.message : String(err) }, 'Telegram call failed');
      throw err;
    }
  };
}

function only(throttle: Transformer<RawApi>): Transformer<RawApi> {
  return (prev, method, payload, signal) =>
    UNTHROTTLED.has(method) ? prev(method, payload, signal) : throttle(prev, method, payload, signal);
}
