import * as OpenCC from 'opencc-js/t2cn';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

const CN_DIGITS: Record<string, string> = {
  〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
};

/**
 * Brings a question to the form the readers expect: simplified characters (哪個局採購 → 哪个局采购),
 * half-width digits and letters, years written in Chinese numerals as digits (二〇二〇年 → 2020年),
 * whitespace collapsed.
 */
export function normalizeQuestion(question: string): string {
  let text = toSimplified(question.normalize('NFKC'));
  text = text.replace(/[〇零一二三四五六七八九]{4}(?=\s*年)/g, (m: string) => [...m].map((c) => CN_DIGITS[c]).join(''));
  return text.replace(/\s+/g, ' ').trim();
}

const SMALL: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 零: 0, 〇: 0 };

/** Reads a small count written either way: "3", "三", "十二", "二十", "两". Null when it is neither. */
export function readCount(s: string): number | null {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  const [, a, ten, b] = m;
  if (!ten) return a && !b ? SMALL[a] : null;
  return (a ? SMALL[a] : 1) * 10 + (b ? SMALL[b] : 0);
}
