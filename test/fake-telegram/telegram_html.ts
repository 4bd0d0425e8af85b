/** Tags Telegram's HTML parse mode accepts (https://core.telegram.org/bots/api#html-style). */
const TAGS = new Set([
  'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'tg-emoji', 'code', 'pre', 'blockquote',
]);

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/**
 * Parses a message as Telegram's HTML mode does, strictly: only the supported tags, properly
 * nested; `<`, `>` and `&` only as part of a tag or one of the entities Telegram knows. Returns
 * the text a reader sees, or the reason Telegram would refuse the message.
 */
export function checkTelegramHtml(html: string): { ok: true; text: string } | { ok: false; error: string } {
  let text = '';
  const open: string[] = [];
  let i = 0;
  while (i < html.length) {
    const c = html[i] as string;
    if (c === '<') {
      const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*>/.exec(html.slice(i));
      if (tag === null) return { ok: false, error: `unexpected "<" at offset ${i}` };
      const [whole, closing, rawName] = tag as unknown as [string, string, string];
      const name = rawName.toLowerCase();
      if (!TAGS.has(name)) return { ok: false, error: `Unsupported start tag "${name}" at offset ${i}` };
      if (closing) {
        const expected = open.pop();
        if (expected !== name) return { ok: false, error: `Unmatched end tag "${name}" at offset ${i}, expected "${expected ?? '(none)'}"` };
      } else {
        open.push(name);
      }
      i += whole.length;
    } else if (c === '&') {
      const entity = /^&(?:([a-z]+);|#(\d+);|#x([0-9a-fA-F]+);)/.exec(html.slice(i));
      const named = entity?.[1];
      if (entity === null || (named !== undefined && !(named in NAMED))) {
        return { ok: false, error: `unescaped "&" at offset ${i}` };
      }
      text += named !== undefined ? NAMED[named] : String.fromCodePoint(entity[2] !== undefined ? Number(entity[2]) : parseInt(entity[3] as string, 16));
      i += entity[0].length;
    } else if (c === '>') {
      return { ok: false, error: `unescaped ">" at offset ${i}` };
    } else {
      text += c;
      i += 1;
    }
  }
  if (open.length > 0) return { ok: false, error: `Can't find end tag corresponding to start tag "${open.at(-1)}"` };
  return { ok: true, text };
}
