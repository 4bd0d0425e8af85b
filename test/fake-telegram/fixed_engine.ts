import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../../src/engine.js';
import type { Answer, Citation } from '../../src/query/answer.js';
import { CORPUS_DIR } from '../paths.js';

/**
 * TEST DOUBLE of `Engine`. It understands nothing: it answers a few fixed questions with fixed
 * answers written from the bundled corpus (牡丹江 2020, 呼兰 2020 and 鹤岗 2022 reports),
 * and anything else with a "nothing found" answer that quotes the question back, as a real
 * engine's honest miss does. It records every question, and can be told to fail.
 */
export class FixedEngine implements Engine {
  readonly asked: string[] = [];
  /** Questions matching this throw, to exercise the bot's error path. */
  failOn: RegExp | null = null;

  constructor(readonly answers: ReadonlyMap<string, Answer> = fixedAnswers()) {}

  async ask(question: string): Promise<Answer> {
    this.asked.push(question);
    if (this.failOn?.test(question)) throw new Error(`FixedEngine told to fail on "${question}"`);
    const fixed = this.answers.get(question.trim());
    if (fixed) return { ...fixed, question };
    return { question, route: 'none', text: `没有找到与「${question}」有关的内容。`, citations: [] };
  }
}

const MDJ = { reportId: '004_1f4ee6e2bcc4addb', agency: '牡丹江市教育局', year: 2020 };
const HEGANG = { reportId: '000_49469f21e3e534d6', agency: '鹤岗市教育局', year: 2022 };
const HULAN = { reportId: '003_e1f77db6df68bd40', agency: '呼兰区教育局', year: 2020 };

/** The questions the double knows, named for tests. */
export const Q = {
  purchase: '牡丹江市教育局2020年政府集中采购总金额是多少',
  rank: '2020年采购金额排名',
  report: '牡丹江 2020年 年报概况',
  check: '牡丹江2020年的数据有什么矛盾',
  about: '语料概况',
  passages: '教育局政务公开做了哪些工作',
  inline: '牡丹江 2020 采购',
} as const;

/** The fixed answers, keyed by question. Passages are the report's own paragraphs, read from the corpus. */
export function fixedAnswers(): Map<string, Answer> {
  const purchaseCell: Citation = { ...MDJ, section: '二、主动公开政府信息情况', snippet: '政府集中采购\t38\t2896.642' };
  const purchaseSentence: Citation = {
    ...MDJ,
    section: '一、总体情况',
    snippet: '政府集中采购项目 7 项，采购总金额 2896 万元。',
  };
  const purchase: Answer = {
    question: Q.purchase,
    route: 'facts',
    text: '牡丹江市教育局 2020年：\n· 政府集中采购 采购总金额：2896.642 万元（表格）\n· 正文写作 2896 万元，与表格不一致。',
    citations: [purchaseCell, purchaseSentence],
  };
  const rank: Answer = {
    question: Q.rank,
    route: 'facts',
    text: '2020年 政府集中采购总金额 排名：\n1. 牡丹江市教育局 2896.642 万元\n2. 呼兰区教育局 258.3 万元',
    citations: [purchaseCell, { ...HULAN, section: '二、主动公开政府信息情况', snippet: '258.3万元' }],
  };
  const check: Answer = {
    question: Q.check,
    route: 'checks',
    text: '牡丹江市教育局 2020年 有 1 处数据矛盾：\n政府集中采购项目数量：表格 38 项，正文 7 项。',
    citations: [{ ...purchaseCell, snippet: '政府集中采购\t38\t2896.642' }, { ...purchaseSentence, snippet: '政府集中采购项目 7 项' }],
  };
  const about: Answer = {
    question: Q.about,
    route: 'meta',
    text: '语料共 5 份报告，5 个单位：鹤岗市教育局（2022）、焦作市教育局（2023）、同仁市教育局（2021）、呼兰区教育局（2020）、牡丹江市教育局（2020）。',
    citations: [],
  };
  const hits = [
    ...reportParagraphs('004_1f4ee6e2bcc4addb.txt').map((snippet) => ({ ...MDJ, snippet })),
    ...reportParagraphs('000_49469f21e3e534d6.txt').map((snippet) => ({ ...HEGANG, snippet })),
  ];
  const passages: Answer = {
    question: Q.passages,
    route: 'search',
    text: hits.map((h, i) => `${i + 1}. 【${h.agency} ${h.year}年】${h.snippet}`).join('\n\n'),
    citations: hits.map((h) => ({ ...h, section: '一、总体情况' })),
  };
  const report: Answer = {
    question: Q.report,
    route: 'facts',
    text: [
      '牡丹江市教育局 2020年 政府信息公开工作年度报告',
      '主动公开：规范性文件 本年新制作 3 件，对外公开总数 21 件；政府集中采购 38 项，2896.642 万元',
      '依申请公开：本年新收申请 0 件',
      '行政复议、行政诉讼：均为 0 件',
      '发现：政府集中采购项目数量，表格 38 项，正文 7 项',
    ].join('\n'),
    citations: [purchaseCell],
  };
  return new Map(
    [purchase, rank, check, about, passages, report, { ...purchase, question: Q.inline }].map((a) => [a.question, a]),
  );
}

/** The paragraphs of a bundled report's text, as printed (blank lines between them). */
export function reportParagraphs(file: string): string[] {
  return readFileSync(path.join(CORPUS_DIR, file), 'utf8')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 40);
}
