import { normalizeForSearch } from './segment.js';

/** A query word to look for in a passage, with how much finding it counts. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface Highlight {
  sentence: string;
  /** `sentence` with every matched word wrapped in 【】. */
  highlighted: string;
}

/**
 * The sentence of a passage that holds the most (idf-weighted) question words, with those words
 * marked; the first sentence when none holds any (a passage found by its section's title).
 * Single characters are not looked for: 条 or 年 alone would light up everything.
 *
 * @example
 * bestSentence('…共计发表新闻162条。在“鹤岗教育”微信公众号共计发布信息700条。', [{ term: '公众号', weight: 2 }])
 * // → { sentence: '在“鹤岗教育”微信公众号共计发布信息700条。', highlighted: '在“鹤岗教育”微信【公众号】共计发布信息700条。' }
 */
export function bestSentence(text: string, terms: readonly WeightedTerm[]): Highlight {
  const wanted = terms
    .filter((t) => t.term.length >= 2 || /\d/.test(t.term))
    .sort((a, b) => b.term.length - a.term.length);
  const all = sentencesOf(text);
  let best = { sentence: all[0], score: 0 };
  for (const sentence of all) {
    const hay = searchable(sentence);
    const score = wanted.reduce((sum, t) => (hay.includes(t.term) ? sum + t.weight : sum), 0);
    if (score > best.score) best = { sentence, score };
  }
  return { sentence: best.sentence, highlighted: mark(best.sentence, wanted) };
}

/** Sentences ending in 。！？；or a line end, closing quotes kept with their sentence. */
export function sentencesOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[^。！？!?；;\n]+(?:[。！？!?；;]+["”’」』）)]*)?/g)) {
    const s = m[0].trim();
    if (s !== '') out.push(s);
  }
  return out.length > 0 ? out : [text.trim()];
}

/** The sentence in the form terms are in, when that keeps every character where it was. */
function searchable(sentence: string): string {
  const normalized = normalizeForSearch(sentence);
  return normalized.length === sentence.length ? normalized : sentence;
}

function mark(sentence: string, terms: readonly WeightedTerm[]): string {
  const hay = searchable(sentence);
  const taken = new Uint8Array(sentence.length);
  const ranges: Array<[number, number]> = [];
  for (const { term } of terms) {
    for (let at = hay.indexOf(term); at >= 0; at = hay.indexOf(term, at + term.length)) {
      const end = at + term.length;
      if (taken.subarray(at, end).some((x) => x === 1)) continue;
      taken.fill(1, at, end);
      ranges.push([at, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let last = 0;
  for (const [start, end] of ranges) {
    // Adjacent matches read as one: 【微信公众号】 rather than 【微信】【公众号】.
    if (start === last && out.endsWith('】')) out = out.slice(0, -1) + sentence.slice(start, end) + '】';
    else out += sentence.slice(last, start) + '【' + sentence.slice(start, end) + '】';
    last = end;
  }
  return out + sentence.slice(last);
}
