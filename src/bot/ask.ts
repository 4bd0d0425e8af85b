import type { Context } from 'grammy';
import type { Answer } from '../query/answer.js';
import type { BotDeps } from './deps.js';
import { MESSAGE_TABLE_ROWS } from './message-table.js';
import { sendAnswer, sendPlain } from './reply.js';
import { withTyping } from './typing.js';

/** Longer than any question about a report; a pasted document is not a question. */
export const MAX_QUESTION_CHARS = 500;

/**
 * The one path from a question to an answer on screen, whatever door it came through (a private
 * message, a mention, /ask, /rank, an example button): limits, typing, `engine.ask`, send.
 * An engine failure gets an apology and is rethrown, to be logged once by the bot's error handler.
 */
export async function answerQuestion(ctx: Context, deps: BotDeps, question: string): Promise<void> {
  if (question.length > MAX_QUESTION_CHARS) {
    await sendPlain(ctx, `问题太长了（${question.length} 字）。请把问题缩短到 ${MAX_QUESTION_CHARS} 字以内再问一次。`);
    return;
  }
  if (!(await withinRateLimit(ctx, deps))) return;
  deps.stats.questions += 1;
  const started = Date.now();
  let answer: Answer;
  try {
    answer = await withTyping(ctx, deps.log, () => deps.engine.ask(question, { tableRows: MESSAGE_TABLE_ROWS }));
  } catch (err) {
    await sendPlain(ctx, '抱歉，回答这个问题时出错了，请稍后再试。').catch(() => undefined);
    throw err;
  }
  await sendAnswer(ctx, deps, answer);
  deps.log.info(
    { chat: ctx.chat?.id, user: ctx.from?.id, route: answer.route, chars: question.length, ms: Date.now() - started },
    'answered',
  );
}

/**
 * One member cannot flood a group: past the limit, questions are dropped, with one notice per
 * window. Admins are exempt.
 */
export async function withinRateLimit(ctx: Context, deps: BotDeps): Promise<boolean> {
  const user = ctx.from?.id;
  if (user === undefined || deps.config.access.adminUserIds.has(user)) return true;
  const verdict = await deps.limits.questions.take(String(user));
  if (verdict.allowed) return true;
  if (verdict.firstRefusal) {
    deps.log.info({ user, chat: ctx.chat?.id }, 'rate limited');
    await sendPlain(ctx, `提问太频繁了：每分钟最多 ${deps.limits.questions.limit} 个问题，请稍后再试。`);
  }
  return false;
}
