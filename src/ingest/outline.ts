import type { Section } from './report.js';

/**
 * The six sections of the template, found by what their headings say rather than by their
 * numbers: reports renumber (seed 004 has two "二、"), drop 一、 (PDF extracts), or run the
 * whole report into one line (crawled pages).
 */
const SECTION_TITLES: ReadonlyArray<{ no: number; title: RegExp }> = [
  { no: 1, title: /总体情况/ },
  { no: 2, title: /主动公开政府信息(?:情况)?/ },
  { no: 3, title: /收到和处理政府信息公开申请(?:情况)?/ },
  // The words before 行政复议 never hold another numbering: "四、结转下年度继续办理0000000四、政府信息公开行政复议…"
  // (crawled text) starts section four at its second 四、, not at table 2's last row.
  { no: 4, title: /(?:(?![一二三四五六七]\s*[、.．])[^\n。]){0,16}?(?:行政法?复议[^\n。]{0,8}?行政诉讼|因政府信息公开申请(?:提起)?行政复议)[^\n。]{0,12}?情况/ },
  { no: 5, title: /(?:政府信息公开工作)?存在的?主要问题(?:及|和)(?:改进|整改)(?:情况|措施)/ },
  { no: 6, title: /其他需要报告的事项/ },
];

const NUMBERING = /(?<![第])[ \t　#]*([一二三四五六七])\s*[、.．]\s*/g;

interface Heading {
  no: number;
  start: number;
  /** End of the heading: end of its line when the line is short, else end of the title words. */
  end: number;
  title: string;
}

function findHeadings(text: string): Heading[] {
  const candidates: Heading[] = [];
  for (const m of text.matchAll(NUMBERING)) {
    const at = m.index! + m[0].length;
    const rest = text.slice(at, at + 60);
    for (const s of SECTION_TITLES) {
      const t = s.title.exec(rest);
      if (!t || t.index > 8) continue;
      const lineEnd = text.indexOf('\n', at);
      const line = text.slice(at, lineEnd < 0 ? text.length : lineEnd);
      const titleEnd = at + t.index + t[0].length;
      const end = line.length <= t.index + t[0].length + 8 ? at + line.length : titleEnd;
      candidates.push({ no: s.no, start: m.index!, end, title: text.slice(m.index!, end).trim().replace(/^#+\s*/, '') });
      break;
    }
  }
  // Keep the headings in template order, each the first after the previous one.
  const chosen: Heading[] = [];
  let pos = 0;
  for (const s of SECTION_TITLES) {
    const h = candidates.find((c) => c.no === s.no && c.start >= pos);
    if (h) {
      chosen.push(h);
      pos = h.end;
    }
  }
  return chosen;
}

/** Cuts the normalized text into the preamble (no 0) and the sections found. */
export function outline(text: string): Section[] {
  const headings = findHeadings(text);
  const sections: Section[] = [];
  const firstStart = headings[0]?.start ?? text.length;
  sections.push({ no: 0, title: '', text: text.slice(0, firstStart), start: 0, end: firstStart });
  headings.forEach((h, i) => {
    const end = headings[i + 1]?.start ?? text.length;
    sections.push({ no: h.no, title: h.title, text: text.slice(h.end, end), start: h.end, end });
  });
  return sections;
}

export const SECTION_NAMES: Record<number, string> = {
  0: '标题与前言',
  1: '一、总体情况',
  2: '二、主动公开政府信息情况',
  3: '三、收到和处理政府信息公开申请情况',
  4: '四、政府信息公开行政复议、行政诉讼情况',
  5: '五、存在的主要问题及改进情况',
  6: '六、其他需要报告的事项',
};
