import { createHash } from 'node:crypto';
import { InputFile, type Context } from 'grammy';
import { chartPlan, type ChartPlan } from '../export/chart-plan.js';
import { csvFileName, tableCsv } from '../export/csv.js';
import type { Logger } from '../log.js';
import type { Answer, AnswerTable } from '../query/answer.js';
import { replyParameters } from './reply_to.js';

/** Charts drawn lately, by what they show: a question asked again is not drawn again. */
const drawn = new Map<string, Promise<Buffer>>();
const DRAWN_KEPT = 50;

/**
 * The chart of an answer (a ranking, comparison or trend of several figures) as a PNG, or null
 * when it has none. A chart that fails to draw is logged and left out: the text still answers.
 */
export async function chartOf(answer: Answer, log: Logger): Promise<Buffer | null> {
  const plan = answer.table ? chartPlan(answer.table) : null;
  if (plan === null) return null;
  const key = createHash('sha256').update(JSON.stringify(plan)).digest('base64');
  let png = drawn.get(key);
  if (png === undefined) {
    png = draw(plan);
    drawn.set(key, png);
    if (drawn.size > DRAWN_KEPT) drawn.delete(drawn.keys().next().value as string);
  }
  try {
    return await png;
  } catch (err) {
    drawn.delete(key);
    log.warn({ err, question: answer.question }, 'the chart could not be drawn');
    return null;
  }
}

/** ECharts and resvg are loaded with the first chart: a bot that draws none never pays for them. */
async function draw(plan: ChartPlan): Promise<Buffer> {
  const { chartPng } = await import('../export/chart.js');
  return chartPng(plan);
}

/** Sends every row of an answer's table as a CSV file (the "导出CSV" button). */
export async function sendCsv(ctx: Context, table: AnswerTable): Promise<void> {
  const replyTo = replyParameters(ctx);
  const cut = table.total > table.rows.length ? `（共${table.total}行，文件含前${table.rows.length}行）` : '';
  await ctx.replyWithDocument(new InputFile(tableCsv(table), csvFileName(table)), {
    caption: `${table.title}：${table.rows.length}行${cut}`,
    ...(replyTo ? { reply_parameters: replyTo } : {}),
  });
}
