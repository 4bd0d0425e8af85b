import { InlineKeyboard } from 'grammy';
import { encodeAction } from './callback_data.js';
import { EXAMPLE_QUESTIONS } from './examples.js';
import { bold, escapeHtml } from './html.js';

/** What the bot knows and how to ask it (/start, /help), for a bot called `@username`. */
export function helpText(username: string): string {
  const at = escapeHtml(`@${username}`);
  return [
    bold('政府信息公开工作年度报告问答'),
    '我读过语料里各单位的《政府信息公开工作年度报告》，可以回答：\n' +
      '• 某单位某年的具体数字（主动公开、依申请公开、行政复议和诉讼三张表）\n' +
      '• 各单位某项指标的排名与比较\n' +
      '• 报告原文怎么说（工作举措、存在的问题和改进情况）\n' +
      '• 报告里前后矛盾、对不上的数据',
    bold('命令') +
      '\n/ask 问题 — 提问\n' +
      '/report 单位 年份 — 一份年报的概况\n' +
      '/rank 指标 年份 — 指标排名\n' +
      '/check [单位 年份] — 数据一致性检查\n' +
      '/about — 语料概况',
    `私聊时直接发问题即可；在群里请用 /ask、@提到我（${at}），或回复我的消息。` +
      `在任何聊天的输入框里输入 ${at} 加问题，可以用行内模式快速查数字。`,
    '每个回答都注明来源；点「来源」看报告原文，点「更多」翻页。下面是几个例子，点一下试试：',
  ].join('\n\n');
}

/** One button per example question; pressing it asks the question. */
export function examplesKeyboard(): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  EXAMPLE_QUESTIONS.forEach((question, index) => keyboard.text(question, encodeAction({ kind: 'example', index })).row());
  return keyboard;
}
