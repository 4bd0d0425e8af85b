import { createHash } from 'node:crypto';
import { InputFile, type Context } from 'grammy';
import type { Engine } from '../engine.js';
import { chartPlan, type ChartPlan } from '../export/chart-plan.js';
import { csvFileName, tableCsv } from '../export/csv.js';
import type { Logger } from '../log.js';
import { TABLE_ROWS, type Answer, type AnswerTable } from '../query/answer.js';
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

/**
 * Every row of a kept answer's table, for 导出CSV: the table kept when it holds them all, else the
 * question asked again for all (up to `TABLE_ROWS`). When the corpus has changed since, the
 * table asked again is of the corpus now (`changed`); when asking fails, the kept rows are sent.
 */
export async function wholeTable(engine: Engine, answer: Answer, log: Logger): Promise<{ table: AnswerTable; changed: boolean }> {
  const kept = answer.table as AnswerTable;
  if (kept.rows.length >= Math.min(kept.total, TABLE_ROWS)) return { table: kept, changed: false };
  try {
    const again = (await engine.ask(answer.question, { tableRows: TABLE_ROWS })).table;
    if (again && again.title === kept.title && again.columns.join('\t') === kept.columns.join('\t')) return { table: again, changed: again.total !== kept.total };
    log.warn({ question: answer.question }, 'the question asked again for its whole table gives another table: the kept rows are exported');
  } catch (err) {
    log.warn({ err, question: answer.question }, 'the whole table could not be read: the kept rows are exported');
  }
  return { table: kept, changed: false };
}

/** Sends every row of an answer's table as a CSV file (the "导出CSV" button); `changed`: read from a corpus changed since the answer. */
export async function sendCsv(ctx: Context, table: AnswerTable, changed = false): Promise<void> {
  const replyTo = replyParameters(ctx);
  const cut = table.total > table.rows.length ? `（共${table.total}行，文件含前${table.rows.length}行）` : '';
  const now = changed ? '（语料已更新，按当前语料导出）' : '';
  await ctx.replyWithDocument(new InputFile(tableCsv(table), csvFileName(table)), {
    caption: `${table.title}：${table.rows.length}行${cut}${now}`,
    ...(replyTo ? { reply_parameters: replyTo } : {}),
  });
}
