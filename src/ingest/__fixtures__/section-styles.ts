/**
 * Ways offices number the six sections of a report, and a rewriter that renumbers the sections
 * of a text printed "一、…" in one of them. The outline test restyles the seed reports with it;
 * the typography property test restyles generated reports.
 */
const CN = '一二三四五六';

/** A section heading "三、收到和处理…" as it stands at the start of its line in the seeds. */
export const SECTION_HEADING = /^([一二三四五六])、(总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|[^\n]*行政复议[^\n]*情况|[^\n]*存在的?主要问题[^\n]*|其他需要报告的事项)\s*$/gm;

/** Turns a section's number (1–6) and title into its heading line(s). */
export type SectionStyle = (no: number, title: string) => string;

export const SECTION_STYLES: Record<string, SectionStyle> = {
  '（一）': (no, t) => `（${CN[no - 1]}）${t}`,
  '(一)': (no, t) => `(${CN[no - 1]}) ${t}`,
  '1.': (no, t) => `${no}.${t}`,
  '1、': (no, t) => `${no}、${t}`,
  '１．': (no, t) => `${String.fromCharCode(0xff10 + no)}．${t}`,
  第一部分: (no, t) => `第${CN[no - 1]}部分 ${t}`,
  第一章: (no, t) => `第${CN[no - 1]}章　${t}`,
  markdown: (no, t) => `## ${CN[no - 1]}、${t}`,
  bold: (no, t) => `**${CN[no - 1]}、${t}**`,
  bare: (_, t) => t,
  'two lines': (no, t) => `${CN[no - 1]}、${t.slice(0, Math.ceil(t.length / 2))}\n${t.slice(Math.ceil(t.length / 2))}`,
};

/** The text with every "一、总体情况"-style section heading rewritten in `style`. */
export function restyleSections(text: string, style: SectionStyle): string {
  return text.replace(SECTION_HEADING, (_, n: string, title: string) => style(CN.indexOf(n) + 1, title));
}
