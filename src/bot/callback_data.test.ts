import { expect, test } from 'vitest';
import { decodeAction, encodeAction, type ButtonAction } from './callback_data.js';

test.each<ButtonAction>([
  { kind: 'page', answerId: 'k3x9a', page: 12 },
  { kind: 'sources', answerId: 'k3x9a' },
  { kind: 'csv', answerId: 'k3x9a' },
  { kind: 'example', index: 3 },
  { kind: 'add', uploadId: 'k3x9a' },
  { kind: 'cancel_add', uploadId: 'k3x9a' },
  { kind: 'attachment', listId: 'k3x9a', index: 7 },
])('%o survives the round trip within 64 bytes', (action) => {
  const data = encodeAction(action);
  expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
  expect(decodeAction(data)).toEqual(action);
});

test('data the bot did not make is recognised as such', () => {
  for (const data of ['', 'x', 'p:ABC:1', 's:', 'q:-1', 'p:abc:1:2']) expect(decodeAction(data)).toBeNull();
});

test('an id too long for Telegram is refused when the button is made', () => {
  expect(() => encodeAction({ kind: 'sources', answerId: 'a'.repeat(80) })).toThrow(/64 bytes/);
});
