import path from 'node:path';
import { z } from 'zod';

/**
 * The configuration, read once from the environment at start. Every variable is optional except
 * that webhook mode needs its secret; a wrong value is reported with the variable's name and what
 * it should look like, never with the value itself (it may be a token).
 */
export interface Config {
  telegram: {
    /** null: no bot; `npm start` opens a terminal chat instead. */
    token: string | null;
    /** Bot API server, without a trailing slash. */
    apiRoot: string;
    /** null: long polling. */
    webhook: WebhookConfig | null;
  };
  access: AccessConfig;
  /** Questions a user may ask per minute (0: no limit). Inline queries get three times as many. */
  rateLimitPerMinute: number;
  logLevel: LogLevel;
  corpusDir: string;
  indexDir: string;
  /** PostgreSQL storage (several replicas, a national corpus); null: the embedded index in `indexDir`. */
  databaseUrl: string | null;
}

export interface WebhookConfig {
  /** The public HTTPS address Telegram posts to, e.g. https://bot.example.cn/telegram. */
  url: string;
  /** Sent by Telegram in `X-Telegram-Bot-Api-Secret-Token`; requests without it are refused. */
  secret: string;
  /** Where the local HTTP server listens (behind the reverse proxy that terminates TLS). */
  host: string;
  port: number;
  /** The URL's path; other paths get 404. */
  path: string;
}

export interface AccessConfig {
  /** null: every chat. */
  allowedChatIds: ReadonlySet<number> | null;
  /** null: every user. */
  allowedUserIds: ReadonlySet<number> | null;
  /** Always allowed, never rate limited, and may use /status. */
  adminUserIds: ReadonlySet<number>;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_API_ROOT = 'https://api.telegram.org';

/** Unset and empty are the same: `FOO=` in a .env file means "not configured". */
const optional = (schema: z.ZodType<string>) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const idList = (name: string) =>
  optional(z.string()).transform((raw, ctx) => {
    if (raw === undefined) return null;
    const ids = new Set<number>();
    for (const part of raw.split(/[\s,;]+/).filter(Boolean)) {
      if (!/^-?\d{1,16}$/.test(part)) {
        ctx.addIssue({
          code: 'custom',
          message: `${name}: "${part}" is not a Telegram id; expected integers separated by commas, e.g. -1001234567890,42`,
        });
        return z.NEVER;
      }
      ids.add(Number(part));
    }
    return ids;
  });

const integer = (message: string, fallback: number, min: number, max: number) =>
  optional(z.string().trim().regex(/^\d+$/, { message }))
    .transform((raw) => (raw === undefined ? fallback : Number(raw)))
    .pipe(z.number().int().min(min, { message }).max(max, { message }));

const EnvSchema = z.object({
  TELEGRAM_BOT_TOKEN: optional(
    z
      .string()
      .trim()
      .regex(/^\d+:[\w-]{20,}$/, {
        message: 'TELEGRAM_BOT_TOKEN does not look like a bot token; expected the form 123456789:AAF… that @BotFather gives',
      }),
  ),
  TELEGRAM_API_ROOT: optional(
    z.url({
      protocol: /^https?$/,
      message: 'TELEGRAM_API_ROOT must be an http(s) URL of a Bot API server, e.g. https://api.telegram.org',
    }),
  ),
  ALLOWED_CHAT_IDS: idList('ALLOWED_CHAT_IDS'),
  ALLOWED_USER_IDS: idList('ALLOWED_USER_IDS'),
  ADMIN_USER_IDS: idList('ADMIN_USER_IDS'),
  WEBHOOK_URL: optional(
    z.url({
      protocol: /^https$/,
      message: 'WEBHOOK_URL must be the public https:// address Telegram will post updates to',
    }),
  ),
  WEBHOOK_SECRET: optional(
    z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, {
      message: 'WEBHOOK_SECRET must be 16–256 characters of A-Z, a-z, 0-9, _ and -',
    }),
  ),
  WEBHOOK_HOST: optional(z.string()).default('0.0.0.0'),
  WEBHOOK_PORT: integer('WEBHOOK_PORT must be a port number, 0–65535 (0: any free port)', 8080, 0, 65535),
  RATE_LIMIT_PER_MINUTE: integer('RATE_LIMIT_PER_MINUTE must be a whole number of questions (0: no limit)', 12, 0, 1_000_000),
  LOG_LEVEL: optional(z.string())
    .default('info')
    .pipe(z.enum(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })),
  CORPUS_DIR: optional(z.string()).default('./corpus'),
  INDEX_DIR: optional(z.string()).default('./index'),
  DATABASE_URL: optional(
    z.string().trim().regex(/^postgres(ql)?:\/\/\S+$/, {
      message: 'DATABASE_URL must be a PostgreSQL connection string, e.g. postgres://bot:password@db:5432/reports',
    }),
  ),
});

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string };

/**
 * Reads the configuration from `env` (default `process.env`). Folders resolve against `cwd`.
 *
 * @example
 * const loaded = loadConfig();
 * if (!loaded.ok) { console.error(loaded.error); process.exit(2); }
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${describeIssue(issue)}`);
    return { ok: false, error: `Configuration error:\n${lines.join('\n')}` };
  }
  const e = parsed.data;
  if (e.WEBHOOK_URL !== undefined && e.WEBHOOK_SECRET === undefined) {
    return {
      ok: false,
      error:
        'Configuration error:\n  - WEBHOOK_SECRET is required when WEBHOOK_URL is set (Telegram sends it with every update; generate one with `openssl rand -hex 32`)',
    };
  }
  const webhook =
    e.WEBHOOK_URL === undefined
      ? null
      : {
          url: e.WEBHOOK_URL,
          secret: e.WEBHOOK_SECRET as string,
          host: e.WEBHOOK_HOST,
          port: e.WEBHOOK_PORT,
          path: new URL(e.WEBHOOK_URL).pathname,
        };
  return {
    ok: true,
    config: {
      telegram: {
        token: e.TELEGRAM_BOT_TOKEN ?? null,
        apiRoot: (e.TELEGRAM_API_ROOT ?? DEFAULT_API_ROOT).replace(/\/+$/, ''),
        webhook,
      },
      access: {
        allowedChatIds: e.ALLOWED_CHAT_IDS,
        allowedUserIds: e.ALLOWED_USER_IDS,
        adminUserIds: e.ADMIN_USER_IDS ?? new Set(),
      },
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      logLevel: e.LOG_LEVEL,
      corpusDir: path.resolve(cwd, e.CORPUS_DIR),
      indexDir: path.resolve(cwd, e.INDEX_DIR),
      databaseUrl: e.DATABASE_URL ?? null,
    },
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const name = issue.path.join('.');
  // Our own messages already name the variable; zod's generic ones do not.
  return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
}
