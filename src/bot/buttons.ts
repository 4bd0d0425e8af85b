import { Composer, GrammyError, type Context } from 'grammy';
import { answerQuestion } from './ask.js';
import { decodeAction, isAddAction } from './callback_data.js';
import type { BotDeps } from './deps.js';
import { EXAMPLE_QUESTIONS } from './examples.js';
import { sendCsv, wholeTable } from './exports.js';
import { renderSources } from './render.js';
import { editToPage, sendHtml } from './reply.js';

const EXPIRED = '这条回答已过期，请重新提问。';

/**
 * The buttons under answers and help: "来源" sends the original cells and sentences, "导出CSV"
 * the rows of the answer's table as a file, "更多" and "上一页" turn the answer's page in place,
 * an example button asks its question. The buttons of
 * adding a report are add_report.ts's, installed before this; one that reaches here is stale.
 */
export function buttons(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on('callback_query:data', async (ctx) => {
    const action = decodeAction(ctx.callbackQuery.data);
    if (action === null || isAddAction(action)) {
      await ctx.answerCallbackQuery({ text: EXPIRED });
      return;
    }
    if (action.kind === 'example') {
      const question = EXAMPLE_QUESTIONS[action.index];
      await ctx.answerCallbackQuery(question === undefined ? { text: EXPIRED } : {});
      if (question !== undefined) await answerQuestion(ctx, deps, question);
      return;
    }
    const shown = await deps.answers.get(action.answerId);
    const stale = (action.kind === 'page' && action.page >= (shown?.pages.length ?? 0)) || (action.kind === 'csv' && !shown?.answer.table);
    if (shown === undefined || stale) {
      await ctx.answerCallbackQuery({ text: EXPIRED });
      return;
    }
    await ctx.answerCallbackQuery();
    if (action.kind === 'sources') {
      await sendHtml(ctx, renderSources(shown.answer));
      return;
    }
    if (action.kind === 'csv') {
      const { table, changed } = await wholeTable(deps.engine, shown.answer, deps.log);
      await sendCsv(ctx, table, changed);
      return;
    }
    try {
      await editToPage(ctx, action.answerId, shown, action.page);
    } catch (err) {
      // A double tap asks for the page already shown.
      if (!(err instanceof GrammyError && /message is not modified/i.test(err.description))) throw err;
    }
  });
  return composer;
}
