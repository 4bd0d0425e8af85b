/**
 * What each command asks the engine. The bot has no knowledge of its own: `/rank 采购金额 2020`
 * becomes the question "2020年采购金额排名", which the engine answers like any other. Changing
 * how a command is phrased to the engine touches this file only.
 */
export type CommandQuestion = { ok: true; question: string } | { ok: false; usage: string };

export const USAGE = {
  ask: '用法：/ask 问题，例如 /ask 哪个局2020年采购总金额最多',
  report: '用法：/report 单位 年份，例如 /report 牡丹江 2020',
  rank: '用法：/rank 指标 年份，例如 /rank 采购金额 2020',
} as const;

/** `/ask 问题`: the question as typed. */
export function askQuestion(args: string): CommandQuestion {
  const question = args.trim();
  return question === '' ? { ok: false, usage: USAGE.ask } : { ok: true, question };
}

/** `/report 牡丹江 2020` → "牡丹江 2020年 年报概况". */
export function reportQuestion(args: string): CommandQuestion {
  const { words, year } = splitYear(args);
  if (words === '') return { ok: false, usage: USAGE.report };
  return { ok: true, question: year === null ? `${words} 年报概况` : `${words} ${year}年 年报概况` };
}

/** `/rank 采购金额 2020` → "2020年采购金额排名". */
export function rankQuestion(args: string): CommandQuestion {
  const { words, year } = splitYear(args);
  if (words === '') return { ok: false, usage: USAGE.rank };
  return { ok: true, question: year === null ? `${words}排名` : `${year}年${words}排名` };
}

/** `/check 牡丹江 2020` → "牡丹江2020年的数据有什么矛盾"; `/check` alone asks about every report. */
export function checkQuestion(args: string): CommandQuestion {
  const { words, year } = splitYear(args);
  if (words === '' && year === null) return { ok: true, question: '哪些报告的数据有矛盾' };
  return { ok: true, question: `${words}${year === null ? '' : `${year}年`}的数据有什么矛盾` };
}

/** `/about` → "语料概况". */
export function aboutQuestion(): CommandQuestion {
  return { ok: true, question: '语料概况' };
}

/** Separates a year ("2020", "2020年") from the other words of a command's arguments. */
function splitYear(args: string): { words: string; year: number | null } {
  const m = /(?<!\d)((?:19|20)\d{2})(?:\s*年)?(?!\d)/.exec(args);
  if (m === null) return { words: args.replace(/\s+/g, ' ').trim(), year: null };
  const rest = `${args.slice(0, m.index)} ${args.slice(m.index + m[0].length)}`;
  return { words: rest.replace(/\s+/g, ' ').trim(), year: Number(m[1]) };
}
