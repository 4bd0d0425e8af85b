import { Composer, type Context } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import type { BotDeps } from './deps.js';
import { EXAMPLE_QUESTIONS } from './examples.js';
import { inlineResults, wholeAnswerResult } from './inline_results.js';

/** Answers change only when the index is rebuilt; examples even less. Seconds. */
export const ANSWER_CACHE_SECONDS = 300;
export const EXAMPLES_CACHE_SECONDS = 3600;

/**
 * Inline mode: `@bot 牡丹江 2020 采购` in any chat lists figures and passages to send; an empty
 * query lists the example questions, each sending its answer.
 */
export function inline(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  let examples: Promise<InlineQueryResultArticle[]> | null = null;

  composer.on('inline_query', async (ctx) => {
    deps.stats.inlineQueries += 1;
    const query = ctx.inlineQuery.query.trim();
    if (query === '') {
      examples ??= exampleResults(deps).then((results) => {
        if (results.length < EXAMPLE_QUESTIONS.length) examples = null; // try the failed ones again next time
        return results;
      });
      await ctx.answerInlineQuery(await examples, {
        cache_time: EXAMPLES_CACHE_SECONDS,
        button: { text: '打开私聊，查看帮助', start_parameter: 'inline' },
      });
      return;
    }
    const user = ctx.from.id;
    if (!deps.config.access.adminUserIds.has(user) && !(await deps.limits.inline.take(String(user))).allowed) {
      await ctx.answerInlineQuery([], {
        cache_time: 0,
        is_personal: true,
        button: { text: '查询太频繁，请稍后再试', start_parameter: 'slow' },
      });
      return;
    }
    // An inline result is text: no table rows.
    const answer = await deps.engine.ask(query, { tableRows: 0 });
    await ctx.answerInlineQuery(inlineResults(answer), { cache_time: ANSWER_CACHE_SECONDS });
  });
  return composer;
}

async function exampleResults(deps: BotDeps): Promise<InlineQueryResultArticle[]> {
  const settled = await Promise.allSettled(EXAMPLE_QUESTIONS.map((q) => deps.engine.ask(q, { tableRows: 0 })));
  return settled.flatMap((s, i) => {
    if (s.status === 'fulfilled') return [wholeAnswerResult(s.value, `e${i}`, EXAMPLE_QUESTIONS[i])];
    deps.log.warn({ err: s.reason, question: EXAMPLE_QUESTIONS[i] }, 'example question failed');
    return [];
  });
}
