/**
 * Tokens as PostgreSQL text search values, written as literals and cast (`$1::tsvector`,
 * `$1::tsquery`): a cast takes each lexeme as it is, so the database holds exactly the tokens
 * jieba gave, where `to_tsvector` would parse them again with its own rules.
 */

/** Positions past this are stored as this (PostgreSQL's limit). */
const MAX_POSITION = 16383;
/** A lexeme is at most 2047 bytes; a longer token (a pasted address) is left out. */
const MAX_LEXEME_BYTES = 2046;

function quote(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

const fits = (token: string) => token !== '' && Buffer.byteLength(token) <= MAX_LEXEME_BYTES;

/**
 * A tsvector literal of tokens in order: each distinct token with its positions (1-based), so
 * that ts_rank_cd can weigh how close the words of a question stand.
 *
 * @example
 *   tsvectorLiteral(['采购', '金额', '采购']) // → "'采购':1,3 '金额':2"
 */
export function tsvectorLiteral(tokens: readonly string[]): string {
  const positions = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    if (!fits(t)) return;
    const list = positions.get(t);
    const at = Math.min(i + 1, MAX_POSITION);
    if (!list) positions.set(t, [at]);
    else if (list[list.length - 1] !== at) list.push(at);
  });
  return [...positions].map(([t, at]) => `${quote(t)}:${at.join(',')}`).join(' ');
}

/**
 * A tsquery literal matching a passage that holds any of the tokens (ranking then prefers the
 * passages holding more of them, closer together); null when no token is left.
 *
 * @example
 *   tsqueryLiteral(['公众号', '信息']) // → "'公众号' | '信息'"
 */
export function tsqueryLiteral(tokens: readonly string[]): string | null {
  const distinct = [...new Set(tokens.filter(fits))];
  return distinct.length ? distinct.map(quote).join(' | ') : null;
}
