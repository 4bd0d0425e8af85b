import { INDICATORS, type IndicatorDef } from '../facts/indicators.js';

/** A span of the question that names an indicator (公开率, 复议纠错率, 申请总量). */
export interface IndicatorMention {
  def: IndicatorDef;
  start: number;
  end: number;
  text: string;
}

const words = new Map<string, IndicatorDef>();
for (const def of INDICATORS) for (const w of [def.name, ...def.synonyms]) if (!words.has(w)) words.set(w, def);
const longest = Math.max(...[...words.keys()].map((w) => w.length));

/**
 * Finds the indicators a question names, left to right, longest word first: 不予公开率 is not
 * 公开率, 直接起诉败诉率 is not 败诉率.
 */
export function readIndicators(text: string): IndicatorMention[] {
  const out: IndicatorMention[] = [];
  for (let i = 0; i < text.length; ) {
    let hit: IndicatorMention | null = null;
    for (let len = Math.min(longest, text.length - i); len >= 2 && !hit; len--) {
      const def = words.get(text.slice(i, i + len));
      if (def) hit = { def, start: i, end: i + len, text: text.slice(i, i + len) };
    }
    if (!hit) {
      i++;
      continue;
    }
    if (!out.some((m) => m.def === hit.def)) out.push(hit);
    i = hit.end;
  }
  return out;
}

/** The question with the indicators' words blanked out, so that no metric is read inside them (申请总量 is no 申请). */
export function maskIndicators(text: string, mentions: readonly IndicatorMention[]): string {
  let out = text;
  for (const m of mentions) out = out.slice(0, m.start) + '□'.repeat(m.end - m.start) + out.slice(m.end);
  return out;
}
