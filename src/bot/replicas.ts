/**
 * What the admins' /status reports of each process serving the bot: its counters (`BotStats`).
 * One process knows its own (`MemoryReplicaBoard`); replicas over one database each record theirs
 * there (db/replica-status.ts) and /status on any of them lists them all, with their sum.
 */
import os from 'node:os';
import type { BotStats } from './deps.js';

/** One replica's counters as last recorded. */
export interface ReplicaStatus {
  replica: string;
  mode: 'webhook' | 'polling';
  startedAt: Date;
  seenAt: Date;
  updates: number;
  questions: number;
  inlineQueries: number;
  errors: number;
}

export interface ReplicaBoard {
  /** Records this process's counters (at most once per the board's interval; `now` records at once). */
  record(stats: BotStats, opts?: { now?: boolean }): Promise<void>;
  /** The replicas seen lately, this one first, having recorded its counters now. */
  list(stats: BotStats): Promise<ReplicaStatus[]>;
}

let boards = 0;

/** A new board's name among the replicas: host and process id (and its number, for a second bot in one process). */
export function replicaName(): string {
  boards += 1;
  return `${os.hostname()}:${process.pid}${boards > 1 ? `#${boards}` : ''}`;
}

/** The counters of one process, in the board's form. */
export function statusOf(stats: BotStats, mode: ReplicaStatus['mode'], replica: string): ReplicaStatus {
  return {
    replica,
    mode,
    startedAt: stats.startedAt,
    seenAt: new Date(),
    updates: stats.updates,
    questions: stats.questions,
    inlineQueries: stats.inlineQueries,
    errors: stats.errors,
  };
}

/** One process: itself only. */
export class MemoryReplicaBoard implements ReplicaBoard {
  private readonly replica = replicaName();

  constructor(private readonly mode: ReplicaStatus['mode']) {}

  async record(): Promise<void> {}

  async list(stats: BotStats): Promise<ReplicaStatus[]> {
    return [statusOf(stats, this.mode, this.replica)];
  }
}

/** /status: the replicas' counters, their sum first when there are several. */
export function statusLines(replicas: readonly ReplicaStatus[], now = new Date()): string[] {
  const line = (r: Pick<ReplicaStatus, 'updates' | 'questions' | 'inlineQueries' | 'errors'>) =>
    `更新 ${r.updates} 条，提问 ${r.questions} 个，行内查询 ${r.inlineQueries} 次，错误 ${r.errors} 次`;
  const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
  const mode = (m: ReplicaStatus['mode']) => (m === 'webhook' ? 'webhook' : '长轮询');
  const [self] = replicas;
  if (replicas.length <= 1) return [`运行 ${seconds(self.startedAt, now)} 秒，${mode(self.mode)}模式`, line(self)];
  const sum = (k: 'updates' | 'questions' | 'inlineQueries' | 'errors') => replicas.reduce((n, r) => n + r[k], 0);
  return [
    `${replicas.length} 个副本，合计：${line({ updates: sum('updates'), questions: sum('questions'), inlineQueries: sum('inlineQueries'), errors: sum('errors') })}`,
    ...replicas.map(
      (r, i) => `${i === 0 ? '本副本' : '副本'} ${r.replica}（${mode(r.mode)}，运行 ${seconds(r.startedAt, now)} 秒，${seconds(r.seenAt, now)} 秒前记录）：${line(r)}`,
    ),
  ];
}
