import type { Rng } from '../random.js';

/**
 * Spaces that text extraction leaves inside cells: every character apart ("结 果 维 持"), or one
 * space where a line broke inside the cell ("社会公 益组织", "保护第三方合法权 益").
 */
export type Spacing = 'none' | 'all' | 'some';

export function spaceOut(text: string, spacing: Spacing, rng: Rng): string {
  if (spacing === 'none' || text.length < 2 || /\d/.test(text)) return text;
  if (spacing === 'all') return text.length <= 6 ? text.split('').join(' ') : text;
  if (text.length < 4 || !rng.chance(0.5)) return text;
  const at = rng.int(2, text.length - 2);
  return `${text.slice(0, at)} ${text.slice(at)}`;
}

/** Cuts a text in two for a line break inside its cell; the tail stays short. */
export function cut(text: string, rng: Rng, maxTail = 10): [string, string] {
  // Cell texts are CJK and ASCII only (no astral characters), so UTF-16 indices are characters.
  const lo = Math.max(2, text.length - maxTail);
  const at = rng.int(lo, Math.max(lo, text.length - 2));
  return [text.slice(0, at), text.slice(at)];
}
