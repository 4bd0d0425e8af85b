import { Composer, type CommandContext, type Context } from 'grammy';
import { answerQuestion } from './ask.js';
import {
  aboutQuestion,
  askQuestion,
  checkQuestion,
  rankQuestion,
  reportQuestion,
  type CommandQuestion,
} from './command_questions.js';
import type { BotDeps } from './deps.js';
import { examplesKeyboard, helpText } from './help.js';
import { statusLines, statusOf } from './replicas.js';
import { sendHtml, sendPlain } from './reply.js';
import { modeOf } from './state.js';

/**
 * /start, /help and the commands that are questions in disguise (/ask, /report, /rank, /check,
 * /about). grammY matches `/ask@this_bot` too, and ignores `/ask@another_bot`.
 */
export function commands(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command(['start', 'help'], (ctx) => sendHtml(ctx, helpText(ctx.me.username), examplesKeyboard()));

  const asking = (toQuestion: (args: string) => CommandQuestion) => async (ctx: CommandContext<Context>) => {
    const result = toQuestion(typeof ctx.match === 'string' ? ctx.match : '');
    if (!result.ok) return sendPlain(ctx, result.usage);
    await answerQuestion(ctx, deps, result.question);
  };
  composer.command('ask', asking(askQuestion));
  composer.command('report', asking(reportQuestion));
  composer.command('rank', asking(rankQuestion));
  composer.command('check', asking(checkQuestion));
  composer.command('about', asking(aboutQuestion));

  composer.command('status', async (ctx, next) => {
    if (ctx.from === undefined || !deps.config.access.adminUserIds.has(ctx.from.id)) return next();
    await sendPlain(ctx, await statusText(deps));
  });
  return composer;
}

/** Every replica's counters (this one's alone when the others cannot be read), and where the reports are. */
async function statusText({ stats, config, replicas, log }: BotDeps): Promise<string> {
  const seen = await replicas.list(stats).catch((error: unknown) => {
    log.warn({ error }, 'could not read the replicas’ counters');
    return [statusOf(stats, modeOf(config), '本副本')];
  });
  return [...statusLines(seen), config.databaseUrl ? '报告在 PostgreSQL 数据库中' : `语料 ${config.corpusDir}，索引 ${config.indexDir}`].join('\n');
}
