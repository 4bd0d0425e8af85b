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
import { sendHtml, sendPlain } from './reply.js';

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
    await sendPlain(ctx, statusText(deps));
  });
  return composer;
}

function statusText({ stats, config }: BotDeps): string {
  const uptime = Math.round((Date.now() - stats.startedAt.getTime()) / 1000);
  return [
    `运行 ${uptime} 秒，${config.telegram.webhook ? 'webhook' : '长轮询'}模式`,
    `更新 ${stats.updates} 条，提问 ${stats.questions} 个，行内查询 ${stats.inlineQueries} 次，错误 ${stats.errors} 次`,
    `语料 ${config.corpusDir}，索引 ${config.indexDir}`,
  ].join('\n');
}
