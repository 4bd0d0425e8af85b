/**
 * The buttons' callback data, kept under Telegram's 64-byte limit: a one-letter kind and short
 * ids, e.g. `p:k3x9:2` (page 2 of answer k3x9), `s:k3x9` (its sources), `q:1` (example 1).
 */
export type ButtonAction =
  | { kind: 'page'; answerId: string; page: number }
  | { kind: 'sources'; answerId: string }
  | { kind: 'example'; index: number };

export const CALLBACK_DATA_LIMIT = 64;

export function encodeAction(action: ButtonAction): string {
  const data =
    action.kind === 'page'
      ? `p:${action.answerId}:${action.page}`
      : action.kind === 'sources'
        ? `s:${action.answerId}`
        : `q:${action.index}`;
  if (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_LIMIT) {
    throw new RangeError(`callback data "${data}" exceeds Telegram's ${CALLBACK_DATA_LIMIT} bytes`);
  }
  return data;
}

/** null for data this bot did not make (an old version's buttons, a forged query). */
export function decodeAction(data: string): ButtonAction | null {
  let m = /^p:([0-9a-z]{1,20}):(\d{1,4})$/.exec(data);
  if (m) return { kind: 'page', answerId: m[1] as string, page: Number(m[2]) };
  m = /^s:([0-9a-z]{1,20})$/.exec(data);
  if (m) return { kind: 'sources', answerId: m[1] as string };
  m = /^q:(\d{1,3})$/.exec(data);
  if (m) return { kind: 'example', index: Number(m[1]) };
  return null;
}
