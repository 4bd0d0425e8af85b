/**
 * The bot's state between updates in the database (`DATABASE_URL`): answers behind buttons,
 * rate limits and pending uploads, shared by every replica. The bot's own default keeps them in
 * memory (bot/state.ts); `npm start` picks this one when the database is configured.
 */
import type pg from 'pg';
import { z } from 'zod';
import { inlineLimit, modeOf, UPLOAD_TTL_MS, type BotState } from '../bot/state.js';
import type { Config } from '../config.js';
import type { Attachment } from '../fetch/attachments.js';
import { ReportMetaSchema } from '../ingest/report.js';
import type { Candidate } from '../intake/candidate.js';
import { PgPendingStore, type PendingCodec } from './pending-uploads.js';
import { PgRateLimiter } from './rate-limits.js';
import { PgReplicaBoard } from './replica-status.js';
import { PgAnswerStore } from './shown-answers.js';

const CandidateRowSchema = z.object({
  name: z.string(),
  meta: ReportMetaSchema,
  summary: z.object({
    agency: z.string(),
    year: z.number().int(),
    template: ReportMetaSchema.shape.template,
    format: z.enum(['txt', 'md', 'html', 'pdf', 'docx', 'doc']),
    cells: z.number().int(),
    unknownCells: z.number().int(),
    findings: z.array(z.string()),
    copyOf: z.array(z.string()),
  }),
  hints: z.object({ charset: z.string().optional() }),
});

/** An upload: what was read and shown as JSON, the file in `bytes`. */
export const candidateCodec: PendingCodec<Candidate> = {
  encode: ({ bytes, ...rest }) => ({ json: rest, bytes }),
  decode: (json, bytes) => {
    const row = CandidateRowSchema.safeParse(json);
    return row.success && bytes !== null ? { ...row.data, bytes } : null;
  },
};

const AttachmentsSchema = z.array(z.object({ url: z.string(), label: z.string() }));

export const attachmentsCodec: PendingCodec<Attachment[]> = {
  encode: (attachments) => ({ json: attachments, bytes: null }),
  decode: (json) => {
    const list = AttachmentsSchema.safeParse(json);
    return list.success ? list.data : null;
  },
};

/** The state every replica over `pool` shares. */
export function databaseState(pool: pg.Pool, config: Config): BotState {
  return {
    answers: new PgAnswerStore(pool),
    limits: {
      questions: new PgRateLimiter(pool, 'question', config.rateLimitPerMinute),
      inline: new PgRateLimiter(pool, 'inline', inlineLimit(config)),
    },
    // Uploads wait in the database, each with its file (up to 20 MB).
    uploads: new PgPendingStore(pool, 'upload', candidateCodec, { ttlMs: UPLOAD_TTL_MS, capacity: 50 }),
    attachments: new PgPendingStore(pool, 'attachments', attachmentsCodec),
    replicas: new PgReplicaBoard(pool, modeOf(config)),
  };
}
