/**
 * Telegram HTML: every dynamic string goes through `escapeHtml` before it meets a tag. Only
 * `<`, `>` and `&` need escaping in Telegram's HTML parse mode; quotes are escaped too so that the
 * same function is safe inside an attribute (`<a href="…">`).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ENTITIES[c] as string);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function unescapeHtml(html: string): string {
  return html.replace(/&(amp|lt|gt|quot);/g, (_, name: string) => REVERSE[name] as string);
}

const REVERSE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };

export const bold = (text: string) => `<b>${escapeHtml(text)}</b>`;
export const italic = (text: string) => `<i>${escapeHtml(text)}</i>`;
export const code = (text: string) => `<code>${escapeHtml(text)}</code>`;
export const quote = (text: string) => `<blockquote>${escapeHtml(text)}</blockquote>`;

/** Shortens `text` to one line of at most `max` characters, marking the cut with "…". */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${sliceUtf16(flat, Math.max(0, max - 1)).trimEnd()}…`;
}

/** `text.slice(0, end)` that never leaves half of a surrogate pair (Telegram rejects those). */
export function sliceUtf16(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}
