import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

export interface LoggerOptions {
  level?: LogLevel;
  /**
   * Strings that must never be written (the bot token, the webhook secret). They are replaced
   * with "[redacted]" in every line, whatever field or error message carries them.
   */
  secrets?: readonly (string | null | undefined)[];
  /** Default: stdout. Tests pass a stream that collects lines. */
  destination?: DestinationStream;
}

/**
 * The one pino logger of a process, JSON lines on stdout. Log once, at the edge, with fields.
 *
 * @example
 * const log = createLogger({ level: config.logLevel, secrets: [config.telegram.token] });
 * log.info({ chat: 42, route: 'facts' }, 'answered');
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 8);
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      hooks: secrets.length === 0 ? {} : { streamWrite: (line) => redact(line, secrets) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

function redact(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    // The numeric id before the colon is public; the rest is what must not leak.
    const tail = secret.includes(':') ? secret.slice(secret.indexOf(':') + 1) : '';
    if (tail.length >= 8 && out.includes(tail)) out = out.split(tail).join('[redacted]');
  }
  return out;
}
