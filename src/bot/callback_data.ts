/**
 * The buttons' callback data, kept under Telegram's 64-byte limit: a one-letter kind and short
 * ids, e.g. `p:k3x9:2` (page 2 of answer k3x9), `s:k3x9` (its sources), `c:k3x9` (its rows as a
 * CSV file), `q:1` (example 1),
 * `a:k3x9` / `x:k3x9` (add upload k3x9 to the corpus / drop it), `l:k3x9:2` (fetch the third
 * attachment of link list k3x9).
 */
export type ButtonAction =
  | { kind: 'page'; answerId: string; page: number }
  | { kind: 'sources'; answerId: string }
  | { kind: 'csv'; answerId: string }
  | { kind: 'example'; index: number }
  | { kind: 'add'; uploadId: string }
  | { kind: 'cancel_add'; uploadId: string }
  | { kind: 'attachment'; listId: string; index: number };

/** The actions of the adding of reports (add_report.ts); the others belong to answers. */
export type AddAction = Extract<ButtonAction, { kind: 'add' | 'cancel_add' | 'attachment' }>;

export const isAddAction = (action: ButtonAction): action is AddAction =>
  action.kind === 'add' || action.kind === 'cancel_add' || action.kind === 'attachment';

export const CALLBACK_DATA_LIMIT = 64;

export function encodeAction(action: ButtonAction): string {
  const data = dataOf(action);
  if (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_LIMIT) {
    throw new RangeError(`callback data "${data}" exceeds Telegram's ${CALLBACK_DATA_LIMIT} bytes`);
  }
  return data;
}

function dataOf(action: ButtonAction): string {
  switch (action.kind) {
    case 'page':
      return `p:${action.answerId}:${action.page}`;
    case 'sources':
      return `s:${action.answerId}`;
    case 'csv':
      return `c:${action.answerId}`;
    case 'example':
      return `q:${action.index}`;
    case 'add':
      return `a:${action.uploadId}`;
    case 'cancel_add':
      return `x:${action.uploadId}`;
    case 'attachment':
      return `l:${action.listId}:${action.index}`;
  }
}

/** null for data this bot did not make (an old version's buttons, a forged query). */
export function decodeAction(data: string): ButtonAction | null {
  let m = /^p:([0-9a-z]{1,20}):(\d{1,4})$/.exec(data);
  if (m) return { kind: 'page', answerId: m[1] as string, page: Number(m[2]) };
  m = /^([sc]):([0-9a-z]{1,20})$/.exec(data);
  if (m) return { kind: m[1] === 's' ? 'sources' : 'csv', answerId: m[2] as string };
  m = /^q:(\d{1,3})$/.exec(data);
  if (m) return { kind: 'example', index: Number(m[1]) };
  m = /^([ax]):([0-9a-z]{1,20})$/.exec(data);
  if (m) return { kind: m[1] === 'a' ? 'add' : 'cancel_add', uploadId: m[2] as string };
  m = /^l:([0-9a-z]{1,20}):(\d{1,2})$/.exec(data);
  if (m) return { kind: 'attachment', listId: m[1] as string, index: Number(m[2]) };
  return null;
}
